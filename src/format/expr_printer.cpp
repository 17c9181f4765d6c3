#include "format/expr_printer.hpp"

#include <algorithm>
#include <type_traits>

#include "present/quote.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"
#include "syntax/limits.hpp"

namespace qpl::format {

using present::quote;

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A duration with no source text to copy (a tree built by a tool).
std::string duration_text(std::int64_t days, std::int64_t months) {
  return months ? std::to_string(months) + " months" : std::to_string(days) + " days";
}

int binary_level(BinaryOp op) {
  switch (op) {
    case BinaryOp::or_: return 1;
    case BinaryOp::and_: return 2;
    case BinaryOp::eq: case BinaryOp::ne: case BinaryOp::lt: case BinaryOp::le:
    case BinaryOp::gt: case BinaryOp::ge: case BinaryOp::contains: case BinaryOp::starts_with:
    case BinaryOp::ends_with: return 4;
    case BinaryOp::otherwise: return 5;
    case BinaryOp::add: case BinaryOp::sub: return 6;
    case BinaryOp::mul: case BinaryOp::div: case BinaryOp::mod: return 7;
  }
  return 1;
}

// An operand of `not`, of a comparison-level form or of `expect`: an `otherwise` or a group test
// there reads ambiguously without parentheses although precedence does not need them.
bool reads_ambiguously(const Expr& e) {
  return e.kind_case() == ExprKindCase::group_test ||
         (e.kind_case() == ExprKindCase::binary && std::get<Binary>(e.kind).op == BinaryOp::otherwise);
}

bool is_and(const Expr& e) {
  return e.kind_case() == ExprKindCase::binary && std::get<Binary>(e.kind).op == BinaryOp::and_;
}

}  // namespace

class ExprPrinter::Nested {
 public:
  explicit Nested(ExprPrinter& printer) : printer_(printer) {
    printer_.deepest_ = std::max(printer_.deepest_, ++printer_.depth_);
  }
  ~Nested() { --printer_.depth_; }
  Nested(const Nested&) = delete;
  Nested& operator=(const Nested&) = delete;

 private:
  ExprPrinter& printer_;
};

bool PrintContext::has_comment_inside(Span span) const {
  const auto it = std::upper_bound(comments.begin(), comments.end(), span.begin,
                                   [](std::uint32_t o, const Comment& c) { return o < c.span.begin; });
  return it != comments.end() && it->span.begin < span.end;
}

std::string PrintContext::literal_text(Span span, std::string fallback) const {
  std::string text;
  for (const char c : source.slice(span))
    if (!is_space(c)) text += c;
  return text.empty() ? fallback : text;
}

