// The parser: runs the PEGTL grammar (grammar/qpl_grammar.hpp) with actions that build the AST,
// one declaration at a time: expressions on a stack, the parts of the declaration in a builder of
// its kind, dropped whole once the declaration is added or fails. Literal values are decoded by
// literals.cpp, errors reported and recovered from by recovery.cpp, comments found by trivia.cpp.
#include "syntax/parser.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "grammar/qpl_grammar.hpp"
#include "support/utf8.hpp"
#include "syntax/limits.hpp"
#include "syntax/literals.hpp"
#include "syntax/recovery.hpp"
#include "syntax/syntax_errors.hpp"
#include "syntax/trivia.hpp"

namespace qpl::syntax {
namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;

using Error = syntax::SyntaxError;
namespace code = syntax::code;
using syntax::date_value;
using syntax::duration_value;
using syntax::number_value;
using syntax::whole_value;

struct Item {
  ExprPtr expr;
  std::uint32_t height = 1;
};

// An open bracket of an n-ary expression: what was on the stack before its elements.
struct Mark {
  std::size_t stack_size = 0;
  std::string function;
  Span function_span;
  Quantifier quantifier = Quantifier::count;
  GroupQuantifier group_quantifier = GroupQuantifier::all;
  std::int64_t k = 0;
  std::string group;
  Span group_span;
  bool has_group_name = false;
  bool aggregate = false;  // a call whose first argument is followed by `of`
};

Mark new_mark(std::size_t stack_size) {
  Mark mark;
  mark.stack_size = stack_size;
  return mark;
}

struct TextToken {
  std::string value;
  Span span;
};

// The expression being built: finished subexpressions on a stack, open brackets as marks.
struct ExprStack {
  std::vector<Item> items;
  std::vector<Mark> marks;
  std::int64_t pending_k = 0;
  syntax::DurationValue pending_duration;
  Span pending_duration_span;
  TextToken pending_pattern;
};

// Literal values (a test's `lead { ... }` and `expect ... = VALUE`), nested like expressions.
struct ValueStack {
  std::vector<LiteralValue> values;
  std::vector<std::size_t> value_marks;
  std::vector<LiteralEntry> entries;
  std::vector<std::size_t> entry_marks;
  std::vector<TextToken> keys;
};

// One builder per declaration kind: the parts of a declaration until it is complete.
struct PolicyBuilder {
  PolicyHeader header;
};
struct ImportBuilder {
  TextToken path;
};
// `fields` and `record`.
struct FieldsBuilder {
  std::vector<TypeExpr> types;
  std::vector<TextToken> texts;  // of `one of (...)` or `missing values`
  FieldDecl field;
  std::vector<FieldDecl> fields;
  std::vector<MissingValues> missing_values;
};
struct IcpBuilder {
  std::vector<IcpClause> clauses;
};
struct ScoreBuilder {
  ScoreDecl score;
  ScoreRule rule;
  bool per_where = false;  // a decaying rule's `per LIST where COND`
  double sign = 1;
  std::uint32_t sign_offset = 0;
};
struct GatesBuilder {
  std::vector<GateCheck> checks;
  GateCheck check;
};
struct FunnelBuilder {
  FunnelDecl funnel;
  FunnelLine line;
  RecycleLine recycle;
};
struct TestBuilder {
  TestDecl test;
};
struct GradeBuilder {
  GradeDecl grade;
  GradeLine line;
};
struct AccountBuilder {
  AccountDecl account;
};

// The declaration being parsed. Reset whole (`= {}`) when it is added or fails.
struct Declaration {
  TextToken name;                    // also kept, on an error, as an unparsed name
  std::optional<std::string> label;  // the `as "..."` of the clause being built
  std::variant<std::monostate, PolicyBuilder, ImportBuilder, FieldsBuilder, IcpBuilder, ScoreBuilder,
               GatesBuilder, FunnelBuilder, TestBuilder, GradeBuilder, AccountBuilder>
      parts;

  // The builder of this declaration's kind, started by the first action that needs it.
  template <typename Builder> Builder& as() {
    if (auto* b = std::get_if<Builder>(&parts)) return *b;
    return parts.template emplace<Builder>();
  }
};

// The parser's state. The nesting count comes first: the control (syntax_errors.hpp) finds it
// as the first parse state.
struct State : syntax::NestingCount {
  State(const SourceFile& f, FileId file_id, Module& m)
      : file(f), id(file_id), base(f.text().data()), module(m) {}

  const SourceFile& file;
  FileId id;
  const char* base;
  Module& module;
  std::uint32_t next_id = 0;
  // Errors the parser reports and then goes on from (a reserved word as a field name).
  std::vector<Diagnostic> reported;
  std::vector<std::string> reserved_field_names;

  // The stacks keep their memory from one declaration to the next.
  ExprStack expr;
  ValueStack value_stack;
  Declaration decl;

