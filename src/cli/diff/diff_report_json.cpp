// The JSON report: one object, for tools (its shape is in docs/commands.md).
#include <fmt/core.h>

#include "cli/diff/diff_report.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

using namespace diff_detail;

void string_list(const std::vector<std::string>& names, std::size_t skip_last, std::string& out) {
  out += '[';
  for (std::size_t i = 0; i + skip_last < names.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, names[i]);
  }
  out += ']';
}

void policy(const std::string& name, const std::string& title, std::string& out) {
  out += "{\"policy\":";
  append_json_string(out, name);
  out += ",\"title\":";
  if (title.empty()) {
    out += "null";
  } else {
    append_json_string(out, title);
  }
  out += '}';
}

void side(const std::optional<RuleSide>& rule, const std::string& error, std::string& out) {
  if (!error.empty()) {
    out += "{\"error\":";
    append_json_string(out, error);
    out += '}';
    return;
  }
  if (!rule) {
    out += "null";
    return;
  }
  out += "{\"rule\":";
  append_json_string(out, rule->rule);
  out += ",\"at\":";
  append_json_string(out, rule->at);
  out += ",\"result\":" + rule->result_json + ",\"reads\":{";
  for (std::size_t i = 0; i < rule->reads.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, rule->reads[i].name);
    out += ':' + rule->reads[i].json;
  }
  out += "}}";
}

void sketch(const ScoreSketch& k, std::string& out) {
  out += fmt::format("{{\"mean\":{},\"p10\":{},\"p50\":{},\"p90\":{}}}", format_number(k.mean()),
                     format_number(k.quantile(0.1)), format_number(k.quantile(0.5)),
                     format_number(k.quantile(0.9)));
}

const char* status(const DiffShape::Pair& pair) {
  if (pair.old_index < 0) return "added";
  if (pair.new_index < 0) return "removed";
  return "kept";
}

}  // namespace

std::string diff_json(const DiffReport& report) {
  const DiffShape& shape = report.shape;
  const DiffTally& tally = report.tally;
  std::string out = "{\"old\":";
  policy(report.old_name, report.old_title, out);
  out += ",\"new\":";
  policy(report.new_name, report.new_title, out);
  out += fmt::format(",\"as_of\":\"{}\",\"records\":{},\"changed\":{},\"stages\":{{\"old\":", report.as_of,
                     tally.records, changed(report));
  string_list(shape.old_stages, 2, out);
  out += ",\"new\":";
  string_list(shape.new_stages, 2, out);
  out += "},\"matrix\":[";
  bool first = true;
  for (std::size_t from = 0; from < shape.old_stages.size(); ++from) {
    for (std::size_t to = 0; to < shape.new_stages.size(); ++to) {
      const std::uint64_t count = tally.cells[shape.cell(from, to)];
      if (count == 0) continue;
      if (!first) out += ',';
      first = false;
      out += "{\"from\":";
      append_json_string(out, shape.old_stages[from]);
      out += ",\"to\":";
      append_json_string(out, shape.new_stages[to]);
      out += fmt::format(",\"count\":{}}}", count);
    }
  }
  out += "],\"net\":{";
  first = true;
  for (const auto& [stage, n] : net_change(report)) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, stage);
    out += fmt::format(":{}", n);
  }
  out += "},\"moves\":[";
  first = true;
  for (const Move& m : moves(report)) {
    if (!first) out += ',';
    first = false;
    out += "{\"from\":";
    append_json_string(out, shape.old_stages[m.from]);
    out += ",\"to\":";
    append_json_string(out, shape.new_stages[m.to]);
    out += fmt::format(",\"count\":{},\"examples\":[", m.count);
    bool first_example = true;
    for (const DiffExample& e : tally.examples[shape.cell(m.from, m.to)]) {
      if (!first_example) out += ',';
      first_example = false;
      out += fmt::format("{{\"record\":{},\"id\":{},\"why\":{{\"old\":", e.record, e.id_json);
      side(e.why.old_side, e.old_error, out);
      out += ",\"new\":";
      side(e.why.new_side, e.new_error, out);
      out += "}}";
    }
    out += "]}";
  }
  out += "],\"scores\":[";
  for (std::size_t i = 0; i < shape.scores.size(); ++i) {
    const DiffShape::Pair& pair = shape.scores[i];
    if (i > 0) out += ',';
    out += "{\"name\":";
    append_json_string(out, pair.name);
    out += fmt::format(",\"status\":\"{}\",\"old\":", status(pair));
    if (pair.old_index >= 0) sketch(tally.scores[i].old_values, out); else out += "null";
    out += ",\"new\":";
    if (pair.new_index >= 0) sketch(tally.scores[i].new_values, out); else out += "null";
    out += fmt::format(",\"changed\":{}}}", tally.scores[i].changed);
  }
  out += "],\"results\":[";
  for (std::size_t i = 0; i < shape.results.size(); ++i) {
    const DiffShape::Pair& pair = shape.results[i];
    if (i > 0) out += ',';
    out += "{\"name\":";
    append_json_string(out, pair.name);
    out += fmt::format(",\"kind\":\"{}\",\"status\":\"{}\",\"moves\":[", pair.kind, status(pair));
    bool first_move = true;
    for (std::size_t a = 0; a < 3 && pair.old_index >= 0 && pair.new_index >= 0; ++a) {
      for (std::size_t b = 0; b < 3; ++b) {
        const std::uint64_t count = tally.results[i][a * 3 + b];
        if (a == b || count == 0) continue;
        if (!first_move) out += ',';
        first_move = false;
        auto json = [](std::size_t t) { return t == 2 ? "null" : tristate_name(static_cast<Tristate>(t)); };
        out += fmt::format("{{\"from\":{},\"to\":{},\"count\":{}}}", json(a), json(b), count);
      }
    }
    out += "]}";
  }
  out += fmt::format("],\"unreadable\":{{\"old\":{},\"new\":{}}},\"fail_on\":{{\"moves\":[",
                     unreadable_old(report), unreadable_new(report));
  for (std::size_t i = 0; i < report.fail_on.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, report.fail_on[i].from + "->" + report.fail_on[i].to);
  }
  out += fmt::format("],\"failed\":{}}}}}\n", report.failed ? "true" : "false");
  return out;
}

}  // namespace qpl::cli
