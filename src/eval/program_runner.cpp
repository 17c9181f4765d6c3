// Running the compiled program. Every reading mirrors the tree walk's (evaluator.cpp), faults
// included; the property tests compare the two on generated policies.
#include "eval/program_runner.hpp"

#include <algorithm>
#include <cmath>

#include "eval/forward_only.hpp"
#include "eval/scalar_rules.hpp"
#include "model/builtins.hpp"
#include "model/eval_limits.hpp"
#include "support/date.hpp"
#include "support/utf8.hpp"

namespace qpl::eval {
namespace {

using Kind = Slot::Kind;

Slot unknown(Fault fault) {
  Slot s;
  s.fault = fault;
  return s;
}
Slot unknown_from(const Slot& a) { return unknown(a.fault); }
Slot unknown_from(const Slot& a, const Slot& b) { return a.is_unknown() ? unknown_from(a) : unknown_from(b); }
Slot boolean(bool b) {
  Slot s;
  s.kind = Kind::boolean;
  s.b = b;
  return s;
}
Slot number(double x) {
  Slot s;
  s.kind = Kind::number;
  s.n = x;
  return s;
}
Slot text(std::string_view t) {
  Slot s;
  s.kind = Kind::text;
  s.set_text(t);
  return s;
}

Slot kleene_and(const Slot& a, const Slot& b) {
  if (a.is_false() || b.is_false()) return boolean(false);
  if (a.is_true() && b.is_true()) return boolean(true);
  return unknown_from(a.is_true() ? b : a);
}
Slot kleene_or(const Slot& a, const Slot& b) {
  if (a.is_true() || b.is_true()) return boolean(true);
  if (a.is_false() && b.is_false()) return boolean(false);
  return unknown_from(a.is_false() ? b : a);
}
Slot kleene_not(const Slot& a) {
  if (a.is_unknown()) return unknown_from(a);
  return boolean(!a.is_true());
}

// <0, 0, >0 for two known values of one kind, as the tree walk's compare_known.
int compare_known(const Slot& a, const Slot& b) {
  switch (a.kind) {
    case Kind::number: return order(a.n, b.n);
    case Kind::text: return a.text().compare(b.text());
    case Kind::date: return order(a.day, b.day);
    case Kind::boolean: return int(a.b) - int(b.b);
    default: return 0;
  }
}


Slot compare(BinaryOp op, const Slot& a, const Slot& b) {
  if (a.is_unknown() || b.is_unknown()) return unknown_from(a, b);
  if (a.kind != b.kind) return unknown(Fault::unknown_operand);  // the checker forbids it
  return boolean(holds(op, compare_known(a, b)));
}

Slot number_result(double x) {
  return std::isfinite(x) ? number(x) : unknown(Fault::non_finite);  // R19
}

Slot arithmetic(BinaryOp op, const Slot& a, const Slot& b) {
  if (a.is_unknown() || b.is_unknown()) return unknown_from(a, b);
  if (a.kind != Kind::number || b.kind != Kind::number) {
    // R13: date - date is a number of days.
    if (op == BinaryOp::sub && a.kind == Kind::date && b.kind == Kind::date)
      return number(double(a.day) - double(b.day));
    return unknown(Fault::unknown_operand);
  }
  const double x = a.n, y = b.n;
  switch (op) {
    case BinaryOp::add: return number_result(x + y);
    case BinaryOp::sub: return number_result(x - y);
    case BinaryOp::mul: return number_result(x * y);
    case BinaryOp::div: return y == 0 ? unknown(Fault::division_by_zero) : number_result(x / y);
    case BinaryOp::mod:  // R20: truncated remainder, sign of the dividend
      return y == 0 ? unknown(Fault::division_by_zero) : number_result(std::fmod(x, y));
    default: return unknown(Fault::unknown_operand);
  }
}


bool in_short_list(const Op& op, std::string_view text) {
  const TextWords words = text_words(text);
  for (std::size_t i = 0; i < op.texts.size(); ++i)
    if (same_text(op.texts[i], op.text_words[i], text, words)) return true;
  return false;
}

// A truth value into `out`, which holds the previous lead's (a bool or an Unknown, never a
// string): set in place, without the variant's generic assignment.
void set_truth(Value& out, const Slot& s) {
  if (s.kind == Kind::boolean) {
    if (bool* held = std::get_if<bool>(&out.data)) *held = s.b;
    else out.data = s.b;
    return;
  }
  const Unknown unknown{s.is_unknown() ? s.fault : Fault::unknown_operand};
  if (Unknown* held = std::get_if<Unknown>(&out.data)) *held = unknown;
  else out.data = unknown;
}

}  // namespace

ProgramRunner::ProgramRunner(const CheckedPolicy& policy, const Program& program, TreeWalk& tree)
    : policy_(policy), program_(program), tree_(tree) {
  lets_.resize(program.lets.size());
  icps_.resize(program.icps.size());
  scores_.resize(program.scores.size());
  checks_.resize(program.checks.size());
  grades_.resize(program.grades.size());
  texts_.resize(program.ops.size());
  tree_values_.resize(program.ops.size());
  kept_.resize(program.ops.size());
}

Slot ProgramRunner::from_value(const Value& v) const {
  switch (v.data.index()) {
    case 0: return unknown(std::get<Unknown>(v.data).fault);
    case 1: return boolean(std::get<bool>(v.data));
    case 2: return number(std::get<double>(v.data));
    case 3: return text(std::get<std::string>(v.data));
    case 4: {
      Slot s;
      s.kind = Kind::date;
      s.day = std::get<Date>(v.data).days;
      return s;
    }
    default: {
      Slot s;
      s.kind = Kind::other;
      s.value = &v;
      return s;
    }
  }
}

Slot ProgramRunner::lead_field(std::uint32_t index) const {
  if (index >= lead_->fields.size()) return unknown(Fault::missing);
  return from_value(lead_->fields[index]);
}

void ProgramRunner::evaluate(const RecordValue& lead, std::int32_t today, LeadOutcome& out) {
  lead_ = &lead;
  today_ = today;
  ++generation_;
  depth_ = 0;
  too_deep_ = false;
  ledger_ = nullptr;
  if (keep_ledger_) {
    out.ledger.resize(program_.scores.size());
    for (auto& entries : out.ledger) entries.clear();
    ledger_ = &out.ledger;
  } else if (!out.ledger.empty()) {
    out.ledger.clear();
  }

  out.funnel_line = -1;
  for (std::size_t i = 0; i < program_.funnel.size(); ++i) {
    const std::uint32_t line = program_.funnel[i];
    if (line == Program::otherwise_line || run(line).is_true()) {
      out.funnel_line = static_cast<int>(i);
      break;
    }
  }
  move_forward_only(out);
  out.icps.resize(program_.icps.size());
  for (std::uint32_t i = 0; i < program_.icps.size(); ++i) set_truth(out.icps[i], icp_value(i));
  out.scores.resize(program_.scores.size());
  for (std::uint32_t i = 0; i < program_.scores.size(); ++i) out.scores[i] = score_value(i).n;
  out.checks.resize(program_.checks.size());
  for (std::uint32_t i = 0; i < program_.checks.size(); ++i)
    set_truth(out.checks[i], check_value(i));
  out.grades.resize(program_.grades.size());
  for (std::uint32_t i = 0; i < program_.grades.size(); ++i) {
    const Slot grade = grade_value(i);
    if (grade.kind == Kind::text) out.grades[i] = Value(std::string(grade.text()));
    else out.grades[i] = Value(Unknown{grade.is_unknown() ? grade.fault : Fault::unknown_operand});
  }
  ledger_ = nullptr;
}

Slot ProgramRunner::fold(std::uint32_t op) {
  static const RecordValue no_lead;
  lead_ = &no_lead;
  today_ = 0;
  ++generation_;
  depth_ = 0;
  too_deep_ = false;
  ledger_ = nullptr;
  return run(op);
}

void ProgramRunner::move_forward_only(LeadOutcome& out) {
  out.recycle_line = -1;
  out.held_rank = -1;
  if (policy_.funnel == nullptr) return;
  const int from = backward_from(*policy_.funnel, *lead_, program_.previous_slot, out.funnel_line);
  if (from < 0) return;
  for (std::size_t i = 0; i < program_.recycles.size(); ++i) {
    if (!recycle_eligible(*policy_.funnel, policy_.funnel->recycles[i], from)) continue;
    if (run(program_.recycles[i]).is_true()) {
      out.recycle_line = static_cast<int>(i);
      return;
    }
  }
  out.held_rank = from;
}

Slot ProgramRunner::run(std::uint32_t index) {
  const Op& op = program_.ops[index];
  // The leaves first: they go no deeper and keep nothing.
  if (op.code == OpCode::constant) return op.constant;
  if (op.code == OpCode::lead_field) return lead_field(op.index);
  if (depth_ >= max_evaluation_depth) {
    too_deep_ = true;
    return unknown(Fault::unknown_operand);
  }
  if (op.shared) {
    Kept& kept = kept_[index];
    if (kept.generation == generation_) return kept.value;
    ++depth_;
    kept.value = run_op(op, index);
    --depth_;
    kept.generation = generation_;
    return kept.value;
  }
  ++depth_;
  const Slot result = run_op(op, index);
  --depth_;
  return result;
}

Slot ProgramRunner::run_op(const Op& op, std::uint32_t index) {
  switch (op.code) {
    case OpCode::constant: return op.constant;
    case OpCode::today: {
      Slot s;
      s.kind = Kind::date;
      s.day = today_;
      return s;
    }
    case OpCode::lead_field: return lead_field(op.index);
    case OpCode::let: return let_value(op.index);
    case OpCode::icp: return icp_value(op.index);
    case OpCode::score: return score_value(op.index);
    case OpCode::check: return check_value(op.index);
    case OpCode::grade: return grade_value(op.index);
    case OpCode::not_: return kleene_not(run(op.a));
    case OpCode::negate: {
      const Slot v = run(op.a);
      if (v.is_unknown()) return unknown_from(v);
      return v.kind == Kind::number ? number(-v.n) : unknown(Fault::unknown_operand);
    }
    case OpCode::and_: case OpCode::or_: {
      const Slot l = run(op.a);
      const bool is_and = op.code == OpCode::and_;
      if (is_and ? l.is_false() : l.is_true()) return boolean(l.is_true());
      const Slot r = run(op.b);
      if (l.kind == Kind::boolean && r.kind == Kind::boolean)
        return boolean(is_and ? l.b && r.b : l.b || r.b);
      return is_and ? kleene_and(l, r) : kleene_or(l, r);
    }
    case OpCode::otherwise: {  // R18
      const Slot l = run(op.a);
      return l.is_unknown() ? run(op.b) : l;
    }
    case OpCode::compare: {
      const Slot l = run(op.a);
      const Slot r = run(op.b);
      if (l.kind == Kind::number && r.kind == Kind::number)
        return boolean(holds(op.binary, order(l.n, r.n)));
      return compare(op.binary, l, r);
    }
    case OpCode::text_test: {  // R24
      const Slot l = run(op.a);
      const Slot r = run(op.b);
      if (l.kind != Kind::text || r.kind != Kind::text)
        return l.is_unknown() || r.is_unknown() ? unknown_from(l, r) : unknown(Fault::unknown_operand);
      if (op.binary == BinaryOp::contains) return boolean(l.text().find(r.text()) != std::string_view::npos);
      if (op.binary == BinaryOp::starts_with) return boolean(l.text().starts_with(r.text()));
      return boolean(l.text().ends_with(r.text()));
    }
    case OpCode::arithmetic: {
      const Slot l = run(op.a);
      const Slot r = run(op.b);
      return arithmetic(op.binary, l, r);
    }
    case OpCode::date_shift: {
      const Slot d = run(op.a);
      if (d.is_unknown()) return unknown_from(d);
      if (d.kind != Kind::date) return unknown(Fault::unknown_operand);
      const std::int64_t days = std::int64_t(d.day) + op.k;
      if (days < min_date_days || days > max_date_days) return unknown(Fault::date_out_of_range);
      Slot s;
      s.kind = Kind::date;
      s.day = static_cast<std::int32_t>(days);
      return s;
    }
    case OpCode::in_texts: {  // R22
      const Slot x = run(op.a);
      Slot result;
      if (x.kind == Kind::text) {
        result = boolean(op.texts.empty() ? op.text_set.contains(x.text()) : in_short_list(op, x.text()));
      } else {
        result = x.is_unknown() ? unknown_from(x) : unknown(Fault::unknown_operand);
      }
      return op.flag ? kleene_not(result) : result;
    }
    case OpCode::in_list: return in_list(op);
    case OpCode::between: {  // R23
      const Slot x = run(op.a);
      const Slot lo = run(op.b);
      const Slot hi = run(op.c);
      if (!lo.is_unknown() && !hi.is_unknown() && compare(BinaryOp::gt, lo, hi).is_true())
        return boolean(false);
      return kleene_and(compare(BinaryOp::ge, x, lo), compare(BinaryOp::le, x, hi));
    }
    case OpCode::is_missing: {  // R18: never unknown itself
      const bool missing = run(op.a).is_unknown();
      return boolean(op.flag ? !missing : missing);
    }
    case OpCode::within: {  // R31: 0 <= today - d <= N
      const Slot v = run(op.a);
      if (v.kind == Kind::date) {
        const std::int64_t since = std::int64_t(today_) - v.day;
        return boolean(since >= 0 && since <= op.k);
      }
      return v.is_unknown() ? unknown_from(v) : unknown(Fault::unknown_operand);
    }
    case OpCode::builtin: return builtin(op, index);
    case OpCode::join: {
      const Slot l = run(op.a), r = run(op.b);
      if (l.is_unknown() || r.is_unknown()) return unknown_from(l, r);
      if (l.kind != Kind::text || r.kind != Kind::text) return unknown(Fault::unknown_operand);
      std::string& joined = texts_[index];
      joined.assign(l.text());
      joined.append(r.text());
      return text(joined);
    }
    case OpCode::group_checks: case OpCode::group_items: return group(op);
    case OpCode::tree: {
      Value& storage = tree_values_[index];
      return from_value(tree_.eval_tree(*op.expr, storage));
    }
  }
  return unknown(Fault::unknown_operand);
}

Slot ProgramRunner::in_list(const Op& op) {
  const Slot x = run(op.a);
  Slot result = boolean(false);
  for (const std::uint32_t item : op.items) {
    result = kleene_or(result, compare(BinaryOp::eq, x, run(item)));
    if (result.is_true()) break;
  }
  return op.flag ? kleene_not(result) : result;
}

Slot ProgramRunner::builtin(const Op& op, std::uint32_t index) {
  const Slot v = run(op.a);
  if (v.is_unknown()) return unknown_from(v);
  const BuiltinImplementation& impl = builtin_of(op.builtin).implementation;
  switch (impl.shape) {
    case BuiltinShape::text_to_text:
      if (v.kind != Kind::text) break;
      impl.text(texts_[index], v.text());
      return text(texts_[index]);
    case BuiltinShape::text_to_domain: {  // R28
      if (v.kind != Kind::text) break;
      auto found = impl.domain(v.text());
      if (!found) return unknown(Fault::no_domain);
      texts_[index] = std::move(*found);
      return text(texts_[index]);
    }
    case BuiltinShape::length:  // R29: code points (a list's length stays with the tree walk)
      if (v.kind == Kind::text) return number(impl.measure(v.text()));
      break;
    case BuiltinShape::number_to_number:
      if (v.kind == Kind::number) return number(impl.number(v.n));
      break;
    case BuiltinShape::days_since:  // R31
      if (v.kind == Kind::date) return number(impl.days(today_, v.day));
      break;
    case BuiltinShape::extreme: break;  // not lowered
  }
  return unknown(Fault::unknown_operand);
}

// R34: T true and U unknown members; at least K: true if T >= K, false if T + U < K.
Slot ProgramRunner::group(const Op& op) {
  std::int64_t t = 0, u = 0, size = 0;
  Fault fault = Fault::unknown_operand;
  auto tally = [&](const Slot& v) {
    ++size;
    if (v.is_true()) ++t;
    else if (v.is_unknown() && u++ == 0) fault = v.fault;
  };
  if (op.code == OpCode::group_checks) {
    if (op.index < policy_.gates.size())
      for (const auto check : policy_.gates[op.index].checks) tally(check_value(check));
  } else {
    for (const std::uint32_t item : op.items) tally(run(item));
  }
  std::int64_t k = 1;
  switch (op.quantifier) {
    case GroupQuantifier::at_least: k = op.k; break;
    case GroupQuantifier::all: k = size; break;
    case GroupQuantifier::any: case GroupQuantifier::none: k = 1; break;
  }
  Slot result = t >= k ? boolean(true) : (t + u < k ? boolean(false) : unknown(fault));
  return op.quantifier == GroupQuantifier::none ? kleene_not(result) : result;
}

template <typename Compute>
Slot ProgramRunner::memoized(Memo& m, Compute&& compute) {
  if (m.generation == generation_) return m.value;
  m.generation = generation_;
  m.value = unknown(Fault::unknown_operand);  // what a (forbidden) cycle would see
  m.value = compute();
  return m.value;
}

Slot ProgramRunner::let_value(std::uint32_t i) {
  return memoized(lets_[i], [&] { return run(program_.lets[i]); });
}

Slot ProgramRunner::check_value(std::uint32_t i) {
  return memoized(checks_[i], [&] { return run(program_.checks[i]); });
}

Slot ProgramRunner::icp_value(std::uint32_t i) {
  return memoized(icps_[i], [&] { return compute_icp(i); });
}

Slot ProgramRunner::score_value(std::uint32_t i) {
  return memoized(scores_[i], [&] { return compute_score(i); });
}

Slot ProgramRunner::grade_value(std::uint32_t i) {
  return memoized(grades_[i], [&] { return compute_grade(i); });
}

// A grade: the first true line's label; an unknown line before any true one makes it unknown.
// Bands: the first bound above the number, else the `otherwise` label; unknown number, unknown.
Slot ProgramRunner::compute_grade(std::uint32_t i) {
  const GradeProgram& grade = program_.grades[i];
  Slot number_cut;
  if (grade.bands) {
    number_cut = run(grade.of);
    if (number_cut.is_unknown()) return unknown_from(number_cut);
    if (number_cut.kind != Kind::number) return unknown(Fault::unknown_operand);
  }
  for (const GradeProgram::Line& line : grade.lines) {
    if (line.otherwise) return text(line.label);
    if (grade.bands) {
      if (number_cut.n < line.below) return text(line.label);
      continue;
    }
    const Slot v = run(line.condition);
    if (v.is_true()) return text(line.label);
    if (!v.is_false()) return v.is_unknown() ? unknown_from(v) : unknown(Fault::unknown_operand);
  }
  return unknown(Fault::unknown_operand);  // no `otherwise` line: the checker refuses it
}

// R37: the Kleene-and of the requires and of `not` each exclude; no clause gives true.
Slot ProgramRunner::compute_icp(std::uint32_t i) {
  Slot result = boolean(true);
  for (const IcpClauseProgram& clause : program_.icps[i]) {
    const Slot v = run(clause.condition);
    if (v.kind == Kind::boolean) {
      if (v.b == clause.exclude) result = boolean(false);  // a failed require, a hit exclude
    } else {
      result = kleene_and(result, clause.exclude ? kleene_not(v) : v);
    }
    if (result.is_false()) break;
  }
  return result;
}

// R35/R36: each rule adds sign x points x per, capped by `up to`; 0 unless `when` is true and
// `per` known and finite. The sum is clamped once to [LO, HI].
Slot ProgramRunner::compute_score(std::uint32_t i) {
  // Two instances of one loop, so that a run without --ledger tests nothing more per rule.
  if (ledger_ != nullptr) return score_sum<true>(i, &(*ledger_)[i]);
  return score_sum<false>(i, nullptr);
}

// With `Ledger`, each rule that added points, or whose `when` or `per` is unknown (null points),
// is noted in `entries`, and so is the clamp when it changed the sum.
template <bool Ledger>
Slot ProgramRunner::score_sum(std::uint32_t i, std::vector<LedgerEntry>* entries) {
  const ScoreProgram& score = program_.scores[i];
  double sum = 0;
  for (const ScoreRuleProgram& rule : score.rules) {
    if (!in_force(*rule.decl, today_)) continue;  // outside its dates the rule is absent, not false
    [[maybe_unused]] const auto r = static_cast<std::uint32_t>(&rule - score.rules.data());
    if (rule.has_when) {
      const Slot when = run(rule.when);
      if (!when.is_true()) {
        if constexpr (Ledger) {
          if (when.is_unknown()) entries->push_back({r, std::nullopt});
        }
        continue;
      }
    }
    double product = rule.points;
    if (rule.has_per) {
      const Slot per = rule.decays ? from_value(tree_.eval_decayed_per(*rule.decl, decayed_per_))
                                   : run(rule.per);
      product = per.kind == Kind::number ? product * per.n : std::nan("");
    }
    if (!std::isfinite(product)) {  // `per` unknown, or an overflow
      if constexpr (Ledger) entries->push_back({r, std::nullopt});
      continue;
    }
    if (rule.up_to) product = std::clamp(product, -*rule.up_to, *rule.up_to);
    sum += product;
    if constexpr (Ledger) {
      if (product != 0) entries->push_back({r, product});
    }
  }
  const double unclamped = sum;
  if (score.low) sum = std::max(sum, *score.low);
  if (score.high) sum = std::min(sum, *score.high);
  if constexpr (Ledger) {
    if (sum != unclamped) entries->push_back({LedgerEntry::clamp, sum - unclamped});
  }
  return number(sum);
}

}  // namespace qpl::eval
