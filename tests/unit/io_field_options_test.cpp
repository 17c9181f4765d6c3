// Field options in the readers, on CSV and NDJSON alike: trim, lower, date and number formats,
// unreadable values read as missing (and noted, never silent).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "io/lead_reader.hpp"
#include "io_test_support.hpp"
#include "sema/load.hpp"

using namespace qpl;
using namespace qpl::io_test;

namespace {

struct Loaded {
  sema::LoadResult result;
  explicit Loaded(const std::string& fields)
      : result(sema::load_policy_text("t.qpl", "fields {\n" + fields + "\n}\n")) {
    REQUIRE(result.diagnostics.empty());
  }
  const Schema& schema() const { return result.policy->schema; }
};

// Each record as `show` prints it, then its notes: "... | note budget: ...".
std::vector<std::string> read(const Loaded& policy, io::InputFormat format, std::string_view text) {
  std::vector<std::string> out;
  for (const io::ReadItem& item : read_all(format, text, policy.schema())) {
    std::string line = show(item);
    for (const io::ReadNote& note : item.notes) line += " | note " + note.field + ": " + note.message;
    out.push_back(line);
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("trim and lower on a text field: CSV and NDJSON") {
  const Loaded p("industry: text lower trim from \"Industry\"\nplain: text?");
  CHECK(read(p, io::InputFormat::csv, "Industry,plain\n  FinTech ,  As Is \n") ==
        Lines{"\"fintech\" \"  As Is \""});
  CHECK(read(p, io::InputFormat::ndjson, "{\"Industry\": \" ÉCOLE\\u00a0\", \"plain\": \"X \"}\n") ==
        Lines{"\"école\" \"X \""});
}

TEST_CASE("lower on an enum reads any case as the listed value") {
  const Loaded p("seniority: one of (\"ic\", \"director\") lower trim");
  CHECK(read(p, io::InputFormat::csv, "seniority\nDirector\n IC\nDIRECTORS\n") ==
        Lines{"\"director\"", "\"ic\"",
              "error: seniority: expected one of \"ic\", \"director\", got \"DIRECTORS\""});
  CHECK(read(p, io::InputFormat::ndjson, "{\"seniority\": \"Director\"}\n") == Lines{"\"director\""});
}

TEST_CASE("without options, case and spaces are kept (R41, R43 unchanged)") {
  const Loaded p("seniority: one of (\"ic\", \"director\")\nindustry: text");
  CHECK(read(p, io::InputFormat::csv, "seniority,industry\nDirector, Fintech\n") ==
        Lines{"error: seniority: expected one of \"ic\", \"director\", got \"Director\""});
  CHECK(read(p, io::InputFormat::csv, "seniority,industry\nic, Fintech\n") ==
        Lines{"\"ic\" \" Fintech\""});
}

TEST_CASE("a trimmed enum: blank is missing, a padded missing value too") {
  const Loaded p("missing values \"N/A\"\nlevel: one of (\"ic\") trim\nalso: one of (\"ic\")?");
  CHECK(read(p, io::InputFormat::csv, "level,also\n N/A ,\n") ==
        Lines{"error: level: required field is missing"});
  const Loaded q("missing values \"N/A\"\nlevel: one of (\"ic\")? trim");
  CHECK(read(q, io::InputFormat::csv, "level\n N/A \n   \n") == Lines{"unknown", "unknown"});
  CHECK(read(q, io::InputFormat::ndjson, "{\"level\": \" N/A\"}\n") == Lines{"unknown"});
}

TEST_CASE("a date format: CSV cells and JSON strings") {
  const Loaded p("seen: date? format \"DD/MM/YYYY\"");
  CHECK(read(p, io::InputFormat::csv, "seen\n03/10/2026\n03/10/2026 14:05\n2026-10-03\n") ==
        Lines{"2026-10-03", "2026-10-03",
              "error: seen: expected a date (DD/MM/YYYY), got \"2026-10-03\""});
  CHECK(read(p, io::InputFormat::ndjson, "{\"seen\": \"31/12/2025\"}\n{\"seen\": 3}\n") ==
        Lines{"2025-12-31", "error: seen: expected a date (DD/MM/YYYY), got 3"});
}

TEST_CASE("a number format: grouping and decimal comma in a ',' file and in JSON") {
  const Loaded p("budget: number? format \"1 000,00\"\nusd: number? format \"1,000.00\"");
  CHECK(read(p, io::InputFormat::csv, "budget,usd\n50 000,\"10,000\"\n\"1 234,5\",\"1,234.5\"\n") ==
        Lines{"50000 10000", "1234.5 1234.5"});
  CHECK(read(p, io::InputFormat::csv, "budget,usd\n5,\"10,00\"\n") ==
        Lines{"error: usd: expected a number (1,000.00), got \"10,00\""});
  // A JSON number is a number whatever the format; a string follows it.
  CHECK(read(p, io::InputFormat::ndjson, "{\"budget\": \"50 000\", \"usd\": 12.5}\n") ==
        Lines{"50000 12.5"});
}

TEST_CASE("unreadable missing: the value is missing and noted, the record is kept") {
  const Loaded p("id: number\nbudget: number? unreadable missing\nseen: date? format "
                 "\"DD/MM/YYYY\" unreadable missing\nsize: number?");
  CHECK(read(p, io::InputFormat::csv, "id,budget,seen,size\n1,soon,32/01/2026,3\n2,5,,x\n") ==
        Lines{"1 unknown unknown 3 | note budget: budget: expected a number, got \"soon\" | note "
              "seen: seen: expected a date (DD/MM/YYYY), got \"32/01/2026\"",
              "error: size: expected a number, got \"x\""});
  CHECK(read(p, io::InputFormat::ndjson,
             "{\"id\": 1, \"budget\": [1], \"seen\": null}\n{\"id\": 2, \"budget\": 3}\n") ==
        Lines{"1 unknown unknown unknown | note budget: budget: expected a number, got a list",
              "2 3 unknown unknown"});
}

TEST_CASE("unreadable missing never hides a missing required field") {
  const Loaded p("id: number\nbudget: number? unreadable missing");
  CHECK(read(p, io::InputFormat::csv, "id,budget\nx,soon\n") ==
        Lines{"error: id: expected a number, got \"x\""});
}

TEST_CASE("options on the fields of a record (NDJSON)") {
  const Loaded p("events: list of event\n}\nrecord event {\n  kind: text lower trim\n  day: date? "
                 "format \"D.M.YYYY\" unreadable missing");
  CHECK(read(p, io::InputFormat::ndjson,
             "{\"events\": [{\"kind\": \" Demo\", \"day\": \"3.10.2026\"}, {\"kind\": \"X\", "
             "\"day\": \"soon\"}]}\n") ==
        Lines{"[{\"demo\", 2026-10-03}, {\"x\", unknown}] | note events[1].day: events[1].day: "
              "expected a date (D.M.YYYY), got \"soon\""});
}

TEST_CASE("options on the fields of a record in a CSV cell holding JSON, notes included") {
  const Loaded p("events: list of event\n}\nrecord event {\n  kind: text lower trim\n  day: date? "
                 "format \"D.M.YYYY\" unreadable missing");
  CHECK(read(p, io::InputFormat::csv,
             "events\n\"[{\"\"kind\"\": \"\" Demo\"\", \"\"day\"\": \"\"3.10.2026\"\"}, "
             "{\"\"kind\"\": \"\"X\"\", \"\"day\"\": \"\"soon\"\"}]\"\n") ==
        Lines{"[{\"demo\", 2026-10-03}, {\"x\", unknown}] | note events[1].day: events[1].day: "
              "expected a date (D.M.YYYY), got \"soon\""});
}