std::string PrintContext::collapsed_text(Span span) const {
  std::string text;
  for (const char c : source.slice(span)) {
    if (!is_space(c)) {
      text += c;
    } else if (!text.empty() && text.back() != ' ') {
      text += ' ';
    }
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

int level_of(const Expr& e) {
  return std::visit(
      [](const auto& k) -> int {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, Binary>) {
          return binary_level(k.op);
        } else if constexpr (std::is_same_v<K, Unary>) {
          return k.op == UnaryOp::not_ ? 3 : 8;
        } else if constexpr (std::is_same_v<K, In> || std::is_same_v<K, Between> ||
                             std::is_same_v<K, Matches> || std::is_same_v<K, IsMissing> ||
                             std::is_same_v<K, Within>) {
          return 4;
        } else if constexpr (std::is_same_v<K, Member> || std::is_same_v<K, Call>) {
          return 9;
        } else if constexpr (std::is_same_v<K, NumberLit> || std::is_same_v<K, TextLit> ||
                             std::is_same_v<K, BoolLit> || std::is_same_v<K, DateLit> ||
                             std::is_same_v<K, DurationLit> || std::is_same_v<K, ListLit> ||
                             std::is_same_v<K, Today> || std::is_same_v<K, LeadRef> ||
                             std::is_same_v<K, Name> || std::is_same_v<K, ListQuery> ||
                             std::is_same_v<K, GroupTest>) {
          return 10;
        } else {
          static_assert(unhandled_kind<K>, "every expression kind has a precedence level");
        }
      },
      e.kind);
}

std::string ExprPrinter::flat(const Expr& e, int min_level) const {
  LineWriter scratch;
  scratch.start(0, 0, Blank::never, 0);
  ExprPrinter printer(context_, scratch, 0, 0);
  printer.may_break_ = false;
  printer.depth_ = depth_;
  printer.print(e, min_level);
  return scratch.code();
}

void ExprPrinter::print(const Expr& e, int min_level, bool clarify) {
  print_in_parens_if(e, level_of(e) < min_level, clarify && reads_ambiguously(e));
}

void ExprPrinter::print_in_parens_if(const Expr& e, bool needed, bool helps_readers) {
  if (needed || (helps_readers && reader_parens_fit(e))) {
    code() += '(';
    const Nested inside(*this);
    print_kind(e);
    code() += ')';
  } else {
    print_kind(e);
  }
}

// Parentheses for readers add a nesting level the source may not have had: they are printed only
// when `e` still fits within the limit printed with no such parentheses inside, so every
// policy the parser accepts is printed as one it accepts again.
bool ExprPrinter::reader_parens_fit(const Expr& e) const {
  if (!reader_parens_) return false;
  LineWriter scratch;
  scratch.start(0, 0, Blank::never, 0);
  ExprPrinter probe(context_, scratch, 0, 0);
  probe.may_break_ = false;
  probe.reader_parens_ = false;
  probe.print_kind(e);
  return depth_ + 1 + probe.deepest_ <= syntax::max_nesting_depth;
}

void ExprPrinter::print_separated(const std::vector<ExprPtr>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) code() += ", ";
    print(*items[i], 1);
  }
}

void ExprPrinter::print_list(const ListLit& list, Span span) {
  bool too_long = false;
  if (may_break_ && !list.items.empty()) {
    std::string flat_text = "[";
    for (const auto& item : list.items) flat_text += flat(*item, 1) + ", ";
    too_long = out_.column() + display_width(flat_text) > max_line_width ||
               context_.has_comment_inside(span);
  }
  const Nested items(*this);
  if (!too_long) {
    code() += '[';
    print_separated(list.items);
    code() += ']';
    return;
  }
  code() += '[';
  const std::size_t outer = indent_;
  indent_ = outer + 1;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const Expr& item = *list.items[i];
    out_.start(indent_, item.span.begin, i == 0 ? Blank::never : Blank::preserved, group_);
    print(item, 1);
    if (i + 1 < list.items.size()) code() += ',';
  }
  indent_ = outer;
  Line& close = out_.start(outer, span.end > 0 ? span.end - 1 : 0, Blank::never, group_);
  close.closes_block = true;
  code() += ']';
}

