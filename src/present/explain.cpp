// The explain trace as text for people and as JSON for tools.
#include <algorithm>
#include <array>
#include <span>
#include <unordered_map>

#include <fmt/format.h>

#include "present/explain.hpp"
#include "present/json_cursor.hpp"
#include "present/trace_describe.hpp"
#include "present/value_format.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::present {
namespace {

using namespace explain_detail;

// Where the location column starts in the text form.
constexpr std::size_t location_column = 62;

const char* ansi_green = "\x1b[32m";
const char* ansi_red = "\x1b[31m";
const char* ansi_yellow = "\x1b[33m";
const char* ansi_dim = "\x1b[2m";
const char* ansi_reset = "\x1b[0m";

const char* mark(Verdict v) {
  switch (v) {
    case Verdict::pass: return "✓";
    case Verdict::fail: return "✗";
    case Verdict::unknown: return "?";
    case Verdict::value: return "·";
  }
  return "·";
}
const char* mark_color(Verdict v) {
  switch (v) {
    case Verdict::pass: return ansi_green;
    case Verdict::fail: return ansi_red;
    case Verdict::unknown: return ansi_yellow;
    case Verdict::value: return "";
  }
  return "";
}

std::string signed_points(double points) {
  std::string out;
  if (points > 0) out += '+';
  append_number(out, points);
  return out;
}

// Whether a funnel line node comes before the decision or is it: a trace of every line (for
// why-not) also holds the lines after it, which an explanation shows as not reached.
bool reached(const eval::Trace& trace, std::uint32_t id) {
  return id < trace.nodes.size() &&
         (trace.chosen_line < 0 || trace.nodes[id].index <= static_cast<std::uint32_t>(trace.chosen_line));
}

// Counts of the members of a group node: true, false, unknown.
struct Tally {
  int t = 0, f = 0, u = 0;
};
Tally tally(const eval::Trace& trace, const eval::TraceNode& node) {
  Tally out;
  for (const auto c : node.children) {
    const Value& v = trace.nodes[c].value;
    if (v.is_true()) ++out.t;
    else if (v.is_unknown()) ++out.u;
    else ++out.f;
  }
  return out;
}

// Whether a node's children are worth showing: the reasons of what did not pass, every rule of
// a score, every member of a group; all of them at the full level.
bool expands(const eval::Trace& trace, const eval::TraceNode& node) {
  if (node.children.empty()) return false;
  if (trace.level == eval::ExplainLevel::full) return true;
  switch (node.kind) {
    case eval::TraceKind::funnel_line: case eval::TraceKind::score: case eval::TraceKind::group: return true;
    case eval::TraceKind::score_rule: return false;
    default: return verdict(node) != Verdict::pass;
  }
}

// What follows the title: the result, then why.
std::string result_text(const eval::Trace& trace, const eval::TraceNode& node, const CheckedPolicy& policy) {
  std::string out;
  switch (node.kind) {
    case eval::TraceKind::let: case eval::TraceKind::score:
      out += " = " + format_value(node.value, node.expr ? node.expr->type : nullptr, trace_text_format);
      break;
    case eval::TraceKind::grade:
      out += " = " + format_value(node.value,
                                  node.index < policy.grades.size() ? policy.grades[node.index].type
                                                                    : nullptr,
                                  trace_text_format);
      break;
    case eval::TraceKind::expr:
      if (!std::holds_alternative<bool>(node.value.data))
        out += " = " + format_value(node.value, node.expr ? node.expr->type : nullptr, trace_text_format);
      break;
    case eval::TraceKind::score_rule:
      if (node.value.is_true()) out += " → " + signed_points(node.points);
      break;
    case eval::TraceKind::group: {
      const auto t = tally(trace, node);
      if (!node.children.empty()) out += fmt::format(": {} true, {} false, {} unknown", t.t, t.f, t.u);
      break;
    }
    default: break;
  }
  if (node.value.is_false()) {
    std::vector<std::string> failed;
    for (const auto& c : node.failed) {
      if (!c.result.is_false()) continue;
      auto text = comparison_text(c, policy);
      if (std::find(failed.begin(), failed.end(), text) == failed.end()) failed.push_back(text);
    }
    for (std::size_t i = 0; i < failed.size(); ++i) out += (i ? "; " : ": ") + failed[i];
  }
  return out;
}

std::string reads_text(const std::vector<eval::TraceRead>& reads) {
  std::string out;
  for (const auto& r : reads) {
    if (r.value->is_unknown()) continue;  // listed as missing instead
    out += out.empty() ? "  (" : ", ";
    out += r.name;
    out += " = ";
    append_value(out, *r.value, r.type, trace_text_format);
  }
  if (!out.empty()) out += ')';
  return out;
}

std::string unknown_text(const eval::Trace& trace, std::uint32_t id) {
  std::string out;
  eval::UnknownCauses causes;
  causes.find(trace, id);
  const auto& missing = causes.missing();
  for (std::size_t i = 0; i < missing.size(); ++i) {
    out += i ? ", " : "  (missing: ";
    out += missing[i];
  }
  if (!missing.empty()) out += ')';
  for (const auto f : causes.faults()) out += fmt::format("  ({})", eval::fault_text(f));
  return out;
}

class TextRenderer {
 public:
  TextRenderer(const eval::Trace& trace, const CheckedPolicy& policy, bool color)
      : trace_(trace), policy_(policy), color_(color), shown_(trace.nodes.size(), false) {}

