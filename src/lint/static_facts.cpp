#include "lint/static_facts.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "model/ast_equal.hpp"
#include "model/comparison.hpp"
#include "model/types.hpp"
#include "support/number_format.hpp"

namespace qpl::lint {
namespace {

// Chains of lets and scores deeper than this are not followed (the answer is "anything").
constexpr int max_depth = 200;
constexpr double inf = std::numeric_limits<double>::infinity();

Interval full() { return {}; }

const ScoreInfo* either_score(const Interval& a, const Interval& b) { return a.score ? a.score : b.score; }

double safe_add(double a, double b) {
  const double r = a + b;
  return std::isnan(r) ? 0 : r;
}
double safe_mul(double a, double b) { return (a == 0 || b == 0) ? 0 : a * b; }

Interval add(const Interval& a, const Interval& b) {
  Interval r{safe_add(a.low, b.low), safe_add(a.high, b.high), either_score(a, b)};
  if (std::isinf(a.low) || std::isinf(b.low)) r.low = (a.low == inf || b.low == inf) ? r.low : -inf;
  if (std::isinf(a.high) || std::isinf(b.high)) r.high = (a.high == -inf || b.high == -inf) ? r.high : inf;
  return r;
}
Interval negate(const Interval& a) { return {-a.high, -a.low, a.score}; }
Interval mul(const Interval& a, const Interval& b) {
  const double c[] = {safe_mul(a.low, b.low), safe_mul(a.low, b.high), safe_mul(a.high, b.low),
                      safe_mul(a.high, b.high)};
  return {*std::min_element(std::begin(c), std::end(c)), *std::max_element(std::begin(c), std::end(c)),
          either_score(a, b)};
}
Interval hull(const Interval& a, const Interval& b) {
  return {std::min(a.low, b.low), std::max(a.high, b.high), either_score(a, b)};
}
double clamp_to(double v, double lo, double hi) { return std::min(std::max(v, lo), hi); }

bool is_comparison(BinaryOp op) {
  return op == BinaryOp::eq || op == BinaryOp::ne || op == BinaryOp::lt || op == BinaryOp::le ||
         op == BinaryOp::gt || op == BinaryOp::ge;
}

bool ordered_kind(TypeRef t) {
  return t && (t->kind == TypeKind::number || t->kind == TypeKind::date);
}

TruthSet kleene_and(TruthSet a, TruthSet b) {
  TruthSet r = 0;
  if ((a & can_be_false) || (b & can_be_false)) r |= can_be_false;
  if ((a & can_be_true) && (b & can_be_true)) r |= can_be_true;
  const bool a_nf = a & (can_be_true | can_be_unknown), b_nf = b & (can_be_true | can_be_unknown);
  if (((a & can_be_unknown) && b_nf) || ((b & can_be_unknown) && a_nf)) r |= can_be_unknown;
  return r;
}
TruthSet swap_truth(TruthSet a) {
  TruthSet r = a & can_be_unknown;
  if (a & can_be_true) r |= can_be_false;
  if (a & can_be_false) r |= can_be_true;
  return r;
}
TruthSet kleene_or(TruthSet a, TruthSet b) { return swap_truth(kleene_and(swap_truth(a), swap_truth(b))); }

TruthSet constant(bool v) { return v ? can_be_true : can_be_false; }

// A constraint `subject OP literal` found in an `and` chain.
struct Constraint {
  const Expr* subject = nullptr;
  const Expr* conjunct = nullptr;
  double low = -inf, high = inf;
  bool low_open = false, high_open = false;
  const std::string* text = nullptr;  // `subject = "text"`
};

std::optional<double> literal_number(const Expr& e) {
  if (const auto* n = std::get_if<NumberLit>(&e.kind)) return n->value;
  if (const auto* d = std::get_if<DateLit>(&e.kind)) return static_cast<double>(d->days);
  if (const auto* u = std::get_if<Unary>(&e.kind); u && u->op == UnaryOp::negate)
    if (const auto* n = std::get_if<NumberLit>(&u->operand->kind)) return -n->value;
  return std::nullopt;
}

std::optional<Constraint> constraint_of(const Expr& conjunct) {
  Constraint c;
  c.conjunct = &conjunct;
  if (const auto* b = std::get_if<Between>(&conjunct.kind)) {
    auto lo = literal_number(*b->low), hi = literal_number(*b->high);
    if (!lo || !hi) return std::nullopt;
    c.subject = b->value.get();
    c.low = *lo;
    c.high = *hi;
    return c;
  }
  const auto* b = std::get_if<Binary>(&conjunct.kind);
  if (!b || !(is_comparison(b->op) && b->op != BinaryOp::ne)) return std::nullopt;
  const Expr* subject = b->lhs.get();
  const Expr* other = b->rhs.get();
  BinaryOp op = b->op;
  if (!literal_number(*other) && !std::holds_alternative<TextLit>(other->kind)) {
    std::swap(subject, other);
    op = mirrored(op);
  }
  c.subject = subject;
  if (const auto* t = std::get_if<TextLit>(&other->kind)) {
    if (op != BinaryOp::eq) return std::nullopt;
    c.text = &t->value;
    return c;
  }
  auto v = literal_number(*other);
  if (!v || literal_number(*subject)) return std::nullopt;
  switch (op) {
    case BinaryOp::eq: c.low = c.high = *v; break;
    case BinaryOp::lt: c.high = *v; c.high_open = true; break;
    case BinaryOp::le: c.high = *v; break;
    case BinaryOp::gt: c.low = *v; c.low_open = true; break;
    case BinaryOp::ge: c.low = *v; break;
    default: return std::nullopt;
  }
  return c;
}

bool disjoint(const Constraint& a, const Constraint& b) {
  if (a.text || b.text) return a.text && b.text && *a.text != *b.text;
  const double lo = std::max(a.low, b.low), hi = std::min(a.high, b.high);
  if (lo > hi) return true;
  if (lo < hi) return false;
  const bool lo_open = (a.low == lo && a.low_open) || (b.low == lo && b.low_open);
  const bool hi_open = (a.high == hi && a.high_open) || (b.high == hi && b.high_open);
  return lo_open || hi_open;
}

std::string describe_range(const Interval& r, bool dates) {
  auto show = [&](double v) {
    return dates ? fmt::format("day {}", show_number(v)) : show_number(v);
  };
  if (r.low == r.high) return fmt::format("always {}", show(r.low));
  if (r.bounded_below() && r.bounded_above())
    return fmt::format("between {} and {}", show(r.low), show(r.high));
  if (r.bounded_below()) return fmt::format("at least {}", show(r.low));
  if (r.bounded_above()) return fmt::format("at most {}", show(r.high));
  return "any number";
}

}  // namespace

std::string show_number(double v) {
  if (v == inf) return "no limit";
  if (v == -inf) return "no lower limit";
  return format_number(v);
}

std::string source_excerpt(const CheckedPolicy& p, Span span, std::size_t max) {
  if (span.file >= p.sources.size()) return {};
  const auto text = p.sources.file(span.file).slice(span);
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    out = out.substr(0, cut) + "...";
  }
  return out;
}

