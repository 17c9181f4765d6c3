// The parser: runs the PEGTL grammar (grammar/qpl_grammar.hpp) with actions that build the AST
// on a stack, one declaration at a time, and turns every SyntaxError into a Diagnostic.
// This is the only translation unit of the product that includes PEGTL.
#include "syntax/parser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "grammar/qpl_grammar.hpp"
#include "support/date.hpp"
#include "support/utf8.hpp"
#include "syntax/limits.hpp"
#include "syntax/syntax_errors.hpp"

namespace qpl {
namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;

using Error = syntax::SyntaxError;
namespace code = syntax::code;

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

  // Expressions.
  std::vector<Item> stack;
  std::vector<Mark> marks;
  std::int64_t pending_k = 0;
  std::int64_t pending_days = 0;
  Span pending_duration_span;
  TextToken pending_pattern;

  // The declaration being built.
  TextToken name;
  std::optional<std::string> label;
  PolicyHeader header;
  TextToken path;
  std::vector<TypeExpr> types;
  std::vector<TextToken> texts;
  FieldDecl field;
  std::vector<FieldDecl> fields;
  std::vector<MissingValues> missing_values;
  std::vector<IcpClause> icp_clauses;
  ScoreDecl score;
  ScoreRule rule;
  double sign = 1;
  std::uint32_t sign_offset = 0;
  std::vector<GateCheck> checks;
  GateCheck check;
  std::vector<FunnelLine> lines;
  FunnelLine line;
  bool line_otherwise = false;
  TestDecl test;
  std::vector<LiteralValue> values;
  std::vector<std::size_t> value_marks;
  std::vector<LiteralEntry> entries;
  std::vector<std::size_t> entry_marks;
  std::vector<TextToken> keys;

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
    stack.push_back(Item{std::move(e), height});
  }
  void push_leaf(ExprKind kind, Span s) { push(std::move(kind), s, 1, base + s.begin); }

  Item pop() {
    Item top = std::move(stack.back());
    stack.pop_back();
    return top;
  }

  // Elements pushed since the innermost mark, in source order.
  std::vector<ExprPtr> take_since(std::size_t size, std::uint32_t& height) {
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

  void clear_declaration() {
    stack.clear();
    marks.clear();
    label.reset();
    types.clear();
    texts.clear();
    field = {};
    fields.clear();
    missing_values.clear();
    icp_clauses.clear();
    score = {};
    rule = {};
    checks.clear();
    check = {};
    lines.clear();
    line = {};
    test = {};
    values.clear();
    value_marks.clear();
    entries.clear();
    entry_marks.clear();
    keys.clear();
    header = {};
  }

  void add_decl(Span s, DeclKind kind) {
    module.decls.push_back(Decl{s, std::move(kind)});
    clear_declaration();
  }
};

// ---- Literals -------------------------------------------------------------------------------

std::optional<std::uint32_t> hex_value(std::string_view digits) {
  std::uint32_t v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, 16);
  if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
  return v;
}

// [R4] The value of a text literal (quotes included in `raw`), escapes checked.
std::string decode_text(std::string_view raw, const char* at) {
  std::string out;
  out.reserve(raw.size());
  const std::size_t last = raw.size() - 1;  // the closing quote
  for (std::size_t i = 1; i < last; ++i) {
    const char c = raw[i];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    const char e = raw[i + 1];
    switch (e) {
      case '"': out.push_back('"'); ++i; continue;
      case '\\': out.push_back('\\'); ++i; continue;
      case 'n': out.push_back('\n'); ++i; continue;
      case 't': out.push_back('\t'); ++i; continue;
      case 'u': {
        const std::size_t open = i + 2;
        const std::size_t close = raw.find('}', open);
        if (open >= last || raw[open] != '{' || close == std::string_view::npos || close > last)
          throw Error{code::escape, "expected '{' and 1 to 6 hex digits and '}' after '\\u'",
                      at + i, at + std::min(open, last)};
        const std::string_view digits = raw.substr(open + 1, close - open - 1);
        const auto value = digits.size() >= 1 && digits.size() <= 6 ? hex_value(digits)
                                                                    : std::nullopt;
        if (!value || *value > 0x10FFFF)
          throw Error{code::escape,
                      fmt::format("'\\u{{{}}}' is not a valid code point", digits), at + i,
                      at + close + 1};
        if (*value >= 0xD800 && *value <= 0xDFFF)
          throw Error{code::escape,
                      fmt::format("'\\u{{{}}}' is a surrogate, not a character", digits),
                      at + i, at + close + 1};
        append_utf8(out, static_cast<char32_t>(*value));
        i = close;
        continue;
      }
      default: {
        const auto len = decode_utf8(raw, i + 1).length;
        throw Error{code::escape,
                    fmt::format("unknown escape '\\{}' (use \\\" \\\\ \\n \\t or \\u{{...}})",
                                raw.substr(i + 1, len)),
                    at + i, at + i + 1 + len};
      }
    }
  }
  return out;
}