  std::string render() {
    header();
    for (const auto id : trace_.lines)
      if (reached(trace_, id)) node(id, 0, 0);
    not_reached();
    recycles();
    if (!trace_.others.empty()) {
      out_ += "also computed:\n";
      for (const auto id : trace_.others) node(id, 1, 0);
    }
    return std::move(out_);
  }

 private:
  void header() {
    out_ += sanitize_for_terminal(stage_heading(trace_, policy_));
    out_ += '\n';
    if (trace_.sla) out_ += sanitize_for_terminal(sla_line(*trace_.sla)) + '\n';
  }

  // A forward-only funnel's backward move: the recycle lines tried, after the funnel's lines.
  void recycles() {
    if (trace_.recycles.empty()) return;
    out_ += "moving back, recycle lines tried:\n";
    for (const auto id : trace_.recycles) node(id, 1, 0);
  }

  // The lines after the one that decided: named, without results (R: nothing after it counts).
  void not_reached() {
    if (!policy_.funnel || trace_.chosen_line < 0) return;
    const auto& lines = policy_.funnel->lines;
    for (auto i = static_cast<std::size_t>(trace_.chosen_line) + 1; i < lines.size(); ++i) {
      eval::TraceNode n;
      n.kind = eval::TraceKind::funnel_line;
      n.index = static_cast<std::uint32_t>(i);
      const std::string text = sanitize_for_terminal(node_title(trace_, n, policy_) + "  (not reached)");
      if (color_) out_ += ansi_dim;
      out_ += "– " + text;
      const std::size_t width = 2 + display_width(text);
      out_.append(width < location_column ? location_column - width : 2, ' ');
      out_ += sanitize_for_terminal(location(policy_, lines[i].span));
      if (color_) out_ += ansi_reset;
      out_ += '\n';
    }
  }

