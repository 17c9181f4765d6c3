#pragma once
// The builtin functions, listed once: each one's name, its signature (which the checker
// enforces) and its implementation (which both evaluations call: the tree walk on Values and the
// compiled program on Slots dispatch on the implementation's shape, in switches with no default).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/ast.hpp"
#include "support/utf8.hpp"

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

// What a builtin computes on plain values, once its argument is known and of its type. The
// evaluators own the Kleene part (an unknown argument gives unknown) and the values' storage.
enum class BuiltinShape : std::uint8_t {
  text_to_text,    // `text`: the result into a buffer the evaluator keeps
  text_to_domain,  // `domain`: no domain gives unknown (fault no_domain)
  length,          // `measure` on a text; a list's element count (R13), which the evaluator knows
  number_to_number,// `number`
  days_since,      // `days`: today - the date, in days (R31: negative for a future date)
  extreme,         // min (`sign` -1) or max (+1) of its arguments, all of one kind (R13, R25)
};

struct BuiltinImplementation {
  BuiltinShape shape;
  void (*text)(std::string& out, std::string_view in) = nullptr;
  std::optional<std::string> (*domain)(std::string_view email) = nullptr;
  double (*measure)(std::string_view text) = nullptr;
  double (*number)(double x) = nullptr;
  double (*days)(std::int32_t today, std::int32_t day) = nullptr;
  int sign = 0;
};

// The implementations (model/builtins.cpp), named in the table below.
namespace builtin_kernels {
void lower(std::string& out, std::string_view in);
void upper(std::string& out, std::string_view in);
void trim(std::string& out, std::string_view in);
double length(std::string_view text);  // R29: code points
double abs(double x);                  // R30: C's fabs, round (half away from zero), floor, ceil
double round(double x);
double floor(double x);
double ceil(double x);
double days_since(std::int32_t today, std::int32_t day);
}  // namespace builtin_kernels

struct BuiltinFunction {
  std::string_view name;
  Builtin id;
  BuiltinSignature signature;
  BuiltinImplementation implementation;
};

// In the order the language reference lists them (and "did you mean" considers them).
inline constexpr std::array<BuiltinFunction, 12> builtin_functions{{
    {"lower", Builtin::lower, {BuiltinParameter::text, false, BuiltinResult::text},
     {.shape = BuiltinShape::text_to_text, .text = builtin_kernels::lower}},
    {"upper", Builtin::upper, {BuiltinParameter::text, false, BuiltinResult::text},
     {.shape = BuiltinShape::text_to_text, .text = builtin_kernels::upper}},
    {"trim", Builtin::trim, {BuiltinParameter::text, false, BuiltinResult::text},
     {.shape = BuiltinShape::text_to_text, .text = builtin_kernels::trim}},
    {"length", Builtin::length, {BuiltinParameter::text_or_list, false, BuiltinResult::number},
     {.shape = BuiltinShape::length, .measure = builtin_kernels::length}},
    {"domain", Builtin::domain, {BuiltinParameter::email, false, BuiltinResult::text},
     {.shape = BuiltinShape::text_to_domain, .domain = email_domain}},  // R28
    {"min", Builtin::min, {BuiltinParameter::number_or_date, true, BuiltinResult::same_as_arguments},
     {.shape = BuiltinShape::extreme, .sign = -1}},
    {"max", Builtin::max, {BuiltinParameter::number_or_date, true, BuiltinResult::same_as_arguments},
     {.shape = BuiltinShape::extreme, .sign = 1}},
    {"abs", Builtin::abs, {BuiltinParameter::number, false, BuiltinResult::number},
     {.shape = BuiltinShape::number_to_number, .number = builtin_kernels::abs}},
    {"round", Builtin::round, {BuiltinParameter::number, false, BuiltinResult::number},
     {.shape = BuiltinShape::number_to_number, .number = builtin_kernels::round}},
    {"floor", Builtin::floor, {BuiltinParameter::number, false, BuiltinResult::number},
     {.shape = BuiltinShape::number_to_number, .number = builtin_kernels::floor}},
    {"ceil", Builtin::ceil, {BuiltinParameter::number, false, BuiltinResult::number},
     {.shape = BuiltinShape::number_to_number, .number = builtin_kernels::ceil}},
    {"days_since", Builtin::days_since, {BuiltinParameter::date, false, BuiltinResult::number},
     {.shape = BuiltinShape::days_since, .days = builtin_kernels::days_since}},
}};
// Every Builtin but `unresolved` has its row, in the enum's order.
static_assert(builtin_functions.size() == static_cast<std::size_t>(Builtin::days_since));
static_assert([] {
  for (std::size_t i = 0; i < builtin_functions.size(); ++i)
    if (builtin_functions[i].id != static_cast<Builtin>(i + 1)) return false;
  return true;
}());

// The row of a resolved builtin (not `unresolved`).
constexpr const BuiltinFunction& builtin_of(Builtin id) {
  return builtin_functions[static_cast<std::size_t>(id) - 1];
}

// The builtin called `name`, or null.
constexpr const BuiltinFunction* find_builtin(std::string_view name) {
  for (const BuiltinFunction& f : builtin_functions)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace qpl
