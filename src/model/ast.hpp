#pragma once
// The QPL abstract syntax tree. Every node has a span (byte offsets into its SourceFile); the
// tree owns all its text, so it outlives the parser's input buffer.
//
// The parser fills the syntax. The checker (sema/) fills the `resolved` annotations: each
// expression's type and what each name, member and call refers to. The evaluator reads only
// checked trees.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "support/source.hpp"

namespace qpl {

struct TypeNode;           // sema/types.hpp
using TypeRef = const TypeNode*;

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// ---------------------------------------------------------------------------------------------
// Resolution, filled by the checker.

enum class RefKind : std::uint8_t {
  unresolved,
  lead_field,     // index: field slot in the lead schema
  element_field,  // index: field slot in the record type; depth: 0 = innermost `where` element
  record_field,   // Member on a record value; index: field slot in the record type
  let,            // index into CheckedPolicy::lets
  icp,            // index into CheckedPolicy::icps
  score,          // index into CheckedPolicy::scores
  gate_check,     // Member `group.label`; index into CheckedPolicy::checks
  grade,          // index into CheckedPolicy::grades (a `grade` or `bands` declaration)
};

struct Ref {
  RefKind kind = RefKind::unresolved;
  std::uint32_t index = 0;
  std::uint32_t depth = 0;
};

enum class Builtin : std::uint8_t {
  unresolved, lower, upper, trim, length, domain, min, max, abs, round, floor, ceil, days_since
};

// ---------------------------------------------------------------------------------------------
// Expressions.

struct NumberLit { double value = 0; };
struct TextLit { std::string value; };
struct BoolLit { bool value = false; };
struct DateLit { std::int32_t days = 0; };      // days since 1970-01-01
struct DurationLit {  // `30 days`, `2 weeks` (days 14), `3 months` (months 3, days 0)
  std::int64_t days = 0;
  std::int64_t months = 0;  // calendar months, end-of-month clamped
};
struct ListLit { std::vector<ExprPtr> items; };
struct Today {};
struct LeadRef {};  // the keyword `lead`; only valid as the object of a Member (`lead.x`)

struct Name {
  std::string name;
  Ref ref;  // resolved
};

struct Member {  // record.field, group.label, lead.field
  ExprPtr object;
  std::string member;
  Span member_span;
  Ref ref;  // resolved
};

struct Call {
  std::string function;
  Span function_span;
  std::vector<ExprPtr> args;
  Builtin builtin = Builtin::unresolved;  // resolved
};

enum class UnaryOp : std::uint8_t { not_, negate };
struct Unary {
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp : std::uint8_t {
  or_, and_,
  eq, ne, lt, le, gt, ge,
  contains, starts_with, ends_with,
  otherwise,
  add, sub, mul, div, mod,
};
struct Binary {
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
  Span op_span;
};

struct In {  // x in list, x not in list
  ExprPtr value;
  ExprPtr list;
  bool negated = false;
};

struct Between {  // x between lo and hi (inclusive)
  ExprPtr value;
  ExprPtr low;
  ExprPtr high;
};

struct Matches {  // t matches "regex" (the pattern is a literal)
  ExprPtr value;
  std::string pattern;
  Span pattern_span;
};

struct IsMissing {  // x is missing, x is present
  ExprPtr value;
  bool present = false;
};

struct Within {  // d within N days, d within N months
  ExprPtr value;
  std::int64_t days = 0;
  std::int64_t months = 0;
  Span duration_span;
};

enum class Quantifier : std::uint8_t { count, any, all, sum, avg, min, max };
// How the operator and the quantifier are written in QPL source: "starts with", "count".
const char* binary_op_text(BinaryOp op);
const char* quantifier_text(Quantifier q);
struct ListQuery {  // count(list where cond), any(...), all(...); `where` is optional
  Quantifier quantifier;
  ExprPtr list;
  ExprPtr where;    // may be null
  ExprPtr project;  // sum/avg/min/max(VALUE of list where cond): VALUE; null for count/any/all
};
inline bool is_aggregate(Quantifier q) {
  return q == Quantifier::sum || q == Quantifier::avg || q == Quantifier::min || q == Quantifier::max;
}

enum class GroupQuantifier : std::uint8_t { at_least, all, any, none };
struct GroupTest {  // at least K of GROUP, all of GROUP, any of GROUP, none of GROUP
  GroupQuantifier quantifier;
  std::int64_t k = 0;            // only for at_least
  std::string group;             // a gates name; empty when `items` is used
  Span group_span;
  std::vector<ExprPtr> items;    // `(expr, expr, ...)`
  std::uint32_t group_index = 0; // resolved: index into CheckedPolicy::gates when `group` is set
};

using ExprKind = std::variant<NumberLit, TextLit, BoolLit, DateLit, DurationLit, ListLit, Today,
                              LeadRef, Name, Member, Call, Unary, Binary, In, Between, Matches,
                              IsMissing, Within, ListQuery, GroupTest>;

enum class ExprKindCase : std::uint8_t {
  number, text, boolean, date, duration, list, today, lead, name, member, call, unary, binary,
  in, between, matches, is_missing, within, list_query, group_test
};
static_assert(std::variant_size_v<ExprKind> == 20);

// The last branch of an if-constexpr chain over ExprKind or DeclKind, so that a kind the chain
// does not name fails to compile instead of being skipped:
//   else { static_assert(unhandled_kind<K>, "..."); }
template <typename Kind> inline constexpr bool unhandled_kind = false;

struct Expr {
  Span span;            // from the first to the last token, nothing around them
  ExprKind kind;
  TypeRef type = nullptr;  // resolved
  std::uint32_t id = 0;    // unique within a policy, assigned by the parser (per file) and
                           // renumbered by the checker across files; keys trace events

