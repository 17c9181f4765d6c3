// The JSON report: one object, for dashboards (its shape is in docs/commands.md).
#include <fmt/core.h>

#include "report/report_figures.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::report {
namespace {

void number_or_null(std::string& out, const std::optional<double>& value) {
  if (value) append_number(out, *value);
  else out += "null";
}

void text_or_null(std::string& out, const std::optional<std::string>& text) {
  if (text) append_json_string(out, *text);
  else out += "null";
}

void share(std::string& out, std::uint64_t part, std::uint64_t whole) {
  number_or_null(out, whole == 0 ? std::nullopt
                                 : std::optional<double>(static_cast<double>(part) / static_cast<double>(whole)));
}

// {"known","positive","rate","lift"}, or null without an outcome.
void rate(std::string& out, const Rate& r, const ReportFigures& f) {
  if (!f.outcome) {
    out += "null";
    return;
  }
  out += fmt::format("{{\"known\":{},\"positive\":{},\"rate\":", r.known, r.positive);
  number_or_null(out, r.rate());
  out += ",\"lift\":";
  number_or_null(out, r.lift(f.all));
  out += '}';
}

void header(std::string& out, const ReportFigures& f) {
  out += "{\"policy\":{\"file\":";
  append_json_string(out, f.policy_file);
  out += ",\"name\":";
  text_or_null(out, f.policy_name);
  out += ",\"version\":";
  out += f.policy_version ? fmt::format("{}", *f.policy_version) : "null";
  out += ",\"sha256\":";
  append_json_string(out, f.policy_sha256);
  out += "},\"data\":{\"files\":[";
  for (std::size_t i = 0; i < f.files.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, f.files[i]);
  }
  out += "],\"as_of\":";
  append_json_string(out, f.as_of);
  out += fmt::format(",\"records\":{},\"evaluated\":{},\"errors\":{}}},\"outcome\":", f.records,
                     f.evaluated, f.errors);
  if (!f.outcome) {
    out += "null";
    return;
  }
  out += "{\"column\":";
  append_json_string(out, f.outcome->column);
  out += ",\"value\":";
  text_or_null(out, f.outcome->value);
  out += fmt::format(",\"known\":{},\"positive\":{},\"missing\":{},\"unreadable\":{},\"unreadable_examples\":[",
                     f.all.known, f.all.positive, f.outcome->missing, f.outcome->unreadable);
  for (std::size_t i = 0; i < f.outcome->unreadable_examples.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, f.outcome->unreadable_examples[i]);
  }
  out += "],\"rate\":";
  number_or_null(out, f.all.rate());
  out += '}';
}

void score(std::string& out, const ScoreFigure& s, const ReportFigures& f) {
  out += "{\"name\":";
  append_json_string(out, s.name);
  out += ",\"low\":";
  number_or_null(out, s.low);
  out += ",\"high\":";
  number_or_null(out, s.high);
  out += fmt::format(",\"count\":{},\"mean\":", s.count);
  number_or_null(out, s.mean);
  out += ",\"min\":";
  number_or_null(out, s.min);
  out += ",\"max\":";
  number_or_null(out, s.max);
  out += ",\"thresholds\":[";
  for (std::size_t i = 0; i < s.thresholds.size(); ++i) {
    const ScoreThreshold& t = s.thresholds[i];
    if (i > 0) out += ',';
    out += "{\"op\":";
    append_json_string(out, t.op);
    out += ",\"value\":";
    append_number(out, t.value);
    out += ",\"text\":";
    append_json_string(out, t.text);
    out += ",\"at\":";
    append_json_string(out, t.at);
    out += '}';
  }
  out += "],\"histogram\":[";
  for (std::size_t i = 0; i < s.histogram.size(); ++i) {
    const HistogramBin& b = s.histogram[i];
    if (i > 0) out += ',';
    out += "{\"from\":";
    append_number(out, b.from);
    out += ",\"to\":";
    append_number(out, b.to);
    out += fmt::format(",\"leads\":{}}}", b.leads);
  }
  out += "],\"outcome\":";
  if (!f.outcome) {
    out += "null}";
    return;
  }
  out += "{\"auc\":";
  number_or_null(out, s.auc);
  out += ",\"bands\":[";
  for (std::size_t i = 0; i < s.bands.size(); ++i) {
    const Band& b = s.bands[i];
    if (i > 0) out += ',';
    out += fmt::format("{{\"band\":{},\"from\":", b.band);
    append_number(out, b.from);
    out += ",\"to\":";
    append_number(out, b.to);
    out += fmt::format(",\"leads\":{},\"known\":{},\"positive\":{},\"rate\":", b.leads, b.outcome.known,
                       b.outcome.positive);
    number_or_null(out, b.outcome.rate());
    out += ",\"lift\":";
    number_or_null(out, b.outcome.lift(f.all));
    out += '}';
  }
  out += "],\"thresholds\":[";
  for (std::size_t i = 0; i < s.threshold_rows.size(); ++i) {
    const ThresholdRow& r = s.threshold_rows[i];
    if (i > 0) out += ',';
    out += "{\"op\":";
    append_json_string(out, r.op);
    out += ",\"value\":";
    append_number(out, r.value);
    out += fmt::format(",\"current\":{},\"leads_above\":{},\"share_above\":", r.current, r.leads_above);
    share(out, r.leads_above, s.count);
    out += ",\"rate_above\":";
    number_or_null(out, r.above.rate());
    out += ",\"rate_below\":";
    number_or_null(out, r.below.rate());
    out += '}';
  }
  out += "]}}";
}

