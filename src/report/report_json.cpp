// The JSON report: one object, for dashboards (its shape is in docs/commands.md).
#include "present/json_writer.hpp"
#include "report/report_figures.hpp"

namespace qpl::report {
namespace {

using present::JsonWriter;

void number_or_null(JsonWriter& json, const std::optional<double>& value) {
  value ? json.number(*value) : json.null();
}

void text_or_null(JsonWriter& json, const std::optional<std::string>& text) {
  text ? json.string(*text) : json.null();
}

void share(JsonWriter& json, std::uint64_t part, std::uint64_t whole) {
  number_or_null(json, whole == 0 ? std::nullopt
                                  : std::optional<double>(static_cast<double>(part) / static_cast<double>(whole)));
}

// {"known","positive","rate","lift"}, or null without an outcome.
void rate(JsonWriter& json, const Rate& r, const ReportFigures& f) {
  if (!f.outcome) {
    json.null();
    return;
  }
  json.begin_object().key("known").integer(r.known).key("positive").integer(r.positive).key("rate");
  number_or_null(json, r.rate());
  json.key("lift");
  number_or_null(json, r.lift(f.all));
  json.end_object();
}

void header(JsonWriter& json, const ReportFigures& f) {
  json.key("policy").begin_object().field("file", f.policy_file).key("name");
  text_or_null(json, f.policy_name);
  json.key("version");
  f.policy_version ? json.integer(*f.policy_version) : json.null();
  json.field("sha256", f.policy_sha256).end_object();
  json.key("data").begin_object().key("files").begin_array();
  for (const std::string& file : f.files) json.string(file);
  json.end_array()
      .field("as_of", f.as_of)
      .key("records").integer(f.records)
      .key("evaluated").integer(f.evaluated)
      .key("errors").integer(f.errors)
      .end_object();
  json.key("outcome");
  if (!f.outcome) {
    json.null();
    return;
  }
  json.begin_object().field("column", f.outcome->column).key("value");
  text_or_null(json, f.outcome->value);
  json.key("known").integer(f.all.known)
      .key("positive").integer(f.all.positive)
      .key("missing").integer(f.outcome->missing)
      .key("unreadable").integer(f.outcome->unreadable)
      .key("unreadable_examples").begin_array();
  for (const std::string& example : f.outcome->unreadable_examples) json.string(example);
  json.end_array().key("rate");
  number_or_null(json, f.all.rate());
  json.end_object();
}

void score(JsonWriter& json, const ScoreFigure& s, const ReportFigures& f) {
  json.begin_object().field("name", s.name).key("low");
  number_or_null(json, s.low);
  json.key("high");
  number_or_null(json, s.high);
  json.key("count").integer(s.count).key("mean");
  number_or_null(json, s.mean);
  json.key("min");
  number_or_null(json, s.min);
  json.key("max");
  number_or_null(json, s.max);
  json.key("thresholds").begin_array();
  for (const ScoreThreshold& t : s.thresholds) {
    json.begin_object()
        .field("op", t.op)
        .key("value").number(t.value)
        .field("text", t.text)
        .field("at", t.at)
        .end_object();
  }
  json.end_array().key("histogram").begin_array();
  for (const HistogramBin& b : s.histogram)
    json.begin_object().key("from").number(b.from).key("to").number(b.to).key("leads").integer(b.leads).end_object();
  json.end_array().key("outcome");
  if (!f.outcome) {
    json.null().end_object();
    return;
  }
  json.begin_object().key("auc");
  number_or_null(json, s.auc);
  json.key("bands").begin_array();
  for (const Band& b : s.bands) {
    json.begin_object()
        .key("band").integer(b.band)
        .key("from").number(b.from)
        .key("to").number(b.to)
        .key("leads").integer(b.leads)
        .key("known").integer(b.outcome.known)
        .key("positive").integer(b.outcome.positive)
        .key("rate");
    number_or_null(json, b.outcome.rate());
    json.key("lift");
    number_or_null(json, b.outcome.lift(f.all));
    json.end_object();
  }
  json.end_array().key("thresholds").begin_array();
  for (const ThresholdRow& r : s.threshold_rows) {
    json.begin_object()
        .field("op", r.op)
        .key("value").number(r.value)
        .key("current").boolean(r.current)
        .key("leads_above").integer(r.leads_above)
        .key("share_above");
    share(json, r.leads_above, s.count);
    json.key("rate_above");
    number_or_null(json, r.above.rate());
    json.key("rate_below");
    number_or_null(json, r.below.rate());
    json.end_object();
  }
  json.end_array().end_object().end_object();
}

void icp(JsonWriter& json, const IcpFigure& icp) {
  json.begin_object()
      .field("name", icp.name)
      .key("passed").integer(icp.results[0])
      .key("failed").integer(icp.results[1])
      .key("unknown").integer(icp.results[2])
      .key("lines").begin_array();
  for (const IcpLineFigure& l : icp.lines) {
    json.begin_object().field("kind", l.exclude ? "exclude" : "require").field("text", l.text).key("label");
    text_or_null(json, l.label.empty() ? std::nullopt : std::optional<std::string>(l.label));
    json.field("at", l.at)
        .key("true").integer(l.results[0])
        .key("false").integer(l.results[1])
        .key("unknown").integer(l.results[2])
        .key("disqualifies").integer(l.disqualifies())
        .end_object();
  }
  json.end_array().end_object();
}

void gates(JsonWriter& json, const GatesFigure& g) {
  json.begin_object().field("name", g.name).key("checks").begin_array();
  for (const CheckFigure& c : g.checks) {
    json.begin_object()
        .field("label", c.label)
        .field("text", c.text)
        .field("at", c.at)
        .key("pass").integer(c.results[0])
        .key("fail").integer(c.results[1])
        .key("unknown").integer(c.results[2])
        .end_object();
  }
  json.end_array().end_object();
}

}  // namespace

std::string report_json(const ReportFigures& f) {
  JsonWriter json;
  json.begin_object();
  header(json, f);
  json.key("stages").begin_array();
  for (const StageFigure& s : f.stages) {
    json.begin_object().field("stage", s.stage).key("leads").integer(s.leads).key("share");
    share(json, s.leads, f.evaluated);
    json.key("outcome");
    rate(json, s.outcome, f);
    if (s.sla != nullptr)
      json.key("sla").begin_object().field("within", s.sla->within).key("overdue").integer(s.overdue).end_object();
    json.end_object();
  }
  json.end_array().key("all").begin_object().key("leads").integer(f.evaluated).key("outcome");
  rate(json, f.all, f);
  json.end_object().key("scores").begin_array();
  for (const ScoreFigure& s : f.scores) score(json, s, f);
  json.end_array().key("icps").begin_array();
  for (const IcpFigure& i : f.icps) icp(json, i);
  json.end_array().key("gates").begin_array();
  for (const GatesFigure& g : f.gates) gates(json, g);
  json.end_array().end_object();
  return json.take() + "\n";
}

}  // namespace qpl::report
