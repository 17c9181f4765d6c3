// Lowering a checked policy into a Program. Each expression becomes one operation whose
// operands are earlier operations; a form the program does not run itself becomes a `tree`
// operation, so every checked expression lowers.
#include "eval/program.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "eval/program_runner.hpp"
#include "model/builtins.hpp"
#include "model/memory.hpp"
#include "model/types.hpp"

namespace qpl::eval {
namespace {

// Above this many texts, `in` looks the value up in a hash set.
constexpr std::size_t linear_text_list = 8;

bool scalar_type(TypeRef type) {
  if (type == nullptr) return false;
  switch (type->kind) {
    case TypeKind::number: case TypeKind::text: case TypeKind::boolean: case TypeKind::date:
    case TypeKind::enum_:
      return true;
    default: return false;
  }
}

class Lowering {
 public:
  explicit Lowering(Program& program) : program_(program) {}

  std::uint32_t lower(const Expr& e) {
    switch (e.kind_case()) {
      case ExprKindCase::number: return constant(number_slot(std::get<NumberLit>(e.kind).value));
      case ExprKindCase::boolean: {
        Slot s;
        s.kind = Slot::Kind::boolean;
        s.b = std::get<BoolLit>(e.kind).value;
        return constant(s);
      }
      case ExprKindCase::date: {
        Slot s;
        s.kind = Slot::Kind::date;
        s.day = std::get<DateLit>(e.kind).days;
        return constant(s);
      }
      case ExprKindCase::duration:  // only meaningful beside a date, where it is folded
        return constant(number_slot(double(std::get<DurationLit>(e.kind).days)));
      case ExprKindCase::text: {
        Slot s;
        s.kind = Slot::Kind::text;
        s.set_text(std::get<TextLit>(e.kind).value);
        return constant(s);
      }
      case ExprKindCase::today: return add(Fields{.code = OpCode::today});
      case ExprKindCase::lead: return constant(Slot{});  // unknown, missing
      case ExprKindCase::name: return lower_ref(e, std::get<Name>(e.kind).ref);
      case ExprKindCase::member: {
        const auto& m = std::get<Member>(e.kind);
        if (m.ref.kind == RefKind::lead_field || m.ref.kind == RefKind::gate_check)
          return lower_ref(e, m.ref);
        return tree(e);
      }
      case ExprKindCase::unary: {
        const auto& u = std::get<Unary>(e.kind);
        const std::uint32_t a = lower(*u.operand);
        return add(Fields{.code = u.op == UnaryOp::not_ ? OpCode::not_ : OpCode::negate, .a = a});
      }
      case ExprKindCase::binary: return lower_binary(e, std::get<Binary>(e.kind));
      case ExprKindCase::in: return lower_in(e, std::get<In>(e.kind));
      case ExprKindCase::between: {
        const auto& b = std::get<Between>(e.kind);
        if (!scalar_type(b.value->type) || !scalar_type(b.low->type) || !scalar_type(b.high->type))
          return tree(e);
        const std::uint32_t x = lower(*b.value), lo = lower(*b.low), hi = lower(*b.high);
        return add(Fields{.code = OpCode::between, .a = x, .b = lo, .c = hi});
      }
      case ExprKindCase::is_missing: {
        const auto& m = std::get<IsMissing>(e.kind);
        const std::uint32_t a = lower(*m.value);
        return add(Fields{.code = OpCode::is_missing, .flag = m.present, .a = a});
      }
      case ExprKindCase::within: {
        const auto& w = std::get<Within>(e.kind);
        if (w.months != 0) return tree(e);  // calendar months: eval/calendar's
        const std::uint32_t a = lower(*w.value);
        return add(Fields{.code = OpCode::within, .a = a, .k = w.days});
      }
      case ExprKindCase::call: return lower_call(e, std::get<Call>(e.kind));
      case ExprKindCase::group_test: return lower_group(e, std::get<GroupTest>(e.kind));
      case ExprKindCase::list: case ExprKindCase::matches: case ExprKindCase::list_query:
        return tree(e);
    }
    return tree(e);
  }

 private:
  static Slot number_slot(double x) {
    Slot s;
    s.kind = Slot::Kind::number;
    s.n = x;
    return s;
  }

