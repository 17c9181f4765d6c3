// The one value formatter: each format users see, and what sets them apart.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "present/value_format.hpp"

using namespace qpl;
using namespace qpl::present;

namespace {

Value list(std::vector<Value> items) { return Value(std::make_shared<const ListValue>(std::move(items))); }
Value record(std::vector<Value> fields) {
  return Value(std::make_shared<const RecordValue>(RecordValue{std::move(fields)}));
}

struct EventType {
  TypeTable types;
  RecordType event{"event", {}};
  TypeRef type = nullptr;
  EventType() {
    FieldSchema kind;
    kind.name = "type";
    kind.type = types.text();
    FieldSchema day;
    day.name = "day";
    day.type = types.date();
    event.fields = {kind, day};
    type = types.record_of(&event);
  }
};

}  // namespace

TEST_CASE("value_format: scalars in every format") {
  const Value text(std::string("a\"b\x01"));
  CHECK(format_value(text, nullptr, trace_text_format) == "\"a\"b\x01\"");  // sanitized later, whole
  CHECK(format_value(text, nullptr, literal_format) == R"("a\"b\u{1}")");
  CHECK(format_value(text, nullptr, test_message_format) == R"("a\"b\u0001")");
  CHECK(format_value(text, nullptr, table_cell_format) == "a\"b\\x01");
  CHECK(format_value(text, nullptr, trace_json_format) == R"("a\"b\u0001")");
  CHECK(format_value(Value(std::string("=1+2")), nullptr, csv_cell_format) == "'=1+2");
  CHECK(format_value(Value(20.5), nullptr, trace_text_format) == "20.5");
  CHECK(format_value(Value(-0.0), nullptr, trace_text_format) == "0");
  CHECK(format_value(Value(1e21), nullptr, trace_text_format) == "1000000000000000000000");
  CHECK(format_value(Value(std::string()), nullptr, trace_text_format) == "\"\"");
  CHECK(format_value(Value(false), nullptr, trace_text_format) == "false");
  CHECK(format_value(Value(Date{0}), nullptr, trace_text_format) == "1970-01-01");
  CHECK(format_value(Value(Date{0}), nullptr, trace_json_format) == "\"1970-01-01\"");
  CHECK(format_value(Value(Date{0}), nullptr, csv_cell_format) == "1970-01-01");
  CHECK(format_value(Value(Unknown{}), nullptr, trace_text_format) == "unknown");
  CHECK(format_value(Value(Unknown{}), nullptr, trace_json_format) == "null");
  CHECK(format_value(Value(Unknown{}), nullptr, csv_cell_format).empty());
  CHECK(format_value(Value(true), nullptr, csv_cell_format) == "true");
}

TEST_CASE("value_format: lists are cut in the trace only, and are unknown in a result cell") {
  const Value six = list({Value(1.0), Value(2.0), Value(3.0), Value(4.0), Value(5.0), Value(6.0)});
  CHECK(format_value(six, nullptr, trace_text_format) == "[1, 2, 3, 4, 5, … 1 more]");
  CHECK(format_value(six, nullptr, literal_format) == "[1, 2, 3, 4, 5, 6]");
  CHECK(format_value(six, nullptr, trace_json_format) == "[1,2,3,4,5,6]");
  CHECK(format_value(six, nullptr, table_cell_format) == "unknown");
  CHECK(format_value(six, nullptr, ndjson_cell_format) == "null");
  CHECK(format_value(six, nullptr, csv_cell_format).empty());
}

TEST_CASE("value_format: records are named by their type, opaque in test messages") {
  const EventType t;
  const Value event = record({Value(std::string("webinar")), Value(Date{1})});
  CHECK(format_value(event, t.type, literal_format) == R"({type: "webinar", day: 1970-01-02})");
  CHECK(format_value(event, nullptr, trace_text_format) == R"({"webinar", 1970-01-02})");
  CHECK(format_value(event, t.type, trace_json_format) == R"({"type":"webinar","day":"1970-01-02"})");
  CHECK(format_value(event, nullptr, trace_json_format) == R"(["webinar","1970-01-02"])");
  CHECK(format_value(list({event}), nullptr, test_message_format) == "[{...}]");
}

TEST_CASE("value_format: the REPL's literal stops 16 levels down") {
  Value deep(1.0);
  for (int i = 0; i < 20; ++i) deep = list({deep});
  const std::string shown = format_value(deep, nullptr, literal_format);
  CHECK(shown == std::string(17, '[') + "..." + std::string(17, ']'));
}
