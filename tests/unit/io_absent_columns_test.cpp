// A column the policy names that a CSV header lacks: said once, before the records (issue 20).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "io/absent_columns.hpp"
#include "io_test_support.hpp"

using namespace qpl;
using namespace qpl::io_test;

namespace {

std::string input_error(std::string_view text, const Schema& schema) {
  try {
    read_warned(text, schema);
  } catch (const io::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("csv: an optional field's absent column is one warning with did-you-mean, then missing") {
  TestSchema s;
  s.field("id", s.types.number());
  s.field("last_pricing_visit", s.types.date(), true, "Last Pricing Page View");
  const WarnedRead read =
      read_warned("id,Last Pricing Page Visit\n1,2026-01-02\n2,2026-01-03\n", s.schema);
  CHECK(read.warnings == std::vector<std::string>{
                             "leads.csv:1: warning: column \"Last Pricing Page View\" (field "
                             "last_pricing_visit) is not in the header (did you mean \"Last "
                             "Pricing Page Visit\"?)"});
  REQUIRE(read.items.size() == 2);
  CHECK(read.items[0].ok);
  CHECK(std::holds_alternative<Unknown>(read.items[1].record.fields[1].data));
}

TEST_CASE("csv: a required field's absent column is one error, even without records") {
  TestSchema s;
  s.field("a", s.types.text());
  s.field("opt", s.types.number(), true);
  s.field("req", s.types.number(), false, "Required Column");
  const std::string expected =
      "leads.csv:1: error: column \"Required Column\" (required field req) is not in the header "
      "(did you mean \"required_column\"?); the file's records are not read";
  CHECK(input_error("a,opt,required_column\nx,1,2\ny,1,2\n", s.schema) == expected);
  CHECK(input_error("a,opt,required_column\n", s.schema) == expected);
  // Two absent required columns: one line each, in field order.
  TestSchema two;
  two.field("x", two.types.number());
  two.field("y", two.types.number());
  CHECK(input_error("\n\nzzz\n", two.schema) ==
        "leads.csv:3: error: column \"x\" (required field x) is not in the header\n"
        "leads.csv:3: error: column \"y\" (required field y) is not in the header; the file's "
        "records are not read");
}

TEST_CASE("csv: a header with every column says nothing") {
  TestSchema s;
  s.field("a", s.types.text());
  s.field("b", s.types.number(), true, "B col");
  const WarnedRead read = read_warned("a,B col\nx,1\n", s.schema);
  CHECK(read.warnings.empty());
  CHECK(read.items.size() == 1);
}

TEST_CASE("csv: a column the policy reads that the header repeats is said once; the first is read (R44)") {
  TestSchema s;
  s.field("id", s.types.text());
  s.field("email", s.types.text(), true, "Email");
  const WarnedRead read = read_warned("id,Email,Notes,Email,Notes\na,first@x.fr,n1,second@x.fr,n2\n", s.schema);
  CHECK(read.warnings == std::vector<std::string>{
                             "leads.csv:1: warning: column \"Email\" (field email) is in the header 2 "
                             "times (columns 2, 4): the first one is read"});
  REQUIRE(read.items.size() == 1);
  CHECK(show(read.items[0].record.fields[1]) == "\"first@x.fr\"");
}

TEST_CASE("closest_column: case, spaces and underscores first, then a likely typo") {
  const std::vector<std::string> header{"Lead Number", "Lead Source", "Total Visits"};
  CHECK(io::closest_column("lead_number", header) == std::optional<std::string>("Lead Number"));
  CHECK(io::closest_column("LeadSource", header) == std::optional<std::string>("Lead Source"));
  CHECK(io::closest_column("Total Visit", header) == std::optional<std::string>("Total Visits"));
  CHECK(io::closest_column("Country", header) == std::nullopt);
}