void icp(std::string& out, const IcpFigure& icp) {
  out += "{\"name\":";
  append_json_string(out, icp.name);
  out += fmt::format(",\"passed\":{},\"failed\":{},\"unknown\":{},\"lines\":[", icp.results[0],
                     icp.results[1], icp.results[2]);
  for (std::size_t i = 0; i < icp.lines.size(); ++i) {
    const IcpLineFigure& l = icp.lines[i];
    if (i > 0) out += ',';
    out += fmt::format("{{\"kind\":\"{}\",\"text\":", l.exclude ? "exclude" : "require");
    append_json_string(out, l.text);
    out += ",\"label\":";
    text_or_null(out, l.label.empty() ? std::nullopt : std::optional<std::string>(l.label));
    out += ",\"at\":";
    append_json_string(out, l.at);
    out += fmt::format(",\"true\":{},\"false\":{},\"unknown\":{},\"disqualifies\":{}}}", l.results[0],
                       l.results[1], l.results[2], l.disqualifies());
  }
  out += "]}";
}

void gates(std::string& out, const GatesFigure& g) {
  out += "{\"name\":";
  append_json_string(out, g.name);
  out += ",\"checks\":[";
  for (std::size_t i = 0; i < g.checks.size(); ++i) {
    const CheckFigure& c = g.checks[i];
    if (i > 0) out += ',';
    out += "{\"label\":";
    append_json_string(out, c.label);
    out += ",\"text\":";
    append_json_string(out, c.text);
    out += ",\"at\":";
    append_json_string(out, c.at);
    out += fmt::format(",\"pass\":{},\"fail\":{},\"unknown\":{}}}", c.results[0], c.results[1],
                       c.results[2]);
  }
  out += "]}";
}

}  // namespace

std::string report_json(const ReportFigures& f) {
  std::string out;
  header(out, f);
  out += ",\"stages\":[";
  for (std::size_t i = 0; i < f.stages.size(); ++i) {
    const StageFigure& s = f.stages[i];
    if (i > 0) out += ',';
    out += "{\"stage\":";
    append_json_string(out, s.stage);
    out += fmt::format(",\"leads\":{},\"share\":", s.leads);
    share(out, s.leads, f.evaluated);
    out += ",\"outcome\":";
    rate(out, s.outcome, f);
    out += '}';
  }
  out += fmt::format("],\"all\":{{\"leads\":{},\"outcome\":", f.evaluated);
  rate(out, f.all, f);
  out += "},\"scores\":[";
  for (std::size_t i = 0; i < f.scores.size(); ++i) {
    if (i > 0) out += ',';
    score(out, f.scores[i], f);
  }
  out += "],\"icps\":[";
  for (std::size_t i = 0; i < f.icps.size(); ++i) {
    if (i > 0) out += ',';
    icp(out, f.icps[i]);
  }
  out += "],\"gates\":[";
  for (std::size_t i = 0; i < f.gates.size(); ++i) {
    if (i > 0) out += ',';
    gates(out, f.gates[i]);
  }
  out += "]}\n";
  return out;
}

}  // namespace qpl::report