  // The scalar part of an operation, for designated initializers.
  struct Fields {
    OpCode code = OpCode::constant;
    BinaryOp binary = BinaryOp::eq;
    Builtin builtin = Builtin::unresolved;
    bool flag = false;
    std::uint32_t a = 0, b = 0, c = 0, index = 0;
    std::int64_t k = 0;
    const Expr* expr = nullptr;
  };
  // Hash-consing: an operation equal to one already made (same code, same fields, same operands,
  // which are shared in turn) is that one, so `lower(email)` written three times is computed
  // once per lead. Tree operations are never merged (each is its own expression).
  std::uint32_t add(const Fields& f) {
    const auto key = std::make_tuple(f.code, f.binary, f.builtin, f.flag, f.a, f.b, f.c, f.index,
                                     f.k, f.expr);
    if (const auto found = made_.find(key); found != made_.end()) {
      program_.ops[found->second].shared = true;
      return found->second;
    }
    Op op;
    op.code = f.code;
    op.binary = f.binary;
    op.builtin = f.builtin;
    op.flag = f.flag;
    op.a = f.a;
    op.b = f.b;
    op.c = f.c;
    op.index = f.index;
    op.k = f.k;
    op.expr = f.expr;
    const std::uint32_t index = add(std::move(op));
    made_.emplace(key, index);
    return index;
  }
  std::uint32_t add(Op op) {
    program_.ops.push_back(std::move(op));
    return static_cast<std::uint32_t>(program_.ops.size() - 1);
  }
  std::uint32_t constant(const Slot& s) {
    Op op;
    op.code = OpCode::constant;
    op.constant = s;
    return add(std::move(op));
  }
  std::uint32_t tree(const Expr& e) { return add(Fields{.code = OpCode::tree, .expr = &e}); }

  std::uint32_t lower_ref(const Expr& e, const Ref& ref) {
    switch (ref.kind) {
      case RefKind::lead_field: return add(Fields{.code = OpCode::lead_field, .index = ref.index});
      case RefKind::let: return add(Fields{.code = OpCode::let, .index = ref.index});
      case RefKind::icp: return add(Fields{.code = OpCode::icp, .index = ref.index});
      case RefKind::score: return add(Fields{.code = OpCode::score, .index = ref.index});
      case RefKind::gate_check: return add(Fields{.code = OpCode::check, .index = ref.index});
      case RefKind::grade: return add(Fields{.code = OpCode::grade, .index = ref.index});
      default: return tree(e);
    }
  }

  std::uint32_t lower_binary(const Expr& e, const Binary& b) {
    switch (b.op) {
      case BinaryOp::and_: case BinaryOp::or_: case BinaryOp::otherwise: {
        const std::uint32_t l = lower(*b.lhs), r = lower(*b.rhs);
        const OpCode code = b.op == BinaryOp::and_ ? OpCode::and_
                            : b.op == BinaryOp::or_ ? OpCode::or_ : OpCode::otherwise;
        return add(Fields{.code = code, .a = l, .b = r});
      }
      case BinaryOp::eq: case BinaryOp::ne: case BinaryOp::lt: case BinaryOp::le:
      case BinaryOp::gt: case BinaryOp::ge: {
        if (!scalar_type(b.lhs->type) || !scalar_type(b.rhs->type)) return tree(e);
        const std::uint32_t l = lower(*b.lhs), r = lower(*b.rhs);
        return add(Fields{.code = OpCode::compare, .binary = b.op, .a = l, .b = r});
      }
      case BinaryOp::contains: case BinaryOp::starts_with: case BinaryOp::ends_with: {
        const std::uint32_t l = lower(*b.lhs), r = lower(*b.rhs);
        return add(Fields{.code = OpCode::text_test, .binary = b.op, .a = l, .b = r});
      }
      case BinaryOp::add: case BinaryOp::sub: {
        if (is_textual(e.type)) {  // `text + text`: the matrix of grades, "A" + "2"
          const std::uint32_t l = lower(*b.lhs), r = lower(*b.rhs);
          return add(Fields{.code = OpCode::join, .a = l, .b = r});
        }
        // A date shifted by a duration literal: `d + 30 days`, `d - 2 weeks`, `30 days + d`.
        const auto* right = std::get_if<DurationLit>(&b.rhs->kind);
        const auto* left = std::get_if<DurationLit>(&b.lhs->kind);
        if ((right && right->months != 0) || (left && left->months != 0)) return tree(e);
        if (right || left) {
          const std::uint32_t d = lower(right ? *b.lhs : *b.rhs);
          const std::int64_t shift = right ? right->days : left->days;
          return add(Fields{.code = OpCode::date_shift, .a = d,
                        .k = b.op == BinaryOp::sub ? -shift : shift});
        }
        [[fallthrough]];
      }
      case BinaryOp::mul: case BinaryOp::div: case BinaryOp::mod: {
        const std::uint32_t l = lower(*b.lhs), r = lower(*b.rhs);
        return add(Fields{.code = OpCode::arithmetic, .binary = b.op, .a = l, .b = r});
      }
    }
    return tree(e);
  }

