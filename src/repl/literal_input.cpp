#include "repl/literal_input.hpp"

#include <variant>

namespace qpl::repl {
namespace {

constexpr int max_depth = 64;  // nested lists; the parser bounds depth too

std::optional<LiteralValue> convert(const Expr& e, NotALiteral* where, int depth) {
  LiteralValue v;
  v.span = e.span;
  auto fail = [&](Span span) -> std::optional<LiteralValue> {
    if (where) where->span = span;
    return std::nullopt;
  };
  if (depth > max_depth) return fail(e.span);
  if (const auto* n = std::get_if<NumberLit>(&e.kind)) {
    v.kind = LiteralValue::Kind::number;
    v.number = n->value;
  } else if (const auto* u = std::get_if<Unary>(&e.kind)) {
    const auto* operand = u->operand ? std::get_if<NumberLit>(&u->operand->kind) : nullptr;
    if (u->op != UnaryOp::negate || !operand) return fail(e.span);
    v.kind = LiteralValue::Kind::number;
    v.number = -operand->value;
  } else if (const auto* t = std::get_if<TextLit>(&e.kind)) {
    v.kind = LiteralValue::Kind::text;
    v.text = t->value;
  } else if (const auto* b = std::get_if<BoolLit>(&e.kind)) {
    v.kind = LiteralValue::Kind::boolean;
    v.boolean = b->value;
  } else if (const auto* d = std::get_if<DateLit>(&e.kind)) {
    v.kind = LiteralValue::Kind::date;
    v.date = d->days;
  } else if (const auto* list = std::get_if<ListLit>(&e.kind)) {
    v.kind = LiteralValue::Kind::list;
    for (const ExprPtr& item : list->items) {
      if (!item) return fail(e.span);
      auto element = convert(*item, where, depth + 1);
      if (!element) return std::nullopt;
      v.items.push_back(std::move(*element));
    }
  } else {
    return fail(e.span);
  }
  return v;
}

}  // namespace

std::optional<LiteralValue> literal_of(const Expr& expr, NotALiteral* where) {
  return convert(expr, where, 0);
}

}  // namespace qpl::repl
