// The readers on real CRM exports (/work/shared/data, never copied into the repository).
#include <doctest/doctest.h>

#include <filesystem>

#include "io/lead_reader.hpp"
#include "io_test_support.hpp"

using namespace qpl;
using namespace qpl::io_test;

namespace {

const std::filesystem::path data_dir = "/work/shared/data";

struct Counts {
  std::size_t ok = 0, errors = 0;
  std::string first_error;
};

Counts read_file(const std::filesystem::path& path, const Schema& schema) {
  Counts counts;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  REQUIRE(f);
  auto reader = io::open_lead_reader(io::InputFormat::csv, f, path.filename().string(), schema);
  io::ReadItem item;
  while (reader->next(item)) {
    if (item.ok) {
      ++counts.ok;
    } else {
      if (counts.errors++ == 0) counts.first_error = item.error;
    }
  }
  std::fclose(f);
  return counts;
}

}  // namespace

TEST_CASE("real data: X Education leads (CRLF, quoted commas, 'Select')") {
  const auto path = data_dir / "x_education_leads.csv";
  if (!std::filesystem::exists(path)) {
    MESSAGE("skipped: " << path << " is absent");
    return;
  }
  TestSchema s;
  s.field("id", s.types.text(), false, "Prospect ID");
  s.field("lead_number", s.types.number(), false, "Lead Number");
  s.field("converted", s.types.boolean(), false, "Converted");
  s.field("visits", s.types.number(), true, "TotalVisits");
  s.field("views", s.types.number(), true, "Page Views Per Visit");
  s.field("do_not_email", s.types.boolean(), false, "Do Not Email");
  s.field("specialization", s.types.text(), true, "Specialization");
  s.field("country", s.types.text(), true, "Country");
  s.schema.missing_values = {"", "Select"};
  const Counts counts = read_file(path, s.schema);
  CHECK(counts.ok == 9240);
  CHECK(counts.errors == 0);
  CHECK(counts.first_error == "");
}

TEST_CASE("real data: Olist marketing-qualified leads") {
  const auto path = data_dir / "olist_marketing_qualified_leads_dataset.csv";
  if (!std::filesystem::exists(path)) {
    MESSAGE("skipped: " << path << " is absent");
    return;
  }
  TestSchema s;
  s.field("id", s.types.text(), false, "mql_id");
  s.field("first_contact", s.types.date(), false, "first_contact_date");
  s.field("origin", s.types.text(), true);
  s.schema.missing_values = {"", "unknown"};
  const Counts counts = read_file(path, s.schema);
  CHECK(counts.ok == 8000);
  CHECK(counts.errors == 0);
}

TEST_CASE("real data: Olist deals after a spreadsheet round trip are error lines, not crashes") {
  const auto path = data_dir / "olist_closed_deals_excel_mangled.csv";
  if (!std::filesystem::exists(path)) {
    MESSAGE("skipped: " << path << " is absent");
    return;
  }
  TestSchema s;
  s.field("id", s.types.text(), false, "mql_id");
  s.field("won", s.types.date(), false, "won_date");  // DD-MM-YYYY HH:MM: not a date
  s.field("has_company", s.types.boolean(), true);
  const Counts counts = read_file(path, s.schema);
  CHECK(counts.ok == 0);
  CHECK(counts.errors == 842);
  // The error names the format that reads them.
  CHECK(counts.first_error ==
        R"(won (column 'won_date'): expected a date (YYYY-MM-DD), got "26-02-2018 19:58" (to read it, declare the field with format "DD-MM-YYYY"))");
}
