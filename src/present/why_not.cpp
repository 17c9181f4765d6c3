// Why-not: what keeps a lead from a stage, read off a trace of every funnel line.
#include "present/why_not.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "present/trace_describe.hpp"
#include "present/value_format.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::present {
namespace {

using namespace explain_detail;

// A part that holds shows the fields it read up to this many; past it, the list says too little
// for its length (the tree has them).
constexpr std::size_t max_reads_in_detail = 4;

bool is_score_reference(const Expr& e) {
  const auto* n = std::get_if<Name>(&e.kind);
  return n && n->ref.kind == RefKind::score;
}

std::string reads_detail(const std::vector<eval::TraceRead>& reads) {
  std::string out;
  for (const auto& r : reads) {
    if (r.value->is_unknown()) continue;
    if (!out.empty()) out += ", ";
    out += r.name;
    out += " = ";
    append_value(out, *r.value, r.type, trace_text_format);
  }
  return out;
}

class Collector {
 public:
  Collector(const eval::Trace& trace, const CheckedPolicy& policy)
      : trace_(trace), policy_(policy), seen_(trace.nodes.size(), false) {}

  void collect(std::uint32_t id, std::vector<WhyNotReason>& out, int depth) {
    if (id >= trace_.nodes.size() || seen_[id] || depth > max_render_depth) return;
    seen_[id] = true;
    const eval::TraceNode& n = trace_.nodes[id];
    const Verdict v = verdict(n);
    if (v == Verdict::pass || v == Verdict::value) return;
    const auto first_new = out.size();
    collect_node(id, n, out, depth);
    std::vector<std::string> fields;
    for (const auto& r : eval::reads_below(trace_, id)) fields.emplace_back(r.name);
    for (auto i = first_new; i < out.size(); ++i)
      if (out[i].fields.empty()) out[i].fields = fields;
  }

 private:
  void collect_node(std::uint32_t id, const eval::TraceNode& n, std::vector<WhyNotReason>& out,
                    int depth) {
    bool explained = false;

    for (const auto& c : n.failed) {
      if (!c.result.is_false()) continue;
      out.push_back(comparison_reason(c));
      explained = true;
    }
    if (n.kind == eval::TraceKind::group) {
      int t = 0, f = 0, u = 0;
      for (const auto c : n.children) {
        const Value& cv = trace_.nodes[c].value;
        if (cv.is_true()) ++t;
        else if (cv.is_unknown()) ++u;
        else ++f;
      }
      WhyNotReason r;
      r.unknown = n.value.is_unknown();
      r.what = node_title(trace_, n, policy_);
      r.detail = fmt::format("{} true, {} false, {} unknown", t, f, u);
      r.span = n.span;
      out.push_back(std::move(r));
      explained = true;
    }
    // Bool fields read directly that are false, or missing: each is a reason of its own.
    WhyNotReason missing;
    for (const auto& read : n.reads) {
      if (read.value->is_unknown() && n.value.is_unknown()) {
        missing.missing.emplace_back(read.name);
      } else if (read.value->is_false() && n.value.is_false() && n.kind != eval::TraceKind::group) {
        WhyNotReason r;
        r.what = std::string(read.name) + " = false";
        r.span = n.span;
        out.push_back(std::move(r));
        explained = true;
      }
    }
    if (n.value.is_unknown())
      for (const auto f : n.faults) missing.faults.emplace_back(eval::fault_text(f));
    if (!missing.missing.empty() || !missing.faults.empty()) {
      missing.unknown = true;
      missing.what = node_title(trace_, n, policy_);
      missing.span = n.span;
      out.push_back(std::move(missing));
      explained = true;
    }

    for (const auto c : n.children) {
      const Verdict cv = verdict(trace_.nodes[c]);
      if ((cv == Verdict::fail || cv == Verdict::unknown) && seen_[c] && c != id) {
        // Explained for an earlier line or condition (`fit` in two lines): named, not repeated.
        WhyNotReason r;
        r.unknown = cv == Verdict::unknown;
        r.what = node_title(trace_, trace_.nodes[c], policy_);
        r.detail = "see above";
        r.span = trace_.nodes[c].span;
        out.push_back(std::move(r));
        continue;  // not `explained`: the node's own reads may show what else is false in it
      }
      if (cv == Verdict::fail || cv == Verdict::unknown) {
        const auto before = out.size();
        collect(c, out, depth + 1);
        if (out.size() != before) explained = true;
      }
    }
    if (!explained) {  // `industry in [...]` false, an exclude that fired: the node and its reads
      WhyNotReason r;
      r.unknown = n.value.is_unknown();
      r.what = node_title(trace_, n, policy_);
      r.detail = reads_detail(n.reads.empty() ? eval::reads_below(trace_, id) : n.reads);
      r.span = n.span;
      if (!r.unknown && n.expr && !n.exclude) add_range_gap(*n.expr, n.reads, r);
      if (r.unknown) {
        causes_.find(trace_, id);
        for (const std::string_view name : causes_.missing()) r.missing.emplace_back(name);
        for (const auto f : causes_.faults()) r.faults.emplace_back(eval::fault_text(f));
      }
      out.push_back(std::move(r));
    }
  }

