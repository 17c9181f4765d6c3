// The JSON report: one object, for tools (its shape is in docs/commands.md).
#include "diff/diff_report.hpp"
#include "present/json_writer.hpp"
#include "support/number_format.hpp"

namespace qpl::diff {
namespace {

using namespace diff_detail;
using present::JsonWriter;

void string_list(const std::vector<std::string>& names, std::size_t skip_last, JsonWriter& json) {
  json.begin_array();
  for (std::size_t i = 0; i + skip_last < names.size(); ++i) json.string(names[i]);
  json.end_array();
}

void policy(const std::string& name, const std::string& title, JsonWriter& json) {
  json.begin_object().field("policy", name).key("title");
  title.empty() ? json.null() : json.string(title);
  json.end_object();
}

void side(const std::optional<present::RuleSide>& rule, const std::string& error, JsonWriter& json) {
  if (!error.empty()) {
    json.begin_object().field("error", error).end_object();
    return;
  }
  if (!rule) {
    json.null();
    return;
  }
  json.begin_object().field("rule", rule->rule).field("at", rule->at).key("result").json_value(rule->result_json);
  json.key("reads").begin_object();
  for (const auto& read : rule->reads) json.key(read.name).json_value(read.json);
  json.end_object().end_object();
}

void sketch(const ScoreSketch& k, JsonWriter& json) {
  json.begin_object()
      .key("mean").json_value(format_number(k.mean()))
      .key("p10").json_value(format_number(k.quantile(0.1)))
      .key("p50").json_value(format_number(k.quantile(0.5)))
      .key("p90").json_value(format_number(k.quantile(0.9)))
      .end_object();
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
  JsonWriter json;
  json.begin_object().key("old");
  policy(report.old_name, report.old_title, json);
  json.key("new");
  policy(report.new_name, report.new_title, json);
  json.field("as_of", report.as_of).key("records").integer(tally.records).key("changed").integer(changed(report));
  json.key("stages").begin_object().key("old");
  string_list(shape.old_stages, 2, json);
  json.key("new");
  string_list(shape.new_stages, 2, json);
  json.end_object().key("matrix").begin_array();
  for (std::size_t from = 0; from < shape.old_stages.size(); ++from) {
    for (std::size_t to = 0; to < shape.new_stages.size(); ++to) {
      const std::uint64_t count = tally.cells[shape.cell(from, to)];
      if (count == 0) continue;
      json.begin_object()
          .field("from", shape.old_stages[from])
          .field("to", shape.new_stages[to])
          .key("count").integer(count)
          .end_object();
    }
  }
  json.end_array().key("net").begin_object();
  for (const auto& [stage, n] : net_change(report)) json.key(stage).integer(n);
  json.end_object().key("moves").begin_array();
  for (const Move& m : moves(report)) {
    json.begin_object()
        .field("from", shape.old_stages[m.from])
        .field("to", shape.new_stages[m.to])
        .key("count").integer(m.count)
        .key("examples").begin_array();
    for (const DiffExample& e : tally.examples[shape.cell(m.from, m.to)]) {
      json.begin_object().key("record").integer(e.record).key("id").json_value(e.id_json);
      json.key("why").begin_object().key("old");
      side(e.why.old_side, e.old_error, json);
      json.key("new");
      side(e.why.new_side, e.new_error, json);
      json.end_object().end_object();
    }
    json.end_array().end_object();
  }
  json.end_array().key("scores").begin_array();
  for (std::size_t i = 0; i < shape.scores.size(); ++i) {
    const DiffShape::Pair& pair = shape.scores[i];
    json.begin_object().field("name", pair.name).field("status", status(pair)).key("old");
    if (pair.old_index >= 0) sketch(tally.scores[i].old_values, json); else json.null();
    json.key("new");
    if (pair.new_index >= 0) sketch(tally.scores[i].new_values, json); else json.null();
    json.key("changed").integer(tally.scores[i].changed).end_object();
  }
  json.end_array().key("results").begin_array();
  for (std::size_t i = 0; i < shape.results.size(); ++i) {
    const DiffShape::Pair& pair = shape.results[i];
    json.begin_object().field("name", pair.name).field("kind", pair.kind).field("status", status(pair));
    json.key("moves").begin_array();
    for (std::size_t a = 0; a < 3 && pair.old_index >= 0 && pair.new_index >= 0; ++a) {
      for (std::size_t b = 0; b < 3; ++b) {
        const std::uint64_t count = tally.results[i][a * 3 + b];
        if (a == b || count == 0) continue;
        auto tristate = [](std::size_t t) { return t == 2 ? "null" : tristate_name(static_cast<Tristate>(t)); };
        json.begin_object()
            .key("from").json_value(tristate(a))
            .key("to").json_value(tristate(b))
            .key("count").integer(count)
            .end_object();
      }
    }
    json.end_array().end_object();
  }
  json.end_array()
      .key("unreadable").begin_object()
      .key("old").integer(unreadable_old(report))
      .key("new").integer(unreadable_new(report))
      .end_object();
  json.key("fail_on").begin_object().key("moves").begin_array();
  for (const auto& move : report.fail_on) json.string(move.from + "->" + move.to);
  json.end_array().key("failed").boolean(report.failed).end_object();
  return json.end_object().take() + "\n";
}

}  // namespace qpl::diff