template <typename Input>
std::string text_of(const Input& in) {
  return decode_text(in.string_view(), in.begin());
}

double number_value(std::string_view text, const char* at) {
  std::string digits;
  digits.reserve(text.size());
  for (char c : text)
    if (c != '_' && c != ' ' && c != '\t' && c != '+') digits.push_back(c);
  double v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || !std::isfinite(v)) {
    // No exponent in QPL: out of range with a zero integer part is closer to 0 than a double.
    const std::string_view integer_part = std::string_view(digits).substr(0, digits.find('.'));
    const bool tiny = integer_part.find_first_not_of('0') == std::string_view::npos;
    throw Error{code::number, tiny ? "number too small (it would read as 0)" : "number too large",
                at, at + text.size()};
  }
  return v;
}

std::int64_t whole_value(std::string_view text, const char* at, const char* what) {
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') continue;
    if (v > (std::numeric_limits<std::int64_t>::max() - 9) / 10)
      throw Error{code::number, fmt::format("{} too large", what), at, at + text.size()};
    v = v * 10 + (c - '0');
  }
  return v;
}

std::int32_t date_value(std::string_view text, const char* at) {
  const auto days = parse_iso_date(text);
  if (!days) throw Error{code::date, fmt::format("impossible date '{}'", text), at, at + text.size()};
  return *days;
}

// [R8] `30 days`, `2 weeks`.
std::int64_t duration_days(std::string_view text, const char* at) {
  std::size_t n = 0;
  while (n < text.size() && (std::isdigit(static_cast<unsigned char>(text[n])) || text[n] == '_')) ++n;
  const std::int64_t count = whole_value(text.substr(0, n), at, "duration");
  const bool weeks = text.find("week") != std::string_view::npos;
  constexpr std::int64_t limit = std::int64_t{1} << 40;
  if (count > limit) throw Error{code::duration, "duration too large", at, at + text.size()};
  return weeks ? count * 7 : count;
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
    st.push_leaf(DurationLit{duration_days(in.string_view(), in.begin())}, st.span(in));
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
    st.stack.back().expr->span = st.span(in);
  }
};

template <> struct action<g::list_open> {
  template <typename Input> static void apply(const Input&, State& st) {
    st.marks.push_back(new_mark(st.stack.size()));
  }
};
template <> struct action<g::list_literal> {
  template <typename Input> static void apply(const Input& in, State& st) {
    const Mark mark = std::move(st.marks.back());
    st.marks.pop_back();
    std::uint32_t height = 1;
    auto items = st.take_since(mark.stack_size, height);
    st.push(ListLit{std::move(items)}, st.span(in), height, in.begin());
  }
};

template <> struct action<g::call_head> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Mark mark = new_mark(st.stack.size());
    const char* p = in.begin();
    const char* q = p;
    while (q < in.end() && g::is_identifier_char(*q)) ++q;
    mark.function.assign(p, q);
    mark.function_span = st.span(p, q);
    st.marks.push_back(std::move(mark));
  }
};
template <> struct action<g::call> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Mark mark = std::move(st.marks.back());
    st.marks.pop_back();
    std::uint32_t height = 1;
    auto args = st.take_since(mark.stack_size, height);
    st.push(Call{std::move(mark.function), mark.function_span, std::move(args), Builtin::unresolved},
            st.span(in), height, in.begin());
  }
};

