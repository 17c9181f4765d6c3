// A `;` CSV (a European export) where a number cell looks like `1.500`: R43 reads 1.5, the file
// more likely means 1500. Read as R43 says, and said once per column.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "io_test_support.hpp"

using namespace qpl;
using namespace qpl::io_test;

namespace {

TestSchema sizes_schema() {
  TestSchema s;
  s.field("id", s.types.text());
  s.field("size", s.types.number(), true);
  s.field("budget", s.types.number(), true, "Budget");
  return s;
}

}  // namespace

TEST_CASE("csv ';': a number like 1.500 reads as 1.5, with one warning per column") {
  const TestSchema s = sizes_schema();
  const WarnedRead read = read_warned("id;size;Budget\n"
                                      "a;12,5;10\n"
                                      "b;1.500;2.500.000\n"  // the second is no number at all
                                      "c;-12.345.678;3.000\n"
                                      "d;2.500;1.5\n",
                                      s.schema);
  REQUIRE(read.items.size() == 4);
  CHECK(show(read.items[1].record.fields[1]) == "1.5");
  CHECK_FALSE(read.items[1].ok);  // 2.500.000: an error line, as before
  CHECK(show(read.items[3].record.fields[1]) == "2.5");
  CHECK(read.warnings ==
        std::vector<std::string>{
            "leads.csv:3: warning: size: \"1.500\" reads as 1.5 (a number has no thousands "
            "separator); if this file writes thousands with '.', declare the field with format "
            "\"1.000,00\"",
            "leads.csv:4: warning: budget (column 'Budget'): \"3.000\" reads as 3 (a number has no "
            "thousands separator); if this file writes thousands with '.', declare the field "
            "with format \"1.000,00\""});
}

TEST_CASE("csv: no warning in a ',' file, for other shapes, or with a declared format") {
  TestSchema s = sizes_schema();
  CHECK(read_warned("id,size,Budget\na,1.500,\n", s.schema).warnings.empty());
  CHECK(read_warned("id;size;Budget\na;1.5;\nb;12.34;\nc;1234.567;\nd;.500;\n", s.schema)
            .warnings.empty());
  s.schema.lead.fields[1].reading.number_format = NumberFormat{'.', ','};
  s.schema.lead.fields[1].reading.as_written = false;
  const WarnedRead formatted = read_warned("id;size;Budget\na;1.500;\n", s.schema);
  CHECK(formatted.warnings.empty());
  REQUIRE(formatted.items.size() == 1);
  CHECK(show(formatted.items[0].record.fields[1]) == "1500");
}