  FieldsBuilder& fields() { return decl.as<FieldsBuilder>(); }
  IcpBuilder& icp() { return decl.as<IcpBuilder>(); }
  ScoreBuilder& score() { return decl.as<ScoreBuilder>(); }
  GatesBuilder& gates() { return decl.as<GatesBuilder>(); }
  FunnelBuilder& funnel() { return decl.as<FunnelBuilder>(); }
  TestBuilder& test() { return decl.as<TestBuilder>(); }
  GradeBuilder& grade() { return decl.as<GradeBuilder>(); }
  AccountBuilder& account() { return decl.as<AccountBuilder>(); }
  ValueStack& values() { return value_stack; }

  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base); }
  Span span(const char* b, const char* e) const { return Span{id, offset(b), offset(e)}; }
  // A matched rule's span, without the blanks a clause ending may have taken after its last token.
  template <typename Input> Span span(const Input& in) const {
    const char* e = in.end();
    while (e > in.begin() && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\f' || e[-1] == '\v' || e[-1] == '\n')) --e;
    return span(in.begin(), e);
  }

  void push(ExprKind kind, Span s, std::uint32_t height, const char* where) {
    if (height > syntax::max_expression_height)
      throw Error{code::too_deep,
                  fmt::format("expression too long or nested too deeply (more than {} levels): "
                              "split it with 'let'",
                              syntax::max_expression_height),
                  where};
    auto e = std::make_unique<Expr>();
    e->span = s;
    e->kind = std::move(kind);
    e->id = next_id++;
    expr.items.push_back(Item{std::move(e), height});
  }
  void push_leaf(ExprKind kind, Span s) { push(std::move(kind), s, 1, base + s.begin); }

  Item pop() {
    Item top = std::move(expr.items.back());
    expr.items.pop_back();
    return top;
  }

  // Elements pushed since the innermost mark, in source order.
  std::vector<ExprPtr> take_since(std::size_t size, std::uint32_t& height) {
    auto& stack = expr.items;
    std::vector<ExprPtr> items;
    items.reserve(stack.size() - size);
    height = 1;
    for (std::size_t i = size; i < stack.size(); ++i) {
      height = std::max(height, stack[i].height + 1);
      items.push_back(std::move(stack[i].expr));
    }
    stack.resize(size);
    return items;
  }

  // Drops whatever the declaration had built (it was added, or it failed).
  void end_declaration() {
    expr.items.clear();
    expr.marks.clear();
    value_stack.values.clear();
    value_stack.value_marks.clear();
    value_stack.entries.clear();
    value_stack.entry_marks.clear();
    value_stack.keys.clear();
    decl = {};
  }

  void add_decl(Span s, DeclKind kind) {
    module.decls.push_back(Decl{s, std::move(kind), {}});
    end_declaration();
  }
};

// ---- Expressions ------------------------------------------------------------------------

template <typename Input>
std::string text_of(const Input& in) {
  return syntax::decode_text(in.string_view(), in.begin());
}

BinaryOp op_from(char c) {
  switch (c) {
    case '+': return BinaryOp::add;
    case '-': return BinaryOp::sub;
    case '*': return BinaryOp::mul;
    case '/': return BinaryOp::div;
    default: return BinaryOp::mod;
  }
}

template <typename Op> constexpr BinaryOp compare_op();
template <> constexpr BinaryOp compare_op<g::op_eq>() { return BinaryOp::eq; }
template <> constexpr BinaryOp compare_op<g::op_ne>() { return BinaryOp::ne; }
template <> constexpr BinaryOp compare_op<g::op_lt>() { return BinaryOp::lt; }
template <> constexpr BinaryOp compare_op<g::op_le>() { return BinaryOp::le; }
template <> constexpr BinaryOp compare_op<g::op_gt>() { return BinaryOp::gt; }
template <> constexpr BinaryOp compare_op<g::op_ge>() { return BinaryOp::ge; }

void push_binary(State& st, BinaryOp op, Span op_span) {
  Item rhs = st.pop();
  Item lhs = st.pop();
  const Span s{st.id, lhs.expr->span.begin, rhs.expr->span.end};
  const std::uint32_t height = std::max(lhs.height, rhs.height) + 1;
  st.push(Binary{op, std::move(lhs.expr), std::move(rhs.expr), op_span}, s, height,
          st.base + op_span.begin);
}

// The length of the operator word or symbol at the start of a matched tail.
Span leading_word(const State& st, const char* p, const char* end) {
  const char* q = p;
  while (q < end && g::is_identifier_char(*q)) ++q;
  if (q == p) {
    while (q < end && (*q == '=' || *q == '!' || *q == '<' || *q == '>')) ++q;
    if (q == p) ++q;
  }
  return st.span(p, q);
}

// ---- Actions --------------------------------------------------------------------------------

template <typename Rule> struct action : pegtl::nothing<Rule> {};

template <> struct action<g::number_expression> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.push_leaf(NumberLit{number_value(in.string_view(), in.begin())}, st.span(in));
  }
};
template <> struct action<g::text_expression> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.push_leaf(TextLit{text_of(in)}, st.span(in));
  }
};
template <> struct action<g::date_expression> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.push_leaf(DateLit{date_value(in.string_view(), in.begin())}, st.span(in));
  }
};
template <> struct action<g::duration_expression> {
  template <typename Input> static void apply(const Input& in, State& st) {
    const auto d = duration_value(in.string_view(), in.begin());
    st.push_leaf(DurationLit{d.days, d.months}, st.span(in));
  }
};
template <> struct action<g::true_expression> {
  template <typename Input> static void apply(const Input& in, State& st) { st.push_leaf(BoolLit{true}, st.span(in)); }
};
template <> struct action<g::false_expression> {
  template <typename Input> static void apply(const Input& in, State& st) { st.push_leaf(BoolLit{false}, st.span(in)); }
};
template <> struct action<g::today_expression> {
  template <typename Input> static void apply(const Input& in, State& st) { st.push_leaf(Today{}, st.span(in)); }
};
template <> struct action<g::lead_expression> {
  template <typename Input> static void apply(const Input& in, State& st) { st.push_leaf(LeadRef{}, st.span(in)); }
};
template <> struct action<g::name_expression> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.push_leaf(Name{in.string(), {}}, st.span(in));
  }
};

// `( expr )`: the expression's span takes in the parentheses as written.
template <> struct action<g::paren_expression> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.expr.items.back().expr->span = st.span(in);
  }
};

template <> struct action<g::list_open> {
  template <typename Input> static void apply(const Input&, State& st) {
    st.expr.marks.push_back(new_mark(st.expr.items.size()));
  }
};
template <> struct action<g::list_literal> {
  template <typename Input> static void apply(const Input& in, State& st) {
    const Mark mark = std::move(st.expr.marks.back());
    st.expr.marks.pop_back();
    std::uint32_t height = 1;
    auto items = st.take_since(mark.stack_size, height);
    st.push(ListLit{std::move(items)}, st.span(in), height, in.begin());
  }
};

template <> struct action<g::call_head> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Mark mark = new_mark(st.expr.items.size());
    const char* p = in.begin();
    const char* q = p;
    while (q < in.end() && g::is_identifier_char(*q)) ++q;
    mark.function.assign(p, q);
    mark.function_span = st.span(p, q);
    st.expr.marks.push_back(std::move(mark));
  }
};
template <> struct action<g::aggregate_of> {
  template <typename Input> static void apply(const Input&, State& st) { st.expr.marks.back().aggregate = true; }
};