template <Quantifier Q> struct query_head_action {
  template <typename Input> static void apply(const Input&, State& st) {
    Mark mark = new_mark(st.stack.size());
    mark.quantifier = Q;
    st.marks.push_back(std::move(mark));
  }
};
template <> struct action<g::count_head> : query_head_action<Quantifier::count> {};
template <> struct action<g::any_query_head> : query_head_action<Quantifier::any> {};
template <> struct action<g::all_query_head> : query_head_action<Quantifier::all> {};
template <typename Head> struct action<g::list_query<Head>> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Mark mark = std::move(st.marks.back());
    st.marks.pop_back();
    std::uint32_t height = 1;
    auto parts = st.take_since(mark.stack_size, height);
    ExprPtr where = parts.size() > 1 ? std::move(parts[1]) : nullptr;
    st.push(ListQuery{mark.quantifier, std::move(parts[0]), std::move(where)}, st.span(in), height,
            in.begin());
  }
};

template <> struct action<g::group_count> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.pending_k = whole_value(in.string_view(), in.begin(), "number");
  }
};
template <GroupQuantifier Q> struct group_head_action {
  template <typename Input> static void apply(const Input&, State& st) {
    Mark mark = new_mark(st.stack.size());
    mark.group_quantifier = Q;
    mark.k = Q == GroupQuantifier::at_least ? st.pending_k : 0;
    st.marks.push_back(std::move(mark));
  }
};
template <> struct action<g::at_least_head> : group_head_action<GroupQuantifier::at_least> {};
template <> struct action<g::all_group_head> : group_head_action<GroupQuantifier::all> {};
template <> struct action<g::any_group_head> : group_head_action<GroupQuantifier::any> {};
template <> struct action<g::none_group_head> : group_head_action<GroupQuantifier::none> {};
template <> struct action<g::group_name> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.marks.back().group = in.string();
    st.marks.back().group_span = st.span(in);
    st.marks.back().has_group_name = true;
  }
};
template <typename Head> struct action<g::group_test<Head>> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Mark mark = std::move(st.marks.back());
    st.marks.pop_back();
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
    st.pending_pattern = TextToken{text_of(in), st.span(in)};
  }
};
template <> struct action<g::matches_tail> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Item value = st.pop();
    const Span s{st.id, value.expr->span.begin, st.offset(in.end())};
    st.push(Matches{std::move(value.expr), std::move(st.pending_pattern.value), st.pending_pattern.span},
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
    st.pending_days = duration_days(in.string_view(), in.begin());
    st.pending_duration_span = st.span(in);
  }
};
template <> struct action<g::within_tail> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Item value = st.pop();
    const Span s{st.id, value.expr->span.begin, st.offset(in.end())};
    st.push(Within{std::move(value.expr), st.pending_days, st.pending_duration_span}, s,
            value.height + 1, in.begin());
  }
};

// ---- Declaration actions --------------------------------------------------------------------

struct name_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.name = TextToken{in.string(), st.span(in)};
  }
};
template <> struct action<g::let_name> : name_action {};
template <> struct action<g::icp_name> : name_action {};
template <> struct action<g::score_name> : name_action {};
template <> struct action<g::gates_name> : name_action {};
template <> struct action<g::record_name> : name_action {};

template <> struct action<g::label_text> {
  template <typename Input> static void apply(const Input& in, State& st) { st.label = text_of(in); }
};

template <> struct action<g::policy_name> {
  template <typename Input> static void apply(const Input& in, State& st) { st.header.name = text_of(in); }
};
template <> struct action<g::version_number> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.header.version = whole_value(in.string_view(), in.begin(), "version");
  }
};
template <> struct action<g::policy_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), std::move(st.header));
  }
};