  // `require company_size between 50 and 5000` false: "company_size = 20 (30 short)", when the
  // value is a field read and the bounds are numbers written out (the title shows the range).
  void add_range_gap(const Expr& e, const std::vector<eval::TraceRead>& reads, WhyNotReason& r) const {
    const auto* between = std::get_if<Between>(&e.kind);
    if (!between) return;
    const auto* name = std::get_if<Name>(&between->value->kind);
    const auto* low = std::get_if<NumberLit>(&between->low->kind);
    const auto* high = std::get_if<NumberLit>(&between->high->kind);
    if (!name || !low || !high) return;
    const auto read = std::find_if(reads.begin(), reads.end(),
                                   [&](const eval::TraceRead& t) { return t.name == name->name; });
    if (read == reads.end()) return;
    const auto* x = std::get_if<double>(&read->value->data);
    if (!x) return;
    if (low->value > high->value) {  // R23: no value lies in the range
      r.detail += " (never true: the range is empty)";
    } else if (*x < low->value) {
      r.short_by = low->value - *x;
      r.detail += fmt::format(" ({} short)", format_number(*r.short_by));
    } else if (*x > high->value) {
      r.short_by = *x - high->value;
      r.detail += fmt::format(" ({} over)", format_number(*r.short_by));
    }
  }

  WhyNotReason comparison_reason(const eval::TraceComparison& c) {
    WhyNotReason r;
    r.what = comparison_text(c, policy_);
    r.span = c.expr->span;
    const auto o = orient(c);
    if (!o) return r;
    const auto* x = std::get_if<double>(&o->subject_value->data);
    const auto* y = std::get_if<double>(&o->other_value->data);
    if (!x || !y) return r;
    r.points = is_score_reference(*o->subject);
    const char* unit = r.points ? " points" : "";
    const double gap = std::fabs(*y - *x);
    switch (o->op) {
      case BinaryOp::ge: r.short_by = gap; r.detail = fmt::format("{}{} short", format_number(gap), unit); break;
      case BinaryOp::gt: r.short_by = gap; r.detail = fmt::format("more than {}{} short", format_number(gap), unit); break;
      case BinaryOp::le: r.short_by = gap; r.detail = fmt::format("{}{} over", format_number(gap), unit); break;
      case BinaryOp::lt: r.short_by = gap; r.detail = fmt::format("more than {}{} over", format_number(gap), unit); break;
      default: break;
    }
    if (r.points && r.short_by) r.detail += decaying_elements(std::get<Name>(o->subject->kind).ref.index);
    return r;
  }

  // "; the webinar of 2026-10-02 now gives 6.3 after decay" for each element of the score's
  // decaying rules: what the recent activity is worth today.
  std::string decaying_elements(std::uint32_t score) const {
    std::string out;
    for (const auto& n : trace_.nodes) {
      if (n.kind != eval::TraceKind::score || n.index != score) continue;
      for (const auto c : n.children)
        if (c < trace_.nodes.size())
          for (const auto& d : trace_.nodes[c].decayed) out += "; " + decayed_gives_text(d);
      break;
    }
    return out;
  }

  const eval::Trace& trace_;
  const CheckedPolicy& policy_;
  std::vector<bool> seen_;
  eval::UnknownCauses causes_;  // reused from one unknown node to the next
};

std::string line_title(const CheckedPolicy& policy, std::uint32_t index) {
  eval::TraceNode n;
  n.kind = eval::TraceKind::funnel_line;
  n.index = index;
  return node_title(eval::Trace{}, n, policy);
}

}  // namespace

std::string why_not_reason_text(const WhyNotReason& r) {
  std::string out = r.what;
  if (!r.detail.empty()) out += ": " + r.detail;
  for (std::size_t i = 0; i < r.missing.size(); ++i) out += (i ? ", " : "  (missing: ") + r.missing[i];
  if (!r.missing.empty()) out += ')';
  for (const auto& f : r.faults) out += "  (" + f + ")";
  return out;
}

