#pragma once
// A syntax error as the grammar's control, the parser's actions and the literal decoding raise
// it, and the codes of syntax errors. The parser turns each into a Diagnostic.
//
// Syntax error codes:
//   QPL001  invalid UTF-8 or a character that cannot start anything (NUL, control characters)
//   QPL002  expected a declaration at the top level
//   QPL003  unterminated text
//   QPL004  invalid escape in a text (unknown escape, bad \u{...}, surrogate)
//   QPL005  malformed number (a letter right after a number, '.' without digits, too large)
//   QPL006  impossible date
//   QPL007  an operator from another language: '==', '!', '&&', '||'
//   QPL008  chained comparison
//   QPL009  nested too deeply / expression too long
//   QPL010  a reserved word used as a name
//   QPL011  expected a token or a part of a clause (a missing ')', ':', 'when', a value...)
//   QPL012  score rule shape: missing sign, clauses out of order
//   QPL013  duration: not a whole number, missing after 'within'
//   QPL014  empty group '()'
//   QPL015  something left on a line after a complete clause
//   QPL016  'missing values' outside 'fields'
//
// A message may contain "{found}": the parser replaces it with the offending token, quoted.
#include <string>

namespace qpl::syntax {

// Every syntax error, from a rule or from an action; converted into a Diagnostic by the parser.
struct SyntaxError {
  const char* code;
  std::string message;
  const char* begin;          // where the problem is
  const char* end = nullptr;  // null: the parser takes the token at `begin`
  std::string help = {};
};

namespace code {
inline constexpr const char* encoding = "QPL001";
inline constexpr const char* declaration = "QPL002";
inline constexpr const char* unterminated_text = "QPL003";
inline constexpr const char* escape = "QPL004";
inline constexpr const char* number = "QPL005";
inline constexpr const char* date = "QPL006";
inline constexpr const char* foreign_operator = "QPL007";
inline constexpr const char* chained = "QPL008";
inline constexpr const char* too_deep = "QPL009";
inline constexpr const char* reserved = "QPL010";
inline constexpr const char* expected = "QPL011";
inline constexpr const char* score_rule = "QPL012";
inline constexpr const char* duration = "QPL013";
inline constexpr const char* empty_group = "QPL014";
inline constexpr const char* trailing = "QPL015";
inline constexpr const char* missing_values = "QPL016";
}  // namespace code

}  // namespace qpl::syntax
