#pragma once
// A syntax error as the grammar's control, the parser's actions and the literal decoding raise
// it, and the codes of syntax errors. The parser turns each into a Diagnostic.
//
// The codes (QPL0xx) are listed, with their names and summaries, in support/diagnostic_codes.def.
//
// A message may contain "{found}": the parser replaces it with the offending token, quoted.
#include <string>

#include "support/diagnostic_codes.hpp"

namespace qpl::syntax {

// Every syntax error, from a rule or from an action; converted into a Diagnostic by the parser.
struct SyntaxError {
  const char* code;
  std::string message;
  const char* begin;          // where the problem is
  const char* end = nullptr;  // null: the parser takes the token at `begin`
  std::string help = {};
};

namespace code = diagnostic_codes::syntax;  // generated from support/diagnostic_codes.def

}  // namespace qpl::syntax
