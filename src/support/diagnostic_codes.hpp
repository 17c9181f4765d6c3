#pragma once
// The diagnostic codes' constants, generated from the one registry (diagnostic_codes.def):
// each layer's `code` namespace is an alias of one of these (syntax::code, sema::code,
// lint::code). The table of every code with its name and summary is lint/codes.hpp.
#include <cstdint>

namespace qpl::diagnostic_codes {

// Which part of `qualify` reports a code.
enum class Layer : std::uint8_t { syntax, check, lint };

#define QPL_CODE(layer, constant, code, name, severity, summary) QPL_CODE_##layer(constant, code)
#define QPL_CODE_syntax(constant, code)
#define QPL_CODE_check(constant, code)
#define QPL_CODE_lint(constant, code)

namespace syntax {
#undef QPL_CODE_syntax
#define QPL_CODE_syntax(constant, code) inline constexpr const char* constant = code;
#include "support/diagnostic_codes.def"
#undef QPL_CODE_syntax
#define QPL_CODE_syntax(constant, code)
}  // namespace syntax

namespace check {
#undef QPL_CODE_check
#define QPL_CODE_check(constant, code) inline constexpr const char* constant = code;
#include "support/diagnostic_codes.def"
#undef QPL_CODE_check
#define QPL_CODE_check(constant, code)
}  // namespace check

namespace lint {
#undef QPL_CODE_lint
#define QPL_CODE_lint(constant, code) inline constexpr const char* constant = code;
#include "support/diagnostic_codes.def"
#undef QPL_CODE_lint
#define QPL_CODE_lint(constant, code)
}  // namespace lint

#undef QPL_CODE
#undef QPL_CODE_syntax
#undef QPL_CODE_check
#undef QPL_CODE_lint

}  // namespace qpl::diagnostic_codes
