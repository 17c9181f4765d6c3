#pragma once
// Expressions in the canonical layout: one space around binary operators, `, ` in lists and
// calls, parentheses exactly where precedence needs them (the AST keeps none), literals as
// written, and a list too long for its line (or holding comments) broken one item a line.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "format/layout.hpp"
#include "model/ast.hpp"
#include "support/source.hpp"

namespace qpl::format {

// What the printers share: the source (for literals' text and comments) and where lines go.
struct PrintContext {
  const SourceFile& source;
  const std::vector<Comment>& comments;

  bool has_comment_inside(Span span) const;
  // The literal's text as written, white space removed (`- 5` -> `-5`); `fallback` if none.
  std::string literal_text(Span span, std::string fallback) const;
  // The text as written with each run of white space made one space (`30   days`).
  std::string collapsed_text(Span span) const;
};

// Precedence levels of qpl.md (1 `or` .. 10 primaries).
int level_of(const Expr& e);
inline constexpr int operand_level = 5;  // level-4 forms take level-5 operands (R5)

class ExprPrinter {
 public:
  ExprPrinter(const PrintContext& context, LineWriter& out, std::size_t indent,
              std::uint32_t group)
      : context_(context), out_(out), indent_(indent), group_(group) {}

  // Writes `e` on the writer's current line, in parentheses when its level is below `min_level`.
  // `clarify`: e is an operand of `not`, of a comparison-level form or of `expect`, where an
  // `otherwise` or a group test reads ambiguously without parentheses (`not (at least 2 of g)`,
  // `(a otherwise b) between 1 and 5`) although precedence does not need them.
  void print(const Expr& e, int min_level = 1, bool clarify = false);
  // `e` on one line, never broken.
  std::string flat(const Expr& e, int min_level = 1) const;

 private:
  // Each of these is one level of the parser's nesting count (syntax::max_nesting_depth):
  // parentheses, a list item, a call argument, a query's list or condition, a group item, the
  // operand of `-` or `not`.
  class Nested;
  // `needed`: precedence needs the parentheses; `helps_readers`: they are only for readers, and
  // are left out where the output would pass the parser's nesting limit.
  void print_in_parens_if(const Expr& e, bool needed, bool helps_readers);
  bool reader_parens_fit(const Expr& e) const;
  void print_kind(const Expr& e);
  void print_list(const ListLit& list, Span span);
  void print_separated(const std::vector<ExprPtr>& items);
  std::string& code() { return out_.code(); }

  const PrintContext& context_;
  LineWriter& out_;
  std::size_t indent_;
  std::uint32_t group_;
  bool may_break_ = true;
  bool reader_parens_ = true;
  std::size_t depth_ = 0;    // nesting levels around the expression being printed
  std::size_t deepest_ = 0;  // the most levels printed so far
};

}  // namespace qpl::format