StaticFacts::StaticFacts(const CheckedPolicy& policy)
    : p_(policy),
      ranges_(policy.expr_count),
      unknowns_(policy.expr_count, -1),
      truths_(policy.expr_count, 0),
      score_bounds_(policy.scores.size()),
      score_in_progress_(policy.scores.size(), false) {}

const RecordType* StaticFacts::element_record(const ListQuery& q) const {
  TypeRef t = q.list ? q.list->type : nullptr;
  if (!t || t->kind != TypeKind::list || !t->element || t->element->kind != TypeKind::record)
    return nullptr;
  return t->element->record;
}

const FieldSchema* StaticFacts::field_of(const Ref& ref) const {
  if (ref.kind == RefKind::lead_field && ref.index < p_.schema.lead.fields.size())
    return &p_.schema.lead.fields[ref.index];
  if (ref.kind == RefKind::element_field && ref.depth < scopes_.size()) {
    const RecordType* r = scopes_[scopes_.size() - 1 - ref.depth];
    if (r && ref.index < r->fields.size()) return &r->fields[ref.index];
  }
  return nullptr;
}

Interval StaticFacts::range(const Expr& e) { return range_at(e, 0); }
bool StaticFacts::may_be_unknown(const Expr& e) { return unknown_at(e, 0); }
TruthSet StaticFacts::truth(const Expr& e) { return truth_at(e, 0); }