  void node(std::uint32_t id, int indent, int depth) {
    if (id >= trace_.nodes.size()) return;
    const eval::TraceNode& n = trace_.nodes[id];
    const bool repeated = shown_[id] && !n.children.empty();
    const bool expand = !repeated && expands(trace_, n) && depth < max_render_depth;
    shown_[id] = true;

    std::string text = node_title(trace_, n, policy_) + result_text(trace_, n, policy_);
    if (n.value.is_unknown()) text += unknown_text(trace_, id);
    if (repeated) text += "  (see above)";
    else text += reads_text(expand ? n.reads : eval::reads_below(trace_, id));
    text = sanitize_for_terminal(text);

    const Verdict v = verdict(n);
    out_.append(static_cast<std::size_t>(indent) * 4, ' ');
    if (color_ && *mark_color(v)) out_ += mark_color(v);
    out_ += mark(v);
    if (color_ && *mark_color(v)) out_ += ansi_reset;
    out_ += ' ';
    out_ += text;
    const std::size_t width = static_cast<std::size_t>(indent) * 4 + 2 + display_width(text);
    out_.append(width < location_column ? location_column - width : 2, ' ');
    if (color_) out_ += ansi_dim;
    out_ += sanitize_for_terminal(location(policy_, n.span));
    if (color_) out_ += ansi_reset;
    out_ += '\n';
    if (!repeated)
      for (const auto& d : n.decayed) {
        out_.append(static_cast<std::size_t>(indent + 1) * 4, ' ');
        out_ += "· " + sanitize_for_terminal(decayed_text(d)) + '\n';
      }

    if (!expand) {
      if (!repeated && depth >= max_render_depth && !n.children.empty())
        out_.append(static_cast<std::size_t>(indent + 1) * 4, ' ').append("…\n");
      return;
    }
    for (const auto c : n.children) node(c, indent + 1, depth + 1);
  }

  const eval::Trace& trace_;
  const CheckedPolicy& policy_;
  bool color_;
  std::vector<bool> shown_;
  std::string out_;
};

// The parts of a node's JSON that depend on the policy alone: the head, `,"kind":...` with the name
// and stage, and `,"text":...,"at":...,"result":`. Every lead's trace holds the same rules, so these
// are rendered once per thread and policy rather than once per node of every lead.
struct NodeTexts {
  std::string head;
  std::string text_at_result;
};

// A read's name and its JSON key, `"name":`, as a node of a policy's rule last read it: the same
// rule of the next lead mostly reads the same fields in the same order.
struct ReadKey {
  std::string name;
  // Where the name is in the policy's schema, when it is a field's (TraceRead::name): the same
  // place is the same name then, without comparing the texts. Null for an element's made-up
  // name, which its trace owns and which is gone with it.
  const char* in_schema = nullptr;
  std::string key;
};

// Its lookups take the policy that for_policy() was last given.
class NodeTextCache {
 public:
  // Once per explanation, before the lookups: empties the cache when it holds another policy's
  // texts.
  NodeTextCache& for_policy(const CheckedPolicy& policy) {
    if (serial_ != policy.serial) {
      texts_.clear();
      by_id_.clear();
      not_reached_.clear();
      answer_openings_.clear();
      serial_ = policy.serial;
    }
    return *this;
  }

  // A node's opening, `,{"id":7` then the head, and the same followed by its text_at_result:
  // what a node shown in full starts with, in one piece.
  struct Found {
    std::string_view opening;
    std::string_view opening_texts;
    std::vector<ReadKey>& read_keys;  // by the read's place among the node's
  };

  Found get(const eval::Trace& trace, std::uint32_t id, const CheckedPolicy& policy) {
    const eval::TraceNode& n = trace.nodes[id];
    const Key key{n.kind, n.index, n.span.file, n.span.begin, n.span.end, n.expr};
    // Leads number their nodes alike, or in one of a few ways (the order in which entities are
    // first used varies): the entries node `id` had lately are tried first, which spares hashing
    // the key, and their openings with the id are ready.
    if (by_id_.size() <= id) by_id_.resize(id + 1);
    ById& recent = by_id_[id];
    for (auto& way : recent.ways)
      if (way.entry && way.entry->first == key) return way.found();
    auto found = texts_.find(key);
    if (found == texts_.end()) found = texts_.emplace(key, render(trace, n, policy)).first;
    ById::Way& way = recent.ways[recent.next];
    recent.next = (recent.next + 1) % recent.ways.size();
    way.entry = &*found;
    way.opening = ",{\"id\":";
    append_number(way.opening, id);
    way.opening += found->second.head;
    way.opening_size = way.opening.size();
    way.opening += found->second.text_at_result;
    return way.found();
  }

