// NDJSON and JSON-array readers: R39..R42 and R45, values and error texts exact.
#include <doctest/doctest.h>

#include "io/lead_reader.hpp"
#include "io_test_support.hpp"

using namespace qpl;
using namespace qpl::io_test;

namespace {

struct LeadSchema : TestSchema {
  LeadSchema() {
    RecordType& event = record("event");
    event.fields.push_back(make_field("type", types.text(), false, ""));
    event.fields.push_back(make_field("day", types.date(), false, ""));
    event.fields.push_back(make_field("note", types.text(), true, ""));
    field("id", types.text());
    field("company_size", types.number());
    field("seniority", types.enum_of({"ic", "manager", "director", "vp", "c_level"}), true);
    field("demo", types.boolean(), true);
    field("last", types.date(), true);
    field("events", types.list_of(types.record_of(&event)), true);
    field("tags", types.list_of(types.text()), true);
    schema.missing_values = {"N/A", "Select"};
  }
};

std::string one(const Schema& schema, std::string_view line) {
  const auto items = read_all(io::InputFormat::ndjson, line, schema);
  REQUIRE(items.size() == 1);
  return show(items[0]);
}

}  // namespace

TEST_CASE("ndjson: a record binds one value per schema slot, absent optionals unknown") {
  LeadSchema s;
  CHECK(one(s.schema, R"({"id":"L-1","company_size":200,"seniority":"vp","demo":true,)"
                      R"("last":"2026-10-30","events":[{"type":"webinar","day":"2026-10-01"}],)"
                      R"("tags":["a","b"],"ignored":{"x":[1,2]}})") ==
        R"("L-1" 200 "vp" true 2026-10-30 [{"webinar", 2026-10-01, unknown}] ["a", "b"])");
  CHECK(one(s.schema, R"({"id":"L-2","company_size":5})") ==
        R"("L-2" 5 unknown unknown unknown unknown unknown)");
}

TEST_CASE("ndjson: a byte-order mark before the first line is not part of the record") {
  LeadSchema s;
  const auto items = read_all(io::InputFormat::ndjson,
                              "\xEF\xBB\xBF{\"id\":\"a\",\"company_size\":1}\r\n"
                              "\xEF\xBB\xBF{\"id\":\"b\",\"company_size\":2}\n",
                              s.schema);
  REQUIRE(items.size() == 2);
  CHECK(show(items[0]) == R"("a" 1 unknown unknown unknown unknown unknown)");
  // Only the file's first bytes can be a byte-order mark: later, they are invalid JSON.
  CHECK(show(items[1]).starts_with("error: invalid JSON"));
}

TEST_CASE("ndjson: required fields, null and missing values (R39, R41)") {
  LeadSchema s;
  CHECK(one(s.schema, R"({"id":"L"})") == "error: company_size: required field is missing");
  CHECK(one(s.schema, R"({"id":"L","company_size":null})") ==
        "error: company_size: required field is missing");
  CHECK(one(s.schema, R"({"id":"L","company_size":"N/A"})") ==
        "error: company_size: required field is missing");
  // A missing value in a number field is missing, not a type error; exact and untrimmed.
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"seniority":"Select","demo":"N/A"})") ==
        R"("L" 1 unknown unknown unknown unknown unknown)");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"seniority":" N/A"})") ==
        R"(error: seniority: expected one of "ic", "manager", "director", "vp", "c_level", got " N/A")");
  // Elements of lists of primitives keep a missing-values text.
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"tags":["N/A"]})") ==
        R"("L" 1 unknown unknown unknown unknown ["N/A"])");
  // Record fields inside list elements do apply them.
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"events":[{"type":"a","day":"2026-01-02","note":"N/A"}]})") ==
        R"("L" 1 unknown unknown unknown [{"a", 2026-01-02, unknown}] unknown)");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"events":[{"type":"a","day":"2026-01-02"},{"type":"b","day":"Select"}]})") ==
        "error: events[1].day: required field is missing");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"events":[{"type":"a"}]})") ==
        "error: events[0].day: required field is missing");
}