Interval StaticFacts::range_at(const Expr& e, int depth) {
  if (e.id < ranges_.size() && ranges_[e.id]) return *ranges_[e.id];
  Interval r = compute_range(e, depth);
  if (e.id < ranges_.size()) ranges_[e.id] = r;
  return r;
}

bool StaticFacts::unknown_at(const Expr& e, int depth) {
  if (e.id < unknowns_.size() && unknowns_[e.id] >= 0) return unknowns_[e.id] != 0;
  const bool u = compute_unknown(e, depth);
  if (e.id < unknowns_.size()) unknowns_[e.id] = u ? 1 : 0;
  return u;
}

TruthSet StaticFacts::truth_at(const Expr& e, int depth) {
  if (e.id < truths_.size() && truths_[e.id]) return truths_[e.id];
  TruthSet t = compute_truth(e, depth);
  if (t == 0) t = can_be_true | can_be_false | can_be_unknown;
  if (e.id < truths_.size()) truths_[e.id] = t;
  return t;
}

Interval StaticFacts::score_bounds(std::uint32_t i) {
  if (i >= p_.scores.size()) return full();
  if (score_bounds_[i]) return *score_bounds_[i];
  if (score_in_progress_[i]) return full();  // a cycle: the checker reports it
  score_in_progress_[i] = true;
  auto scopes = std::exchange(scopes_, {});
  const ScoreDecl& d = *p_.scores[i].decl;
  Interval sum = Interval::point(0);
  for (const auto& rule : d.rules) {
    Interval c = Interval::point(rule.points);
    bool may_add_nothing = false;
    if (rule.per) {
      c = mul(c, range_at(*rule.per, 1));
      may_add_nothing = unknown_at(*rule.per, 1);
    }
    if (rule.up_to) {
      c.low = clamp_to(c.low, -*rule.up_to, *rule.up_to);
      c.high = clamp_to(c.high, -*rule.up_to, *rule.up_to);
    }
    if (rule.when) {
      const TruthSet t = truth_at(*rule.when, 1);
      if (never_true(t)) c = Interval::point(0);
      else if (!always_true(t)) may_add_nothing = true;
    }
    if (may_add_nothing) c = hull(c, Interval::point(0));
    c.score = nullptr;
    sum = add(sum, c);
  }
  if (d.low || d.high) {
    const double lo = d.low.value_or(-inf), hi = d.high.value_or(inf);
    sum.low = clamp_to(sum.low, lo, hi);
    sum.high = clamp_to(sum.high, lo, hi);
  }
  sum.score = &p_.scores[i];
  scopes_ = std::move(scopes);
  score_in_progress_[i] = false;
  score_bounds_[i] = sum;
  return sum;
}