template <> struct action<g::import_path> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.path = TextToken{text_of(in), st.span(in)};
  }
};
template <> struct action<g::import_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), Import{std::move(st.path.value), st.path.span});
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
    st.types.push_back(std::move(t));
  }
};
template <> struct action<g::list_type> {
  template <typename Input> static void apply(const Input& in, State& st) {
    TypeExpr t;
    t.span = st.span(in);
    t.kind = TypeExprKind::list;
    t.element = std::make_unique<TypeExpr>(std::move(st.types.back()));
    st.types.back() = std::move(t);
  }
};
template <> struct action<g::one_of_open> {
  template <typename Input> static void apply(const Input&, State& st) { st.texts.clear(); }
};
template <> struct action<g::one_of_value> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.texts.push_back(TextToken{text_of(in), st.span(in)});
  }
};
template <> struct action<g::one_of_type> {
  template <typename Input> static void apply(const Input& in, State& st) {
    TypeExpr t;
    t.span = st.span(in);
    t.kind = TypeExprKind::one_of;
    for (auto& v : st.texts) {
      t.values.push_back(std::move(v.value));
      t.value_spans.push_back(v.span);
    }
    st.texts.clear();
    st.types.push_back(std::move(t));
  }
};

template <> struct action<g::field_name> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.field = FieldDecl{};
    st.field.name = in.string();
    st.field.name_span = st.span(in);
  }
};
template <> struct action<g::optional_mark> {
  template <typename Input> static void apply(const Input&, State& st) { st.field.optional = true; }
};
// A field option given twice is reported by the checker, at its second occurrence.
template <> struct action<g::source_text> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (st.field.source && !st.field.repeated_option) st.field.repeated_option = st.span(in);
    st.field.source = text_of(in);
    st.field.source_span = st.span(in);
  }
};
inline void set_field_option(std::optional<Span>& option, Span span, FieldDecl& field) {
  if (option && !field.repeated_option) field.repeated_option = span;
  option = span;
}
template <> struct action<g::field_lower> {
  template <typename Input> static void apply(const Input& in, State& st) {
    set_field_option(st.field.lower, st.span(in), st.field);
  }
};
template <> struct action<g::field_trim> {
  template <typename Input> static void apply(const Input& in, State& st) {
    set_field_option(st.field.trim, st.span(in), st.field);
  }
};
template <> struct action<g::field_unreadable> {
  template <typename Input> static void apply(const Input& in, State& st) {
    set_field_option(st.field.unreadable_missing, st.span(in), st.field);
  }
};
template <> struct action<g::format_pattern> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (st.field.format && !st.field.repeated_option) st.field.repeated_option = st.span(in);
    st.field.format = text_of(in);
    st.field.format_span = st.span(in);
  }
};
// `score: number`: one error with the fix; the field is left out and the block goes on.
void report_reserved_field(State& st) {
  const FieldDecl& f = st.field;
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
    st.field.span = st.span(in);
    st.field.type = std::move(st.types.back());
    st.types.pop_back();
    if (g::is_reserved(st.field.name)) {
      report_reserved_field(st);
      st.field = FieldDecl{};
      return;
    }
    st.fields.push_back(std::move(st.field));
    st.field = FieldDecl{};
  }
};
template <> struct action<g::missing_values_word> {
  template <typename Input> static void apply(const Input&, State& st) { st.texts.clear(); }
};
template <> struct action<g::missing_value> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.texts.push_back(TextToken{text_of(in), st.span(in)});
  }
};
template <> struct action<g::missing_values_line> {
  template <typename Input> static void apply(const Input& in, State& st) {
    MissingValues m;
    m.span = st.span(in);
    for (auto& v : st.texts) m.values.push_back(std::move(v.value));
    st.texts.clear();
    st.missing_values.push_back(std::move(m));
  }
};
template <> struct action<g::fields_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), FieldsBlock{std::move(st.fields), std::move(st.missing_values)});
  }
};
template <> struct action<g::record_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), RecordDecl{std::move(st.name.value), st.name.span, std::move(st.fields)});
  }
};

template <> struct action<g::let_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    ExprPtr value = st.pop().expr;
    st.add_decl(st.span(in), LetDecl{std::move(st.name.value), st.name.span, std::move(value)});
  }
};

template <bool Exclude> struct icp_clause_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    IcpClause c;
    c.span = st.span(in);
    c.exclude = Exclude;
    c.condition = st.pop().expr;
    c.label = std::move(st.label);
    st.label.reset();
    st.icp_clauses.push_back(std::move(c));
  }
};
template <> struct action<g::icp_require> : icp_clause_action<false> {};
template <> struct action<g::icp_exclude> : icp_clause_action<true> {};
template <> struct action<g::icp_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), IcpDecl{std::move(st.name.value), st.name.span, std::move(st.icp_clauses)});
  }
};