void ExprPrinter::print_kind(const Expr& e) {
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, NumberLit>) {
          code() += context_.literal_text(e.span, format_number(k.value));
        } else if constexpr (std::is_same_v<K, TextLit>) {
          code() += quote(k.value);
        } else if constexpr (std::is_same_v<K, BoolLit>) {
          code() += k.value ? "true" : "false";
        } else if constexpr (std::is_same_v<K, DateLit>) {
          code() += format_date(k.days);
        } else if constexpr (std::is_same_v<K, DurationLit>) {
          const std::string text = context_.collapsed_text(e.span);
          code() += text.empty() ? duration_text(k.days, k.months) : text;
        } else if constexpr (std::is_same_v<K, ListLit>) {
          print_list(k, e.span);
        } else if constexpr (std::is_same_v<K, Today>) {
          code() += "today";
        } else if constexpr (std::is_same_v<K, LeadRef>) {
          code() += "lead";
        } else if constexpr (std::is_same_v<K, Name>) {
          code() += k.name;
        } else if constexpr (std::is_same_v<K, Member>) {
          print(*k.object, 9);
          code() += '.';
          code() += k.member;
        } else if constexpr (std::is_same_v<K, Call>) {
          code() += k.function;
          code() += '(';
          const Nested arguments(*this);
          print_separated(k.args);
          code() += ')';
        } else if constexpr (std::is_same_v<K, Unary>) {
          const Nested operand(*this);
          if (k.op == UnaryOp::not_) {
            code() += "not ";
            print(*k.operand, 3, true);
          } else {
            // `- -x`, not `-(-x)`: parentheses would count twice against the nesting limit;
            // not `--x`, which readers who know SQL take for a comment.
            code() += level_of(*k.operand) == 8 ? "- " : "-";
            print(*k.operand, 8);
          }
        } else if constexpr (std::is_same_v<K, Binary>) {
          const int level = binary_level(k.op);
          // Left-associative, except the comparisons (R5), which take level-5 operands.
          const int left = level == 4 ? operand_level : level;
          const int right = level == 4 ? operand_level : level + 1;
          // `a or (b and c)`: precedence does not need these parentheses, readers do.
          const auto helps_readers = [&](const Expr& x) {
            return (k.op == BinaryOp::or_ && is_and(x)) || (level == 4 && reads_ambiguously(x));
          };
          print_in_parens_if(*k.lhs, level_of(*k.lhs) < left, helps_readers(*k.lhs));
          code() += ' ';
          code() += binary_op_text(k.op);
          code() += ' ';
          print_in_parens_if(*k.rhs, level_of(*k.rhs) < right, helps_readers(*k.rhs));
        } else if constexpr (std::is_same_v<K, In>) {
          print(*k.value, operand_level, true);
          code() += k.negated ? " not in " : " in ";
          print(*k.list, operand_level, true);
        } else if constexpr (std::is_same_v<K, Between>) {
          print(*k.value, operand_level, true);
          code() += " between ";
          print(*k.low, operand_level, true);
          code() += " and ";
          print(*k.high, operand_level, true);
        } else if constexpr (std::is_same_v<K, Matches>) {
          print(*k.value, operand_level, true);
          code() += " matches ";
          code() += quote(k.pattern);
        } else if constexpr (std::is_same_v<K, IsMissing>) {
          print(*k.value, operand_level, true);
          code() += k.present ? " is present" : " is missing";
        } else if constexpr (std::is_same_v<K, Within>) {
          print(*k.value, operand_level, true);
          code() += " within ";
          const std::string text = context_.collapsed_text(k.duration_span);
          code() += text.empty() ? duration_text(k.days, k.months) : text;
        } else if constexpr (std::is_same_v<K, ListQuery>) {
          code() += quantifier_text(k.quantifier);
          code() += '(';
          if (k.project) {
            const Nested value(*this);
            print(*k.project, 1);
            code() += " of ";
          }
          {
            const Nested list(*this);
            print(*k.list, operand_level, true);
          }
          if (k.where) {
            code() += " where ";
            const Nested condition(*this);
            print(*k.where, 1);
          }
          code() += ')';
        } else if constexpr (std::is_same_v<K, GroupTest>) {
          switch (k.quantifier) {
            case GroupQuantifier::at_least: code() += "at least " + std::to_string(k.k); break;
            case GroupQuantifier::all: code() += "all"; break;
            case GroupQuantifier::any: code() += "any"; break;
            case GroupQuantifier::none: code() += "none"; break;
          }
          code() += " of ";
          if (!k.group.empty()) {
            code() += k.group;
          } else {
            code() += '(';
            const Nested items(*this);
            print_separated(k.items);
            code() += ')';
          }
        } else {
          static_assert(unhandled_kind<K>, "the printer prints every expression kind");
        }
      },
      e.kind);
}

}  // namespace qpl::format
