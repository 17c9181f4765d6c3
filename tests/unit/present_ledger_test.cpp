// The ledger and the audit stamp as the result writers show them (docs/commands.md, "The ledger",
// "The audit stamp"): exact NDJSON, CSV and table output for a loaded policy, and the stamp's hash
// over a policy and its imports.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "eval/evaluator.hpp"
#include "present/audit.hpp"
#include "present/result_writer.hpp"
#include "sema/load.hpp"
#include "support/date.hpp"
#include "support/read_file.hpp"
#include "support/sha256.hpp"

using namespace qpl;
using namespace qpl::present;
using eval::Evaluator;
using eval::ExplainLevel;
using eval::LeadOutcome;
using eval::LedgerEntry;

namespace {

const char* const policy_text = R"(policy "Demo" version 3
fields {
  id: text
  clicks: number?
  title: text?
  student: bool?
}
score heat from 0 to 30 {
  +5 per clicks up to 20
  +10 when title = "vp" as "senior title"
  -15 when student
}
score fit {
  +1 when title is present
}
)";

std::unique_ptr<CheckedPolicy> load(const std::string& text) {
  auto loaded = sema::load_policy_text("demo.qpl", text);
  REQUIRE(loaded.ok());
  return std::move(loaded.policy);
}

struct Run {
  std::unique_ptr<CheckedPolicy> policy = load(policy_text);
  Evaluator evaluator{*policy};
  RecordValue lead;
  LeadOutcome outcome;

  // clicks 7 (35, capped to 20), a vp (+10), student unknown: heat 30, fit 1.
  Run() {
    evaluator.keep_ledger(true);
    lead.fields = {Value(std::string("A-1")), Value(7.0), Value(std::string("vp")), Value(Unknown{})};
    evaluator.evaluate(lead, days_from_civil(2026, 11, 1), ExplainLevel::none, outcome);
  }

  std::string write(OutputFormat format, const WriterOptions& options, bool with_error = false) {
    const auto writer = make_result_writer(format, *policy, options);
    std::string out;
    writer->begin(out);
    ResultView view;
    view.record = 1;
    view.lead = &lead;
    view.outcome = &outcome;
    writer->write(view, out);
    if (with_error) {
      ResultView error;
      error.record = 2;
      error.error = "clicks: expected a number, got \"many\"";
      writer->write(error, out);
    }
    writer->finish(out);
    return out;
  }
};

WriterOptions with_ledger() {
  WriterOptions options;
  options.ledger = true;
  return options;
}

WriterOptions with_audit() {
  WriterOptions options;
  options.audit = AuditStamp{"demo.qpl", 3, "ab12"};
  return options;
}

}  // namespace

TEST_CASE("ledger: ndjson member after gates, labels or rule text, capped points, null, no clamp below HI") {
  Run run;
  CHECK(run.write(OutputFormat::ndjson, with_ledger()) ==
        "{\"id\":\"A-1\",\"stage\":null,\"because\":null,\"scores\":{\"heat\":30,\"fit\":1},\"icp\":{},"
        "\"gates\":{},\"ledger\":{\"heat\":[{\"rule\":\"+5 per clicks up to 20\",\"line\":9,\"points\":20},"
        "{\"rule\":\"senior title\",\"line\":10,\"points\":10},{\"rule\":\"-15 when student\",\"line\":11,"
        "\"points\":null}],\"fit\":[{\"rule\":\"+1 when title is present\",\"line\":14,\"points\":1}]}}\n");
}

TEST_CASE("ledger: the clamp is an entry, named by the range as written") {
  Run run;
  run.lead.fields[3] = Value(false);
  run.lead.fields[1] = Value(100.0);
  run.evaluator.evaluate(run.lead, days_from_civil(2026, 11, 1), ExplainLevel::none, run.outcome);
  // 20 + 10 = 30: not clamped. Make the range bite: a lead with 7 clicks is 30, at the bound.
  CHECK(run.outcome.scores[0] == 30);
  const std::string line = run.write(OutputFormat::ndjson, with_ledger());
  CHECK(line.find("from 0 to 30") == std::string::npos);

  auto policy = load(std::string(policy_text).replace(std::string(policy_text).find("from 0 to 30"), 12, "from 0 to 25"));
  Evaluator evaluator(*policy);
  evaluator.keep_ledger(true);
  LeadOutcome outcome;
  evaluator.evaluate(run.lead, days_from_civil(2026, 11, 1), ExplainLevel::none, outcome);
  const auto writer = make_result_writer(OutputFormat::ndjson, *policy, with_ledger());
  std::string out;
  ResultView view;
  view.record = 1;
  view.lead = &run.lead;
  view.outcome = &outcome;
  writer->write(view, out);
  CHECK(out.find("{\"rule\":\"from 0 to 25\",\"line\":8,\"points\":-5}]") != std::string::npos);
  CHECK(out.find("\"heat\":25") != std::string::npos);
}