TEST_CASE("ndjson: forgiving conversions of JSON strings and numbers (R42)") {
  LeadSchema s;
  CHECK(one(s.schema, R"({"id":17,"company_size":"12","demo":"yes"})") ==
        R"("17" 12 unknown true unknown unknown unknown)");
  CHECK(one(s.schema, R"({"id":2.5,"company_size":" 1e3 ","demo":"TRUE"})") ==
        R"("2.5" 1000 unknown true unknown unknown unknown)");
  CHECK(one(s.schema, R"({"id":true,"company_size":0,"demo":"0"})") ==
        R"("true" 0 unknown false unknown unknown unknown)");
  CHECK(one(s.schema, R"({"id":"L","company_size":"fifty"})") ==
        R"(error: company_size: expected a number, got "fifty")");
  CHECK(one(s.schema, R"({"id":"L","company_size":"12,5"})") ==
        R"(error: company_size: expected a number, got "12,5" (to read it, declare the field with format "1.000,00"))");
  CHECK(one(s.schema, R"({"id":"L","company_size":true})") ==
        "error: company_size: expected a number, got true");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"demo":1})") ==
        "error: demo: expected a bool, got 1");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"seniority":"VP"})") ==
        R"(error: seniority: expected one of "ic", "manager", "director", "vp", "c_level", got "VP")");
  CHECK(one(s.schema, R"({"id":["x"],"company_size":1})") == "error: id: expected text, got a list");
  CHECK(one(s.schema, R"({"id":"L","company_size":{}})") ==
        "error: company_size: expected a number, got an object");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"tags":"a"})") ==
        R"(error: tags: expected a list, got "a")");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"tags":["a",null]})") ==
        "error: tags[1]: expected text, got null");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"events":[3]})") ==
        "error: events[0]: expected an object, got 3");
}

TEST_CASE("ndjson: dates keep the day and ignore the time (R42)") {
  LeadSchema s;
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"last":"2026-01-05T23:30:00-08:00"})") ==
        R"("L" 1 unknown unknown 2026-01-05 unknown unknown)");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"last":"2026-01-05 10:00"})") ==
        R"("L" 1 unknown unknown 2026-01-05 unknown unknown)");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"last":"2026-02-30"})") ==
        R"(error: last: expected a date (YYYY-MM-DD), got "2026-02-30")");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"last":"05/01/2026"})") ==
        R"(error: last: expected a date (YYYY-MM-DD), got "05/01/2026" (to read it, declare the field with format "DD/MM/YYYY" or "MM/DD/YYYY"))");
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"last":20260105})") ==
        "error: last: expected a date (YYYY-MM-DD), got 20260105");
}

TEST_CASE("ndjson: big numbers round, numbers beyond the double range are errors (R42)") {
  LeadSchema s;
  CHECK(one(s.schema, R"({"id":"L","company_size":9007199254740993})") ==
        R"("L" 9007199254740992 unknown unknown unknown unknown unknown)");
  CHECK(one(s.schema, R"({"id":"L","company_size":123456789012345678901234567890})") ==
        R"("L" 123456789012345680000000000000 unknown unknown unknown unknown unknown)");
  CHECK(one(s.schema, R"({"id":"L","company_size":-18446744073709551617})") ==
        R"("L" -18446744073709552000 unknown unknown unknown unknown unknown)");
  CHECK(one(s.schema, R"({"id":"L","company_size":1e400})") ==
        "error: company_size: expected a number, got 1e400 (beyond the range of numbers)");
  // Echoed like a found text: cut after io::limits::max_quoted_bytes, not the whole number.
  const std::string digits(100000, '9');
  CHECK(one(s.schema, R"({"id":"L","company_size":)" + digits + "}") ==
        "error: company_size: expected a number, got " + digits.substr(0, 60) +
            "... (beyond the range of numbers)");
  CHECK(one(s.schema, R"({"id":"L","company_size":-1)" + digits + "e99999}") ==
        "error: company_size: expected a number, got -1" + digits.substr(0, 58) +
            "... (beyond the range of numbers)");
  // Outside the schema it is ignored like any other key.
  CHECK(one(s.schema, R"({"id":"L","company_size":1,"other":1e400})") ==
        R"("L" 1 unknown unknown unknown unknown unknown)");
  CHECK(one(s.schema, R"({"id":"L","company_size":"1e400"})") ==
        R"(error: company_size: expected a number, got "1e400")");
  CHECK(one(s.schema, R"({"id":"L","company_size":NaN})").starts_with("error: invalid JSON"));
  CHECK(one(s.schema, R"({"id":"L","company_size":"NaN"})") ==
        R"(error: company_size: expected a number, got "NaN")");
  CHECK(one(s.schema, R"({"id":"L","company_size":"Infinity"})") ==
        R"(error: company_size: expected a number, got "Infinity")");
}