namespace {

void strings_json(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

}  // namespace

std::vector<std::vector<WhyNotReason>> reasons_not_true(const eval::Trace& trace,
                                                       const CheckedPolicy& policy,
                                                       const std::vector<std::uint32_t>& nodes) {
  Collector collector(trace, policy);
  std::vector<std::vector<WhyNotReason>> out(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) collector.collect(nodes[i], out[i], 0);
  return out;
}

std::vector<WhyNotReason> reasons_true(const eval::Trace& trace, const CheckedPolicy& policy,
                                       std::uint32_t line_node) {
  std::vector<WhyNotReason> out;
  if (line_node >= trace.nodes.size()) return out;
  const eval::TraceNode& line = trace.nodes[line_node];
  Collector collector(trace, policy);
  auto holds = [&](const eval::TraceNode& n, std::uint32_t id) {
    WhyNotReason r;
    r.holds = true;
    r.what = node_title(trace, n, policy);
    const auto reads = eval::reads_below(trace, id);
    if (reads.size() <= max_reads_in_detail) r.detail = reads_detail(reads);
    for (const auto& read : reads) r.fields.emplace_back(read.name);
    r.span = n.span;
    out.push_back(std::move(r));
  };
  for (const auto c : line.children) {
    if (c >= trace.nodes.size()) continue;
    const eval::TraceNode& child = trace.nodes[c];
    const Verdict v = verdict(child);
    if (v == Verdict::fail || v == Verdict::unknown) collector.collect(c, out, 0);
    else if (v == Verdict::pass) holds(child, c);
  }
  // Fields read by the line itself (`disqualified when is_competitor`).
  if (!line.reads.empty() || out.empty()) {
    WhyNotReason r;
    r.holds = true;
    r.what = node_title(trace, line, policy);
    r.detail = reads_detail(line.reads);
    for (const auto& read : line.reads) r.fields.emplace_back(read.name);
    r.span = line.span;
    if (!r.detail.empty() || out.empty()) out.push_back(std::move(r));
  }
  return out;
}

WhyNot why_not(const eval::Trace& trace, const CheckedPolicy& policy, std::string_view stage) {
  WhyNot result;
  result.stage = std::string(stage);
  result.current_line = trace.chosen_line;
  if (!policy.funnel) return result;
  const auto& lines = policy.funnel->lines;
  const bool decided =
      trace.chosen_line >= 0 && static_cast<std::size_t>(trace.chosen_line) < lines.size();
  const eval::StageAnswer answer =
      eval::stage_answer(policy, trace.chosen_line, trace.recycle_line, trace.held_rank);
  if (answer.stage) result.at_stage = *answer.stage == stage;
  result.in_funnel = std::any_of(lines.begin(), lines.end(),
                                 [&](const FunnelLine& l) { return l.stage == stage; });
  result.kept_by_order = !result.at_stage && decided && (answer.held_from || answer.recycled) &&
                         lines[static_cast<std::size_t>(trace.chosen_line)].stage == stage;
  if (!result.in_funnel || result.at_stage || result.kept_by_order) return result;

  Collector collector(trace, policy);
  std::vector<std::uint32_t> true_so_far;
  std::uint32_t decider = static_cast<std::uint32_t>(trace.nodes.size());
  for (const auto id : trace.lines) {
    if (id >= trace.nodes.size()) continue;
    const eval::TraceNode& n = trace.nodes[id];
    if (n.index >= lines.size()) continue;
    if (decided && n.index == static_cast<std::uint32_t>(trace.chosen_line)) decider = id;
    if (lines[n.index].stage == stage) {
      WhyNotLine line;
      line.line = n.index;
      line.result = n.value;
      line.earlier_true = true_so_far;
      line.reached = !decided || n.index < static_cast<std::uint32_t>(trace.chosen_line);
      // A line not reached is false or unknown on its own only if some of its parts are.
      if (line.reached || !n.value.is_true()) collector.collect(id, line.reasons, 0);
      result.lines.push_back(std::move(line));
    }
    if (n.value.is_true()) true_so_far.push_back(n.index);
  }
  result.blocked = decided && !result.lines.empty() &&
                   std::none_of(result.lines.begin(), result.lines.end(),
                                [](const WhyNotLine& l) { return l.reached; });
  if (result.blocked) {
    result.blocker = reasons_true(trace, policy, decider);
    for (const auto& r : result.blocker)
      for (const auto& f : r.fields)
        if (std::find(result.undo_fields.begin(), result.undo_fields.end(), f) ==
            result.undo_fields.end())
          result.undo_fields.push_back(f);
  }
  return result;
}

namespace {

std::string undo_text(const WhyNot& w) {
  if (w.undo_fields.empty()) return "it cannot be undone: the line reads no field of the lead";
  std::string out = "it can be undone only by a change to ";
  for (std::size_t i = 0; i < w.undo_fields.size(); ++i) out += (i ? ", " : "") + w.undo_fields[i];
  return out;
}

}  // namespace

std::string why_not_text(const eval::Trace& trace, const CheckedPolicy& policy, std::string_view stage,
                         bool color) {
  const WhyNot w = why_not(trace, policy, stage);
  static const std::vector<FunnelLine> no_lines;
  const auto& lines = policy.funnel ? policy.funnel->lines : no_lines;
  const bool decided =
      w.current_line >= 0 && static_cast<std::size_t>(w.current_line) < lines.size();
  std::string now = "no stage";
  const eval::StageAnswer answer =
      eval::stage_answer(policy, trace.chosen_line, trace.recycle_line, trace.held_rank);
  if (answer.stage) {
    now = *answer.stage;
    if (answer.held_from) now += " (held)";
    if (answer.recycled) now += " (recycled)";
    now += " — because \"" + *answer.because + "\"";
  }
  std::string out;
  auto emit = [&](int indent, const char* mark, const char* ansi, const std::string& text, Span span) {
    out.append(static_cast<std::size_t>(indent) * 4, ' ');
    if (color) out += ansi;
    out += mark;
    if (color) out += "\x1b[0m";
    out += ' ';
    const std::string clean = sanitize_for_terminal(text);
    out += clean;
    const std::size_t width = static_cast<std::size_t>(indent) * 4 + 2 + display_width(clean);
    out.append(width < 62 ? 62 - width : 2, ' ');
    if (color) out += "\x1b[2m";
    out += sanitize_for_terminal(location(policy, span));
    if (color) out += "\x1b[0m";
    out += '\n';
  };
  auto emit_plain = [&](int indent, const char* mark, const std::string& text) {
    out.append(static_cast<std::size_t>(indent) * 4, ' ');
    out += mark;
    out += ' ';
    out += sanitize_for_terminal(text);
    out += '\n';
  };
  auto emit_reason = [&](int indent, const WhyNotReason& r) {
    if (r.holds) emit(indent, "✓", "\x1b[32m", why_not_reason_text(r), r.span);
    else emit(indent, r.unknown ? "?" : "✗", r.unknown ? "\x1b[33m" : "\x1b[31m", why_not_reason_text(r), r.span);
  };
  if (!w.in_funnel) {
    out += sanitize_for_terminal(fmt::format("no funnel line gives stage '{}'", stage)) + '\n';
    return out;
  }
  if (w.at_stage) {
    out += sanitize_for_terminal(fmt::format("the lead is at stage {}", now)) + '\n';
    return out;
  }
  out += sanitize_for_terminal(fmt::format("why not {}: the lead is at {}", stage, now)) + '\n';
  if (w.kept_by_order) {
    emit_plain(1, "→", answer.recycled
                           ? fmt::format("the lines give {}, but the lead was moving back in the "
                                         "forward-only funnel and a recycle line took it to {}",
                                         stage, *answer.stage)
                           : fmt::format("the lines give {}, but the funnel is forward-only: a lead "
                                         "does not move back from {} unless a recycle line fires",
                                         stage, *answer.stage));
    return out;
  }
  if (w.lines.empty()) out += "    (the trace does not reach the lines that give this stage)\n";
  if (w.blocked) {
    // The short answer: what decided first, and what would undo it.
    const auto& decider = lines[static_cast<std::size_t>(w.current_line)];
    emit(0, "✓", "\x1b[32m", "decided first: " + line_title(policy, static_cast<std::uint32_t>(w.current_line)),
         decider.span);
    for (const auto& r : w.blocker) emit_reason(1, r);
    emit_plain(1, "→", undo_text(w));
    std::string rest = "not reached: ";
    for (std::size_t i = 0; i < w.lines.size(); ++i) {
      const auto at = w.lines[i].line < lines.size() ? lines[w.lines[i].line].span : Span{};
      rest += (i ? ", " : "") + lines[w.lines[i].line].stage + " (line " +
              std::to_string(at.file < policy.sources.size()
                                 ? policy.sources.file(at.file).position(at.begin).line
                                 : 0) + ")";
    }
    emit_plain(0, "–", rest);
    return out;
  }
  for (const auto& line : w.lines) {
    const bool unknown = line.result.is_unknown();
    const Span span = line.line < lines.size() ? lines[line.line].span : Span{};
    if (!line.reached) {
      emit(0, "–", "\x1b[2m", line_title(policy, line.line) + "  (not reached)", span);
      if (decided)
        emit(1, "–", "\x1b[2m",
             "the lead stops earlier, at: " + line_title(policy, static_cast<std::uint32_t>(w.current_line)),
             lines[static_cast<std::size_t>(w.current_line)].span);
      for (const auto& r : line.reasons) emit_reason(1, r);
      continue;
    }
    emit(0, line.result.is_true() ? "✓" : unknown ? "?" : "✗",
         line.result.is_true() ? "\x1b[32m" : unknown ? "\x1b[33m" : "\x1b[31m",
         line_title(policy, line.line), span);
    for (const auto e : line.earlier_true)
      if (e < lines.size())
        emit(1, "✗", "\x1b[31m", "comes after a true line: " + line_title(policy, e), lines[e].span);
    for (const auto& r : line.reasons) emit_reason(1, r);
  }
  return out;
}

namespace {

void reasons_json(std::string& out, const CheckedPolicy& policy, const std::vector<WhyNotReason>& reasons) {
  out += '[';
  for (std::size_t k = 0; k < reasons.size(); ++k) {
    const auto& r = reasons[k];
    if (k) out += ',';
    out += "{\"what\":";
    append_json_string(out, r.what);
    out += ",\"detail\":";
    append_json_string(out, r.detail);
    out += ",\"at\":";
    append_json_string(out, location(policy, r.span));
    out += ",\"result\":";
    out += r.holds ? "true" : r.unknown ? "null" : "false";
    if (!r.missing.empty()) {
      out += ",\"missing\":";
      strings_json(out, r.missing);
    }
    if (!r.faults.empty()) {
      out += ",\"faults\":";
      strings_json(out, r.faults);
    }
    if (r.short_by) {
      out += ",\"short_by\":";
      append_number(out, *r.short_by);
      out += r.points ? ",\"unit\":\"points\"" : "";
    }
    out += '}';
  }
  out += ']';
}

}  // namespace

void why_not_json(const eval::Trace& trace, const CheckedPolicy& policy, std::string_view stage,
                  std::string& out) {
  const WhyNot w = why_not(trace, policy, stage);
  const auto* lines = policy.funnel ? &policy.funnel->lines : nullptr;
  const bool decided = lines && w.current_line >= 0 &&
                       static_cast<std::size_t>(w.current_line) < lines->size();
  out += "{\"stage\":";
  append_json_string(out, stage);
  out += ",\"current\":";
  const eval::StageAnswer answer =
      eval::stage_answer(policy, trace.chosen_line, trace.recycle_line, trace.held_rank);
  if (answer.stage)
    append_json_string(out, *answer.stage);
  else
    out += "null";
  if (w.kept_by_order) out += ",\"kept_by_order\":true";
  out += ",\"in_funnel\":";
  out += w.in_funnel ? "true" : "false";
  out += ",\"at_stage\":";
  out += w.at_stage ? "true" : "false";
  out += ",\"blocked\":";
  out += w.blocked ? "true" : "false";
  out += ",\"lines\":[";
  for (std::size_t i = 0; i < w.lines.size(); ++i) {
    const auto& line = w.lines[i];
    if (i) out += ',';
    out += fmt::format("{{\"line\":{},\"text\":", line.line);
    append_json_string(out, line_title(policy, line.line));
    out += ",\"at\":";
    append_json_string(out, lines && line.line < lines->size() ? location(policy, (*lines)[line.line].span) : "");
    out += ",\"reached\":";
    out += line.reached ? "true" : "false";
    out += ",\"result\":";
    if (line.reached) append_value(out, line.result, nullptr, trace_json_format);
    else out += "null";
    out += ",\"earlier_true\":[";
    for (std::size_t e = 0; e < line.earlier_true.size(); ++e)
      out += fmt::format("{}{}", e ? "," : "", line.earlier_true[e]);
    out += "],\"reasons\":";
    reasons_json(out, policy, w.blocked ? std::vector<WhyNotReason>{} : line.reasons);
    out += '}';
  }
  out += ']';
  if (w.blocked && decided) {
    const auto index = static_cast<std::uint32_t>(w.current_line);
    out += fmt::format(",\"decided_by\":{{\"line\":{},\"text\":", index);
    append_json_string(out, line_title(policy, index));
    out += ",\"at\":";
    append_json_string(out, location(policy, (*lines)[index].span));
    out += ",\"reasons\":";
    reasons_json(out, policy, w.blocker);
    out += ",\"undo_fields\":";
    strings_json(out, w.undo_fields);
    out += '}';
  }
  out += '}';
}

}  // namespace qpl::present
