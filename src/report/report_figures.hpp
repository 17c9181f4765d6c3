#pragma once
// Every figure of a `qualify report`, computed once from the tally: the JSON and the HTML
// renderings both read this, so they cannot disagree.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/outcome_stats.hpp"
#include "report/report_tally.hpp"
#include "report/score_thresholds.hpp"

namespace qpl::report {

struct StageFigure {
  std::string stage;  // "(no stage)" for leads no funnel line took
  std::uint64_t leads = 0;
  Rate outcome;
  const FunnelSla* sla = nullptr;  // the stage's `sla`, if any
  std::uint64_t overdue = 0;       // leads past it
};

struct ScoreFigure {
  std::string name;
  std::optional<double> low, high;  // `from LO to HI`
  std::uint64_t count = 0;
  std::optional<double> mean, min, max;
  bool exact = true;  // false once values were bucketed (value_counts.hpp)
  std::vector<ScoreThreshold> thresholds;
  std::vector<HistogramBin> histogram;
  // With an outcome:
  std::optional<double> auc;
  std::vector<Band> bands;
  std::vector<ThresholdRow> threshold_rows;
};

struct IcpLineFigure {
  bool exclude = false;
  std::string text, label, at;
  Tri results{};  // true, false, unknown
  // The leads this line alone would disqualify: false for a require, true for an exclude.
  std::uint64_t disqualifies() const { return exclude ? results[0] : results[1]; }
};

struct IcpFigure {
  std::string name;
  Tri results{};  // passed, failed, unknown
  std::vector<IcpLineFigure> lines;
};

struct CheckFigure {
  std::string label, text, at;
  Tri results{};  // pass, fail, unknown
};

struct GatesFigure {
  std::string name;
  std::vector<CheckFigure> checks;
};

struct OutcomeFigure {
  std::string column;
  std::optional<std::string> value;
  std::uint64_t missing = 0, unreadable = 0;
  std::vector<std::string> unreadable_examples;
};

struct ReportFigures {
  std::string policy_file;
  std::optional<std::string> policy_name;
  std::optional<std::int64_t> policy_version;
  std::string policy_sha256;
  std::vector<std::string> files;
  std::string as_of;
  std::uint64_t records = 0, evaluated = 0, errors = 0;
  std::optional<OutcomeFigure> outcome;
  std::vector<StageFigure> stages;
  Rate all;  // every evaluated lead
  std::vector<ScoreFigure> scores;
  std::vector<IcpFigure> icps;
  std::vector<GatesFigure> gates;
};

struct ReportContext {
  std::string policy_file;
  std::vector<std::string> files;  // "-" for stdin
  std::string as_of;               // YYYY-MM-DD
};

ReportFigures make_figures(const CheckedPolicy& policy, const ReportTally& tally,
                           const ReportContext& context);

// The two renderings (report_json.cpp, report_html.cpp).
std::string report_json(const ReportFigures& figures);
std::string report_html(const ReportFigures& figures);

}  // namespace qpl::report