  ExprKindCase kind_case() const { return static_cast<ExprKindCase>(kind.index()); }

  // Destroys the subtree without recursion, so a deep tree cannot overflow the stack.
  ~Expr();
};

// Moves every direct child of `e` into `out` (the subtree walkers' shared helper).
void take_children(Expr& e, std::vector<ExprPtr>& out);
// Calls `f` on every direct child of `e`, in source order.
template <typename F> void for_each_child(const Expr& e, F&& f);

// ---------------------------------------------------------------------------------------------
// Types written in the source.

struct TypeExpr;
using TypeExprPtr = std::unique_ptr<TypeExpr>;

enum class TypeExprKind : std::uint8_t { number, text, boolean, date, list, one_of, named };
struct TypeExpr {
  Span span;
  TypeExprKind kind = TypeExprKind::text;
  TypeExprPtr element;                  // list
  std::vector<std::string> values;      // one_of
  std::vector<Span> value_spans;        // one_of
  std::string name;                     // named: a record type
};

// ---------------------------------------------------------------------------------------------
// Declarations.

struct FieldDecl {
  Span span;
  std::string name;
  Span name_span;
  TypeExpr type;
  bool optional = false;
  std::optional<std::string> source;  // `from "..."`
  Span source_span;
  // How values are read (docs/language.md, "Reading messy values"); a span is set when given.
  std::optional<Span> lower, trim, unreadable_missing;
  std::optional<std::string> format;
  Span format_span;
  std::optional<Span> repeated_option;  // the first option given a second time
};

// A field's options in canonical order, as `fmt` writes them: " lower trim format \"...\"
// unreadable missing" (empty without options; `quote` renders a text literal).
template <typename Quote>
std::string field_options_text(const FieldDecl& f, Quote&& quote) {
  std::string out;
  if (f.lower) out += " lower";
  if (f.trim) out += " trim";
  if (f.format) out += " format " + quote(*f.format);
  if (f.unreadable_missing) out += " unreadable missing";
  return out;
}

struct MissingValues {
  Span span;
  std::vector<std::string> values;
};

struct PolicyHeader {
  std::string name;
  std::optional<std::int64_t> version;
};

struct Import {
  std::string path;
  Span path_span;
};

struct FieldsBlock {
  std::vector<FieldDecl> fields;
  std::vector<MissingValues> missing_values;  // several lines add up (R7)
};

struct RecordDecl {
  std::string name;
  Span name_span;
  std::vector<FieldDecl> fields;
};

struct LetDecl {
  std::string name;
  Span name_span;
  ExprPtr value;
};

struct IcpClause {
  Span span;
  bool exclude = false;
  ExprPtr condition;
  std::optional<std::string> label;
};

struct IcpDecl {
  std::string name;
  Span name_span;
  std::vector<IcpClause> clauses;
};

// `decaying half-life N days [by FIELD]`, `decaying linearly over N days [by FIELD]`: each
// element of the rule's list gives the points times a factor of its age (docs/language.md,
// Score decay).
enum class DecayShape : std::uint8_t { half_life, linear };
struct Decay {
  DecayShape shape = DecayShape::half_life;
  std::int64_t days = 0;    // the half-life or the window, in days
  std::int64_t months = 0;  // written in months: refused by the checker
  Span period_span;
  std::string by;           // `by FIELD`; empty: the element's one date field
  Span by_span;
  Span span;                // from `decaying` to the end of the clause
  std::uint32_t date_slot = 0;  // resolved: the date field's slot in the element's record
};

// "decaying half-life 30 days by day": the clause as written canonically, with `period` (the
// duration's text, "30 days" or "4 weeks") in place.
std::string decay_clause_text(const Decay& d, std::string_view period);
// "30 days", or "3 months" for a period the checker refuses.
std::string decay_period_text(const Decay& d);

struct ScoreRule {
  Span span;
  double points = 0;            // signed: `-15` is -15
  Span points_span;
  ExprPtr per;                  // may be null; with `decay`, a ListQuery count(LIST where COND)
  std::optional<Decay> decay;   // `decaying ...` after the `per` list
  ExprPtr when;                 // may be null
  std::optional<double> up_to;
  // `from DATE until DATE`: outside the window (as of today) the rule is absent. Days since
  // 1970-01-01; either may be given alone.
  std::optional<std::int32_t> in_force_from, in_force_until;
  Span window_span;
  std::optional<std::string> label;
};

// Whether `today` (days since 1970-01-01) is in the rule's `from ... until ...` window, bounds
// included; a rule without a window is always in force.
inline bool in_force(const ScoreRule& r, std::int32_t today) {
  return (!r.in_force_from || today >= *r.in_force_from) &&
         (!r.in_force_until || today <= *r.in_force_until);
}

struct ScoreDecl {
  std::string name;
  Span name_span;
  std::optional<double> low, high;  // `from LO to HI`
  Span range_span;
  std::vector<ScoreRule> rules;
};

struct GateCheck {
  Span span;
  std::string label;
  Span label_span;
  ExprPtr condition;
  std::optional<std::string> as_label;
};

struct GatesDecl {
  std::string name;
  Span name_span;
  std::vector<GateCheck> checks;
};

// One line of a `grade` (`"A" when EXPR`) or of `bands` (`warm below 50`); the last one of
// either is `LABEL otherwise`.
struct GradeLine {
  Span span;
  std::string label;
  Span label_span;
  bool quoted = false;          // written as a text literal (`"A"`), else a bare word (`warm`)
  ExprPtr condition;            // a grade's `when EXPR`; null in bands and on `otherwise`
  std::optional<double> below;  // a band's `below N`
  Span below_span;
  bool otherwise = false;
};

// `grade NAME { ... }`, or `bands NAME of EXPR { ... }` when `of` is set.
struct GradeDecl {
  std::string name;
  Span name_span;
  ExprPtr of;  // bands: the number cut into bands; null for a grade
  std::vector<GradeLine> lines;
  bool bands() const { return of != nullptr; }
};

struct FunnelLine {
  Span span;
  std::string stage;
  Span stage_span;
  ExprPtr condition;  // null for `otherwise`
  std::optional<std::string> label;
  std::string because;  // R38: the label, else the condition's source text, else "otherwise"
};

// `recycle to STAGE when EXPR [as "label"]` of a forward-only funnel.
struct RecycleLine {
  Span span;
  std::string stage;
  Span stage_span;
  ExprPtr condition;
  std::optional<std::string> label;
  std::string because;  // R38, as for a funnel line
};

// `order S1 < S2 < ...` of a forward-only funnel: its stages, earliest first.
struct FunnelOrder {
  Span span;
  std::vector<std::string> stages;
  std::vector<Span> stage_spans;
};

// `sla STAGE within N days|weeks` of a funnel: how long a lead may stay in the stage.
struct FunnelSla {
  Span span;
  std::string stage;
  Span stage_span;
  std::int64_t days = 0;
  std::int64_t months = 0;  // refused by the checker (QPL315): a month has no fixed length
  std::int64_t hours = 0;   // an hour SLA (`4 hours`): days and months are 0
  bool in_hours = false;
  Span within_span;
  std::string within;  // as written, spaces collapsed: `2 days`
};

struct FunnelDecl {
  std::vector<FunnelLine> lines;
  bool forward_only = false;
  std::vector<FunnelOrder> orders;  // one in a well-formed forward-only funnel (the checker says so)
  std::vector<RecycleLine> recycles;
  std::vector<FunnelSla> slas;
  // The SLA of `stage`, or null.
  const FunnelSla* sla(std::string_view stage) const;
  // The stage's index in the order, or -1 for a side stage (or without an order).
  int rank(std::string_view stage) const;
};

// Literal values of test blocks: `lead { ... }` and `expect ... = VALUE`.
struct LiteralValue;
struct LiteralEntry;
struct LiteralValue {
  Span span;
  enum class Kind : std::uint8_t { unknown, number, text, boolean, date, list, record, stage };
  Kind kind = Kind::unknown;
  double number = 0;
  std::string text;          // text, or a bare stage name
  bool boolean = false;
  std::int32_t date = 0;
  std::vector<LiteralValue> items;    // list
  std::vector<LiteralEntry> entries;  // record
};
struct LiteralEntry {
  std::string key;
  Span key_span;
  LiteralValue value;
};

struct Expectation {
  Span span;
  ExprPtr expr;
  LiteralValue expected;
};

struct TestDecl {
  std::string name;
  Span name_span;
  std::optional<std::int32_t> as_of;  // days since 1970-01-01
  std::optional<LiteralValue> lead;   // a record literal
  Span lead_span;
  std::optional<std::string> leads_from;  // a table of leads, relative to the policy file
  Span leads_span;
  std::vector<Expectation> expectations;
};

// `account by FIELD { let NAME = EXPR ... }` (docs/language.md, "Accounts"): values computed
// over the records that share the key field's value, read elsewhere as `account.NAME`.
struct AccountDecl {
  Span keyword_span;  // `account`
  std::string key;
  Span key_span;
  std::vector<LetDecl> lets;
};

using DeclKind = std::variant<PolicyHeader, Import, FieldsBlock, RecordDecl, LetDecl, IcpDecl,
                              ScoreDecl, GatesDecl, FunnelDecl, TestDecl, GradeDecl, AccountDecl>;
enum class DeclKindCase : std::uint8_t {
  policy, import, fields, record, let, icp, score, gates, funnel, test, grade, account
};
static_assert(std::variant_size_v<DeclKind> == 12);

struct Comment {
  Span span;  // from `#` to the end of the line, without the line break
};

// The comments that belong to a declaration (syntax/trivia.hpp): `qualify fmt` checks that each
// stays with its declaration.
struct DeclTrivia {
  std::vector<Comment> leading;   // before it, after the previous declaration
  std::vector<Comment> trailing;  // inside it, or after it on its last line
};

struct Decl {
  Span span;
  DeclKind kind;
  DeclTrivia trivia = {};
  DeclKindCase kind_case() const { return static_cast<DeclKindCase>(kind.index()); }
};

// One parsed file.
struct Module {
  FileId file = 0;
  std::vector<Decl> decls;
  std::vector<Comment> comments;  // in source order, for the formatter
  std::vector<Comment> end_comments;  // after the last declaration (the others are in its trivia)
  // Names of declarations the parser reported and dropped: the checker does not report their
  // uses as unknown names (one mistake, one error).
  std::vector<std::string> unparsed_names;
};

template <typename F>
void for_each_child(const Expr& e, F&& f) {
  auto visit_ptr = [&](const ExprPtr& p) { if (p) f(*p); };
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, ListLit>) {
          for (const auto& i : k.items) visit_ptr(i);
        } else if constexpr (std::is_same_v<K, Member>) {
          visit_ptr(k.object);
        } else if constexpr (std::is_same_v<K, Call>) {
          for (const auto& a : k.args) visit_ptr(a);
        } else if constexpr (std::is_same_v<K, Unary>) {
          visit_ptr(k.operand);
        } else if constexpr (std::is_same_v<K, Binary>) {
          visit_ptr(k.lhs);
          visit_ptr(k.rhs);
        } else if constexpr (std::is_same_v<K, In>) {
          visit_ptr(k.value);
          visit_ptr(k.list);
        } else if constexpr (std::is_same_v<K, Between>) {
          visit_ptr(k.value);
          visit_ptr(k.low);
          visit_ptr(k.high);
        } else if constexpr (std::is_same_v<K, Matches> || std::is_same_v<K, IsMissing> ||
                             std::is_same_v<K, Within>) {
          visit_ptr(k.value);
        } else if constexpr (std::is_same_v<K, ListQuery>) {
          visit_ptr(k.list);
          visit_ptr(k.where);
          visit_ptr(k.project);
        } else if constexpr (std::is_same_v<K, GroupTest>) {
          for (const auto& i : k.items) visit_ptr(i);
        }
      },
      e.kind);
}

}  // namespace qpl