// Scores.
template <> struct action<g::score_low> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.score.low = number_value(in.string_view(), in.begin());
  }
};
template <> struct action<g::score_high> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.score.high = number_value(in.string_view(), in.begin());
  }
};
template <> struct action<g::score_range> {
  template <typename Input> static void apply(const Input& in, State& st) { st.score.range_span = st.span(in); }
};
template <> struct action<g::score_sign> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.rule = ScoreRule{};
    st.label.reset();
    st.sign = *in.begin() == '-' ? -1.0 : 1.0;
    st.sign_offset = st.offset(in.begin());
  }
};
template <> struct action<g::rule_points> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.rule.points = st.sign * number_value(in.string_view(), in.begin());
    st.rule.points_span = Span{st.id, st.sign_offset, st.offset(in.end())};
  }
};
template <> struct action<g::per_clause> {
  template <typename Input> static void apply(const Input&, State& st) { st.rule.per = st.pop().expr; }
};
template <> struct action<g::score_when> {
  template <typename Input> static void apply(const Input&, State& st) { st.rule.when = st.pop().expr; }
};
template <> struct action<g::up_to_limit> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.rule.up_to = number_value(in.string_view(), in.begin());
  }
};
template <> struct action<g::score_rule> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.rule.span = st.span(in);
    st.rule.label = std::move(st.label);
    st.label.reset();
    st.score.rules.push_back(std::move(st.rule));
    st.rule = ScoreRule{};
  }
};
template <> struct action<g::score_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.score.name = std::move(st.name.value);
    st.score.name_span = st.name.span;
    st.add_decl(st.span(in), std::move(st.score));
  }
};

// Gates.
template <> struct action<g::check_label> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.check = GateCheck{};
    st.label.reset();
    st.check.label = in.string();
    st.check.label_span = st.span(in);
  }
};
template <> struct action<g::gate_check> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.check.span = st.span(in);
    st.check.condition = st.pop().expr;
    st.check.as_label = std::move(st.label);
    st.label.reset();
    st.checks.push_back(std::move(st.check));
    st.check = GateCheck{};
  }
};
template <> struct action<g::gates_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), GatesDecl{std::move(st.name.value), st.name.span, std::move(st.checks)});
  }
};

// Funnel.
template <> struct action<g::stage_name> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.line = FunnelLine{};
    st.label.reset();
    st.line.stage = in.string();
    st.line.stage_span = st.span(in);
  }
};
template <> struct action<g::funnel_when> {
  template <typename Input> static void apply(const Input&, State& st) { st.line.condition = st.pop().expr; }
};
template <> struct action<g::funnel_line> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.line.span = st.span(in);
    st.line.label = std::move(st.label);
    st.label.reset();
    if (st.line.label) st.line.because = *st.line.label;
    else if (st.line.condition) st.line.because = condition_text(st.file.slice(st.line.condition->span));
    else st.line.because = "otherwise";
    st.lines.push_back(std::move(st.line));
    st.line = FunnelLine{};
  }
};
template <> struct action<g::funnel_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), FunnelDecl{std::move(st.lines)});
  }
};

// Literal values.
void push_value(State& st, LiteralValue v) { st.values.push_back(std::move(v)); }
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
  template <typename Input> static void apply(const Input&, State& st) { st.value_marks.push_back(st.values.size()); }
};
template <> struct action<g::value_list> {
  template <typename Input> static void apply(const Input& in, State& st) {
    const std::size_t mark = st.value_marks.back();
    st.value_marks.pop_back();
    LiteralValue v;
    v.span = st.span(in);
    v.kind = LiteralValue::Kind::list;
    for (std::size_t i = mark; i < st.values.size(); ++i) v.items.push_back(std::move(st.values[i]));
    st.values.resize(mark);
    push_value(st, std::move(v));
  }
};
template <> struct action<g::record_literal_open> {
  template <typename Input> static void apply(const Input&, State& st) { st.entry_marks.push_back(st.entries.size()); }
};
template <> struct action<g::record_key> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.keys.push_back(TextToken{in.string(), st.span(in)});
  }
};
template <> struct action<g::record_entry> {
  template <typename Input> static void apply(const Input&, State& st) {
    LiteralEntry e;
    e.key = std::move(st.keys.back().value);
    e.key_span = st.keys.back().span;
    st.keys.pop_back();
    e.value = std::move(st.values.back());
    st.values.pop_back();
    st.entries.push_back(std::move(e));
  }
};
struct record_literal_action {
  template <typename Input> static void apply(const Input& in, State& st) {
    const std::size_t mark = st.entry_marks.back();
    st.entry_marks.pop_back();
    LiteralValue v;
    v.span = st.span(in);
    v.kind = LiteralValue::Kind::record;
    for (std::size_t i = mark; i < st.entries.size(); ++i) v.entries.push_back(std::move(st.entries[i]));
    st.entries.resize(mark);
    push_value(st, std::move(v));
  }
};
template <> struct action<g::record_literal> : record_literal_action {};