Interval StaticFacts::compute_range(const Expr& e, int depth) {
  if (depth > max_depth) return full();
  const int d = depth + 1;
  return std::visit(
      [&](const auto& k) -> Interval {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, NumberLit>) {
          return Interval::point(k.value);
        } else if constexpr (std::is_same_v<K, DateLit>) {
          return Interval::point(k.days);
        } else if constexpr (std::is_same_v<K, DurationLit>) {
          if (k.months == 0) return Interval::point(static_cast<double>(k.days));
          // A calendar month is 28 to 31 days.
          return {28.0 * double(k.months), 31.0 * double(k.months), nullptr};
        } else if constexpr (std::is_same_v<K, Name>) {
          if (k.ref.kind == RefKind::score) return score_bounds(k.ref.index);
          if (k.ref.kind == RefKind::let && k.ref.index < p_.lets.size()) {
            auto scopes = std::exchange(scopes_, {});
            Interval r = range_at(*p_.lets[k.ref.index].decl->value, d);
            scopes_ = std::move(scopes);
            return r;
          }
          return full();
        } else if constexpr (std::is_same_v<K, Unary>) {
          if (k.op == UnaryOp::negate) return negate(range_at(*k.operand, d));
          return full();
        } else if constexpr (std::is_same_v<K, Binary>) {
          if (k.op == BinaryOp::add) return add(range_at(*k.lhs, d), range_at(*k.rhs, d));
          if (k.op == BinaryOp::sub) return add(range_at(*k.lhs, d), negate(range_at(*k.rhs, d)));
          if (k.op == BinaryOp::mul) return mul(range_at(*k.lhs, d), range_at(*k.rhs, d));
          if (k.op == BinaryOp::otherwise) return hull(range_at(*k.lhs, d), range_at(*k.rhs, d));
          if (k.op == BinaryOp::mod) {
            auto c = literal_number(*k.rhs);
            if (!c || *c == 0) return full();
            const double m = std::abs(*c);
            const Interval a = range_at(*k.lhs, d);
            return {a.low >= 0 ? 0 : -m, a.high <= 0 ? 0 : m, a.score};
          }
          return full();
        } else if constexpr (std::is_same_v<K, Call>) {
          std::vector<Interval> args;
          for (const auto& a : k.args) args.push_back(range_at(*a, d));
          switch (k.builtin) {
            case Builtin::length: return {0, inf, nullptr};
            case Builtin::abs:
              if (args.size() != 1) return full();
              if (args[0].low >= 0) return args[0];
              if (args[0].high <= 0) return negate(args[0]);
              return {0, std::max(-args[0].low, args[0].high), args[0].score};
            case Builtin::round:
            case Builtin::floor:
            case Builtin::ceil:
              if (args.size() != 1) return full();
              return {std::floor(args[0].low), std::ceil(args[0].high), args[0].score};
            case Builtin::min:
            case Builtin::max: {
              if (args.empty()) return full();
              Interval r = args[0];
              for (std::size_t i = 1; i < args.size(); ++i) {
                const bool is_min = k.builtin == Builtin::min;
                r.low = is_min ? std::min(r.low, args[i].low) : std::max(r.low, args[i].low);
                r.high = is_min ? std::min(r.high, args[i].high) : std::max(r.high, args[i].high);
                r.score = either_score(r, args[i]);
              }
              return r;
            }
            default: return full();
          }
        } else if constexpr (std::is_same_v<K, ListQuery>) {
          if (k.quantifier != Quantifier::count) return full();
          if (const auto* l = std::get_if<ListLit>(&k.list->kind))
            return {0, static_cast<double>(l->items.size()), nullptr};
          return {0, inf, nullptr};
        } else {
          return full();
        }
      },
      e.kind);
}