std::optional<Quantifier> aggregate_quantifier(const std::string& function) {
  if (function == "sum") return Quantifier::sum;
  if (function == "avg") return Quantifier::avg;
  if (function == "min") return Quantifier::min;
  if (function == "max") return Quantifier::max;
  return std::nullopt;
}

template <> struct action<g::call> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Mark mark = std::move(st.expr.marks.back());
    st.expr.marks.pop_back();
    std::uint32_t height = 1;
    auto args = st.take_since(mark.stack_size, height);
    if (mark.aggregate) {
      const auto quantifier = aggregate_quantifier(mark.function);
      if (!quantifier)
        throw Error{code::of_needs_aggregate,
                    fmt::format("'{}(... of LIST)' is not an aggregate: only sum, avg, min and max "
                                "take 'of'",
                                mark.function),
                    st.base + mark.function_span.begin, st.base + mark.function_span.end};
      ExprPtr where = args.size() > 2 ? std::move(args[2]) : nullptr;
      ListQuery query{*quantifier, std::move(args[1]), std::move(where), std::move(args[0])};
      st.push(std::move(query), st.span(in), height, in.begin());
      return;
    }
    st.push(Call{std::move(mark.function), mark.function_span, std::move(args), Builtin::unresolved},
            st.span(in), height, in.begin());
  }
};

template <Quantifier Q> struct query_head_action {
  template <typename Input> static void apply(const Input&, State& st) {
    Mark mark = new_mark(st.expr.items.size());
    mark.quantifier = Q;
    st.expr.marks.push_back(std::move(mark));
  }
};
template <> struct action<g::count_head> : query_head_action<Quantifier::count> {};
template <> struct action<g::any_query_head> : query_head_action<Quantifier::any> {};
template <> struct action<g::all_query_head> : query_head_action<Quantifier::all> {};
template <typename Head> struct action<g::list_query<Head>> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Mark mark = std::move(st.expr.marks.back());
    st.expr.marks.pop_back();
    std::uint32_t height = 1;
    auto parts = st.take_since(mark.stack_size, height);
    ExprPtr where = parts.size() > 1 ? std::move(parts[1]) : nullptr;
    st.push(ListQuery{mark.quantifier, std::move(parts[0]), std::move(where), nullptr}, st.span(in), height,
            in.begin());
  }
};

template <> struct action<g::group_count> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.expr.pending_k = whole_value(in.string_view(), in.begin(), "number");
  }
};
template <GroupQuantifier Q> struct group_head_action {
  template <typename Input> static void apply(const Input&, State& st) {
    Mark mark = new_mark(st.expr.items.size());
    mark.group_quantifier = Q;
    mark.k = Q == GroupQuantifier::at_least ? st.expr.pending_k : 0;
    st.expr.marks.push_back(std::move(mark));
  }
};
template <> struct action<g::at_least_head> : group_head_action<GroupQuantifier::at_least> {};
template <> struct action<g::all_group_head> : group_head_action<GroupQuantifier::all> {};
template <> struct action<g::any_group_head> : group_head_action<GroupQuantifier::any> {};
template <> struct action<g::none_group_head> : group_head_action<GroupQuantifier::none> {};
template <> struct action<g::group_name> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.expr.marks.back().group = in.string();
    st.expr.marks.back().group_span = st.span(in);
    st.expr.marks.back().has_group_name = true;
  }
};
template <typename Head> struct action<g::group_test<Head>> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Mark mark = std::move(st.expr.marks.back());
    st.expr.marks.pop_back();
    std::uint32_t height = 1;
    auto items = st.take_since(mark.stack_size, height);
    GroupTest test;
    test.quantifier = mark.group_quantifier;
    test.k = mark.k;
    test.group = std::move(mark.group);
    test.group_span = mark.group_span;
    test.items = std::move(items);
    st.push(std::move(test), st.span(in), height, in.begin());
  }
};

template <> struct action<g::member_tail> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Item object = st.pop();
    const Span s{st.id, object.expr->span.begin, st.offset(in.end())};
    Member m;
    m.object = std::move(object.expr);
    m.member = std::string(in.begin() + 1, in.end());
    m.member_span = st.span(in.begin() + 1, in.end());
    st.push(std::move(m), s, object.height + 1, in.begin());
  }
};

template <UnaryOp Op> struct unary_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    Item operand = st.pop();
    const Span s{st.id, st.offset(in.begin()), operand.expr->span.end};
    st.push(Unary{Op, std::move(operand.expr)}, s, operand.height + 1, in.begin());
  }
};
template <> struct action<g::negate> : unary_action<UnaryOp::negate> {};
template <bool B> struct action<g::not_form<B>> : unary_action<UnaryOp::not_> {};

template <> struct action<g::mul_tail> {
  template <typename Input> static void apply(const Input& in, State& st) {
    push_binary(st, op_from(*in.begin()), st.span(in.begin(), in.begin() + 1));
  }
};
template <> struct action<g::add_tail> {
  template <typename Input> static void apply(const Input& in, State& st) {
    push_binary(st, op_from(*in.begin()), st.span(in.begin(), in.begin() + 1));
  }
};
template <BinaryOp Op> struct word_binary_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    push_binary(st, Op, leading_word(st, in.begin(), in.end()));
  }
};
template <bool B> struct action<g::otherwise_tail<B>> : word_binary_action<BinaryOp::otherwise> {};
template <bool B> struct action<g::and_tail<B>> : word_binary_action<BinaryOp::and_> {};
template <bool B> struct action<g::or_tail<B>> : word_binary_action<BinaryOp::or_> {};
template <bool B> struct action<g::contains_tail<B>> : word_binary_action<BinaryOp::contains> {};
template <bool B, typename Op> struct action<g::compare_tail<B, Op>> : word_binary_action<compare_op<Op>()> {};
// `starts with` / `ends with`: the operator span covers both words.
template <BinaryOp Op> struct two_word_binary_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    const Span first = leading_word(st, in.begin(), in.end());
    const char* p = st.base + first.end;
    while (p < in.end() && !g::is_identifier_char(*p)) ++p;
    const Span second = leading_word(st, p, in.end());
    push_binary(st, Op, Span{st.id, first.begin, second.end});
  }
};
template <bool B> struct action<g::starts_tail<B>> : two_word_binary_action<BinaryOp::starts_with> {};
template <bool B> struct action<g::ends_tail<B>> : two_word_binary_action<BinaryOp::ends_with> {};