// Tests.
template <> struct action<g::test_name> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.test.name = text_of(in);
    st.test.name_span = st.span(in);
  }
};
template <> struct action<g::as_of_date> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (st.test.as_of)
      throw Error{code::expected, "a test has only one 'as of' date", in.begin(), in.end()};
    st.test.as_of = date_value(in.string_view(), in.begin());
  }
};
template <> struct action<g::lead_record> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (st.test.lead) throw Error{code::expected, "a test has only one 'lead'", in.begin(), in.begin() + 1};
    record_literal_action::apply(in, st);
    st.test.lead = std::move(st.values.back());
    st.values.pop_back();
    st.test.lead_span = st.span(in);
  }
};
template <> struct action<g::leads_path> {
  template <typename Input> static void apply(const Input& in, State& st) {
    if (st.test.leads_from)
      throw Error{code::expected, "a test has only one 'leads from'", in.begin(), in.end()};
    st.test.leads_from = text_of(in);
  }
};
template <> struct action<g::test_leads> {
  template <typename Input> static void apply(const Input& in, State& st) { st.test.leads_span = st.span(in); }
};
template <> struct action<g::expect_clause> {
  template <typename Input> static void apply(const Input& in, State& st) {
    Expectation e;
    e.span = st.span(in);
    e.expr = st.pop().expr;
    e.expected = std::move(st.values.back());
    st.values.pop_back();
    st.test.expectations.push_back(std::move(e));
  }
};
template <> struct action<g::test_decl> {
  template <typename Input> static void apply(const Input& in, State& st) {
    st.add_decl(st.span(in), std::move(st.test));
  }
};

// ---- Diagnostics ----------------------------------------------------------------------------

bool is_operator_char(char c) { return c == '=' || c == '!' || c == '<' || c == '>' || c == '&' || c == '|'; }

// The extent of the token at `offset`: what an error points at.
std::uint32_t token_end(std::string_view text, std::uint32_t offset) {
  if (offset >= text.size()) return offset;
  const char c = text[offset];
  std::size_t end = offset;
  if (c == '\n' || c == '\r') return offset;
  if (g::is_identifier_char(c)) {
    while (end < text.size() && (g::is_identifier_char(text[end]) || (text[end] == '.' && c >= '0' && c <= '9'))) ++end;
  } else if (is_operator_char(c)) {
    while (end < text.size() && is_operator_char(text[end])) ++end;
  } else {
    end += std::max<std::uint32_t>(1, decode_utf8(text, offset).length);
  }
  return static_cast<std::uint32_t>(end);
}

std::string describe_token(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  if (begin >= text.size()) return "the end of the file";
  const unsigned char c = static_cast<unsigned char>(text[begin]);
  if (c == '\n' || c == '\r') return "the end of the line";
  if (c < 0x20 || c == 0x7F) return fmt::format("the control character U+{:04X}", c);
  std::string_view token = text.substr(begin, end - begin);
  if (token.size() > 40) token = token.substr(0, 40);
  return fmt::format("'{}'", sanitize_for_terminal(token));
}

