// CSV reader: R41 (empty cells), R43 (conversions), R44 (shape), values and errors exact.
#include <doctest/doctest.h>

#include "io/lead_reader.hpp"
#include "io_test_support.hpp"

using namespace qpl;
using namespace qpl::io_test;

namespace {

struct CsvSchema : TestSchema {
  explicit CsvSchema(std::vector<std::string> missing = {}) {
    RecordType& event = record("event");
    event.fields.push_back(make_field("type", types.text(), false, ""));
    event.fields.push_back(make_field("day", types.date(), false, ""));
    field("name", types.text(), true);
    field("size", types.number(), true, "Company Size");
    field("ok", types.boolean(), true);
    field("level", types.enum_of({"ic", "vp"}), true);
    field("day", types.date(), true);
    field("events", types.list_of(types.record_of(&event)), true);
    schema.missing_values = std::move(missing);
  }
};

std::vector<std::string> shown(const std::vector<io::ReadItem>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(show(item));
  return out;
}

std::vector<std::string> csv(const Schema& schema, std::string_view text) {
  return shown(read_all(io::InputFormat::csv, text, schema));
}

const char* header = "name,Company Size,ok,level,day,events\n";

}  // namespace

TEST_CASE("csv: cells convert by R43") {
  CsvSchema s;
  CHECK(csv(s.schema, std::string(header) +
                          "Ann, 12 ,yes,vp,2026-01-02T10:00,\"[{\"\"type\"\":\"\"a\"\",\"\"day\"\":\"\"2026-01-01\"\"}]\"\n"
                          "Bob,-1.5e2,FALSE,ic,2026-01-03 09:00,[]\n"
                          "Cy,+3,0,ic,2026-01-04,\n") ==
        std::vector<std::string>{
            R"("Ann" 12 true "vp" 2026-01-02 [{"a", 2026-01-01}])",
            R"("Bob" -150 false "ic" 2026-01-03 [])",
            R"("Cy" 3 false "ic" 2026-01-04 unknown)"});
}

TEST_CASE("csv: conversion errors name the field, the expectation and the cell") {
  CsvSchema s;
  CHECK(csv(s.schema, std::string(header) + "a,fifty,,,,\n"
                                            "a,\"1,000\",,,,\n"
                                            "a,12,5,,,,\n"
                                            "a,,maybe,,,\n"
                                            "a,,,VP,,\n"
                                            "a,,,,2026-13-01,\n"
                                            "a,,,,,nope\n"
                                            "a,,,,,\"[{\"\"type\"\":\"\"a\"\"}]\"\n") ==
        std::vector<std::string>{
            R"(error: size (column 'Company Size'): expected a number, got "fifty")",
            R"(error: size (column 'Company Size'): expected a number, got "1,000" (to read it, declare the field with format "1,000"))",
            "error: expected 6 cells like the header, got 7",
            R"(error: ok: expected a bool, got "maybe")",
            R"(error: level: expected one of "ic", "vp", got "VP")",
            R"(error: day: expected a date (YYYY-MM-DD), got "2026-13-01")",
            R"(error: events: expected a list, got "nope")",
            "error: events[0].day: required field is missing"});
}

TEST_CASE("csv: empty cells and missing values (R41)") {
  CsvSchema plain;
  CHECK(csv(plain.schema, std::string(header) + ",,,,,\n") ==
        std::vector<std::string>{R"("" unknown unknown unknown unknown unknown)"});
  CsvSchema listed({"", "N/A"});
  CHECK(csv(listed.schema, std::string(header) + ",N/A,N/A,N/A,N/A,N/A\nN/A, N/A,,,,\n") ==
        std::vector<std::string>{"unknown unknown unknown unknown unknown unknown",
                                 R"(error: size (column 'Company Size'): expected a number, got " N/A")"});
  TestSchema required;
  required.field("size", required.types.number());
  required.field("name", required.types.text());
  CHECK(shown(read_all(io::InputFormat::csv, "size,name\n,x\n1,\n", required.schema)) ==
        std::vector<std::string>{"error: size: required field is missing", R"(1 "")"});
}