template <bool Negated> struct in_action {
  template <typename Input> static void apply(const Input&, State& st) {
    Item list = st.pop();
    Item value = st.pop();
    const Span s{st.id, value.expr->span.begin, list.expr->span.end};
    const std::uint32_t height = std::max(value.height, list.height) + 1;
    st.push(In{std::move(value.expr), std::move(list.expr), Negated}, s, height, st.base + s.begin);
  }
};
template <bool B> struct action<g::in_tail<B>> : in_action<false> {};
template <bool B> struct action<g::not_in_tail<B>> : in_action<true> {};

template <bool B> struct action<g::between_tail<B>> {
  template <typename Input> static void apply(const Input&, State& st) {
    Item high = st.pop();
    Item low = st.pop();
    Item value = st.pop();
    const Span s{st.id, value.expr->span.begin, high.expr->span.end};
    const std::uint32_t height = std::max({value.height, low.height, high.height}) + 1;
    st.push(Between{std::move(value.expr), std::move(low.expr), std::move(high.expr)}, s, height,
            st.base + s.begin);
  }
};

template <> struct action<g::matches_pattern> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.expr.pending_pattern = TextToken{text_of(in), st.span(in)};
  }
};
template <> struct action<g::matches_tail> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Item value = st.pop();
    const Span s{st.id, value.expr->span.begin, st.offset(in.end())};
    st.push(Matches{std::move(value.expr), std::move(st.expr.pending_pattern.value), st.expr.pending_pattern.span},
            s, value.height + 1, in.begin());
  }
};
template <> struct action<g::is_tail> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Item value = st.pop();
    const Span s{st.id, value.expr->span.begin, st.offset(in.end())};
    const bool present = in.string_view().ends_with("present");
    st.push(IsMissing{std::move(value.expr), present}, s, value.height + 1, in.begin());
  }
};
template <> struct action<g::within_duration> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.expr.pending_duration = duration_value(in.string_view(), in.begin());
    st.expr.pending_duration_span = st.span(in);
  }
};
template <> struct action<g::within_tail> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Item value = st.pop();
    const Span s{st.id, value.expr->span.begin, st.offset(in.end())};
    st.push(Within{std::move(value.expr), st.expr.pending_duration.days, st.expr.pending_duration.months,
                   st.expr.pending_duration_span},
            s,
            value.height + 1, in.begin());
  }
};

// ---- Declaration actions --------------------------------------------------------------------

struct name_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.decl.name = TextToken{in.string(), st.span(in)};
  }
};
template <> struct action<g::let_name> : name_action {};
template <> struct action<g::icp_name> : name_action {};
template <> struct action<g::score_name> : name_action {};
template <> struct action<g::gates_name> : name_action {};
template <> struct action<g::record_name> : name_action {};

template <> struct action<g::label_text> {
  template <typename Input> static void apply(const Input& in, State& st) { st.decl.label = text_of(in); }
};

template <> struct action<g::policy_name> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.decl.as<PolicyBuilder>().header.name = text_of(in);
  }
};
template <> struct action<g::version_number> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.decl.as<PolicyBuilder>().header.version = whole_value(in.string_view(), in.begin(), "version");
  }
};
template <> struct action<g::policy_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), std::move(st.decl.as<PolicyBuilder>().header));
  }
};

template <> struct action<g::import_path> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.decl.as<ImportBuilder>().path = TextToken{text_of(in), st.span(in)};
  }
};
template <> struct action<g::import_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    TextToken& path = st.decl.as<ImportBuilder>().path;
    st.add_decl(st.span(in), Import{std::move(path.value), path.span});
  }
};

// Types.
template <> struct action<g::named_type> {
  template <typename Input> static void apply(const Input& in, State& st) {
    TypeExpr t;
    t.span = st.span(in);
    const auto word = in.string_view();
    if (word == "number") t.kind = TypeExprKind::number;
    else if (word == "text") t.kind = TypeExprKind::text;
    else if (word == "bool") t.kind = TypeExprKind::boolean;
    else if (word == "date") t.kind = TypeExprKind::date;
    else {
      t.kind = TypeExprKind::named;
      t.name = std::string(word);
    }
    st.fields().types.push_back(std::move(t));
  }
};
template <> struct action<g::list_type> {
  template <typename Input> static void apply(const Input& in, State& st) {
    TypeExpr t;
    t.span = st.span(in);
    t.kind = TypeExprKind::list;
    t.element = std::make_unique<TypeExpr>(std::move(st.fields().types.back()));
    st.fields().types.back() = std::move(t);
  }
};
template <> struct action<g::one_of_open> {
  template <typename Input> static void apply(const Input&, State& st) { st.fields().texts.clear(); }
};
template <> struct action<g::one_of_value> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.fields().texts.push_back(TextToken{text_of(in), st.span(in)});
  }
};
template <> struct action<g::one_of_type> {
  template <typename Input> static void apply(const Input& in, State& st) {
    TypeExpr t;
    t.span = st.span(in);
    t.kind = TypeExprKind::one_of;
    for (auto& v : st.fields().texts) {
      t.values.push_back(std::move(v.value));
      t.value_spans.push_back(v.span);
    }
    st.fields().texts.clear();
    st.fields().types.push_back(std::move(t));
  }
};