  // The explanation's start for a lead its funnel line placed, with no backward move:
  // `{"stage":...,"because":...`.
  const std::string& answer_opening(std::size_t line, const CheckedPolicy& policy) {
    if (answer_openings_.size() <= line) answer_openings_.resize(line + 1);
    std::string& text = answer_openings_[line];
    if (text.empty()) {
      const FunnelLine& funnel_line = policy.funnel->lines[line];
      text = "{\"stage\":";
      append_json_string(text, funnel_line.stage);
      text += ",\"because\":";
      append_json_string(text, funnel_line.because);
    }
    return text;
  }

  // A date as a JSON string, `"2026-11-01"`: the as-of date, the same for the leads of a run.
  const std::string& json_date(std::int32_t days) {
    if (json_date_.empty() || json_date_day_ != days) {
      json_date_.assign(1, '"');  // a date's text is digits and '-': nothing to escape
      append_date(json_date_, days);
      json_date_ += '"';
      json_date_day_ = days;
    }
    return json_date_;
  }

  // A funnel line after the deciding one, whole: {"kind", "stage", "text", "at", "reached": false}.
  const std::string& not_reached(const eval::Trace& trace, std::size_t line, const CheckedPolicy& policy) {
    if (not_reached_.size() <= line) not_reached_.resize(line + 1);
    std::string& text = not_reached_[line];
    if (text.empty()) text = render_not_reached(trace, line, policy);
    return text;
  }

 private:
  struct Key {
    eval::TraceKind kind;
    std::uint32_t index;
    FileId file;
    std::uint32_t begin, end;
    const Expr* expr;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      std::size_t h = std::hash<const void*>()(k.expr);
      for (const std::size_t part : {std::size_t(k.kind), std::size_t(k.index), std::size_t(k.file),
                                     std::size_t(k.begin), std::size_t(k.end)})
        h = h * 1000003u ^ part;
      return h;
    }
  };

  static NodeTexts render(const eval::Trace& trace, const eval::TraceNode& n, const CheckedPolicy& policy) {
    NodeTexts texts;
    texts.head = ",\"kind\":\"";
    texts.head += kind_name(n.kind);
    texts.head += '"';
    const std::string name = node_name(n, policy);
    if (!name.empty()) {
      texts.head += ",\"name\":";
      append_json_string(texts.head, name);
    }
    if (n.kind == eval::TraceKind::funnel_line && policy.funnel && n.index < policy.funnel->lines.size()) {
      texts.head += ",\"stage\":";
      append_json_string(texts.head, policy.funnel->lines[n.index].stage);
    }
    const bool entity = n.kind == eval::TraceKind::let || n.kind == eval::TraceKind::score ||
                        n.kind == eval::TraceKind::icp || n.kind == eval::TraceKind::check;
    texts.text_at_result = ",\"text\":";
    append_json_string(texts.text_at_result, entity && n.expr ? source_text(policy, n.expr->span)
                                                              : node_title(trace, n, policy));
    texts.text_at_result += ",\"at\":";
    append_json_string(texts.text_at_result, location(policy, n.span));
    texts.text_at_result += ",\"result\":";
    return texts;
  }

  static std::string render_not_reached(const eval::Trace& trace, std::size_t line,
                                        const CheckedPolicy& policy) {
    const auto& lines = policy.funnel->lines;
    eval::TraceNode n;
    n.kind = eval::TraceKind::funnel_line;
    n.index = static_cast<std::uint32_t>(line);
    std::string out = "{\"kind\":\"funnel_line\",\"stage\":";
    append_json_string(out, lines[line].stage);
    out += ",\"text\":";
    append_json_string(out, node_title(trace, n, policy));
    out += ",\"at\":";
    append_json_string(out, location(policy, lines[line].span));
    out += ",\"reached\":false}";
    return out;
  }