// The opening quote of the text still open at `offset` (on its line).
std::uint32_t open_quote_before(std::string_view text, std::uint32_t offset) {
  std::size_t line = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  std::size_t i = line == std::string_view::npos ? 0 : line + 1;
  std::size_t open = offset;
  bool inside = false;
  for (; i < offset && i < text.size(); ++i) {
    const char c = text[i];
    if (inside) {
      if (c == '\\') ++i;
      else if (c == '"') inside = false;
    } else if (c == '"') {
      inside = true;
      open = i;
    } else if (c == '#') {
      break;
    }
  }
  return static_cast<std::uint32_t>(inside ? open : offset);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `10k`, `10,000` and `10 000` are how people write numbers, not QPL: the fix is `10_000`.
std::optional<std::string> number_spelling_help(std::string_view text, std::size_t at) {
  if (at >= text.size()) return std::nullopt;
  auto digits_before = [&](std::size_t end) {
    std::size_t begin = end;
    while (begin > 0 && (is_digit(text[begin - 1]) || text[begin - 1] == '_')) --begin;
    const bool whole = begin < end && is_digit(text[begin]) && (begin == 0 || !g::is_identifier_char(text[begin - 1]));
    return whole ? begin : end;
  };
  // `10k`: the error is on the letter right after the digits.
  const char unit = text[at];
  if (unit == 'k' || unit == 'K' || unit == 'm' || unit == 'M') {
    const std::size_t begin = digits_before(at);
    const bool alone = at + 1 >= text.size() || !g::is_identifier_char(text[at + 1]);
    if (begin == at || !alone) return std::nullopt;
    return fmt::format("write '{}{}' (digits may be grouped with '_')", text.substr(begin, at - begin),
                       unit == 'k' || unit == 'K' ? "_000" : "_000_000");
  }
  // `10,000` / `10 000`: the error is on the ',' or on the second group of digits.
  std::size_t number_end = at;
  while (number_end > 0 && (text[number_end - 1] == ' ' || text[number_end - 1] == '\t')) --number_end;
  const bool comma = unit == ',' && number_end == at;
  if (!comma && number_end == at) return std::nullopt;
  const std::size_t begin = digits_before(number_end);
  const std::size_t group = comma ? at + 1 : at;
  std::size_t end = group;
  while (end < text.size() && is_digit(text[end])) ++end;
  if (begin == number_end || end - group != 3 || (end < text.size() && g::is_identifier_char(text[end])))
    return std::nullopt;
  return fmt::format("write '{}_{}' (digits are grouped with '_', not with {})",
                     text.substr(begin, number_end - begin), text.substr(group, 3),
                     comma ? "','" : "spaces");
}

Diagnostic to_diagnostic(const Error& e, const State& st) {
  const std::string_view text = st.file.text();
  std::uint32_t begin = st.offset(e.begin);
  std::uint32_t end = e.end ? st.offset(e.end) : token_end(text, begin);
  if (std::string_view(e.code) == code::unterminated_text) {
    end = begin;
    begin = open_quote_before(text, begin);
  }
  std::string message = e.message;
  if (const auto at = message.find("{found}"); at != std::string::npos)
    message.replace(at, 7, describe_token(text, st.offset(e.begin), token_end(text, st.offset(e.begin))));
  Diagnostic d;
  d.severity = Severity::error;
  d.code = e.code;
  d.span = Span{st.id, begin, end};
  d.message = std::move(message);
  if (!e.help.empty()) d.help = e.help;
  else if (auto help = number_spelling_help(text, st.offset(e.begin))) d.help = std::move(help);
  return d;
}

// After an error: the next line, after the one where the declaration began, that starts with a
// declaration keyword.
std::size_t recovery_point(std::string_view text, std::size_t declaration_begin) {
  std::size_t pos = text.find('\n', declaration_begin);
  while (pos != std::string_view::npos) {
    std::size_t i = pos + 1;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
    pegtl::memory_input<pegtl::tracking_mode::lazy> probe(text.data() + i, text.data() + text.size(), "");
    // `score: number` is a (misnamed) field, not a declaration.
    if (pegtl::parse<pegtl::seq<g::declaration_keyword, g::hsep, pegtl::not_at<pegtl::one<':'>>>>(probe))
      return i;
    pos = text.find('\n', i);
  }
  return text.size();
}

// After `score: number` was reported, every later use of `score` is a syntax error too: those
// are dropped, and the field's error counts them.
void drop_uses_of_reserved_fields(std::string_view text, const std::vector<std::string>& words,
                                  Diagnostics& diags) {
  if (words.empty()) return;
  auto word_at = [&](std::uint32_t at) {
    std::size_t end = at;
    while (end < text.size() && g::is_identifier_char(text[end])) ++end;
    return text.substr(at, end - at);
  };
  auto& items = diags.items();
  auto is_field_error = [](const Diagnostic& d) { return d.message.ends_with("as a field name"); };
  std::map<std::string, std::pair<std::size_t, std::size_t>> field_error;  // word -> (index, uses)
  std::vector<Diagnostic> kept;
  for (auto& d : items)
    if (is_field_error(d)) field_error.try_emplace(std::string(word_at(d.span.begin)), 0, 0);
  for (auto& d : items) {
    const auto it = field_error.find(std::string(word_at(d.span.begin)));
    if (it != field_error.end() && !is_field_error(d)) {
      ++it->second.second;
      continue;
    }
    if (it != field_error.end()) it->second.first = kept.size();
    kept.push_back(std::move(d));
  }
  for (const auto& [word, at] : field_error)
    if (at.second > 0)
      kept[at.first].message += fmt::format(" ({} later use{} of '{}' not reported)", at.second,
                                            at.second == 1 ? "" : "s", word);
  items = std::move(kept);
}

std::vector<Comment> scan_comments(std::string_view text, FileId id) {
  std::vector<Comment> comments;
  bool in_text = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_text) {
      if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
      else if (c == '"' || c == '\n') in_text = false;
    } else if (c == '"') {
      in_text = true;
    } else if (c == '#') {
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      std::size_t last = end;
      if (last > i && text[last - 1] == '\r') --last;
      comments.push_back(Comment{Span{id, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(last)}});
      i = end;
    }
  }
  return comments;
}

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