template <> struct action<g::field_name> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FieldDecl& field = st.fields().field;
    field = FieldDecl{};
    field.name = in.string();
    field.name_span = st.span(in);
  }
};
template <> struct action<g::optional_mark> {
  template <typename Input> static void apply(const Input&, State& st) { st.fields().field.optional = true; }
};
// A field option given twice is reported by the checker, at its second occurrence.
template <> struct action<g::source_text> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FieldDecl& field = st.fields().field;
    if (field.source && !field.repeated_option) field.repeated_option = st.span(in);
    field.source = text_of(in);
    field.source_span = st.span(in);
  }
};
inline void set_field_option(std::optional<Span>& option, Span span, FieldDecl& field) {
  if (option && !field.repeated_option) field.repeated_option = span;
  option = span;
}
template <> struct action<g::field_lower> {
  template <typename Input> static void apply(const Input& in, State& st) {
    set_field_option(st.fields().field.lower, st.span(in), st.fields().field);
  }
};
template <> struct action<g::field_trim> {
  template <typename Input> static void apply(const Input& in, State& st) {
    set_field_option(st.fields().field.trim, st.span(in), st.fields().field);
  }
};
template <> struct action<g::field_unreadable> {
  template <typename Input> static void apply(const Input& in, State& st) {
    set_field_option(st.fields().field.unreadable_missing, st.span(in), st.fields().field);
  }
};
template <> struct action<g::format_pattern> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FieldDecl& field = st.fields().field;
    if (field.format && !field.repeated_option) field.repeated_option = st.span(in);
    field.format = text_of(in);
    field.format_span = st.span(in);
  }
};
// `score: number`: one error with the fix; the field is left out and the block goes on.
void report_reserved_field(State& st) {
  const FieldDecl& f = st.fields().field;
  Diagnostic d;
  d.severity = Severity::error;
  d.code = code::reserved;
  d.span = f.name_span;
  d.message = fmt::format("'{}' is a reserved word and cannot be used as a field name", f.name);
  d.help = f.source ? fmt::format("rename it, e.g. '{}_' (its 'from \"{}\"' keeps reading the same column)",
                                  f.name, *f.source)
                    : fmt::format("rename it, e.g. '{0}_', and keep from \"{0}\" to read the same column", f.name);
  st.reported.push_back(std::move(d));
  st.reserved_field_names.push_back(f.name);
}

template <> struct action<g::field_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FieldsBuilder& b = st.fields();
    b.field.span = st.span(in);
    b.field.type = std::move(b.types.back());
    b.types.pop_back();
    if (g::is_reserved(b.field.name)) {
      report_reserved_field(st);
      b.field = FieldDecl{};
      return;
    }
    b.fields.push_back(std::move(b.field));
    b.field = FieldDecl{};
  }
};
template <> struct action<g::missing_values_word> {
  template <typename Input> static void apply(const Input&, State& st) { st.fields().texts.clear(); }
};
template <> struct action<g::missing_value> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.fields().texts.push_back(TextToken{text_of(in), st.span(in)});
  }
};
template <> struct action<g::missing_values_line> {
  template <typename Input> static void apply(const Input& in, State& st) {
    MissingValues m;
    m.span = st.span(in);
    for (auto& v : st.fields().texts) m.values.push_back(std::move(v.value));
    st.fields().texts.clear();
    st.fields().missing_values.push_back(std::move(m));
  }
};
template <> struct action<g::fields_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FieldsBuilder& b = st.fields();
    st.add_decl(st.span(in), FieldsBlock{std::move(b.fields), std::move(b.missing_values)});
  }
};
template <> struct action<g::record_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), RecordDecl{std::move(st.decl.name.value), st.decl.name.span, std::move(st.fields().fields)});
  }
};

template <> struct action<g::let_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    ExprPtr value = st.pop().expr;
    st.add_decl(st.span(in), LetDecl{std::move(st.decl.name.value), st.decl.name.span, std::move(value)});
  }
};

// `account by FIELD { let ... }`: each let is kept in the block, not added as a declaration.
template <> struct action<g::account_head> {
  template <typename Input> static void apply(const Input& in, State& st) {
    const Span head = st.span(in);
    st.account().account.keyword_span = Span{head.file, head.begin, head.begin + 7};  // `account`
  }
};
template <> struct action<g::account_key> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.account().account.key = in.string();
    st.account().account.key_span = st.span(in);
  }
};
template <> struct action<g::account_let> {
  template <typename Input> static void apply(const Input&, State& st) {
    ExprPtr value = st.pop().expr;
    st.account().account.lets.push_back(LetDecl{std::move(st.decl.name.value), st.decl.name.span, std::move(value)});
    st.decl.name = {};
  }
};
template <> struct action<g::account_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), std::move(st.account().account));
  }
};

template <bool Exclude> struct icp_clause_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    IcpClause c;
    c.span = st.span(in);
    c.exclude = Exclude;
    c.condition = st.pop().expr;
    c.label = std::move(st.decl.label);
    st.decl.label.reset();
    st.icp().clauses.push_back(std::move(c));
  }
};
template <> struct action<g::icp_require> : icp_clause_action<false> {};
template <> struct action<g::icp_exclude> : icp_clause_action<true> {};
template <> struct action<g::icp_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), IcpDecl{std::move(st.decl.name.value), st.decl.name.span, std::move(st.icp().clauses)});
  }
};

