// CSV results: a header row, then one row per input record. Unknown is an empty cell; an error
// record keeps its place as a row whose `error` cell says which record and why, so a spreadsheet
// user sees it next to the others. Numbers are written as numbers (R47), never neutralised.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "eval/forward_only.hpp"
#include "present/ledger.hpp"
#include "present/result_fields.hpp"
#include "present/writers.hpp"
#include "present/csv_cell.hpp"
#include "present/value_format.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"

namespace qpl::present {
namespace {

void append_csv_value(std::string& out, const Value& value) {
  append_value(out, value, nullptr, csv_cell_format);
}

class CsvWriter final : public ResultWriter {
 public:
  CsvWriter(const CheckedPolicy& policy, const WriterOptions& options)
      : policy_(policy), options_(options), checks_(check_columns(policy)) {
    if (options.ledger) ledger_.emplace(policy);
  }

  void begin(std::string& out) override {
    std::vector<std::string> results{"stage", "because"};
    if (options_.since) results.emplace_back("since");
    if (has_sla()) {
      results.emplace_back("sla");
      if (day_slas()) results.emplace_back("age_days");
      if (hour_slas()) results.emplace_back("age_hours");
      results.emplace_back("overdue");
    }
    if (forward_only()) {
      results.emplace_back("held");
      results.emplace_back("recycled");
    }
    for (const ScoreInfo& score : policy_.scores) results.push_back(result_column("score", score.name));
    for (const GradeInfo& grade : policy_.grades) results.push_back(result_column("grade", grade.name));
    for (const IcpInfo& icp : policy_.icps) results.push_back(result_column("icp", icp.name));
    for (const CheckColumn& check : checks_) results.push_back(check.group + "." + check.label);
    if (ledger_) {
      // `ledger.NAME`, unless a gates group `ledger` has a check NAME: a label has no dot.
      const std::size_t checks_end = results.size();
      for (const ScoreInfo& score : policy_.scores) {
        std::string name = "ledger." + score.name;
        if (std::find(results.begin(), results.begin() + static_cast<std::ptrdiff_t>(checks_end), name) !=
            results.begin() + static_cast<std::ptrdiff_t>(checks_end))
          name = "ledger.score." + score.name;
        results.push_back(std::move(name));
      }
    }
    if (options_.audit) {
      results.emplace_back("policy");
      results.emplace_back("version");
      results.emplace_back("sha256");
    }
    results.emplace_back("error");
    if (options_.explain) results.emplace_back("explain");
    if (options_.why_not) results.emplace_back("why_not");
    out += "id";
    // A kept input column named like a result column is headed `input.NAME`: every column of
    // the file keeps its own name, and `stage` is always ours.
    for (const KeptColumn& kept : options_.keep) {
      const bool taken = kept.name == "id" ||
                         std::find(results.begin(), results.end(), kept.name) != results.end();
      header_cell(out, taken ? "input." + kept.name : kept.name);
    }
    for (const std::string& name : results) header_cell(out, name);
    out += '\n';
  }

  void write(const ResultView& result, std::string& out) override {
    if (result.outcome == nullptr) {
      write_error(result, out);
      return;
    }
    const eval::LeadOutcome& outcome = *result.outcome;
    if (const Value* id = result_id(policy_, result)) {
      append_csv_value(out, *id);
    } else {
      append_number(out, static_cast<double>(result.record));
    }
    for (const KeptColumn& kept : options_.keep) {
      out += ',';
      if (result.lead && kept.slot < result.lead->fields.size())
        append_csv_value(out, result.lead->fields[kept.slot]);
    }
    out += ',';
    const eval::StageAnswer answer = eval::stage_answer(policy_, outcome);
    if (answer.stage != nullptr) {
      append_csv_text(out, *answer.stage);
      out += ',';
      append_csv_text(out, *answer.because);
    } else {
      out += ',';
    }
    if (options_.since) {
      out += ',';
      if (result.since) {
        if (result.since_at) out += format_instant(*result.since_at);
        else append_date(out, result.since->days);
      }
    }
    if (has_sla()) {
      if (result.sla) {
        out += ',';
        append_csv_text(out, result.sla->sla->within);
        if (day_slas()) {
          out += ',';
          if (!result.sla->in_hours()) append_number(out, static_cast<double>(result.sla->age));
        }
        if (hour_slas()) {
          out += ',';
          if (result.sla->in_hours()) append_number(out, static_cast<double>(result.sla->age));
        }
        out += result.sla->overdue() ? ",true" : ",false";
      } else {
        out.append(sla_columns(), ',');
      }
    }
    if (forward_only()) {
      out += ',';
      if (answer.held_from != nullptr) append_csv_text(out, *answer.held_from);
      out += answer.recycled ? ",true" : ",";
    }
    for (std::size_t i = 0; i < policy_.scores.size(); ++i) {
      out += ',';
      if (i < outcome.scores.size()) append_number(out, outcome.scores[i]);
    }
    for (std::size_t i = 0; i < policy_.grades.size(); ++i) {
      out += ',';
      if (i < outcome.grades.size()) append_csv_value(out, outcome.grades[i]);
    }
    for (std::size_t i = 0; i < policy_.icps.size(); ++i) {
      out += ',';
      if (i < outcome.icps.size()) append_csv_value(out, outcome.icps[i]);
    }
    for (const CheckColumn& check : checks_) {
      out += ',';
      if (check.index < outcome.checks.size()) append_csv_value(out, outcome.checks[check.index]);
    }
    if (ledger_) {
      for (std::uint32_t i = 0; i < policy_.scores.size(); ++i) {
        out += ',';
        if (i < outcome.ledger.size() && !outcome.ledger[i].empty()) {
          std::string cell;  // write() is shared by worker threads: no member scratch
          ledger_->append_text(cell, i, outcome.ledger[i]);
          append_csv_text(out, cell);
        }
      }
    }
    append_audit(out);
    out += ',';  // no error
    append_annotations(result, out);
    out += '\n';
  }