  // `x in [...]` with a list of constant texts, numbers, dates or bools; anything else (a
  // computed list, a list field, a list with a computed element) is the tree walk's.
  std::uint32_t lower_in(const Expr& e, const In& in) {
    const auto* list = std::get_if<ListLit>(&in.list->kind);
    if (list == nullptr || !scalar_type(in.value->type)) return tree(e);
    bool all_texts = true;
    for (const auto& item : list->items) {
      const auto kind = item->kind_case();
      if (kind != ExprKindCase::text && kind != ExprKindCase::number &&
          kind != ExprKindCase::date && kind != ExprKindCase::boolean)
        return tree(e);
      if (kind != ExprKindCase::text) all_texts = false;
    }
    const std::uint32_t x = lower(*in.value);
    Op op;
    op.a = x;
    op.flag = in.negated;
    if (all_texts && !list->items.empty()) {
      op.code = OpCode::in_texts;
      for (const auto& item : list->items) {
        const std::string_view text = std::get<TextLit>(item->kind).value;
        if (list->items.size() > linear_text_list) op.text_set.insert(text);
        else {
          op.texts.push_back(text);
          op.text_words.push_back(text_words(text));
        }
      }
    } else {
      op.code = OpCode::in_list;
      for (const auto& item : list->items) op.items.push_back(lower(*item));
    }
    return add(std::move(op));
  }

  std::uint32_t lower_call(const Expr& e, const Call& c) {
    if (c.args.size() != 1 || c.builtin == Builtin::unresolved) return tree(e);
    switch (builtin_of(c.builtin).implementation.shape) {
      case BuiltinShape::length:  // a list's length is the tree walk's
        if (c.args[0]->type == nullptr || c.args[0]->type->kind == TypeKind::list) return tree(e);
        break;
      case BuiltinShape::text_to_text: case BuiltinShape::text_to_domain:
      case BuiltinShape::number_to_number: case BuiltinShape::days_since: break;
      case BuiltinShape::extreme: return tree(e);  // min, max
    }
    const std::uint32_t a = lower(*c.args[0]);
    return add(Fields{.code = OpCode::builtin, .builtin = c.builtin, .a = a});
  }

  std::uint32_t lower_group(const Expr& e, const GroupTest& g) {
    (void)e;
    Op op;
    op.quantifier = g.quantifier;
    op.k = g.k;
    if (!g.group.empty()) {
      op.code = OpCode::group_checks;
      op.index = g.group_index;
    } else {
      op.code = OpCode::group_items;
      for (const auto& item : g.items) op.items.push_back(lower(*item));
    }
    return add(std::move(op));
  }