bool StaticFacts::compute_unknown(const Expr& e, int depth) {
  if (depth > max_depth) return true;
  const int d = depth + 1;
  auto any_child = [&] {
    bool u = false;
    for_each_child(e, [&](const Expr& c) { u = u || unknown_at(c, d); });
    return u;
  };
  return std::visit(
      [&](const auto& k) -> bool {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, NumberLit> || std::is_same_v<K, TextLit> ||
                      std::is_same_v<K, BoolLit> || std::is_same_v<K, DateLit> ||
                      std::is_same_v<K, DurationLit> || std::is_same_v<K, Today> ||
                      std::is_same_v<K, IsMissing>) {
          return false;
        } else if constexpr (std::is_same_v<K, ListLit>) {
          return false;  // the list itself is known even when an element is not
        } else if constexpr (std::is_same_v<K, Name>) {
          switch (k.ref.kind) {
            case RefKind::score: return false;  // a score is always a number
            case RefKind::let: {
              if (k.ref.index >= p_.lets.size()) return true;
              auto scopes = std::exchange(scopes_, {});
              const bool u = unknown_at(*p_.lets[k.ref.index].decl->value, d);
              scopes_ = std::move(scopes);
              return u;
            }
            case RefKind::lead_field:
            case RefKind::element_field: {
              const FieldSchema* f = field_of(k.ref);
              return !f || f->optional;
            }
            default: return true;
          }
        } else if constexpr (std::is_same_v<K, Member>) {
          if (k.ref.kind == RefKind::lead_field) {
            const FieldSchema* f = field_of(k.ref);
            return !f || f->optional;
          }
          return true;
        } else if constexpr (std::is_same_v<K, Call>) {
          switch (k.builtin) {
            case Builtin::lower: case Builtin::upper: case Builtin::trim: case Builtin::length:
            case Builtin::min: case Builtin::max: case Builtin::abs: case Builtin::round:
            case Builtin::floor: case Builtin::ceil:
              return any_child();
            default: return true;  // domain() of a text without '@', dates out of range
          }
        } else if constexpr (std::is_same_v<K, Binary>) {
          if (k.op == BinaryOp::div || k.op == BinaryOp::mod) return true;
          if (k.op == BinaryOp::otherwise) return unknown_at(*k.rhs, d);
          // Overflow of + - * to infinity is not modelled: policies add small numbers.
          return any_child();
        } else if constexpr (std::is_same_v<K, In>) {
          if (unknown_at(*k.value, d) || unknown_at(*k.list, d)) return true;
          if (const auto* l = std::get_if<ListLit>(&k.list->kind)) {
            for (const auto& item : l->items)
              if (unknown_at(*item, d)) return true;
            return false;
          }
          return true;
        } else if constexpr (std::is_same_v<K, ListQuery>) {
          if (k.quantifier == Quantifier::count) return unknown_at(*k.list, d);
          return true;
        } else if constexpr (std::is_same_v<K, GroupTest>) {
          return true;
        } else {
          return any_child();
        }
      },
      e.kind);
}

TruthSet StaticFacts::comparison_truth(BinaryOp op, const Interval& a, const Interval& b) const {
  const TruthSet both = can_be_true | can_be_false, yes = can_be_true, no = can_be_false;
  switch (op) {
    case BinaryOp::lt: return a.high < b.low ? yes : a.low >= b.high ? no : both;
    case BinaryOp::le: return a.high <= b.low ? yes : a.low > b.high ? no : both;
    case BinaryOp::gt: return a.low > b.high ? yes : a.high <= b.low ? no : both;
    case BinaryOp::ge: return a.low >= b.high ? yes : a.high < b.low ? no : both;
    case BinaryOp::eq:
    case BinaryOp::ne: {
      TruthSet t = both;
      if (a.low == a.high && b.low == b.high && a.low == b.low) t = can_be_true;
      else if (a.high < b.low || b.high < a.low) t = can_be_false;
      return op == BinaryOp::eq ? t : swap_truth(t);
    }
    default: return both;
  }
}

const Expr* StaticFacts::list_literal(const Expr& e, int depth) const {
  if (depth > max_depth) return nullptr;
  if (std::holds_alternative<ListLit>(e.kind)) return &e;
  if (const auto* n = std::get_if<Name>(&e.kind); n && n->ref.kind == RefKind::let &&
                                                   n->ref.index < p_.lets.size())
    return list_literal(*p_.lets[n->ref.index].decl->value, depth + 1);
  return nullptr;
}