// Scores.
template <> struct action<g::score_low> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.score().score.low = number_value(in.string_view(), in.begin());
  }
};
template <> struct action<g::score_high> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.score().score.high = number_value(in.string_view(), in.begin());
  }
};
template <> struct action<g::score_range> {
  template <typename Input> static void apply(const Input& in, State& st) { st.score().score.range_span = st.span(in); }
};
template <> struct action<g::score_sign> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.score().rule = ScoreRule{};
    st.score().per_where = false;
    st.decl.label.reset();
    st.score().sign = *in.begin() == '-' ? -1.0 : 1.0;
    st.score().sign_offset = st.offset(in.begin());
  }
};
template <> struct action<g::rule_points> {
  template <typename Input> static void apply(const Input& in, State& st) {
    ScoreBuilder& b = st.score();
    b.rule.points = b.sign * number_value(in.string_view(), in.begin());
    b.rule.points_span = Span{st.id, b.sign_offset, st.offset(in.end())};
  }
};
template <> struct action<g::per_where_condition> {
  template <typename Input> static void apply(const Input&, State& st) { st.score().per_where = true; }
};
template <> struct action<g::decay_clause> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (!st.score().rule.decay) st.score().rule.decay.emplace();
    st.score().rule.decay->span = st.span(in);
  }
};
template <> struct action<g::per_where_decay> : action<g::decay_clause> {};
template <> struct action<g::decay_linear> {
  template <typename Input> static void apply(const Input&, State& st) {
    if (!st.score().rule.decay) st.score().rule.decay.emplace();
    st.score().rule.decay->shape = DecayShape::linear;
  }
};
template <> struct action<g::decay_period> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (!st.score().rule.decay) st.score().rule.decay.emplace();
    const auto d = duration_value(in.string_view(), in.begin());
    st.score().rule.decay->days = d.days;
    st.score().rule.decay->months = d.months;
    st.score().rule.decay->period_span = st.span(in);
  }
};
template <> struct action<g::decay_field> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (!st.score().rule.decay) st.score().rule.decay.emplace();
    st.score().rule.decay->by = in.string();
    st.score().rule.decay->by_span = st.span(in);
  }
};
// A decaying rule's `per LIST [where COND]` becomes `count(LIST where COND)`: an ordinary
// expression to every pass that walks rules (ids, reads, ranges); the decay reads its parts.
template <> struct action<g::per_clause> {
  template <typename Input> static void apply(const Input& in, State& st) {
    ScoreBuilder& b = st.score();
    if (!b.rule.decay) {
      b.rule.per = st.pop().expr;
      return;
    }
    ExprPtr where;
    std::uint32_t height = 1;
    if (std::exchange(b.per_where, false)) {
      Item condition = st.pop();
      height = condition.height;
      where = std::move(condition.expr);
    }
    Item list = st.pop();
    height = std::max(height, list.height) + 1;
    const Span s{st.id, list.expr->span.begin, where ? where->span.end : list.expr->span.end};
    st.push(ListQuery{Quantifier::count, std::move(list.expr), std::move(where), nullptr}, s, height,
            in.begin());
    b.rule.per = st.pop().expr;
  }
};
template <> struct action<g::score_when> {
  template <typename Input> static void apply(const Input&, State& st) { st.score().rule.when = st.pop().expr; }
};
template <> struct action<g::up_to_limit> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.score().rule.up_to = number_value(in.string_view(), in.begin());
  }
};
template <> struct action<g::window_start> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.score().rule.in_force_from = date_value(in.string_view(), in.begin());
  }
};
template <> struct action<g::window_end> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.score().rule.in_force_until = date_value(in.string_view(), in.begin());
  }
};
template <> struct action<g::rule_window> {
  template <typename Input> static void apply(const Input& in, State& st) { st.score().rule.window_span = st.span(in); }
};
template <> struct action<g::score_rule> {
  template <typename Input> static void apply(const Input& in, State& st) {
    ScoreBuilder& b = st.score();
    b.rule.span = st.span(in);
    b.rule.label = std::move(st.decl.label);
    st.decl.label.reset();
    b.score.rules.push_back(std::move(b.rule));
    b.rule = ScoreRule{};
  }
};
template <> struct action<g::score_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    ScoreDecl& score = st.score().score;
    score.name = std::move(st.decl.name.value);
    score.name_span = st.decl.name.span;
    st.add_decl(st.span(in), std::move(score));
  }
};

// Gates.
template <> struct action<g::check_label> {
  template <typename Input> static void apply(const Input& in, State& st) {
    GateCheck& check = st.gates().check;
    check = GateCheck{};
    st.decl.label.reset();
    check.label = in.string();
    check.label_span = st.span(in);
  }
};
template <> struct action<g::gate_check> {
  template <typename Input> static void apply(const Input& in, State& st) {
    GatesBuilder& b = st.gates();
    b.check.span = st.span(in);
    b.check.condition = st.pop().expr;
    b.check.as_label = std::move(st.decl.label);
    st.decl.label.reset();
    b.checks.push_back(std::move(b.check));
    b.check = GateCheck{};
  }
};
template <> struct action<g::gates_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), GatesDecl{std::move(st.decl.name.value), st.decl.name.span, std::move(st.gates().checks)});
  }
};

// Funnel.
template <> struct action<g::stage_name> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FunnelLine& line = st.funnel().line;
    line = FunnelLine{};
    st.decl.label.reset();
    line.stage = in.string();
    line.stage_span = st.span(in);
  }
};
template <> struct action<g::funnel_when> {
  template <typename Input> static void apply(const Input&, State& st) { st.funnel().line.condition = st.pop().expr; }
};
template <> struct action<g::funnel_line> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FunnelBuilder& b = st.funnel();
    FunnelLine& line = b.line;
    line.span = st.span(in);
    line.label = std::move(st.decl.label);
    st.decl.label.reset();
    if (line.label) line.because = *line.label;
    else if (line.condition) line.because = condition_text(st.file.slice(line.condition->span));
    else line.because = "otherwise";
    b.funnel.lines.push_back(std::move(line));
    line = FunnelLine{};
  }
};
template <> struct action<g::forward_only> {
  template <typename Input> static void apply(const Input&, State& st) { st.funnel().funnel.forward_only = true; }
};
template <> struct action<g::order_head> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FunnelOrder& order = st.funnel().funnel.orders.emplace_back();
    order.span = st.span(in);
  }
};
template <> struct action<g::order_stage> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FunnelOrder& order = st.funnel().funnel.orders.back();
    order.stages.push_back(in.string());
    order.stage_spans.push_back(st.span(in));
  }
};
template <> struct action<g::order_line> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.funnel().funnel.orders.back().span = st.span(in);
  }
};
template <> struct action<g::recycle_stage> {
  template <typename Input> static void apply(const Input& in, State& st) {
    RecycleLine& line = st.funnel().recycle;
    line = RecycleLine{};
    st.decl.label.reset();
    line.stage = in.string();
    line.stage_span = st.span(in);
  }
};
template <> struct action<g::recycle_condition> {
  template <typename Input> static void apply(const Input&, State& st) { st.funnel().recycle.condition = st.pop().expr; }
};
template <> struct action<g::recycle_line> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FunnelBuilder& b = st.funnel();
    RecycleLine& line = b.recycle;
    line.span = st.span(in);
    line.label = std::move(st.decl.label);
    st.decl.label.reset();
    line.because = line.label ? *line.label : condition_text(st.file.slice(line.condition->span));
    b.funnel.recycles.push_back(std::move(line));
    line = RecycleLine{};
  }
};
template <> struct action<g::sla_head> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FunnelSla& sla = st.funnel().funnel.slas.emplace_back();
    sla.span = st.span(in);
  }
};
template <> struct action<g::sla_stage> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FunnelSla& sla = st.funnel().funnel.slas.back();
    sla.stage = in.string();
    sla.stage_span = st.span(in);
  }
};
template <> struct action<g::sla_within> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FunnelSla& sla = st.funnel().funnel.slas.back();
    const std::string_view text = in.string_view();
    if (text.find("hour") != std::string_view::npos) {  // sla_hours: `4 hours`
      sla.in_hours = true;
      sla.hours = duration_value(text.substr(0, text.find_first_not_of("0123456789_")), in.begin()).days;
    } else {
      const auto d = duration_value(text, in.begin());
      sla.days = d.days;
      sla.months = d.months;
    }
    sla.within_span = st.span(in);
    const auto digits_end = text.find_first_not_of("0123456789");
    const auto unit_begin = text.find_first_not_of(" \t", digits_end);
    sla.within = std::string(text.substr(0, digits_end)) + " " + std::string(text.substr(unit_begin));
  }
};
template <> struct action<g::sla_line> {
  template <typename Input> static void apply(const Input& in, State& st) {
    FunnelSla& sla = st.funnel().funnel.slas.back();
    sla.span = st.span(in);
  }
};
template <> struct action<g::funnel_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), std::move(st.funnel().funnel));
  }
};

