#pragma once
// Messages for every rule of grammar/qpl_grammar.hpp that can fail after a committing token, and
// the control class that raises them and bounds the nesting. The grammar itself holds no text
// and depends on PEGTL only. Missing a message for a `must<>` rule is a compile error
// (static_assert). The codes are in syntax_error.hpp.
#include <cstddef>
#include <string>

#include "grammar/qpl_grammar.hpp"
#include "syntax/limits.hpp"
#include "syntax/syntax_error.hpp"

namespace qpl::syntax {

namespace pegtl = tao::pegtl;
namespace g = grammar;

struct ErrorInfo {
  const char* code = nullptr;
  const char* message = nullptr;
  const char* help = nullptr;  // the fix, shown under the frame
};

template <typename Rule>
inline constexpr ErrorInfo error_message{};

// Rules that never fail, so `must<>` around them needs no message.
template <typename Rule> inline constexpr bool cannot_fail = false;
template <> inline constexpr bool cannot_fail<g::sep> = true;
template <> inline constexpr bool cannot_fail<g::hsep> = true;
template <> inline constexpr bool cannot_fail<g::clause_end> = true;
template <> inline constexpr bool cannot_fail<g::score_rule_end> = true;
template <> inline constexpr bool cannot_fail<g::no_chained_comparison> = true;
template <typename... Rules> inline constexpr bool cannot_fail<pegtl::opt<Rules...>> = true;
template <typename... Rules> inline constexpr bool cannot_fail<pegtl::star<Rules...>> = true;

#define QPL_ERROR(RULE, CODE, TEXT) \
  template <> inline constexpr ErrorInfo error_message<g::RULE>{code::CODE, TEXT}
#define QPL_ERROR_H(RULE, CODE, TEXT, HELP) \
  template <> inline constexpr ErrorInfo error_message<g::RULE>{code::CODE, TEXT, HELP}
#define QPL_ERROR_T(RULE, CODE, TEXT) \
  template <bool B> inline constexpr ErrorInfo error_message<g::RULE<B>>{code::CODE, TEXT}

// clang-format off
QPL_ERROR(expected_declaration, declaration, "expected a declaration (policy, import, fields, record, let, icp, score, gates, grade, bands, account, funnel or test), found {found}");
QPL_ERROR(text_close, unterminated_text, "unterminated text");
QPL_ERROR(fraction_digits, number, "expected a digit after '.' in a number");
QPL_ERROR(number_followed_by_letter, number, "a number cannot be directly followed by a letter or '_'");
QPL_ERROR(fractional_duration, duration, "a duration must be a whole number of days or weeks");
QPL_ERROR(double_equals, foreign_operator, "'==' is not an operator (use '=')");
QPL_ERROR(bang_operator, foreign_operator, "use 'not' instead of '!'");
QPL_ERROR(bang_infix, foreign_operator, "'!' is not an operator (use '!=' for not equal, 'not' to negate)");
QPL_ERROR(and_and_operator, foreign_operator, "'&&' is not an operator (use 'and')");
QPL_ERROR(or_or_operator, foreign_operator, "'||' is not an operator (use 'or')");
QPL_ERROR(chained_comparison, chained, "comparisons cannot be chained: add parentheses");
QPL_ERROR(reserved_as_name, reserved, "{found} is a reserved word and cannot be used as a name");
QPL_ERROR(empty_group, empty_group, "a group needs at least one condition between '(' and ')'");
QPL_ERROR(any_needs_paren_or_of, expected, "expected '(' or 'of' after 'any'");
QPL_ERROR(all_needs_paren_or_of, expected, "expected '(' or 'of' after 'all'");
QPL_ERROR(count_needs_paren, expected, "expected '(' after 'count'");
QPL_ERROR(rule_needs_sign, score_rule, "a score rule needs a sign: '+5' or '-5'");
QPL_ERROR_H(second_rule_on_line, score_rule, "a second score rule on the same line", "put each score rule on its own line; to add a number to the value, use parentheses: 'per (x + 10)'");
QPL_ERROR(score_clause_order, score_rule, "the clauses of a score rule come in the order 'per', 'decaying', 'when', 'up to', 'from', 'until', 'as'");
QPL_ERROR(decay_shape, expected, "expected 'half-life' or 'linearly over' after 'decaying'");
QPL_ERROR(decay_over, expected, "expected 'over' after 'linearly'");
QPL_ERROR(decay_period, duration, "expected a duration such as '30 days' or '4 weeks'");
QPL_ERROR(decay_field, expected, "expected the name of the element's date field after 'by'");
QPL_ERROR(per_where_condition, expected, "expected a condition after 'where'");
QPL_ERROR_H(per_where_decay, expected, "expected 'decaying' after the condition: 'where' after 'per' keeps the elements of a decay", "count the elements with 'per count(LIST where COND)', or give them a decay: 'decaying half-life 30 days'");
QPL_ERROR(window_start, expected, "expected a date such as 2026-09-01 after 'from'");
QPL_ERROR(window_end, expected, "expected a date such as 2026-12-31 after 'until'");
QPL_ERROR(missing_values_outside_fields, missing_values, "'missing values' is only allowed in 'fields'");
QPL_ERROR(unexpected_after_clause, trailing, "expected the end of the line, found {found}");

QPL_ERROR(repl_expression, expected, "expected an expression");
QPL_ERROR(repl_end, trailing, "expected the end of the expression, found {found}");
QPL_ERROR(paren_inner, expected, "expected an expression after '('");
QPL_ERROR(paren_close, expected, "expected ')' to close '('");
QPL_ERROR(list_next, expected, "expected a list element or ']' after ','");
QPL_ERROR(list_close, expected, "expected ',' or ']' in the list");
QPL_ERROR(call_argument, expected, "expected an argument");
QPL_ERROR(call_close, expected, "expected ',' or ')' after the argument");
QPL_ERROR(query_list, expected, "expected a list after '('");
QPL_ERROR(where_condition, expected, "expected a condition after 'where'");
QPL_ERROR(query_close, expected, "expected 'where' or ')' after the list");
QPL_ERROR(aggregate_list, expected, "expected a list after 'of'");
QPL_ERROR(aggregate_close, expected, "expected 'where' or ')' after the list");
QPL_ERROR(least_word, expected, "expected 'least' after 'at'");
QPL_ERROR(group_count, expected, "expected a whole number after 'at least'");
QPL_ERROR(group_of, expected, "expected 'of' before the group");
QPL_ERROR(group_ref, expected, "expected a gates name or '(' after 'of'");
QPL_ERROR(group_first_item, expected, "expected a condition after '('");
QPL_ERROR(group_item, expected, "expected a condition after ','");
QPL_ERROR(group_items_close, expected, "expected ',' or ')' in the group");
QPL_ERROR(member_name, expected, "expected a name after '.'");
QPL_ERROR(negate_operand, expected, "expected a value after '-'");
QPL_ERROR(mul_operand, expected, "expected a value after the operator");
QPL_ERROR(add_operand, expected, "expected a value after the operator");
QPL_ERROR_T(otherwise_operand, expected, "expected a value after 'otherwise'");
QPL_ERROR_T(in_list, expected, "expected a list after 'in'");
QPL_ERROR_T(between_low, expected, "expected a number after 'between'");
QPL_ERROR(between_and, expected, "expected 'and' after the lower bound of 'between'");
QPL_ERROR_T(between_high, expected, "expected a value after 'and'");
QPL_ERROR_T(contains_rhs, expected, "expected a value after 'contains'");
QPL_ERROR(starts_with_word, expected, "expected 'with' after 'starts'");
QPL_ERROR_T(starts_rhs, expected, "expected a value after 'starts with'");
QPL_ERROR(ends_with_word, expected, "expected 'with' after 'ends'");
QPL_ERROR_T(ends_rhs, expected, "expected a value after 'ends with'");
QPL_ERROR(matches_pattern, expected, "expected a pattern in quotes after 'matches'");
QPL_ERROR(is_state, expected, "expected 'missing' or 'present' after 'is'");
QPL_ERROR(within_duration, duration, "expected a duration such as '30 days' after 'within'");
QPL_ERROR_T(not_operand, expected, "expected a condition after 'not'");
QPL_ERROR_T(and_operand, expected, "expected a condition after 'and'");
QPL_ERROR_T(or_operand, expected, "expected a condition after 'or'");
template <bool B> inline constexpr ErrorInfo error_message<g::compare_rhs<B, g::op_eq>>{code::expected, "expected a value after '='"};
template <bool B> inline constexpr ErrorInfo error_message<g::compare_rhs<B, g::op_ne>>{code::expected, "expected a value after '!='"};
template <bool B> inline constexpr ErrorInfo error_message<g::compare_rhs<B, g::op_le>>{code::expected, "expected a value after '<='"};
template <bool B> inline constexpr ErrorInfo error_message<g::compare_rhs<B, g::op_lt>>{code::expected, "expected a value after '<'"};
template <bool B> inline constexpr ErrorInfo error_message<g::compare_rhs<B, g::op_ge>>{code::expected, "expected a value after '>='"};
template <bool B> inline constexpr ErrorInfo error_message<g::compare_rhs<B, g::op_gt>>{code::expected, "expected a value after '>'"};

QPL_ERROR(label_text, expected, "expected a label in quotes after 'as'");
QPL_ERROR(policy_name, expected, "expected the policy name in quotes after 'policy'");
QPL_ERROR(version_number, expected, "expected a whole number after 'version'");
QPL_ERROR(import_path, expected, "expected a file path in quotes after 'import'");
QPL_ERROR(list_element_type, expected, "expected a type after 'list of'");
QPL_ERROR(one_of_open, expected, "expected '(' after 'one of'");
QPL_ERROR(one_of_value, expected, "expected a value in quotes");
QPL_ERROR(one_of_close, expected, "expected ',' or ')' after the value");
QPL_ERROR(field_colon, expected, "expected ':' after the field name");
QPL_ERROR(field_type, expected, "expected a type after ':'");
QPL_ERROR(source_text, expected, "expected a column name or path in quotes after 'from'");
QPL_ERROR(format_pattern, expected, "expected a format in quotes after 'format', such as \"DD/MM/YYYY\" or \"1,000.00\"");
QPL_ERROR(unreadable_missing, expected, "expected 'missing' after 'unreadable'");
QPL_ERROR(missing_values_word, expected, "expected 'values' after 'missing'");
QPL_ERROR(missing_value, expected, "expected a value in quotes after 'missing values'");
QPL_ERROR(fields_open, expected, "expected '{' after 'fields'");
QPL_ERROR(fields_close, expected, "expected a field or '}' in 'fields', found {found}");
QPL_ERROR(record_name, expected, "expected a name after 'record'");
QPL_ERROR(record_open, expected, "expected '{' after the record name");
QPL_ERROR(record_close, expected, "expected a field or '}' in the record, found {found}");
QPL_ERROR(let_name, expected, "expected a name after 'let'");
QPL_ERROR(let_equals, expected, "expected '=' after the name");
QPL_ERROR(let_value, expected, "expected an expression after '='");
QPL_ERROR(icp_name, expected, "expected a name after 'icp'");
QPL_ERROR(icp_open, expected, "expected '{' after the icp name");
QPL_ERROR(require_condition, expected, "expected a condition after 'require'");
QPL_ERROR(exclude_condition, expected, "expected a condition after 'exclude'");
QPL_ERROR(icp_close, expected, "expected 'require', 'exclude' or '}' in the icp, found {found}");
QPL_ERROR(score_name, expected, "expected a name after 'score'");
QPL_ERROR(score_low, expected, "expected a number after 'from'");
QPL_ERROR(score_to, expected, "expected 'to' after the lowest score");
QPL_ERROR(score_high, expected, "expected a number after 'to'");
QPL_ERROR(score_open, expected, "expected '{' after the score name");
QPL_ERROR(rule_points, score_rule, "expected a number after the sign of the rule");
QPL_ERROR(per_value, expected, "expected a value after 'per'");
QPL_ERROR(when_condition, expected, "expected a condition after 'when'");
QPL_ERROR(up_to_word, expected, "expected 'to' after 'up'");
QPL_ERROR(up_to_limit, expected, "expected a non-negative number after 'up to'");
QPL_ERROR(score_close, expected, "expected a score rule such as '+5 when ...' or '}', found {found}");
QPL_ERROR(gates_name, expected, "expected a name after 'gates'");
QPL_ERROR(gates_open, expected, "expected '{' after the gates name");
QPL_ERROR(check_when, expected, "expected 'when' after the check name");
QPL_ERROR(check_condition, expected, "expected a condition after 'when'");
QPL_ERROR(gates_close, expected, "expected a check such as 'budget when ...' or '}', found {found}");
QPL_ERROR(account_key, expected, "expected the name of the account's key field after 'account by'");
QPL_ERROR(account_open, expected, "expected '{' after the account's key field");
QPL_ERROR(account_close, expected, "expected 'let NAME = ...' or '}' in the account block, found {found}");
QPL_ERROR(stage_rule, expected, "expected 'when' or 'otherwise' after the stage name");
QPL_ERROR(funnel_condition, expected, "expected a condition after 'when'");
QPL_ERROR(funnel_open, expected, "expected '{' or 'forward-only {' after 'funnel'");
QPL_ERROR(order_stage, expected, "expected a stage name after 'order'");
QPL_ERROR(order_rest, expected, "expected '<' and the next stage, as in 'order lead < mql < sql'");
QPL_ERROR(recycle_stage, expected, "expected a stage name after 'recycle to'");
QPL_ERROR(recycle_when, expected, "expected 'when' after the recycle's stage");
QPL_ERROR(sla_stage, expected, "expected a stage name after 'sla'");
QPL_ERROR(sla_within_word, expected, "expected 'within' after the sla's stage");
QPL_ERROR(sla_within, duration, "expected a duration such as '2 days', '1 week' or '4 hours'");
QPL_ERROR(recycle_condition, expected, "expected a condition after 'when'");
QPL_ERROR(funnel_close, expected, "expected a funnel line such as 'mql when ...' or '}', found {found}");
QPL_ERROR(grade_name, expected, "expected a name after 'grade' or 'bands'");
QPL_ERROR(grade_open, expected, "expected '{' after the name");
QPL_ERROR(bands_of, expected, "expected 'of' and the number to cut after the bands' name");
QPL_ERROR(bands_value, expected, "expected an expression after 'of'");
QPL_ERROR(grade_rule, expected, "expected 'when' or 'otherwise' after the grade's label");
QPL_ERROR(grade_condition, expected, "expected a condition after 'when'");
QPL_ERROR(band_rule, expected, "expected 'below' and a number, or 'otherwise', after the band's label");
QPL_ERROR(band_bound, expected, "expected a number after 'below'");
QPL_ERROR(grade_line_end, trailing, "expected the end of the line or ',', found {found}");
QPL_ERROR(grade_close, expected, "expected a line such as '\"A\" when ...', 'cold below 20' or '}', found {found}");
QPL_ERROR(value_list_next, expected, "expected a value or ']' after ','");
QPL_ERROR(value_list_close, expected, "expected ',' or ']' in the list");
QPL_ERROR(record_colon, expected, "expected ':' after the field name");
QPL_ERROR(record_value, expected, "expected a value after ':'");
QPL_ERROR(record_literal_close, expected, "expected a field or '}' in the record, found {found}");
QPL_ERROR(test_name, expected, "expected the test name in quotes after 'test'");
QPL_ERROR(test_open, expected, "expected '{' after the test name");
QPL_ERROR(as_of_word, expected, "expected 'of' after 'as'");
QPL_ERROR(as_of_date, expected, "expected a date such as 2026-11-01 after 'as of'");
QPL_ERROR(lead_record, expected, "expected '{' after 'lead'");
QPL_ERROR(expect_expression, expected, "expected an expression after 'expect'");
QPL_ERROR(expect_equals, expected, "expected '=' and the expected value (put a condition in parentheses: 'expect (a and b) = true')");
QPL_ERROR(expect_value, expected, "expected a value after '='");
QPL_ERROR(test_close, expected, "expected 'as of', 'lead', 'leads from', 'expect' or '}' in the test, found {found}");
QPL_ERROR(leads_from, expected, "expected 'from' after 'leads'");
QPL_ERROR(leads_path, expected, "expected the file of leads in quotes after 'leads from'");
QPL_ERROR(header_end, trailing, "expected the end of the expression, found {found} (put a condition in parentheses)");
// clang-format on

#undef QPL_ERROR
#undef QPL_ERROR_T
#undef QPL_ERROR_H

// Rules whose body recurses: each level is counted against max_nesting_depth (limits.hpp). They are
// the parts after a committing token, so a rule merely tried is never counted.
template <typename Rule> inline constexpr bool nests = false;
template <> inline constexpr bool nests<g::paren_inner> = true;
template <> inline constexpr bool nests<g::list_item> = true;
template <> inline constexpr bool nests<g::call_argument> = true;
template <> inline constexpr bool nests<g::query_list> = true;
template <> inline constexpr bool nests<g::where_condition> = true;
template <> inline constexpr bool nests<g::group_item> = true;
template <> inline constexpr bool nests<g::negate_operand> = true;
template <bool B> inline constexpr bool nests<g::not_operand<B>> = true;
template <> inline constexpr bool nests<g::value_list_item> = true;
template <> inline constexpr bool nests<g::record_value> = true;
template <> inline constexpr bool nests<g::list_element_type> = true;

// The nesting count of one parse. The control finds it as the first parse state (the parser's
// builder state derives from it), so parses on several threads never share it.
struct NestingCount {
  std::size_t nesting_depth = 0;
};

// The control class: PEGTL's normal control, plus the message table and the depth bound.
template <typename Rule>
struct control : pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&...) {
    static_assert(cannot_fail<Rule> || error_message<Rule>.message != nullptr,
                  "a rule used in must<> needs a message in syntax/syntax_errors.hpp");
    if constexpr (error_message<Rule>.message != nullptr) {
      throw SyntaxError{error_message<Rule>.code, error_message<Rule>.message, in.current(), nullptr,
                        error_message<Rule>.help ? error_message<Rule>.help : ""};
    } else {
      throw SyntaxError{code::expected, "unexpected {found}", in.current()};
    }
  }

  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename State,
            typename... States>
  static bool match(ParseInput& in, State& count, States&&... st) {
    if constexpr (nests<Rule>) {
      NestingCount& n = count;
      if (n.nesting_depth >= max_nesting_depth)
        throw SyntaxError{code::too_deep,
                          "nested too deeply (more than " + std::to_string(max_nesting_depth) +
                              " levels)",
                          in.current()};
      struct Guard {
        explicit Guard(NestingCount& c) : c_(c) { ++c_.nesting_depth; }
        ~Guard() { --c_.nesting_depth; }
        Guard(const Guard&) = delete;
        Guard& operator=(const Guard&) = delete;
        NestingCount& c_;
      } guard(n);
      return pegtl::normal<Rule>::template match<A, M, Action, Control>(in, count, st...);
    } else {
      return pegtl::normal<Rule>::template match<A, M, Action, Control>(in, count, st...);
    }
  }
};

}  // namespace qpl::syntax