std::optional<std::string> StaticFacts::contradiction(const Expr& and_chain, Reason* why) {
  std::vector<const Expr*> conjuncts, pending{&and_chain};
  while (!pending.empty() && conjuncts.size() < 512) {
    const Expr* e = pending.back();
    pending.pop_back();
    if (const auto* b = std::get_if<Binary>(&e->kind); b && b->op == BinaryOp::and_) {
      pending.push_back(b->rhs.get());
      pending.push_back(b->lhs.get());
    } else {
      conjuncts.push_back(e);
    }
  }
  std::vector<Constraint> constraints;
  for (const Expr* c : conjuncts)
    if (auto k = constraint_of(*c)) constraints.push_back(*k);
  for (std::size_t i = 0; i < constraints.size(); ++i)
    for (std::size_t j = i + 1; j < constraints.size(); ++j) {
      const auto& a = constraints[i];
      const auto& b = constraints[j];
      if (!same_expr(*a.subject, *b.subject, NameMatch::as_resolved) || !disjoint(a, b)) continue;
      std::string text = fmt::format("'{}' and '{}' cannot both hold",
                                     source_excerpt(p_, a.conjunct->span, 40),
                                     source_excerpt(p_, b.conjunct->span, 40));
      if (why) why->notes.push_back({a.conjunct->span, "contradicted by the later part"});
      return text;
    }
  return std::nullopt;
}