TEST_CASE("ledger: csv columns ledger.NAME before error, entries joined, empty when none") {
  Run run;
  run.lead.fields[2] = Value(Unknown{});  // no title: fit has no entry, the vp rule is unknown
  run.evaluator.evaluate(run.lead, days_from_civil(2026, 11, 1), ExplainLevel::none, run.outcome);
  CHECK(run.write(OutputFormat::csv, with_ledger(), true) ==
        "id,stage,because,heat,fit,ledger.heat,ledger.fit,error\n"
        "A-1,,,20,0,'+5 per clicks up to 20 +20; senior title ?; -15 when student ?,,\n"
        ",,,,,,,\"record 2: clicks: expected a number, got \"\"many\"\"\"\n");
}

TEST_CASE("ledger: table lines under the row, one per score with entries") {
  Run run;
  CHECK(run.write(OutputFormat::table, with_ledger()) ==
        "id   stage  because  heat  fit\n"
        "A-1  none              30    1\n"
        "    heat: +5 per clicks up to 20 +20; senior title +10; -15 when student ?\n"
        "    fit: +1 when title is present +1\n");
}

TEST_CASE("audit: ndjson members after gates, on error lines after error") {
  Run run;
  CHECK(run.write(OutputFormat::ndjson, with_audit(), true) ==
        "{\"id\":\"A-1\",\"stage\":null,\"because\":null,\"scores\":{\"heat\":30,\"fit\":1},\"icp\":{},"
        "\"gates\":{},\"policy\":\"demo.qpl\",\"version\":3,\"sha256\":\"ab12\"}\n"
        "{\"record\":2,\"error\":\"clicks: expected a number, got \\\"many\\\"\",\"policy\":\"demo.qpl\","
        "\"version\":3,\"sha256\":\"ab12\"}\n");
  WriterOptions no_version = with_audit();
  no_version.audit->version.reset();
  CHECK(run.write(OutputFormat::ndjson, no_version).find(",\"version\":null,") != std::string::npos);
}

TEST_CASE("audit: csv columns before error, on error rows too; table line above the header") {
  Run run;
  CHECK(run.write(OutputFormat::csv, with_audit(), true) ==
        "id,stage,because,heat,fit,policy,version,sha256,error\n"
        "A-1,,,30,1,demo.qpl,3,ab12,\n"
        ",,,,,demo.qpl,3,ab12,\"record 2: clicks: expected a number, got \"\"many\"\"\"\n");
  CHECK(run.write(OutputFormat::table, with_audit()) ==
        "policy demo.qpl  version 3  sha256 ab12\n"
        "id   stage  because  heat  fit\n"
        "A-1  none              30    1\n");
}

TEST_CASE("audit: a score called version is headed score.version when the stamp is on") {
  auto policy = load("fields {\n  id: text\n}\nscore version {\n  +1\n}\n");
  std::string header;
  make_result_writer(OutputFormat::csv, *policy, with_audit())->begin(header);
  CHECK(header == "id,stage,because,score.version,policy,version,sha256,error\n");
  header.clear();
  make_result_writer(OutputFormat::csv, *policy, {})->begin(header);
  CHECK(header == "id,stage,because,version,error\n");
}

TEST_CASE("audit: the stamp names the file and version; sha256 of the bytes, or of each file's digest") {
  const auto alone = load(policy_text);
  const AuditStamp stamp = audit_stamp(*alone);
  CHECK(stamp.policy == "demo.qpl");
  CHECK(stamp.version == 3);
  CHECK(stamp.sha256 == sha256_hex(policy_text));

  const std::string main_text = "import \"shared/a.qpl\"\nfields {\n  id: text\n}\n";
  const std::string a_text = "import \"b.qpl\"\nscore a {\n  +1\n}\n";
  const std::string b_text = "score b {\n  +2\n}\n";
  auto loaded = sema::load_policy_text(
      "main.qpl", main_text, ".",
      [&](const std::string& path) -> std::variant<std::string, ReadFileError> {
        if (path == "./shared/a.qpl" || path == "shared/a.qpl") return a_text;
        if (path == "./shared/b.qpl" || path == "shared/b.qpl") return b_text;
        return ReadFileError{"no such file: " + path};
      });
  REQUIRE(loaded.ok());
  const AuditStamp imported = audit_stamp(*loaded.policy);
  CHECK(!imported.version);
  // main, then a, then the file a imports: `sha256sum main a b | cut -c1-64 | sha256sum`.
  CHECK(imported.sha256 ==
        sha256_hex(sha256_hex(main_text) + "\n" + sha256_hex(a_text) + "\n" + sha256_hex(b_text) + "\n"));
  // A change to an imported file changes the stamp.
  auto changed = sema::load_policy_text(
      "main.qpl", main_text, ".",
      [&](const std::string& path) -> std::variant<std::string, ReadFileError> {
        if (path.find("a.qpl") != std::string::npos) return a_text;
        return std::string("score b {\n  +3\n}\n");
      });
  REQUIRE(changed.ok());
  CHECK(audit_stamp(*changed.policy).sha256 != imported.sha256);
}