// Grades and bands.
template <> struct action<g::grade_name> : name_action {};
template <> struct action<g::grade_label> {
  template <typename Input> static void apply(const Input& in, State& st) {
    GradeLine& line = st.grade().line;
    line = GradeLine{};
    line.quoted = *in.begin() == '"';
    line.label = line.quoted ? text_of(in) : in.string();
    line.label_span = st.span(in);
  }
};
template <> struct action<g::grade_when> {
  template <typename Input> static void apply(const Input&, State& st) { st.grade().line.condition = st.pop().expr; }
};
template <> struct action<g::grade_otherwise> {
  template <typename Input> static void apply(const Input&, State& st) { st.grade().line.otherwise = true; }
};
template <> struct action<g::band_bound> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.grade().line.below = number_value(in.string_view(), in.begin());
    st.grade().line.below_span = st.span(in);
  }
};
struct grade_line_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    GradeBuilder& b = st.grade();
    b.line.span = st.span(in);
    b.grade.lines.push_back(std::move(b.line));
    b.line = GradeLine{};
  }
};
template <> struct action<g::grade_line> : grade_line_action {};
template <> struct action<g::band_line> : grade_line_action {};
template <> struct action<g::bands_value> {
  template <typename Input> static void apply(const Input&, State& st) { st.grade().grade.of = st.pop().expr; }
};
struct grade_decl_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    GradeDecl& grade = st.grade().grade;
    grade.name = std::move(st.decl.name.value);
    grade.name_span = st.decl.name.span;
    st.add_decl(st.span(in), std::move(grade));
  }
};
template <> struct action<g::grade_decl> : grade_decl_action {};
template <> struct action<g::bands_decl> : grade_decl_action {};

// Literal values.
void push_value(State& st, LiteralValue v) { st.values().values.push_back(std::move(v)); }
template <LiteralValue::Kind K> struct value_action;
template <> struct action<g::value_number> {
  template <typename Input> static void apply(const Input& in, State& st) {
    LiteralValue v;
    v.span = st.span(in);
    v.kind = LiteralValue::Kind::number;
    v.number = number_value(in.string_view(), in.begin());
    push_value(st, std::move(v));
  }
};
template <> struct action<g::value_date> {
  template <typename Input> static void apply(const Input& in, State& st) {
    LiteralValue v;
    v.span = st.span(in);
    v.kind = LiteralValue::Kind::date;
    v.date = date_value(in.string_view(), in.begin());
    push_value(st, std::move(v));
  }
};
template <> struct action<g::value_text> {
  template <typename Input> static void apply(const Input& in, State& st) {
    LiteralValue v;
    v.span = st.span(in);
    v.kind = LiteralValue::Kind::text;
    v.text = text_of(in);
    push_value(st, std::move(v));
  }
};
template <bool B> struct bool_value_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    LiteralValue v;
    v.span = st.span(in);
    v.kind = LiteralValue::Kind::boolean;
    v.boolean = B;
    push_value(st, std::move(v));
  }
};
template <> struct action<g::value_true> : bool_value_action<true> {};
template <> struct action<g::value_false> : bool_value_action<false> {};
template <> struct action<g::value_unknown> {
  template <typename Input> static void apply(const Input& in, State& st) {
    LiteralValue v;
    v.span = st.span(in);
    v.kind = LiteralValue::Kind::unknown;
    push_value(st, std::move(v));
  }
};
template <> struct action<g::stage_value> {
  template <typename Input> static void apply(const Input& in, State& st) {
    LiteralValue v;
    v.span = st.span(in);
    v.kind = LiteralValue::Kind::stage;
    v.text = in.string();
    push_value(st, std::move(v));
  }
};
template <> struct action<g::value_list_open> {
  template <typename Input> static void apply(const Input&, State& st) { st.values().value_marks.push_back(st.values().values.size()); }
};
template <> struct action<g::value_list> {
  template <typename Input> static void apply(const Input& in, State& st) {
    const std::size_t mark = st.values().value_marks.back();
    st.values().value_marks.pop_back();
    LiteralValue v;
    v.span = st.span(in);
    v.kind = LiteralValue::Kind::list;
    for (std::size_t i = mark; i < st.values().values.size(); ++i) v.items.push_back(std::move(st.values().values[i]));
    st.values().values.resize(mark);
    push_value(st, std::move(v));
  }
};
template <> struct action<g::record_literal_open> {
  template <typename Input> static void apply(const Input&, State& st) { st.values().entry_marks.push_back(st.values().entries.size()); }
};
template <> struct action<g::record_key> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.values().keys.push_back(TextToken{in.string(), st.span(in)});
  }
};
template <> struct action<g::record_entry> {
  template <typename Input> static void apply(const Input&, State& st) {
    LiteralEntry e;
    e.key = std::move(st.values().keys.back().value);
    e.key_span = st.values().keys.back().span;
    st.values().keys.pop_back();
    e.value = std::move(st.values().values.back());
    st.values().values.pop_back();
    st.values().entries.push_back(std::move(e));
  }
};
struct record_literal_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    const std::size_t mark = st.values().entry_marks.back();
    st.values().entry_marks.pop_back();
    LiteralValue v;
    v.span = st.span(in);
    v.kind = LiteralValue::Kind::record;
    for (std::size_t i = mark; i < st.values().entries.size(); ++i) v.entries.push_back(std::move(st.values().entries[i]));
    st.values().entries.resize(mark);
    push_value(st, std::move(v));
  }
};
template <> struct action<g::record_literal> : record_literal_action {};