  Program& program_;
  std::map<std::tuple<OpCode, BinaryOp, Builtin, bool, std::uint32_t, std::uint32_t, std::uint32_t,
                      std::uint32_t, std::int64_t, const Expr*>,
           std::uint32_t>
      made_;
};

// Folding runs no tree operation: they are never folded, nor are their users' operands.
class NoTreeWalk final : public TreeWalk {
 public:
  const Value& eval_tree(const Expr&, Value& out) override { return out = Value(Unknown{}); }
  const Value& eval_decayed_per(const ScoreRule&, Value& out) override { return out = Value(Unknown{}); }
};

// The operations that compute their value from their operands alone: not those that read the
// lead, a definition, `today` (`within`, `days_since`) or the tree walk.
bool pure(const Op& op) {
  switch (op.code) {
    case OpCode::not_: case OpCode::negate: case OpCode::and_: case OpCode::or_:
    case OpCode::otherwise: case OpCode::compare: case OpCode::text_test:
    case OpCode::arithmetic: case OpCode::join: case OpCode::date_shift: case OpCode::in_texts:
    case OpCode::in_list: case OpCode::between: case OpCode::is_missing:
    case OpCode::group_items:
      return true;
    case OpCode::builtin:
      return builtin_of(op.builtin).implementation.shape != BuiltinShape::days_since;
    default: return false;
  }
}

bool operands_constant(const Program& program, const Op& op) {
  const auto constant = [&](std::uint32_t i) { return program.ops[i].code == OpCode::constant; };
  switch (op.code) {
    case OpCode::not_: case OpCode::negate: case OpCode::date_shift: case OpCode::in_texts:
    case OpCode::is_missing: case OpCode::builtin:
      return constant(op.a);
    case OpCode::between: return constant(op.a) && constant(op.b) && constant(op.c);
    case OpCode::in_list:
      return constant(op.a) && std::all_of(op.items.begin(), op.items.end(), constant);
    case OpCode::group_items: return std::all_of(op.items.begin(), op.items.end(), constant);
    default: return constant(op.a) && constant(op.b);
  }
}

// Operands come before their users, so one pass in order folds whole constant sub-expressions.
void fold_constants(const CheckedPolicy& policy, Program& program) {
  NoTreeWalk no_tree;
  ProgramRunner runner(policy, program, no_tree);
  for (std::uint32_t i = 0; i < program.ops.size(); ++i) {
    Op& op = program.ops[i];
    if (!pure(op) || !operands_constant(program, op)) continue;
    Slot value = runner.fold(i);
    if (value.kind == Slot::Kind::other) continue;  // not a scalar: these operations give none
    if (value.kind == Slot::Kind::text) {
      program.folded_texts.push_back(std::make_unique<const std::string>(value.text()));
      value.set_text(*program.folded_texts.back());
    }
    op.code = OpCode::constant;
    op.constant = value;
  }
}

}  // namespace

Program Program::compile(const CheckedPolicy& policy) {
  Program program;
  Lowering lowering(program);
  for (const auto& let : policy.lets) program.lets.push_back(lowering.lower(*let.decl->value));
  for (const auto& check : policy.checks)
    program.checks.push_back(lowering.lower(*check.decl->condition));
  for (const auto& icp : policy.icps) {
    std::vector<IcpClauseProgram> clauses;
    for (const auto& clause : icp.decl->clauses)
      clauses.push_back({lowering.lower(*clause.condition), clause.exclude});
    program.icps.push_back(std::move(clauses));
  }
  for (const auto& score : policy.scores) {
    ScoreProgram lowered;
    lowered.low = score.decl->low;
    lowered.high = score.decl->high;
    for (const auto& rule : score.decl->rules) {
      ScoreRuleProgram r;
      r.points = rule.points;
      r.up_to = rule.up_to;
      r.decl = &rule;
      if (rule.when) {
        r.has_when = true;
        r.when = lowering.lower(*rule.when);
      }
      if (rule.per) {
        r.has_per = true;
        r.decays = rule.decay.has_value();
        if (!r.decays) r.per = lowering.lower(*rule.per);
      }
      lowered.rules.push_back(std::move(r));
    }
    program.scores.push_back(std::move(lowered));
  }
  for (const auto& grade : policy.grades) {
    GradeProgram lowered;
    lowered.bands = grade.decl->bands();
    if (grade.decl->of) lowered.of = lowering.lower(*grade.decl->of);
    for (const auto& line : grade.decl->lines) {
      GradeProgram::Line l;
      l.otherwise = line.otherwise;
      l.label = line.label;
      if (line.condition) l.condition = lowering.lower(*line.condition);
      if (line.below) l.below = *line.below;
      lowered.lines.push_back(l);
    }
    program.grades.push_back(std::move(lowered));
  }
  if (policy.funnel)
    for (const auto& line : policy.funnel->lines)
      program.funnel.push_back(line.condition ? lowering.lower(*line.condition) : otherwise_line);
  if (policy.funnel)
    for (const auto& line : policy.funnel->recycles) program.recycles.push_back(lowering.lower(*line.condition));
  program.previous_slot = qpl::previous_slot(policy.schema.lead);
  fold_constants(policy, program);
  return program;
}

}  // namespace qpl::eval