  std::uint64_t serial_ = 0;
  using Entry = std::pair<const Key, NodeTexts>;
  struct ById {
    struct Way {
      const Entry* entry = nullptr;
      std::string opening;  // then the entry's text_at_result, after opening_size bytes
      std::size_t opening_size = 0;
      std::vector<ReadKey> read_keys;
      Found found() {
        return {std::string_view(opening).substr(0, opening_size), opening, read_keys};
      }
    };
    std::array<Way, 4> ways;
    std::size_t next = 0;  // the way a new entry replaces
  };
  std::unordered_map<Key, NodeTexts, KeyHash> texts_;  // its entries stay where they are
  std::vector<ById> by_id_;                            // by node id: recent leads' entries
  std::vector<std::string> not_reached_;               // by funnel line
  std::vector<std::string> answer_openings_;           // by funnel line
  std::string json_date_;
  std::int32_t json_date_day_ = 0;
};

thread_local NodeTextCache node_texts;

// The JSON renderer's buffers, kept per thread from one lead to the next.
struct JsonBuffers {
  std::vector<bool> shown;
  std::vector<std::uint32_t> reached_lines;
  eval::UnknownCauses causes;
  std::string comparison;
  std::string scratch;  // a value or date on its way into the JSON
  std::string written;  // the JSON before it is appended to the output (JsonCursor)
};

thread_local JsonBuffers json_buffers;

class JsonRenderer {
 public:
  JsonRenderer(const eval::Trace& trace, const CheckedPolicy& policy, std::string& out,
               JsonBuffers& buffers)
      : trace_(trace), policy_(policy), texts_(node_texts.for_policy(policy)), out_(out, buffers.written),
        shown_(buffers.shown), causes_(buffers.causes),
        comparison_(buffers.comparison), scratch_(buffers.scratch), node_count_(trace.nodes.size()),
        reached_lines_(buffers.reached_lines) {
    shown_.assign(trace.nodes.size(), false);
  }

  void render() {
    const bool moved = trace_.recycle_line >= 0 || trace_.held_rank >= 0;
    if (!moved && policy_.funnel && trace_.chosen_line >= 0 &&
        static_cast<std::size_t>(trace_.chosen_line) < policy_.funnel->lines.size()) {
      out_.text(texts_.answer_opening(static_cast<std::size_t>(trace_.chosen_line), policy_));
    } else {
      answer_opening();
    }
    if (trace_.sla) {  // as the result's member (write_ndjson.cpp)
      out_.text(",\"sla\":{\"within\":");
      out_.json_string(trace_.sla->sla->within);
      out_.text(trace_.sla->in_hours() ? ",\"age_hours\":" : ",\"age_days\":");
      out_.text(std::to_string(trace_.sla->age));
      out_.text(trace_.sla->overdue() ? ",\"overdue\":true}" : ",\"overdue\":false}");
    }
    out_.text(",\"as_of\":");
    out_.text(texts_.json_date(trace_.today));
    out_.text(",\"lines\":");
    reached_lines_.clear();
    for (const auto id : trace_.lines)
      if (reached(trace_, id)) reached_lines_.push_back(id);
    list(reached_lines_, 0);
    not_reached();
    if (!trace_.recycles.empty()) {
      out_.text(",\"recycles\":");
      list(trace_.recycles, 0);
    }
    out_.text(",\"others\":");
    list(trace_.others, 0);
    out_.text("}");
    out_.finish();
  }

