// The HTML report: one self-contained page (inline CSS and SVG, no script, no network) built
// from the same figures as the JSON. Every chart has its numbers in a table under it. Every text
// from the policy or the data is escaped.
#include <algorithm>

#include <fmt/core.h>

#include "report/report_figures.hpp"
#include "report/svg_chart.hpp"
#include "support/utf8.hpp"

namespace qpl::report {
namespace {

constexpr const char* style = R"css(
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bar:#2f6fb5;--pass:#2e7d32;--fail:#c62828;--unknown:#e0a100}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:980px;margin:0 auto;padding:28px 24px 48px}
h1{font-size:26px;margin:0 0 2px}h2{font-size:20px;margin:36px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:24px 0 6px}
.sub,.muted{color:var(--muted)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:14px 0 0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;overflow-wrap:anywhere}
code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
table{border-collapse:collapse;margin:8px 0 4px;font-size:14px}
th,td{padding:3px 10px;border-bottom:1px solid var(--line);text-align:right;vertical-align:top}
th{font-weight:600;background:#f5f7fa}
th:first-child,td:first-child,td.text,th.text{text-align:left}
tr.current td{font-weight:700;background:#fff8e1}
svg.chart{display:block;max-width:100%;height:auto;margin:6px 0}
svg .bar{fill:var(--bar)}svg .pass{fill:var(--pass)}svg .fail{fill:var(--fail)}svg .unknown{fill:var(--unknown)}
svg text{font:12px system-ui,Arial,sans-serif;fill:var(--ink)}svg .tick{fill:var(--muted)}
svg .axis{stroke:var(--muted)}svg .threshold{stroke:var(--fail);stroke-width:2;stroke-dasharray:5 3}
svg .threshold-label{fill:var(--fail);font-weight:600}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:11px;height:11px;margin-right:5px;vertical-align:-1px}
.warning{border-left:4px solid var(--unknown);background:#fffbea;padding:6px 10px}
footer{margin-top:40px;color:var(--muted);font-size:13px}
@media print{
  body{font-size:11pt}main{max-width:none;padding:0}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  section,table,svg{break-inside:avoid}h2,h3{break-after:avoid}
}
)css";

std::string esc(std::string_view text) { return markup_escape(text); }

std::string count(std::uint64_t n) {
  std::string digits = fmt::format("{}", n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string percent(std::optional<double> fraction) {
  return fraction ? fmt::format("{:.1f}%", 100 * *fraction) : "–";
}
std::string percent(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? "–" : percent(static_cast<double>(part) / static_cast<double>(whole));
}
std::string times(std::optional<double> lift) { return lift ? fmt::format("{:.2f}×", *lift) : "–"; }

void header(std::string& out, const ReportFigures& f) {
  const std::string title = f.policy_name ? *f.policy_name : f.policy_file;
  out += "<header><h1>" + esc(title);
  if (f.policy_version) out += fmt::format(" <span class=\"muted\">version {}</span>", *f.policy_version);
  out += "</h1><p class=\"sub\">Funnel report by <code>qualify report</code></p><dl class=\"facts\">";
  out += "<dt>Policy file</dt><dd><code>" + esc(f.policy_file) + "</code></dd>";
  out += "<dt>SHA-256</dt><dd><code>" + esc(f.policy_sha256) + "</code></dd>";
  out += "<dt>Data</dt><dd>";
  for (std::size_t i = 0; i < f.files.size(); ++i) out += (i ? ", <code>" : "<code>") + esc(f.files[i]) + "</code>";
  out += "</dd><dt>As of</dt><dd>" + esc(f.as_of) + "</dd>";
  out += fmt::format("<dt>Records</dt><dd>{} read, {} evaluated, {} in error</dd>", count(f.records),
                     count(f.evaluated), count(f.errors));
  if (f.outcome) {
    out += "<dt>Outcome</dt><dd><code>" + esc(f.outcome->column) + "</code>";
    if (f.outcome->value) out += " = <code>" + esc(*f.outcome->value) + "</code>";
    out += fmt::format(": {} of {} leads with a known outcome are positive ({}); {} missing, {} unreadable</dd>",
                       count(f.all.positive), count(f.all.known), percent(f.all.rate()), count(f.outcome->missing),
                       count(f.outcome->unreadable));
  }
  out += "</dl>";
  if (f.outcome && f.outcome->unreadable > 0) {
    std::string examples;
    for (const std::string& e : f.outcome->unreadable_examples)
      examples += (examples.empty() ? "<code>" : ", <code>") + esc(e) + "</code>";
    out += fmt::format("<p class=\"warning\">{} leads have an outcome that is not 1/0, yes/no or true/false "
                       "(e.g. {}): they are left out of every conversion figure.</p>",
                       count(f.outcome->unreadable), examples);
  }
  out += "</header>";
}

void funnel(std::string& out, const ReportFigures& f) {
  out += "<section id=\"funnel\"><h2>Funnel</h2>";
  if (f.stages.empty()) {
    out += "<p class=\"muted\">The policy has no funnel.</p></section>";
    return;
  }
  std::vector<BarRow> rows;
  double most = 0;
  for (const StageFigure& s : f.stages) {
    std::string note = count(s.leads) + " (" + percent(s.leads, f.evaluated) + ")";
    if (f.outcome) note += " · " + percent(s.outcome.rate()) + " converted";
    rows.push_back({s.stage, {{static_cast<double>(s.leads), "bar"}}, note});
    most = std::max(most, static_cast<double>(s.leads));
  }
  out += horizontal_bars(rows, most, "Leads per stage, in funnel order");
  out += "<table><thead><tr><th>stage</th><th>leads</th><th>share</th>";
  if (f.outcome) out += "<th>known outcome</th><th>positive</th><th>conversion</th><th>lift</th>";
  const bool slas = std::any_of(f.stages.begin(), f.stages.end(), [](const StageFigure& s) { return s.sla != nullptr; });
  if (slas) out += "<th>overdue</th>";
  out += "</tr></thead><tbody>";
  auto row = [&](const std::string& name, std::uint64_t leads, const Rate& r, const StageFigure* stage) {
    out += "<tr><td class=\"text\">" + esc(name) + "</td><td>" + count(leads) + "</td><td>" +
           percent(leads, f.evaluated) + "</td>";
    if (f.outcome)
      out += "<td>" + count(r.known) + "</td><td>" + count(r.positive) + "</td><td>" + percent(r.rate()) +
             "</td><td>" + times(r.lift(f.all)) + "</td>";
    if (slas) {
      out += "<td>";
      if (stage != nullptr && stage->sla != nullptr)
        out += count(stage->overdue) + " <span class=\"muted\">(within " + esc(stage->sla->within) + ")</span>";
      out += "</td>";
    }
    out += "</tr>";
  };
  for (const StageFigure& s : f.stages) row(s.stage, s.leads, s.outcome, &s);
  row("all", f.evaluated, f.all, nullptr);
  out += "</tbody></table></section>";
}

void score(std::string& out, const ScoreFigure& s, const ReportFigures& f) {
  out += "<h3>" + esc(s.name) + "</h3><p>";
  if (s.low && s.high) out += "from " + short_number(*s.low) + " to " + short_number(*s.high) + " · ";
  out += count(s.count) + " leads";
  if (s.mean) out += " · mean " + short_number(*s.mean) + ", min " + short_number(*s.min) + ", max " + short_number(*s.max);
  if (f.outcome) out += " · AUC " + (s.auc ? fmt::format("{:.3f}", *s.auc) : std::string("–"));
  if (!s.exact) out += " · <span class=\"muted\">values bucketed to 0.1%</span>";
  out += "</p>";
  std::vector<HistogramMark> marks;
  for (const ScoreThreshold& t : s.thresholds) {
    const std::string label = t.op + " " + short_number(t.value);
    if (std::none_of(marks.begin(), marks.end(), [&](const HistogramMark& m) { return m.label == label; }))
      marks.push_back({t.value, label});
  }
  out += histogram_svg(s.histogram, marks, "Histogram of " + s.name + ", with the policy's thresholds");
  if (!s.thresholds.empty()) {
    out += "<table><thead><tr><th>threshold in the policy</th><th class=\"text\">where</th></tr></thead><tbody>";
    for (const ScoreThreshold& t : s.thresholds)
      out += "<tr><td class=\"text\"><code>" + esc(t.text) + "</code></td><td class=\"text\"><code>" + esc(t.at) +
             "</code></td></tr>";
    out += "</tbody></table>";
  }
  out += "<table><thead><tr><th>from</th><th>to</th><th>leads</th><th>share</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < s.histogram.size(); ++i) {
    const HistogramBin& b = s.histogram[i];
    out += "<tr><td>" + short_number(b.from) + "</td><td>" + (i + 1 == s.histogram.size() ? "≤ " : "< ") +
           short_number(b.to) + "</td><td>" + count(b.leads) + "</td><td>" + percent(b.leads, s.count) + "</td></tr>";
  }
  out += "</tbody></table>";
  if (!f.outcome) return;
  std::vector<BarRow> rows;
  for (const Band& b : s.bands)
    rows.push_back({fmt::format("band {}: {} to {}", b.band, short_number(b.from), short_number(b.to)),
                    {{b.outcome.rate().value_or(0), "bar"}},
                    percent(b.outcome.rate()) + " · lift " + times(b.outcome.lift(f.all))});
  out += "<h3>" + esc(s.name) + ": conversion per score band (deciles, highest first)</h3>";
  out += horizontal_bars(rows, 1.0, "Conversion rate per score band of " + s.name);
  out += "<table><thead><tr><th>band</th><th>scores</th><th>leads</th><th>known outcome</th><th>positive</th>"
         "<th>conversion</th><th>lift</th></tr></thead><tbody>";
  for (const Band& b : s.bands)
    out += fmt::format("<tr><td class=\"text\">{}</td><td>{} to {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                       b.band, short_number(b.from), short_number(b.to), count(b.leads), count(b.outcome.known),
                       count(b.outcome.positive), percent(b.outcome.rate()), times(b.outcome.lift(f.all)));
  out += "</tbody></table>";
  out += "<h3>" + esc(s.name) + ": thresholds</h3><table><thead><tr><th>threshold</th><th>leads above</th>"
         "<th>share above</th><th>conversion above</th><th>conversion below</th><th class=\"text\"></th></tr></thead><tbody>";
  for (const ThresholdRow& r : s.threshold_rows) {
    out += r.current ? "<tr class=\"current\">" : "<tr>";
    out += "<td class=\"text\">" + esc(s.name) + " " + esc(r.op) + " " + short_number(r.value) + "</td><td>" +
           count(r.leads_above) + "</td><td>" + percent(r.leads_above, s.count) + "</td><td>" +
           percent(r.above.rate()) + "</td><td>" + percent(r.below.rate()) + "</td><td class=\"text\">" +
           (r.current ? "◀ current" : "") + "</td></tr>";
  }
  out += "</tbody></table>";
}

constexpr const char* tri_legend =
    "<p class=\"legend\"><span><i style=\"background:var(--pass)\"></i>{}</span><span><i "
    "style=\"background:var(--fail)\"></i>{}</span><span><i style=\"background:var(--unknown)\"></i>unknown</span></p>";

void icps(std::string& out, const ReportFigures& f) {
  if (f.icps.empty()) return;
  out += "<section id=\"icps\"><h2>Ideal customer profile</h2>";
  for (const IcpFigure& icp : f.icps) {
    out += "<h3>icp " + esc(icp.name) + "</h3>";
    out += fmt::format("<p>{} pass ({}), {} fail ({}), {} unknown ({})</p>", count(icp.results[0]),
                       percent(icp.results[0], f.evaluated), count(icp.results[1]), percent(icp.results[1], f.evaluated),
                       count(icp.results[2]), percent(icp.results[2], f.evaluated));
    std::vector<BarRow> rows;
    for (const IcpLineFigure& l : icp.lines) {
      const std::uint64_t keeps = l.exclude ? l.results[1] : l.results[0];
      rows.push_back({std::string(l.exclude ? "exclude " : "require ") + (l.label.empty() ? l.text : l.label),
                      {{static_cast<double>(keeps), "pass"}, {static_cast<double>(l.disqualifies()), "fail"},
                       {static_cast<double>(l.results[2]), "unknown"}},
                      percent(l.disqualifies(), f.evaluated) + " disqualified"});
    }
    out += fmt::format(fmt::runtime(tri_legend), "keeps the lead", "disqualifies it");
    out += horizontal_bars(rows, static_cast<double>(f.evaluated), "What each line of icp " + icp.name + " does to the leads");
    out += "<table><thead><tr><th>line</th><th>disqualifies</th><th>share</th><th>unknown</th><th>share</th>"
           "<th class=\"text\">where</th></tr></thead><tbody>";
    for (const IcpLineFigure& l : icp.lines) {
      out += "<tr><td class=\"text\"><code>" + std::string(l.exclude ? "exclude " : "require ") + esc(l.text) + "</code>";
      if (!l.label.empty()) out += " <span class=\"muted\">“" + esc(l.label) + "”</span>";
      out += "</td><td>" + count(l.disqualifies()) + "</td><td>" + percent(l.disqualifies(), f.evaluated) + "</td><td>" +
             count(l.results[2]) + "</td><td>" + percent(l.results[2], f.evaluated) + "</td><td class=\"text\"><code>" +
             esc(l.at) + "</code></td></tr>";
    }
    out += "</tbody></table>";
  }
  out += "</section>";
}

void gates(std::string& out, const ReportFigures& f) {
  if (f.gates.empty()) return;
  out += "<section id=\"gates\"><h2>Gates</h2>";
  for (const GatesFigure& g : f.gates) {
    out += "<h3>gates " + esc(g.name) + "</h3>";
    std::vector<BarRow> rows;
    for (const CheckFigure& c : g.checks)
      rows.push_back({g.name + "." + c.label,
                      {{static_cast<double>(c.results[0]), "pass"}, {static_cast<double>(c.results[1]), "fail"},
                       {static_cast<double>(c.results[2]), "unknown"}},
                      percent(c.results[2], f.evaluated) + " unknown"});
    out += fmt::format(fmt::runtime(tri_legend), "pass", "fail");
    out += horizontal_bars(rows, static_cast<double>(f.evaluated), "Pass, fail and unknown per check of " + g.name);
    out += "<table><thead><tr><th>check</th><th>pass</th><th>fail</th><th>unknown</th><th>unknown share</th>"
           "<th class=\"text\">where</th></tr></thead><tbody>";
    for (const CheckFigure& c : g.checks)
      out += "<tr><td class=\"text\"><code>" + esc(c.label) + " when " + esc(c.text) + "</code></td><td>" +
             count(c.results[0]) + "</td><td>" + count(c.results[1]) + "</td><td>" + count(c.results[2]) + "</td><td>" +
             percent(c.results[2], f.evaluated) + "</td><td class=\"text\"><code>" + esc(c.at) + "</code></td></tr>";
    out += "</tbody></table>";
  }
  out += "</section>";
}

}  // namespace

std::string report_html(const ReportFigures& f) {
  const std::string title = f.policy_name ? *f.policy_name : f.policy_file;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<title>Funnel report: " + esc(title) + "</title><style>";
  out += style;
  out += "</style></head><body><main>";
  header(out, f);
  funnel(out, f);
  if (!f.scores.empty()) {
    out += "<section id=\"scores\"><h2>Scores</h2>";
    for (const ScoreFigure& s : f.scores) score(out, s, f);
    out += "</section>";
  }
  icps(out, f);
  gates(out, f);
  out += "<footer>Made by qualify " QUALIFY_VERSION " from the figures of <code>qualify report --format json</code>."
         "</footer></main></body></html>\n";
  return out;
}

}  // namespace qpl::report