TEST_CASE("ndjson: duplicate keys, the last wins; keys outside the schema are ignored") {
  LeadSchema s;
  CHECK(one(s.schema, R"({"id":"a","company_size":1,"company_size":2,"id":"b","x":null})") ==
        R"("b" 2 unknown unknown unknown unknown unknown)");
}

TEST_CASE("ndjson: `from` reads the exact key first, then a dotted path (R40)") {
  TestSchema s;
  s.field("owner", s.types.text(), true, "crm.owner");
  s.field("size", s.types.number(), false, "company.size");
  RecordType& address = s.record("address");
  address.fields.push_back(TestSchema::make_field("city", s.types.text(), false, "town"));
  s.field("hq", s.types.record_of(&address), true, "company.hq");
  const Schema& schema = s.schema;
  CHECK(one(schema, R"({"crm.owner":"flat","crm":{"owner":"nested"},"company":{"size":5}})") ==
        R"("flat" 5 unknown)");
  CHECK(one(schema, R"({"crm":{"owner":"nested"},"company":{"size":5,"hq":{"town":"Lyon"}}})") ==
        R"("nested" 5 {"Lyon"})");
  CHECK(one(schema, R"({"crm":null,"company":{"size":5}})") == "unknown 5 unknown");
  CHECK(one(schema, R"({"company":null})") == "error: size: required field is missing");
  CHECK(one(schema, R"({"company":{}})") == "error: size: required field is missing");
  CHECK(one(schema, R"({"company":"Acme"})") ==
        R"(error: size: expected an object at 'company', got "Acme")");
  CHECK(one(schema, R"({"company":{"size":1,"hq":{"city":"Lyon"}}})") ==
        "error: hq.city: required field is missing");
  // The field name itself is not looked up when `from` is given.
  CHECK(one(schema, R"({"size":5})") == "error: size: required field is missing");
}

TEST_CASE("ndjson: lines, blank lines, record numbers and line numbers (R45)") {
  LeadSchema s;
  const auto items = read_all(io::InputFormat::ndjson,
                              "{\"id\":\"a\",\"company_size\":1}\r\n"
                              "\n   \t\r\n"
                              "[1,2]\n"
                              "{\"id\":\"b\",\n"
                              "42\n"
                              "{\"id\":\"\xff\",\"company_size\":1}\n"
                              "{\"id\":\"\\uDC00\",\"company_size\":1}\n"
                              "{\"id\":\"\\uD83D\\uDE00\",\"company_size\":1}",
                              s.schema, 10);
  REQUIRE(items.size() == 7);
  CHECK(items[0].number == 10);
  CHECK(items[0].line == 1);
  CHECK(show(items[0]) == R"("a" 1 unknown unknown unknown unknown unknown)");
  CHECK(items[1].number == 11);
  CHECK(items[1].line == 4);
  CHECK(show(items[1]) == "error: expected an object, got a list");
  CHECK(items[2].line == 5);
  CHECK(show(items[2]).starts_with("error: invalid JSON"));
  CHECK(show(items[3]) == "error: expected an object, got 42");
  CHECK(show(items[4]) == "error: invalid UTF-8");
  CHECK(show(items[5]) == "error: invalid JSON: a string has a bad escape or a lone surrogate");
  CHECK(items[6].ok);
  CHECK(show(items[6].record.fields[0]) == "\"\xF0\x9F\x98\x80\"");
  CHECK(items[6].number == 16);
  CHECK(items[6].line == 9);
}

TEST_CASE("ndjson: a record larger than a chunk and nesting beyond the limit") {
  LeadSchema s;
  const std::string big(3u << 20, 'x');
  const auto items = read_all(
      io::InputFormat::ndjson,
      "{\"id\":\"" + big + "\",\"company_size\":1}\n" + "{\"id\":\"a\",\"company_size\":" +
          std::string(10000, '[') + std::string(10000, ']') + "}\n",
      s.schema);
  REQUIRE(items.size() == 2);
  REQUIRE(items[0].ok);
  CHECK(std::get<std::string>(items[0].record.fields[0].data).size() == big.size());
  CHECK(show(items[1]) == "error: invalid JSON: nested deeper than 256 levels");
}