TruthSet StaticFacts::compute_truth(const Expr& e, int depth) {
  const TruthSet any = can_be_true | can_be_false | can_be_unknown;
  if (depth > max_depth) return any;
  const int d = depth + 1;
  const TruthSet u = unknown_at(e, d) ? can_be_unknown : 0;
  return std::visit(
      [&](const auto& k) -> TruthSet {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, BoolLit>) {
          return constant(k.value);
        } else if constexpr (std::is_same_v<K, Name>) {
          if (k.ref.kind == RefKind::let && k.ref.index < p_.lets.size()) {
            auto scopes = std::exchange(scopes_, {});
            const TruthSet t = truth_at(*p_.lets[k.ref.index].decl->value, d);
            scopes_ = std::move(scopes);
            return t;
          }
          return TruthSet(can_be_true | can_be_false | u);
        } else if constexpr (std::is_same_v<K, Unary>) {
          if (k.op == UnaryOp::not_) return swap_truth(truth_at(*k.operand, d));
          return any;
        } else if constexpr (std::is_same_v<K, Binary>) {
          if (k.op == BinaryOp::and_) {
            TruthSet t = kleene_and(truth_at(*k.lhs, d), truth_at(*k.rhs, d));
            if ((t & can_be_true) && contradiction(e, nullptr)) t &= ~can_be_true;
            return t;
          }
          if (k.op == BinaryOp::or_) return kleene_or(truth_at(*k.lhs, d), truth_at(*k.rhs, d));
          if (k.op == BinaryOp::otherwise) {
            TruthSet t = truth_at(*k.lhs, d) & ~can_be_unknown;
            if (unknown_at(*k.lhs, d)) t |= truth_at(*k.rhs, d);
            return t;
          }
          if (is_comparison(k.op)) {
            const Expr& a = *k.lhs;
            const Expr& b = *k.rhs;
            if (ordered_kind(a.type) && ordered_kind(b.type))
              return TruthSet(comparison_truth(k.op, range_at(a, d), range_at(b, d)) | u);
            const auto* ta = std::get_if<TextLit>(&a.kind);
            const auto* tb = std::get_if<TextLit>(&b.kind);
            if (ta && tb) {
              const int c = ta->value.compare(tb->value);
              switch (k.op) {
                case BinaryOp::eq: return constant(c == 0);
                case BinaryOp::ne: return constant(c != 0);
                case BinaryOp::lt: return constant(c < 0);
                case BinaryOp::le: return constant(c <= 0);
                case BinaryOp::gt: return constant(c > 0);
                case BinaryOp::ge: return constant(c >= 0);
                default: break;
              }
            }
            const auto* ba = std::get_if<BoolLit>(&a.kind);
            const auto* bb = std::get_if<BoolLit>(&b.kind);
            if (ba && bb && (k.op == BinaryOp::eq || k.op == BinaryOp::ne))
              return constant((ba->value == bb->value) == (k.op == BinaryOp::eq));
          }
          if (k.op == BinaryOp::contains || k.op == BinaryOp::starts_with ||
              k.op == BinaryOp::ends_with) {
            const auto* ta = std::get_if<TextLit>(&k.lhs->kind);
            const auto* tb = std::get_if<TextLit>(&k.rhs->kind);
            if (ta && tb) {
              const std::string_view s = ta->value, t = tb->value;
              if (k.op == BinaryOp::contains) return constant(s.find(t) != std::string_view::npos);
              if (k.op == BinaryOp::starts_with) return constant(s.substr(0, t.size()) == t);
              return constant(s.size() >= t.size() && s.substr(s.size() - t.size()) == t);
            }
          }
          return TruthSet(can_be_true | can_be_false | u);
        } else if constexpr (std::is_same_v<K, Between>) {
          if (!ordered_kind(k.value->type))
            return TruthSet(can_be_true | can_be_false | u);
          const Interval v = range_at(*k.value, d), lo = range_at(*k.low, d), hi = range_at(*k.high, d);
          if (lo.low > hi.high || v.high < lo.low || v.low > hi.high) return can_be_false;  // R23
          if (v.low >= lo.high && v.high <= hi.low) return TruthSet(can_be_true | u);
          return TruthSet(can_be_true | can_be_false | u);
        } else if constexpr (std::is_same_v<K, In>) {
          const Expr* list = list_literal(*k.list, d);
          if (!list) return TruthSet(can_be_true | can_be_false | u);
          const auto& items = std::get<ListLit>(list->kind).items;
          if (items.empty()) return constant(k.negated);  // R22: unknown in [] is false
          std::set<std::string_view> listed;
          for (const auto& item : items) {
            const auto* t = std::get_if<TextLit>(&item->kind);
            if (!t) return TruthSet(can_be_true | can_be_false | u);
            listed.insert(t->value);
          }
          TruthSet t = can_be_true | can_be_false;
          if (const auto* v = std::get_if<TextLit>(&k.value->kind)) {
            t = constant(listed.count(v->value) > 0);
          } else if (k.value->type && k.value->type->kind == TypeKind::enum_) {
            const auto& values = k.value->type->values;
            const auto n = std::count_if(values.begin(), values.end(),
                                         [&](const std::string& s) { return listed.count(s) > 0; });
            if (n == static_cast<std::ptrdiff_t>(values.size())) t = can_be_true;
            else if (n == 0) t = can_be_false;
          }
          if (k.negated) t = swap_truth(t);
          return TruthSet(t | (unknown_at(*k.value, d) ? can_be_unknown : 0));
        } else if constexpr (std::is_same_v<K, IsMissing>) {
          if (!unknown_at(*k.value, d)) return constant(k.present);
          return can_be_true | can_be_false;
        } else if constexpr (std::is_same_v<K, GroupTest>) {
          const std::size_t n = k.group.empty() ? k.items.size()
                                : k.group_index < p_.gates.size() ? p_.gates[k.group_index].checks.size()
                                                                   : 0;
          switch (k.quantifier) {
            case GroupQuantifier::at_least:
              if (k.k <= 0) return can_be_true;  // R34
              if (static_cast<std::size_t>(k.k) > n) return can_be_false;
              break;
            case GroupQuantifier::all:
              if (n == 0) return can_be_true;
              break;
            case GroupQuantifier::any:
              if (n == 0) return can_be_false;
              break;
            case GroupQuantifier::none:
              if (n == 0) return can_be_true;
              break;
          }
          return any;
        } else if constexpr (std::is_same_v<K, ListQuery>) {
          if (k.where || k.project) {
            const RecordType* r = element_record(k);
            enter_where(r);
            if (k.where) truth_at(*k.where, d);  // fills the memo within the right scope
            if (k.project) truth_at(*k.project, d);
            leave_where();
          }
          return TruthSet(can_be_true | can_be_false | u);
        } else {
          return TruthSet(can_be_true | can_be_false | u);
        }
      },
      e.kind);
}

