// Field options against their field's type: what the checker accepts and each error (QPL303).
#include <doctest/doctest.h>

#include <string>

#include "model/types.hpp"
#include "sema/load.hpp"

namespace {

using namespace qpl;

sema::LoadResult load(const std::string& fields) {
  return sema::load_policy_text("t.qpl", "fields {\n" + fields + "\n}\n");
}

// "QPL303 message | help" of each diagnostic, one a line.
std::string diagnostics(const sema::LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics.items())
    out += d.code + " " + d.message + (d.help ? " | " + *d.help : "") + "\n";
  return out;
}

const FieldSchema& field(const sema::LoadResult& r, std::size_t slot) {
  return r.policy->schema.lead.fields.at(slot);
}

}  // namespace

TEST_CASE("valid options reach the schema the readers use") {
  const auto r = load(
      "industry: text lower trim from \"Industry\"\n"
      "seniority: one of (\"ic\", \"director\") lower\n"
      "budget: number? format \"1.000,00\" unreadable missing\n"
      "seen: date? format \"DD/MM/YYYY\"");
  REQUIRE(diagnostics(r) == "");
  CHECK(field(r, 0).reading.lower);
  CHECK(field(r, 0).reading.trim);
  CHECK(field(r, 1).reading.lower);
  CHECK_FALSE(field(r, 1).reading.trim);
  REQUIRE(field(r, 2).reading.number_format);
  CHECK(field(r, 2).reading.number_format->group == '.');
  CHECK(field(r, 2).reading.number_format->decimal == ',');
  CHECK(field(r, 2).reading.unreadable_missing);
  CHECK(field(r, 3).reading.date_format);
  CHECK(field(r, 3).reading.format == "DD/MM/YYYY");
}

TEST_CASE("an option on a type it does not fit is an error") {
  CHECK(diagnostics(load("n: number lower")) ==
        "QPL303 'lower' applies to text and 'one of' fields, not number\n");
  CHECK(diagnostics(load("d: date? trim")) ==
        "QPL303 'trim' applies to text and 'one of' fields, not date\n");
  CHECK(diagnostics(load("t: text format \"DD/MM/YYYY\"")) ==
        "QPL303 'format' applies to date and number fields, not text\n");
}

TEST_CASE("unreadable missing needs an optional field") {
  CHECK(diagnostics(load("budget: number unreadable missing")) ==
        "QPL303 'unreadable missing' needs an optional field: 'budget' is required | add '?' "
        "if a lead may lack it: budget: number?\n");
}

TEST_CASE("a lower enum must list lower-case values") {
  CHECK(diagnostics(load("s: one of (\"ic\", \"Director\") lower")) ==
        "QPL303 \"Director\" can never be read: the field is declared 'lower' | write "
        "\"director\"\n");
}

TEST_CASE("a format that is not one of the documented forms is an error") {
  CHECK(diagnostics(load("d: date format \"DD/MM\"")) ==
        "QPL303 \"DD/MM\" is not a date format | use YYYY, MM, DD, M and D with separators, "
        "such as \"DD/MM/YYYY\" or \"M/D/YYYY\"\n");
  CHECK(diagnostics(load("n: number format \"1,000,00\"")) ==
        "QPL303 \"1,000,00\" is not a number format | write one thousand as the data does, "
        "such as \"1,000.00\", \"1.000,00\" or \"1 000,00\"\n");
}

TEST_CASE("an option given twice is an error") {
  CHECK(diagnostics(load("t: text lower trim lower")) ==
        "QPL303 field 't' has this option twice\n");
  CHECK(diagnostics(load("t: text from \"A\" from \"B\"")) ==
        "QPL303 field 't' has this option twice\n");
}

TEST_CASE("options apply to record fields too") {
  const auto r = sema::load_policy_text(
      "t.qpl", "fields { events: list of event }\nrecord event { kind: text lower, n: number lower }\n");
  CHECK(diagnostics(r) == "QPL303 'lower' applies to text and 'one of' fields, not number\n");
}
