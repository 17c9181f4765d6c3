#pragma once
// The builtin functions, listed once: each one's name, its signature (which the checker
// enforces) and its implementation, the Builtin id that the evaluator dispatches on in a switch
// with no default (a builtin added here without an implementation fails to build).
#include <array>
#include <cstdint>
#include <string_view>

#include "model/ast.hpp"

namespace qpl {

// What a builtin's arguments must be.
enum class BuiltinParameter : std::uint8_t {
  text,            // a text (or a 'one of' value)
  email,           // a text, read as an e-mail address
  text_or_list,    // a text or a list
  number,
  date,
  number_or_date,  // numbers or dates, all of one type
};

enum class BuiltinResult : std::uint8_t { text, number, same_as_arguments };

struct BuiltinSignature {
  BuiltinParameter parameter;
  bool variadic;  // one or more arguments (min, max); otherwise exactly one
  BuiltinResult result;
};

struct BuiltinFunction {
  std::string_view name;
  Builtin id;
  BuiltinSignature signature;
};

// In the order the language reference lists them (and "did you mean" considers them).
inline constexpr std::array<BuiltinFunction, 12> builtin_functions{{
    {"lower", Builtin::lower, {BuiltinParameter::text, false, BuiltinResult::text}},
    {"upper", Builtin::upper, {BuiltinParameter::text, false, BuiltinResult::text}},
    {"trim", Builtin::trim, {BuiltinParameter::text, false, BuiltinResult::text}},
    {"length", Builtin::length, {BuiltinParameter::text_or_list, false, BuiltinResult::number}},
    {"domain", Builtin::domain, {BuiltinParameter::email, false, BuiltinResult::text}},
    {"min", Builtin::min, {BuiltinParameter::number_or_date, true, BuiltinResult::same_as_arguments}},
    {"max", Builtin::max, {BuiltinParameter::number_or_date, true, BuiltinResult::same_as_arguments}},
    {"abs", Builtin::abs, {BuiltinParameter::number, false, BuiltinResult::number}},
    {"round", Builtin::round, {BuiltinParameter::number, false, BuiltinResult::number}},
    {"floor", Builtin::floor, {BuiltinParameter::number, false, BuiltinResult::number}},
    {"ceil", Builtin::ceil, {BuiltinParameter::number, false, BuiltinResult::number}},
    {"days_since", Builtin::days_since, {BuiltinParameter::date, false, BuiltinResult::number}},
}};
// Every Builtin but `unresolved` has its row, in the enum's order.
static_assert(builtin_functions.size() == static_cast<std::size_t>(Builtin::days_since));
static_assert([] {
  for (std::size_t i = 0; i < builtin_functions.size(); ++i)
    if (builtin_functions[i].id != static_cast<Builtin>(i + 1)) return false;
  return true;
}());

// The builtin called `name`, or null.
constexpr const BuiltinFunction* find_builtin(std::string_view name) {
  for (const BuiltinFunction& f : builtin_functions)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace qpl