// Tests.
template <> struct action<g::test_name> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.test().test.name = text_of(in);
    st.test().test.name_span = st.span(in);
  }
};
template <> struct action<g::as_of_date> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (st.test().test.as_of)
      throw Error{code::expected, "a test has only one 'as of' date", in.begin(), in.end()};
    st.test().test.as_of = date_value(in.string_view(), in.begin());
  }
};
template <> struct action<g::lead_record> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (st.test().test.lead) throw Error{code::expected, "a test has only one 'lead'", in.begin(), in.begin() + 1};
    record_literal_action::apply(in, st);
    st.test().test.lead = std::move(st.values().values.back());
    st.values().values.pop_back();
    st.test().test.lead_span = st.span(in);
  }
};
template <> struct action<g::leads_path> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (st.test().test.leads_from)
      throw Error{code::expected, "a test has only one 'leads from'", in.begin(), in.end()};
    st.test().test.leads_from = text_of(in);
  }
};
template <> struct action<g::test_leads> {
  template <typename Input> static void apply(const Input& in, State& st) { st.test().test.leads_span = st.span(in); }
};
template <> struct action<g::expect_clause> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Expectation e;
    e.span = st.span(in);
    e.expr = st.pop().expr;
    e.expected = std::move(st.values().values.back());
    st.values().values.pop_back();
    st.test().test.expectations.push_back(std::move(e));
  }
};
template <> struct action<g::test_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), std::move(st.test().test));
  }
};

// Editors on some systems start UTF-8 files with a byte order mark; it is not content.
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool check_encoding(const SourceFile& file, FileId id, Diagnostics& diags) {
  if (file.text().size() >= std::numeric_limits<std::uint32_t>::max()) {
    diags.error(code::encoding, Span{id, 0, 0}, "file too large (4 GB or more)");
    return false;
  }
  if (const auto bad = find_invalid_utf8(file.text())) {
    const auto at = static_cast<std::uint32_t>(*bad);
    diags.error(code::encoding, Span{id, at, at + 1}, "invalid UTF-8");
    return false;
  }
  return true;
}

}  // namespace

ParseResult parse_module(const SourceFile& file, FileId id) {
  ParseResult result;
  result.module.file = id;
  if (!check_encoding(file, id, result.diagnostics)) return result;
  const std::string_view text = file.text();
  result.module.comments = syntax::scan_comments(text, id);

  State st(file, id, result.module);
  std::size_t pos = text.starts_with(utf8_bom) ? utf8_bom.size() : 0;
  while (pos < text.size()) {
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data() + pos, text.data() + text.size(), file.name());
    (void)pegtl::parse<g::sep>(in);
    pos = st.offset(in.current());
    if (pos >= text.size()) break;
    st.decl.name = {};
    try {
      st.nesting_depth = 0;
      pegtl::parse<g::declaration, action, syntax::control>(in, st);
      pos = st.offset(in.current());
    } catch (const Error& e) {
      result.diagnostics.add(syntax::to_diagnostic(e, st.file, st.id));
      if (!st.decl.name.value.empty()) result.module.unparsed_names.push_back(st.decl.name.value);
      st.end_declaration();
      pos = syntax::recovery_point(text, pos);
    } catch (const pegtl::parse_error& e) {
      const auto at = e.positions().empty() ? pos : e.positions().front().byte + pos;
      result.diagnostics.error(code::expected, Span{id, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at)},
                               "syntax error");
      if (!st.decl.name.value.empty()) result.module.unparsed_names.push_back(st.decl.name.value);
      st.end_declaration();
      pos = syntax::recovery_point(text, pos);
    }
    for (auto& d : st.reported) result.diagnostics.add(std::move(d));
    st.reported.clear();
  }
  syntax::drop_uses_of_reserved_fields(text, st.reserved_field_names, result.diagnostics);
  syntax::attach_comments(result.module, text);
  return result;
}

namespace {
template <typename Rule>
ExprParseResult parse_standalone(const SourceFile& file, FileId id) {
  ExprParseResult result;
  if (!check_encoding(file, id, result.diagnostics)) return result;
  Module scratch;
  State st(file, id, scratch);
  const std::string_view text = file.text();
  const std::size_t start = text.starts_with(utf8_bom) ? utf8_bom.size() : 0;
  pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data() + start, text.data() + text.size(), file.name());
  try {
    st.nesting_depth = 0;
    pegtl::parse<Rule, action, syntax::control>(in, st);
    if (!st.expr.items.empty()) result.expr = std::move(st.expr.items.back().expr);
  } catch (const Error& e) {
    result.diagnostics.add(syntax::to_diagnostic(e, st.file, st.id));
  } catch (const pegtl::parse_error&) {
    result.diagnostics.error(code::expected, Span{id, 0, 0}, "syntax error");
  }
  return result;
}

}  // namespace

ExprParseResult parse_expression(const SourceFile& file, FileId id) {
  return parse_standalone<g::standalone_expression>(file, id);
}

ExprParseResult parse_operand(const SourceFile& file, FileId id) {
  return parse_standalone<g::standalone_operand>(file, id);
}

}  // namespace qpl::syntax