 private:
  // `{"stage":...,"because":...` and a backward move's `"held"` or `"recycled"`, worked out.
  void answer_opening() {
    const eval::StageAnswer answer =
        eval::stage_answer(policy_, trace_.chosen_line, trace_.recycle_line, trace_.held_rank);
    out_.text("{\"stage\":");
    if (answer.stage) out_.json_string(*answer.stage);
    else out_.text("null");
    out_.text(",\"because\":");
    if (answer.because) out_.json_string(*answer.because);
    else out_.text("null");
    if (answer.held_from) {
      out_.text(",\"held\":");
      out_.json_string(*answer.held_from);
    }
    if (answer.recycled) out_.text(",\"recycled\":true");
  }

  // After the lines array's last element: {"kind", "stage", "text", "at", "reached": false}.
  void not_reached() {
    if (!policy_.funnel || trace_.chosen_line < 0) return;
    const auto& lines = policy_.funnel->lines;
    for (auto i = static_cast<std::size_t>(trace_.chosen_line) + 1; i < lines.size(); ++i) {
      out_.pop_back();  // the array's ']'
      const std::string& text = texts_.not_reached(trace_, i, policy_);
      out_.room(text.size() + 2);
      if (out_.back() != '[') out_.put(',');
      out_.put(text);
      out_.put(']');
    }
  }

  // `[node,...]`; `then_close` ends the node whose children these are too: `]}`.
  void list(const std::vector<std::uint32_t>& ids, int depth, bool then_close = false) {
    bool first = true;
    for (const auto id : ids) {
      if (id >= node_count_) continue;
      node(id, depth, first);
      first = false;
    }
    out_.room(3);
    if (then_close) first ? out_.put("[]}") : out_.put("]}");
    else first ? out_.put("[]") : out_.put("]");
  }

  // `first`: the first of its list, after a '[' rather than a ','.
  void node(std::uint32_t id, int depth, bool first) {
    const eval::TraceNode& n = trace_.nodes[id];
    const TypeRef type = n.expr ? n.expr->type : nullptr;
    const auto [opening, opening_texts, read_keys] = texts_.get(trace_, id, policy_);
    // Room for the opening, the texts and the constant pieces up to the reads; the values, names
    // and numbers make their own.
    out_.room(opening_texts.size() + 64);
    if (first) out_.put('[');
    const std::size_t skip = first ? 1 : 0;  // the ',' before the node, where '[' is
    if (shown_[id] && !n.children.empty()) {
      out_.put(opening.substr(skip));
      out_.put(",\"result\":");
      value(n.value, type);
      out_.text(",\"same_as\":");
      out_.number(id);
      out_.text("}");
      return;
    }
    shown_[id] = true;
    out_.put(opening_texts.substr(skip));
    value(n.value, type);
    out_.room(32);
    switch (verdict(n)) {
      case Verdict::pass: out_.put(",\"passed\":true"); break;
      case Verdict::fail: out_.put(",\"passed\":false"); break;
      case Verdict::unknown: out_.put(",\"passed\":null"); break;
      case Verdict::value: break;
    }
    if (n.kind == eval::TraceKind::score_rule) {
      out_.put(",\"points\":");
      out_.number(n.points);
    }
    if (!n.decayed.empty()) decayed(n.decayed);
    out_.text(",\"reads\":{");
    // In locals: the writes through the cursor's char pointer could alias the vector's members,
    // which would be loaded again (and the size divided again) for every read.
    const std::span<const eval::TraceRead> reads(n.reads);
    if (read_keys.size() < reads.size()) read_keys.resize(reads.size());
    for (std::size_t i = 0; i < reads.size(); ++i) {
      const auto& name = reads[i].name;
      const bool schema_name = reads[i].type != nullptr;  // see TraceListener::read
      ReadKey& cached = read_keys[i];
      const bool same = schema_name && cached.in_schema == name.data() ? cached.name.size() == name.size()
                                                                        : cached.name == name;
      if (!same) {
        cached.name = name;
        cached.in_schema = schema_name ? name.data() : nullptr;
        cached.key.clear();
        append_json_string(cached.key, name);
        cached.key += ':';
      }
      out_.room(cached.key.size() + 1);
      if (i) out_.put(',');
      out_.put(cached.key);
      value(*reads[i].value, reads[i].type);
    }
    out_.text("}");
    if (n.value.is_unknown()) {
      causes_.find(trace_, id);
      const auto& missing = causes_.missing();
      for (std::size_t i = 0; i < missing.size(); ++i) {
        out_.text(i ? "," : ",\"missing\":[");
        out_.json_string(missing[i]);
      }
      if (!missing.empty()) out_.text("]");
      const auto& faults = causes_.faults();
      for (std::size_t i = 0; i < faults.size(); ++i) {
        out_.text(i ? "," : ",\"faults\":[");
        out_.json_string(eval::fault_text(faults[i]));
      }
      if (!faults.empty()) out_.text("]");
    }
    bool failed = false;
    for (const auto& c : n.failed) {
      if (!c.result.is_false()) continue;
      out_.text(failed ? "," : ",\"failed\":[");
      failed = true;
      comparison_.clear();
      append_comparison_text(comparison_, c, policy_);
      out_.json_string(comparison_);
    }
    if (failed) out_.text("]");
    if (depth < max_render_depth) {
      out_.text(",\"children\":");
      list(n.children, depth + 1, true);
    } else {
      out_.text(",\"children\":[]}");
    }
  }

