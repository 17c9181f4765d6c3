// Readers bind each record into the caller's ReadItem, reusing the lists and nested records of
// the previous one: nothing of an earlier record may show through, and a list someone still
// holds must never change.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "io/lead_reader.hpp"
#include "io_test_support.hpp"

using namespace qpl;
using namespace qpl::io_test;

namespace {

struct EventSchema : TestSchema {
  EventSchema() {
    RecordType& event = record("event");
    event.fields.push_back(make_field("type", types.text(), false, ""));
    event.fields.push_back(make_field("note", types.text(), true, ""));
    field("id", types.text());
    field("events", types.list_of(types.record_of(&event)), true);
    field("tags", types.list_of(types.text()), true);
  }
};

// Every record read into one ReadItem, shown right after it is read.
std::vector<std::string> read_in_place(io::InputFormat format, std::string_view text,
                                       const Schema& schema) {
  std::FILE* f = file_with(text);
  std::vector<std::string> shown;
  auto reader = io::open_lead_reader(format, f, "test", schema);
  io::ReadItem item;
  while (reader->next(item)) shown.push_back(show(item));
  std::fclose(f);
  return shown;
}

}  // namespace

TEST_CASE("ndjson: a reused item shows nothing of the previous record") {
  EventSchema s;
  const auto shown = read_in_place(io::InputFormat::ndjson,
                                   R"({"id":"a","events":[{"type":"x","note":"n1"},{"type":"y"},{"type":"z","note":"n3"}],"tags":["t1","t2"]})"
                                   "\n"
                                   R"({"id":"b","events":[{"type":"w"}],"tags":[]})"
                                   "\n"
                                   R"({"id":"c"})"
                                   "\n"
                                   R"({"id":"d","events":[{"type":"p"},{"type":null}]})"
                                   "\n"
                                   R"({"id":"e","events":[{"type":"q","note":"k"},{"type":"r"}],"tags":["u"]})"
                                   "\n",
                                   s.schema);
  REQUIRE(shown.size() == 5);
  CHECK(shown[0] == R"("a" [{"x", "n1"}, {"y", unknown}, {"z", "n3"}] ["t1", "t2"])");
  CHECK(shown[1] == R"("b" [{"w", unknown}] [])");
  CHECK(shown[2] == R"("c" unknown unknown)");
  CHECK(shown[3] == "error: events[1].type: required field is missing");
  CHECK(shown[4] == R"("e" [{"q", "k"}, {"r", unknown}] ["u"])");
}

TEST_CASE("ndjson: a list still held elsewhere is never overwritten by the next record") {
  EventSchema s;
  std::FILE* f = file_with(R"({"id":"a","events":[{"type":"x"}],"tags":["t1"]})"
                           "\n"
                           R"({"id":"b","events":[{"type":"y"},{"type":"z"}],"tags":["t2"]})"
                           "\n");
  auto reader = io::open_lead_reader(io::InputFormat::ndjson, f, "test", s.schema);
  io::ReadItem item;
  REQUIRE(reader->next(item));
  const Value kept_events = item.record.fields[1];  // as an evaluator's memo would keep it
  const Value kept_tags = item.record.fields[2];
  REQUIRE(reader->next(item));
  std::fclose(f);
  CHECK(show(item) == R"("b" [{"y", unknown}, {"z", unknown}] ["t2"])");
  CHECK(show(kept_events) == R"([{"x", unknown}])");
  CHECK(show(kept_tags) == R"(["t1"])");
}

TEST_CASE("csv: JSON cells reuse the previous row's list without leaking it") {
  EventSchema s;
  const auto shown = read_in_place(io::InputFormat::csv,
                                   "id,events,tags\n"
                                   "a,\"[{\"\"type\"\":\"\"x\"\"},{\"\"type\"\":\"\"y\"\"}]\",\"[\"\"t\"\"]\"\n"
                                   "b,\"[{\"\"type\"\":\"\"z\"\",\"\"note\"\":\"\"n\"\"}]\",\n",
                                   s.schema);
  REQUIRE(shown.size() == 2);
  CHECK(shown[0] == R"("a" [{"x", unknown}, {"y", unknown}] ["t"])");
  CHECK(shown[1] == R"("b" [{"z", "n"}] unknown)");
}