TEST_CASE("csv: RFC 4180 quoting, CRLF, BOM and the separator (R44)") {
  TestSchema s;
  s.field("a", s.types.text());
  s.field("b", s.types.text());
  CHECK(shown(read_all(io::InputFormat::csv,
                       "\xEF\xBB\xBF" "a,b\r\n"
                       "\"x, y\",\"say \"\"hi\"\"\"\r\n"
                       "\"two\r\nlines\",q\"uote\r\n"
                       "\"\",\"\"\r\n",
                       s.schema)) ==
        std::vector<std::string>{R"("x, y" "say "hi"")", "\"two\r\nlines\" \"q\"uote\"",
                                 R"("" "")"});
  // More ';' than ',' outside quotes: a ';' file, where a decimal comma is accepted.
  TestSchema n;
  n.field("a", n.types.text());
  n.field("n", n.types.number(), true, "n,x");
  CHECK(shown(read_all(io::InputFormat::csv, "a;\"n,x\"\nx,y;12,5\n", n.schema)) ==
        std::vector<std::string>{R"("x,y" 12.5)"});
  CHECK(shown(read_all(io::InputFormat::csv, "a,\"n;x\"\nx;y,12,5\n", n.schema)) ==
        std::vector<std::string>{"error: expected 2 cells like the header, got 3"});
}

TEST_CASE("csv: CR, LF and CRLF line ends, also mixed in one file (R44)") {
  TestSchema s;
  s.field("a", s.types.text());
  s.field("b", s.types.text());
  // CR only (old Mac exports): a header and two records, not one header row.
  const auto cr = read_all(io::InputFormat::csv, "a,b\rx,1\r\ry,2\r", s.schema);
  REQUIRE(cr.size() == 2);
  CHECK(show(cr[0]) == R"("x" "1")");
  CHECK(cr[0].line == 2);
  CHECK(show(cr[1]) == R"("y" "2")");
  CHECK(cr[1].line == 4);  // the empty line 3 is skipped
  const auto mixed = read_all(io::InputFormat::csv, "a,b\r\nx,1\ry,2\nz,3\n\rw,4", s.schema);
  CHECK(shown(mixed) == std::vector<std::string>{R"("x" "1")", R"("y" "2")", R"("z" "3")",
                                                  R"("w" "4")"});
  REQUIRE(mixed.size() == 4);
  CHECK(mixed[3].line == 6);
  // Inside quotes, CR and CRLF are text, kept as written, and count as line breaks.
  const auto quoted = read_all(io::InputFormat::csv,
                               "a,b\r\"two\rlines\",q\r\"crlf\r\nkept\",\"\"\"\r\"\rlast,s\r",
                               s.schema);
  REQUIRE(quoted.size() == 3);
  CHECK(show(quoted[0]) == "\"two\rlines\" \"q\"");
  CHECK(show(quoted[1]) == "\"crlf\r\nkept\" \"\"\r\"");
  CHECK(quoted[1].line == 4);
  CHECK(show(quoted[2]) == R"("last" "s")");
  CHECK(quoted[2].line == 7);
}

TEST_CASE("csv: a CRLF split between two reads is one line end") {
  TestSchema s;
  s.field("a", s.types.text());
  // The first read takes io::limits::first_chunk_bytes: the row's '\r' is its last byte, the
  // '\n' comes with the next read.
  const std::string header_row = "a\n";
  const std::string long_cell((std::size_t{1} << 16) - header_row.size() - 1, 'x');
  const auto items = read_all(io::InputFormat::csv, header_row + long_cell + "\r\ny\r\n", s.schema);
  REQUIRE(items.size() == 2);
  CHECK(std::get<std::string>(items[0].record.fields[0].data) == long_cell);
  CHECK(show(items[1]) == R"("y")");
  CHECK(items[1].line == 3);
}