 private:
  // QPL reserves none of the fixed columns' names (R1): a score called `stage` is headed
  // `score.stage`, so that every column of the file has its own name.
  std::string result_column(std::string_view kind, const std::string& name) const {
    const bool taken = name == "id" || name == "stage" || name == "because" ||
                       (options_.since && name == "since") || name == "error" ||
                       (forward_only() && (name == "held" || name == "recycled")) ||
                       (has_sla() && (name == "sla" || (day_slas() && name == "age_days") ||
                                     (hour_slas() && name == "age_hours") || name == "overdue")) ||
                       name == "explain" || name == "why_not" ||
                       (options_.audit && (name == "policy" || name == "version" || name == "sha256"));
    return taken ? std::string(kind) + "." + name : name;
  }

  // A funnel with an `sla` gives the columns `sla`, `age_days` and `overdue` after `since`.
  bool has_sla() const { return policy_.funnel != nullptr && !policy_.funnel->slas.empty(); }
  // `age_days` when the funnel has a day SLA, `age_hours` when it has an hour SLA (both may be).
  bool day_slas() const { return has_sla_in(false); }
  bool hour_slas() const { return has_sla_in(true); }
  bool has_sla_in(bool hours) const {
    if (policy_.funnel == nullptr) return false;
    for (const FunnelSla& sla : policy_.funnel->slas)
      if (sla.in_hours == hours) return true;
    return false;
  }
  std::size_t sla_columns() const {
    return has_sla() ? 2 + (day_slas() ? 1 : 0) + (hour_slas() ? 1 : 0) : 0;
  }

  // A forward-only funnel's results have the columns `held` and `recycled` after `since` (and
  // the SLA's).
  bool forward_only() const { return policy_.funnel != nullptr && policy_.funnel->forward_only; }

  static void header_cell(std::string& out, const std::string& name) {
    out += ',';
    append_csv_text(out, name);
  }

  void write_error(const ResultView& result, std::string& out) const {
    // The id when it is known, empty stage, because, kept columns and results; the error cell
    // names the record.
    if (result.error_id != nullptr) {
      append_csv_value(out, *result.error_id);
    } else if (policy_.schema.id_field < 0) {
      append_number(out, static_cast<double>(result.record));  // R46: the id is the number
    }
    const std::size_t empty_cells = 2 + (options_.since ? 1 : 0) + sla_columns() + (forward_only() ? 2 : 0) + options_.keep.size() +
                                    policy_.scores.size() + policy_.grades.size() + policy_.icps.size() + checks_.size() +
                                    (ledger_ ? policy_.scores.size() : 0);
    out.append(empty_cells, ',');
    append_audit(out);
    out += ',';
    std::string message = "record ";
    append_number(message, static_cast<double>(result.record));
    message += ": ";
    message += result.error;
    append_csv_text(out, message);
    if (options_.explain) out += ',';
    if (options_.why_not) out += ',';
    out += '\n';
  }

  // `,policy,version,sha256` with --audit: the same on every row, error rows included.
  void append_audit(std::string& out) const {
    if (!options_.audit) return;
    out += ',';
    append_csv_text(out, options_.audit->policy);
    out += ',';
    if (options_.audit->version) out += std::to_string(*options_.audit->version);
    out += ',';
    out += options_.audit->sha256;
  }

  void append_annotations(const ResultView& result, std::string& out) const {
    if (options_.explain) {
      out += ',';
      append_annotation(result.explain, out);
    }
    if (options_.why_not) {
      out += ',';
      append_annotation(result.why_not, out);
    }
  }

  // Quoted as a cell: a renderer's text goes to a buffer of this thread first (one writer serves
  // every thread).
  static void append_annotation(const Annotation& annotation, std::string& out) {
    thread_local std::string buffer;
    append_csv_text(out, annotation.text_in(buffer));
  }

  const CheckedPolicy& policy_;
  WriterOptions options_;
  std::vector<CheckColumn> checks_;
  std::optional<LedgerTexts> ledger_;  // with --ledger
};

}  // namespace

std::unique_ptr<ResultWriter> make_csv_writer(const CheckedPolicy& policy,
                                              const WriterOptions& options) {
  return std::make_unique<CsvWriter>(policy, options);
}

}  // namespace qpl::present