TEST_CASE("json: one array streamed element by element (R45)") {
  LeadSchema s;
  const auto items = read_all(io::InputFormat::json,
                              "\xEF\xBB\xBF [\n"
                              "  {\"id\":\"a\",\"company_size\":1, \"tags\":[\"]\", \",\"]},\n"
                              "  7,\n"
                              "  {\"id\":\"c\\\"]\",\n  \"company_size\":\"x\"},\n"
                              "  {\"id\":\"d\",\"company_size\":4}\n"
                              "]\n",
                              s.schema);
  REQUIRE(items.size() == 4);
  CHECK(show(items[0]) == R"("a" 1 unknown unknown unknown unknown ["]", ","])");
  CHECK(items[0].line == 2);
  CHECK(show(items[1]) == "error: expected an object, got 7");
  CHECK(items[1].number == 2);
  CHECK(items[2].line == 4);
  CHECK(show(items[2]) == R"(error: company_size: expected a number, got "x")");
  CHECK(items[3].line == 6);
  CHECK(items[3].number == 4);
  CHECK(read_all(io::InputFormat::json, " [ ] ", s.schema).empty());
}

TEST_CASE("json: anything but one array is an input error") {
  LeadSchema s;
  CHECK_THROWS_AS(read_all(io::InputFormat::json, R"({"id":"a","company_size":1})", s.schema),
                  io::InputError);
  CHECK_THROWS_AS(read_all(io::InputFormat::json, "", s.schema), io::InputError);
  CHECK_THROWS_AS(read_all(io::InputFormat::json, R"([{"id":"a","company_size":1})", s.schema),
                  io::InputError);
  CHECK_THROWS_AS(read_all(io::InputFormat::json, R"([{"id":"a","company_size":1}] [])", s.schema),
                  io::InputError);
  try {
    read_all(io::InputFormat::json, "nope", s.schema);
  } catch (const io::InputError& e) {
    CHECK(std::string(e.what()) == "'test': expected a JSON array ('[' first)");
  }
  // A complete last element without ']', and a file cut inside an element, say which.
  CHECK_THROWS_WITH_AS(read_all(io::InputFormat::json, "[{\"id\":\"a\",\"company_size\":1}\n", s.schema),
                       "'test': the JSON array is not closed (missing ']' at the end, line 2)",
                       io::InputError);
  CHECK_THROWS_WITH_AS(read_all(io::InputFormat::json, "[{\"id\":\"a\",\"company_size\":1},\n{\"id\":\"b\",\"comp", s.schema),
                       "'test': the input ends inside record 2 (from line 2), before the JSON array "
                       "is closed: the file looks cut short",
                       io::InputError);
}

TEST_CASE("json: a complete last element is read before the missing closing bracket is said") {
  LeadSchema s;
  for (const std::string_view text : {"[{\"id\":\"a\",\"company_size\":1},{\"id\":\"b\",\"company_size\":2}",
                                      "[{\"id\":\"a\",\"company_size\":1},\n{\"id\":\"b\",\"company_size\":2}\n\n"}) {
    CAPTURE(text);
    std::FILE* f = file_with(text);
    const auto reader = io::open_lead_reader(io::InputFormat::json, f, "test", s.schema);
    io::ReadItem item;
    std::vector<std::string> read;
    CHECK_THROWS_AS(
        {
          while (reader->next(item)) read.push_back(show(item));
        },
        io::InputError);
    std::fclose(f);
    CHECK(read.size() == 2);  // both leads, the second with no ',' or ']' after it
    if (read.size() == 2) CHECK(read[1].find("\"b\"") != std::string::npos);
  }
}

TEST_CASE("json: an element larger than a chunk") {
  LeadSchema s;
  std::string tags;
  for (int i = 0; i < 300000; ++i) tags += i ? ",\"t\\\"]\"" : "\"t\\\"]\"";
  const auto items = read_all(
      io::InputFormat::json, "[{\"id\":\"a\",\"company_size\":1,\"tags\":[" + tags + "]},{\"id\":\"b\",\"company_size\":2}]",
      s.schema);
  REQUIRE(items.size() == 2);
  REQUIRE(items[0].ok);
  CHECK(std::get<ListPtr>(items[0].record.fields[6].data)->size() == 300000);
  CHECK(show(items[1]) == R"("b" 2 unknown unknown unknown unknown unknown)");
}

TEST_CASE("format_from_extension") {
  CHECK(io::format_from_extension("a/leads.csv") == io::InputFormat::csv);
  CHECK(io::format_from_extension("leads.CSV") == io::InputFormat::csv);
  CHECK(io::format_from_extension("leads.ndjson") == io::InputFormat::ndjson);
  CHECK(io::format_from_extension("leads.jsonl") == io::InputFormat::ndjson);
  CHECK(io::format_from_extension("leads.json") == io::InputFormat::json);
  CHECK_FALSE(io::format_from_extension("leads.txt"));
  CHECK_FALSE(io::format_from_extension("leads"));
}