TEST_CASE("csv: empty lines, record numbers, line numbers and shape errors (R44)") {
  TestSchema s;
  s.field("a", s.types.text());
  s.field("b", s.types.text(), true);
  const auto items = read_all(io::InputFormat::csv,
                              "\n a , b \n"
                              "1,2\n"
                              "\n\r\n"
                              "\"multi\nline\",x\n"
                              "short\n"
                              "1,2,3\n"
                              "\"q\"x,y\n"
                              "bad\xff,y\n"
                              "ok,done\n"
                              "\"open,5\nmore,6\n",
                              s.schema, 7);
  REQUIRE(items.size() == 8);
  CHECK(show(items[0]) == R"("1" "2")");
  CHECK(items[0].number == 7);
  CHECK(items[0].line == 3);
  CHECK(show(items[1]) == "\"multi\nline\" \"x\"");
  CHECK(items[1].number == 8);
  CHECK(items[1].line == 6);
  CHECK(show(items[2]) == "error: expected 2 cells like the header, got 1");
  CHECK(items[2].line == 8);
  CHECK(show(items[3]) == "error: expected 2 cells like the header, got 3");
  CHECK(show(items[4]) == "error: column 'a': unexpected text after a closing quote");
  CHECK(show(items[5]) == "error: column 'a': invalid UTF-8");
  CHECK(show(items[6]) == R"("ok" "done")");
  CHECK(show(items[7]) == "error: a quoted cell is not closed: the rest of the input is one record");
  CHECK(items[7].number == 14);
  CHECK(items[7].line == 13);
}

TEST_CASE("csv: invalid UTF-8 names its column, and the row keeps its id when the id's cell is valid") {
  TestSchema s;
  s.field("id", s.types.text());
  s.field("email", s.types.text(), true);
  s.field("note", s.types.text(), true);
  s.schema.id_field = 0;
  const auto items = read_all(io::InputFormat::csv,
                              "id,email,note\n"
                              "L1,ann\xff@x.fr,\xc3\n"      // two bad cells: the first is named
                              "L\xfe" "2,bob@x.fr,ok\n"         // the id's own cell: no id shown
                              "\"L3\",\"caf\xc3\xa9\",\"\xe9t\xe9\"\n",  // quoted, valid then Latin-1
                              s.schema);
  REQUIRE(items.size() == 3);
  CHECK(show(items[0]) == "error: column 'email': invalid UTF-8");
  CHECK(show(items[0].error_id) == "\"L1\"");
  CHECK(show(items[1]) == "error: column 'id': invalid UTF-8");
  CHECK(items[1].error_id.is_unknown());
  CHECK(show(items[2]) == "error: column 'note': invalid UTF-8");
  CHECK(show(items[2].error_id) == "\"L3\"");
}

TEST_CASE("csv: the header's names are trimmed, the first repeated column wins") {
  TestSchema s;
  s.field("a", s.types.text());
  CHECK(shown(read_all(io::InputFormat::csv, " a ,a\nfirst,second\n", s.schema)) ==
        std::vector<std::string>{R"("first")"});
}

TEST_CASE("csv: a bad header is an input error; no input is no records") {
  TestSchema s;
  s.field("a", s.types.text());
  CHECK_THROWS_AS(read_all(io::InputFormat::csv, "a\xff\nx\n", s.schema), io::InputError);
  CHECK_THROWS_AS(read_all(io::InputFormat::csv, "\"a\nx\n", s.schema), io::InputError);
  CHECK(read_all(io::InputFormat::csv, "", s.schema).empty());
  CHECK(read_all(io::InputFormat::csv, "a\n", s.schema).empty());
  CHECK(read_all(io::InputFormat::csv, "a", s.schema).empty());
  CHECK(shown(read_all(io::InputFormat::csv, "a\nlast", s.schema)) ==
        std::vector<std::string>{R"("last")"});
}

TEST_CASE("csv: a row larger than a chunk") {
  TestSchema s;
  s.field("a", s.types.text());
  s.field("b", s.types.number());
  const std::string big(3u << 20, 'z');
  const auto items =
      read_all(io::InputFormat::csv, "a,b\n\"" + big + "\n\"\"\",1\nsmall,2\n", s.schema);
  REQUIRE(items.size() == 2);
  REQUIRE(items[0].ok);
  CHECK(std::get<std::string>(items[0].record.fields[0].data).size() == big.size() + 2);
  CHECK(items[1].line == 4);
  CHECK(show(items[1]) == R"("small" 2)");
}