  // A result or a read, as append_value writes it with trace_json_format: the scalars and dates
  // here, anything else (a list, a record) through it.
  void value(const Value& v, TypeRef type) {
    if (const auto* d = std::get_if<double>(&v.data)) {
      out_.number(*d);
    } else if (const auto* s = std::get_if<std::string>(&v.data)) {
      out_.json_string(*s);
    } else if (const auto* b = std::get_if<bool>(&v.data)) {
      out_.text(*b ? std::string_view("true") : std::string_view("false"));
    } else if (v.is_unknown()) {
      out_.text("null");
    } else if (const auto* date = std::get_if<Date>(&v.data)) {
      append_json_date(date->days);
    } else {
      scratch_.clear();
      append_value(scratch_, v, type, trace_json_format);
      out_.text(scratch_);
    }
  }

  // A decaying rule's elements: [{"element":"webinar","date":"2026-10-02","points":6.29...}].
  void decayed(const std::vector<eval::TraceDecayed>& items) {
    out_.text(",\"decayed\":[");
    for (std::size_t i = 0; i < items.size(); ++i) {
      out_.text(i ? ",{\"element\":" : "{\"element\":");
      out_.json_string(items[i].element);
      out_.text(",\"date\":");
      if (items[i].day) append_json_date(*items[i].day);
      else out_.text("null");
      out_.text(",\"points\":");
      if (items[i].day) out_.number(items[i].points);
      else out_.text("null");
      out_.text("}");
    }
    out_.text("]");
  }

  // Not inlined: in value(), it made the common cases (numbers, texts) slower.
  [[gnu::noinline]] void append_json_date(std::int32_t days) {
    scratch_.assign(1, '"');  // a date's text is digits and '-': nothing to escape
    append_date(scratch_, days);
    scratch_ += '"';
    out_.text(scratch_);
  }

  const eval::Trace& trace_;
  const CheckedPolicy& policy_;
  NodeTextCache& texts_;  // this thread's
  JsonCursor out_;
  std::vector<bool>& shown_;
  eval::UnknownCauses& causes_;
  std::string& comparison_;
  std::string& scratch_;
  const std::size_t node_count_;  // the trace's, kept: the JSON's char writes could alias it
  std::vector<std::uint32_t>& reached_lines_;
};

}  // namespace

std::string explain_text(const eval::Trace& trace, const CheckedPolicy& policy, bool color) {
  return TextRenderer(trace, policy, color).render();
}

void explain_json(const eval::Trace& trace, const CheckedPolicy& policy, std::string& out) {
  JsonRenderer(trace, policy, out, json_buffers).render();
}

}  // namespace qpl::present