Reason StaticFacts::explain(const Expr& e) {
  Reason why;
  const auto* b = std::get_if<Binary>(&e.kind);
  if (b && b->op == BinaryOp::and_) {
    if (auto text = contradiction(e, &why)) why.text = *text;
    else why.text = "one of its parts is never true";
    return why;
  }
  if (b && is_comparison(b->op) && ordered_kind(b->lhs->type) && ordered_kind(b->rhs->type)) {
    const Interval a = range(*b->lhs), c = range(*b->rhs);
    const bool dates = b->lhs->type->kind == TypeKind::date;
    if (const ScoreInfo* s = either_score(a, c)) {
      const Interval bounds = score_bounds(static_cast<std::uint32_t>(s - p_.scores.data()));
      why.from_score = true;
      why.text = fmt::format("score '{}' is {}", s->name, describe_range(bounds, false));
      why.notes.push_back({s->decl->name_span, fmt::format("score '{}' is defined here", s->name)});
      if (a.score == s && !std::holds_alternative<Name>(b->lhs->kind))
        why.text = fmt::format("'{}' is {}", source_excerpt(p_, b->lhs->span, 40),
                               describe_range(a, false));
      return why;
    }
    if (literal_number(*b->lhs) && literal_number(*b->rhs)) {
      why.text = "both sides are fixed values";
    } else {
      const bool left_fixed = a.low == a.high;
      const Expr& side = left_fixed ? *b->rhs : *b->lhs;
      why.text = fmt::format("'{}' is {}", source_excerpt(p_, side.span, 40),
                             describe_range(left_fixed ? c : a, dates));
    }
    return why;
  }
  if (b) {
    why.text = "both sides are fixed values";
    return why;
  }
  if (const auto* bt = std::get_if<Between>(&e.kind)) {
    const Interval lo = range(*bt->low), hi = range(*bt->high);
    if (lo.low > hi.high)
      why.text = fmt::format("its lower bound {} is above its upper bound {}",
                             source_excerpt(p_, bt->low->span, 20), source_excerpt(p_, bt->high->span, 20));
    else
      why.text = fmt::format("'{}' is {}", source_excerpt(p_, bt->value->span, 40),
                             describe_range(range(*bt->value), bt->value->type &&
                                                                   bt->value->type->kind == TypeKind::date));
    return why;
  }
  if (const auto* in = std::get_if<In>(&e.kind)) {
    const Expr* list = list_literal(*in->list, 0);
    if (list && std::get<ListLit>(list->kind).items.empty()) {
      why.text = "the list is empty";
    } else if (in->value->type && in->value->type->kind == TypeKind::enum_ &&
               !std::holds_alternative<TextLit>(in->value->kind)) {
      const bool covers_all = ((truth(e) & can_be_true) != 0) != in->negated;
      why.text = covers_all ? fmt::format("the list holds every value of {}", type_name(in->value->type))
                            : fmt::format("the list holds none of the values of {}", type_name(in->value->type));
      if (list && list != in->list.get())
        why.notes.push_back({list->span, "the list is defined here"});
    } else {
      why.text = "both sides are fixed values";
    }
    return why;
  }
  if (const auto* g = std::get_if<GroupTest>(&e.kind)) {
    const std::size_t n = g->group.empty() ? g->items.size()
                          : g->group_index < p_.gates.size() ? p_.gates[g->group_index].checks.size() : 0;
    if (g->quantifier == GroupQuantifier::at_least && g->k <= 0)
      why.text = "'at least 0 of' holds whatever the checks say";
    else
      why.text = g->group.empty() ? fmt::format("the group has {} item{}", n, n == 1 ? "" : "s")
                                  : fmt::format("gates '{}' has {} check{}", g->group, n, n == 1 ? "" : "s");
    if (!g->group.empty() && g->group_index < p_.gates.size())
      why.notes.push_back({p_.gates[g->group_index].decl->name_span,
                           fmt::format("gates '{}' is defined here", g->group)});
    return why;
  }
  if (const auto* m = std::get_if<IsMissing>(&e.kind)) {
    why.text = fmt::format("'{}' always has a value (a required field, a score or a literal)",
                           source_excerpt(p_, m->value->span, 40));
    return why;
  }
  why.text = "it does not depend on the lead";
  return why;
}

}  // namespace qpl::lint