std::string condition_text(std::string_view source) {
  std::string out;
  out.reserve(source.size());
  bool in_text = false;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (in_text) {
      out.push_back(c);
      if (c == '\\' && i + 1 < source.size()) out.push_back(source[++i]);
      else if (c == '"') in_text = false;
      continue;
    }
    if (c == '"') {
      in_text = true;
      out.push_back(c);
    } else if (c == '#') {
      while (i + 1 < source.size() && source[i + 1] != '\n') ++i;
    } else if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\r')) out.pop_back();
      while (i + 1 < source.size() && (source[i + 1] == ' ' || source[i + 1] == '\t' || source[i + 1] == '\r')) ++i;
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

ParseResult parse_module(const SourceFile& file, FileId id) {
  ParseResult result;
  result.module.file = id;
  if (!check_encoding(file, id, result.diagnostics)) return result;
  const std::string_view text = file.text();
  result.module.comments = scan_comments(text, id);

  State st(file, id, result.module);
  std::size_t pos = text.starts_with(utf8_bom) ? utf8_bom.size() : 0;
  while (pos < text.size()) {
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data() + pos, text.data() + text.size(), file.name());
    (void)pegtl::parse<g::sep>(in);
    pos = st.offset(in.current());
    if (pos >= text.size()) break;
    st.name = {};
    try {
      st.nesting_depth = 0;
      pegtl::parse<g::declaration, action, syntax::control>(in, st);
      pos = st.offset(in.current());
    } catch (const Error& e) {
      result.diagnostics.add(to_diagnostic(e, st));
      if (!st.name.value.empty()) result.module.unparsed_names.push_back(st.name.value);
      st.clear_declaration();
      pos = recovery_point(text, pos);
    } catch (const pegtl::parse_error& e) {
      const auto at = e.positions().empty() ? pos : e.positions().front().byte + pos;
      result.diagnostics.error(code::expected, Span{id, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at)},
                               "syntax error");
      if (!st.name.value.empty()) result.module.unparsed_names.push_back(st.name.value);
      st.clear_declaration();
      pos = recovery_point(text, pos);
    }
    for (auto& d : st.reported) result.diagnostics.add(std::move(d));
    st.reported.clear();
  }
  drop_uses_of_reserved_fields(text, st.reserved_field_names, result.diagnostics);
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
    if (!st.stack.empty()) result.expr = std::move(st.stack.back().expr);
  } catch (const Error& e) {
    result.diagnostics.add(to_diagnostic(e, st));
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

}  // namespace qpl
