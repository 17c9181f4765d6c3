#pragma once
// The QPL grammar (qpl.md, qpl-readings.md R1..R9) as PEGTL 3.x rules: rules only, no actions.
// Every rule that can fail after a committing token is a named struct, so src/syntax/syntax_errors.hpp
// can give it a message. This folder depends on PEGTL only: no messages, no limits, no state.
// Included by src/syntax and the grammar tests only.
//
// Expressions come in two flavours, `expression<InBrackets>`: at the top of a clause a `+`/`-`
// that starts a line ends the expression (R2); inside ( ) and [ ] newlines are plain space.
#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace qpl::grammar {

namespace pegtl = tao::pegtl;
using pegtl::at;
using pegtl::digit;
using pegtl::eof;
using pegtl::identifier_other;
using pegtl::if_must;
using pegtl::must;
using pegtl::not_at;
using pegtl::not_one;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::raise;
using pegtl::rep;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::string;
using pegtl::until;

// [R1] The reserved words. Type names, duration units, `version`,
// `values` and the built-in function names are deliberately absent.
inline constexpr auto reserved_words = std::to_array<std::string_view>({
    "policy", "import", "fields", "record", "let", "icp", "require", "exclude", "score", "from",
    "to", "per", "when", "up", "as", "gates", "funnel", "otherwise", "test", "expect", "lead",
    "and", "or", "not", "in", "between", "contains", "starts", "ends", "with", "matches", "is",
    "missing", "present", "within", "today", "count", "any", "all", "none", "at", "least", "of",
    "where", "true", "false", "unknown"});

constexpr bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

constexpr bool is_reserved(std::string_view word) {
  return std::find(reserved_words.begin(), reserved_words.end(), word) != reserved_words.end();
}

// A whole identifier that is a reserved word (so `index` is not `in` + `dex`).
struct reserved_word {
  using rule_t = reserved_word;
  using subs_t = pegtl::empty_list;
  template <typename ParseInput>
  static bool match(ParseInput& in) {
    const char* p = in.current();
    const std::size_t size = in.size();
    std::size_t length = 0;
    while (length < size && is_identifier_char(p[length])) ++length;
    if (length == 0 || (p[0] >= '0' && p[0] <= '9') || !is_reserved({p, length})) return false;
    in.bump(length);
    return true;
  }
};

// clang-format off

// ---- Layout -------------------------------------------------------------------------------
struct comment : seq< one< '#' >, star< not_one< '\n' > > > {};
struct blank : one< ' ', '\t', '\r', '\f', '\v' > {};
struct hsep : star< blank > {};                                   // never crosses a line
struct sep : star< sor< blank, one< '\n' >, comment > > {};

// ---- Keywords (R1) ------------------------------------------------------------------------
struct kw_policy : TAO_PEGTL_KEYWORD( "policy" ) {};
struct kw_import : TAO_PEGTL_KEYWORD( "import" ) {};
struct kw_fields : TAO_PEGTL_KEYWORD( "fields" ) {};
struct kw_record : TAO_PEGTL_KEYWORD( "record" ) {};
struct kw_let : TAO_PEGTL_KEYWORD( "let" ) {};
struct kw_icp : TAO_PEGTL_KEYWORD( "icp" ) {};
struct kw_require : TAO_PEGTL_KEYWORD( "require" ) {};
struct kw_exclude : TAO_PEGTL_KEYWORD( "exclude" ) {};
struct kw_score : TAO_PEGTL_KEYWORD( "score" ) {};
struct kw_from : TAO_PEGTL_KEYWORD( "from" ) {};
struct kw_to : TAO_PEGTL_KEYWORD( "to" ) {};
struct kw_per : TAO_PEGTL_KEYWORD( "per" ) {};
struct kw_when : TAO_PEGTL_KEYWORD( "when" ) {};
struct kw_up : TAO_PEGTL_KEYWORD( "up" ) {};
struct kw_as : TAO_PEGTL_KEYWORD( "as" ) {};
struct kw_gates : TAO_PEGTL_KEYWORD( "gates" ) {};
struct kw_funnel : TAO_PEGTL_KEYWORD( "funnel" ) {};
struct kw_otherwise : TAO_PEGTL_KEYWORD( "otherwise" ) {};
struct kw_test : TAO_PEGTL_KEYWORD( "test" ) {};
struct kw_expect : TAO_PEGTL_KEYWORD( "expect" ) {};
struct kw_lead : TAO_PEGTL_KEYWORD( "lead" ) {};
struct kw_and : TAO_PEGTL_KEYWORD( "and" ) {};
struct kw_or : TAO_PEGTL_KEYWORD( "or" ) {};
struct kw_not : TAO_PEGTL_KEYWORD( "not" ) {};
struct kw_in : TAO_PEGTL_KEYWORD( "in" ) {};
struct kw_between : TAO_PEGTL_KEYWORD( "between" ) {};
struct kw_contains : TAO_PEGTL_KEYWORD( "contains" ) {};
struct kw_starts : TAO_PEGTL_KEYWORD( "starts" ) {};
struct kw_ends : TAO_PEGTL_KEYWORD( "ends" ) {};
struct kw_with : TAO_PEGTL_KEYWORD( "with" ) {};
struct kw_matches : TAO_PEGTL_KEYWORD( "matches" ) {};
struct kw_is : TAO_PEGTL_KEYWORD( "is" ) {};
struct kw_missing : TAO_PEGTL_KEYWORD( "missing" ) {};
struct kw_present : TAO_PEGTL_KEYWORD( "present" ) {};
struct kw_within : TAO_PEGTL_KEYWORD( "within" ) {};
struct kw_today : TAO_PEGTL_KEYWORD( "today" ) {};
struct kw_count : TAO_PEGTL_KEYWORD( "count" ) {};
struct kw_any : TAO_PEGTL_KEYWORD( "any" ) {};
struct kw_all : TAO_PEGTL_KEYWORD( "all" ) {};
struct kw_none : TAO_PEGTL_KEYWORD( "none" ) {};
struct kw_at : TAO_PEGTL_KEYWORD( "at" ) {};
struct kw_least : TAO_PEGTL_KEYWORD( "least" ) {};
struct kw_of : TAO_PEGTL_KEYWORD( "of" ) {};
struct kw_where : TAO_PEGTL_KEYWORD( "where" ) {};
struct kw_true : TAO_PEGTL_KEYWORD( "true" ) {};
struct kw_false : TAO_PEGTL_KEYWORD( "false" ) {};
struct kw_unknown : TAO_PEGTL_KEYWORD( "unknown" ) {};
// Words that matter only in their own position (not reserved).
struct word_version : TAO_PEGTL_KEYWORD( "version" ) {};
struct word_values : TAO_PEGTL_KEYWORD( "values" ) {};
struct word_list : TAO_PEGTL_KEYWORD( "list" ) {};
struct word_one : TAO_PEGTL_KEYWORD( "one" ) {};
// Field options (not reserved: a field may be called `lower`).
struct word_lower : TAO_PEGTL_KEYWORD( "lower" ) {};
struct word_trim : TAO_PEGTL_KEYWORD( "trim" ) {};
struct word_format : TAO_PEGTL_KEYWORD( "format" ) {};
struct word_unreadable : TAO_PEGTL_KEYWORD( "unreadable" ) {};
struct duration_unit : sor< TAO_PEGTL_KEYWORD( "days" ), TAO_PEGTL_KEYWORD( "day" ), TAO_PEGTL_KEYWORD( "weeks" ), TAO_PEGTL_KEYWORD( "week" ), TAO_PEGTL_KEYWORD( "months" ), TAO_PEGTL_KEYWORD( "month" ) > {};

struct declaration_keyword : sor< kw_policy, kw_import, kw_fields, kw_record, kw_let, kw_icp, kw_score, kw_gates, kw_funnel, kw_test > {};

// ---- Error tags: rules that only name a message (see syntax/syntax_errors.hpp) ----------------------
struct double_equals : pegtl::success {};
struct bang_operator : pegtl::success {};
struct bang_infix : pegtl::success {};
struct and_and_operator : pegtl::success {};
struct or_or_operator : pegtl::success {};
struct chained_comparison : pegtl::success {};
struct number_followed_by_letter : pegtl::success {};
struct fractional_duration : pegtl::success {};
struct reserved_as_name : pegtl::success {};
struct empty_group : pegtl::success {};
struct any_needs_paren_or_of : pegtl::success {};
struct all_needs_paren_or_of : pegtl::success {};
struct count_needs_paren : pegtl::success {};
struct rule_needs_sign : pegtl::success {};
struct second_rule_on_line : pegtl::success {};
struct score_clause_order : pegtl::success {};
struct missing_values_outside_fields : pegtl::success {};
struct unexpected_after_clause : pegtl::success {};
struct expected_declaration : pegtl::success {};

// ---- Names and literals (R4) --------------------------------------------------------------
struct identifier : pegtl::identifier {};
struct name : seq< not_at< reserved_word >, identifier > {};
// A declared name: a reserved word there gets its own message.
struct decl_name : sor< name, seq< at< reserved_word >, raise< reserved_as_name > > > {};

struct number_digits : seq< digit, star< opt< one< '_' > >, digit > > {};
struct fraction_digits : number_digits {};
struct number_fraction : if_must< one< '.' >, fraction_digits > {};
struct number_end : sor< not_at< identifier_other >, raise< number_followed_by_letter > > {};
struct number_literal : seq< number_digits, opt< number_fraction >, number_end > {};
struct whole_number : seq< number_digits, not_at< one< '.' > >, number_end > {};
struct date_shape : seq< rep< 4, digit >, one< '-' >, rep< 2, digit >, one< '-' >, rep< 2, digit >, not_at< digit > > {};
struct date_literal : seq< date_shape, number_end > {};                       // [R3]
struct duration_literal : seq< number_digits, not_at< one< '.' > >, pegtl::plus< blank >, duration_unit > {};  // [R8]
struct fractional_duration_check : seq< number_digits, one< '.' >, number_digits, hsep, duration_unit, raise< fractional_duration > > {};
struct glued_number_check : seq< number_digits, at< identifier_other >, raise< number_followed_by_letter > > {};

struct text_escape : seq< one< '\\' >, not_one< '\n' > > {};
struct text_char : sor< text_escape, not_one< '"', '\\', '\n' > > {};
struct text_close : one< '"' > {};
struct text_literal : if_must< one< '"' >, star< text_char >, text_close > {};

// ---- Expressions (precedence table of qpl.md, R2, R5) -------------------------------------
template< bool InBrackets > struct expression;
template< bool InBrackets > struct operand_level;

struct paren_inner;
struct paren_close : one< ')' > {};
struct paren_expression : if_must< one< '(' >, sep, paren_inner, sep, paren_close > {};

struct list_item;
struct list_next;
struct list_close : one< ']' > {};
struct list_open : one< '[' > {};
struct list_literal : if_must< list_open, sep, opt< list_item, star< sep, one< ',' >, sep, must< list_next > > >, sep, list_close > {};

struct call_head : seq< name, hsep, one< '(' > > {};
struct call_argument;
struct call_close : one< ')' > {};
// `sum(points of events where ...)`: `of` after the first argument makes the call an aggregate.
struct aggregate_of : kw_of {};
struct aggregate_list;
struct query_where;
struct aggregate_close : at< one< ')' > > {};
struct aggregate_tail : if_must< seq< sep, aggregate_of >, sep, aggregate_list, opt< sep, query_where >, sep, aggregate_close > {};
struct call : if_must< call_head, sep, opt< call_argument, sor< aggregate_tail, star< sep, one< ',' >, sep, must< call_argument > > > >, sep, call_close > {};

struct count_head : seq< kw_count, hsep, one< '(' > > {};
struct any_query_head : seq< kw_any, hsep, one< '(' > > {};
struct all_query_head : seq< kw_all, hsep, one< '(' > > {};
struct query_list;
struct where_condition;
struct query_where : if_must< kw_where, sep, where_condition > {};
struct query_close : one< ')' > {};
template< typename Head > struct list_query : if_must< Head, sep, query_list, opt< sep, query_where >, sep, query_close > {};

struct least_word : kw_least {};
struct group_count : whole_number {};
struct group_of : kw_of {};
struct at_least_head : if_must< kw_at, sep, least_word, sep, group_count, sep, group_of > {};
struct all_group_head : seq< kw_all, sep, kw_of > {};
struct any_group_head : seq< kw_any, sep, kw_of > {};
struct none_group_head : if_must< kw_none, sep, group_of > {};
struct group_item;
struct group_first_item;
struct group_items_close : one< ')' > {};
struct group_items_open : one< '(' > {};
struct group_items : if_must< group_items_open, sep, group_first_item, star< sep, one< ',' >, sep, must< group_item > >, sep, group_items_close > {};
struct group_name : name {};
struct group_ref : sor< group_items, group_name > {};
template< typename Head > struct group_test : if_must< Head, sep, group_ref > {};

struct number_expression : number_literal {};
struct text_expression : text_literal {};
struct date_expression : date_literal {};
struct duration_expression : duration_literal {};
struct true_expression : kw_true {};
struct false_expression : kw_false {};
struct today_expression : kw_today {};
struct lead_expression : kw_lead {};
struct name_expression : name {};

struct primary : sor<
   paren_expression,
   list_literal,
   text_expression,
   date_expression,
   duration_expression,
   fractional_duration_check,
   number_expression,
   true_expression,
   false_expression,
   today_expression,
   lead_expression,
   list_query< count_head >,
   seq< kw_count, raise< count_needs_paren > >,
   list_query< any_query_head >,
   group_test< any_group_head >,
   seq< kw_any, raise< any_needs_paren_or_of > >,
   list_query< all_query_head >,
   group_test< all_group_head >,
   seq< kw_all, raise< all_needs_paren_or_of > >,
   group_test< none_group_head >,
   group_test< at_least_head >,
   call,
   name_expression,
   seq< at< one< '!' > >, not_at< string< '!', '=' > >, raise< bang_operator > > > {};

struct member_name : identifier {};
struct member_tail : if_must< one< '.' >, member_name > {};
struct postfix : seq< primary, star< member_tail > > {};

struct negate;
struct unary : sor< negate, postfix > {};
struct negate_operand : unary {};
struct negate : if_must< one< '-' >, sep, negate_operand > {};

struct mul_op : one< '*', '/', '%' > {};
struct mul_operand : unary {};
struct mul_tail : if_must< mul_op, sep, mul_operand > {};
struct mul_level : seq< unary, star< sep, mul_tail > > {};

// [R2] Outside brackets, a `+`/`-` that starts a line is not a binary operator.
template< bool InBrackets > struct add_sep : sep {};
template<> struct add_sep< false > : hsep {};
struct add_op : one< '+', '-' > {};
struct add_operand : mul_level {};
struct add_tail : if_must< add_op, sep, add_operand > {};
// `+5 per clicks  +10 when webinar`: a `+N when` or `+N per` after a clause's expression is a
// second score rule written on the same line, not `clicks + 10`.
struct plain_number : seq< number_digits, opt< one< '.' >, number_digits > > {};
struct second_rule_start : seq< add_op, hsep, plain_number, hsep, sor< kw_when, kw_per > > {};
template< bool InBrackets > struct not_second_rule : pegtl::success {};
template<> struct not_second_rule< false > : sor< not_at< second_rule_start >, raise< second_rule_on_line > > {};
template< bool InBrackets > struct add_level : seq< mul_level, star< add_sep< InBrackets >, not_second_rule< InBrackets >, add_tail > > {};

template< bool InBrackets > struct otherwise_operand : add_level< InBrackets > {};
template< bool InBrackets > struct otherwise_tail : if_must< kw_otherwise, sep, otherwise_operand< InBrackets > > {};
template< bool InBrackets > struct operand_level : seq< add_level< InBrackets >, star< sep, otherwise_tail< InBrackets > > > {};

// Level 4: one comparison at most (R5); operands are level-5 expressions.
struct op_eq : seq< one< '=' >, not_at< one< '=' > > > {};
struct op_ne : string< '!', '=' > {};
struct op_le : string< '<', '=' > {};
struct op_lt : one< '<' > {};
struct op_ge : string< '>', '=' > {};
struct op_gt : one< '>' > {};
template< bool InBrackets, typename Op > struct compare_rhs : operand_level< InBrackets > {};
template< bool InBrackets, typename Op > struct compare_tail : if_must< Op, sep, compare_rhs< InBrackets, Op > > {};
struct double_equals_check : seq< at< string< '=', '=' > >, raise< double_equals > > {};

template< bool InBrackets > struct in_list : operand_level< InBrackets > {};
template< bool InBrackets > struct in_tail : if_must< kw_in, sep, in_list< InBrackets > > {};
struct not_in_head : seq< kw_not, sep, kw_in > {};
template< bool InBrackets > struct not_in_tail : if_must< not_in_head, sep, in_list< InBrackets > > {};
template< bool InBrackets > struct between_low : operand_level< InBrackets > {};
struct between_and : kw_and {};
template< bool InBrackets > struct between_high : operand_level< InBrackets > {};
template< bool InBrackets > struct between_tail : if_must< kw_between, sep, between_low< InBrackets >, sep, between_and, sep, between_high< InBrackets > > {};
template< bool InBrackets > struct contains_rhs : operand_level< InBrackets > {};
template< bool InBrackets > struct contains_tail : if_must< kw_contains, sep, contains_rhs< InBrackets > > {};
struct starts_with_word : kw_with {};
template< bool InBrackets > struct starts_rhs : operand_level< InBrackets > {};
template< bool InBrackets > struct starts_tail : if_must< kw_starts, sep, starts_with_word, sep, starts_rhs< InBrackets > > {};
struct ends_with_word : kw_with {};
template< bool InBrackets > struct ends_rhs : operand_level< InBrackets > {};
template< bool InBrackets > struct ends_tail : if_must< kw_ends, sep, ends_with_word, sep, ends_rhs< InBrackets > > {};
struct matches_pattern : text_literal {};
struct matches_tail : if_must< kw_matches, sep, matches_pattern > {};
struct is_state : sor< kw_missing, kw_present > {};
struct is_tail : if_must< kw_is, sep, is_state > {};
struct within_duration : duration_literal {};
struct within_tail : if_must< kw_within, sep, opt< sor< fractional_duration_check, glued_number_check > >, within_duration > {};

template< bool InBrackets > struct compare_form : sor<
   double_equals_check,
   compare_tail< InBrackets, op_ne >,
   compare_tail< InBrackets, op_le >,
   compare_tail< InBrackets, op_lt >,
   compare_tail< InBrackets, op_ge >,
   compare_tail< InBrackets, op_gt >,
   compare_tail< InBrackets, op_eq >,
   in_tail< InBrackets >,
   not_in_tail< InBrackets >,
   between_tail< InBrackets >,
   contains_tail< InBrackets >,
   starts_tail< InBrackets >,
   ends_tail< InBrackets >,
   matches_tail,
   is_tail,
   within_tail > {};
struct compare_start : sor< one< '=', '<', '>' >, string< '!', '=' >, kw_in, not_in_head, kw_between, kw_contains, kw_starts, kw_ends, kw_matches, kw_is, kw_within > {};
struct no_chained_comparison : sor< not_at< sep, compare_start >, raise< chained_comparison > > {};
template< bool InBrackets > struct comparison : seq< operand_level< InBrackets >, opt< sep, compare_form< InBrackets >, no_chained_comparison > > {};

template< bool InBrackets > struct not_level;
template< bool InBrackets > struct not_operand;
template< bool InBrackets > struct not_form : if_must< kw_not, sep, not_operand< InBrackets > > {};
template< bool InBrackets > struct not_level : sor< not_form< InBrackets >, comparison< InBrackets > > {};
template< bool InBrackets > struct not_operand : not_level< InBrackets > {};

template< bool InBrackets > struct and_operand : not_level< InBrackets > {};
template< bool InBrackets > struct and_tail : if_must< kw_and, sep, and_operand< InBrackets > > {};
template< bool InBrackets > struct and_level : seq< not_level< InBrackets >, star< sep, and_tail< InBrackets > > > {};

template< bool InBrackets > struct or_operand : and_level< InBrackets > {};
template< bool InBrackets > struct or_tail : if_must< kw_or, sep, or_operand< InBrackets > > {};
template< bool InBrackets > struct or_level : seq< and_level< InBrackets >, star< sep, or_tail< InBrackets > > > {};

template< bool InBrackets > struct expression : or_level< InBrackets > {};

struct paren_inner : expression< true > {};
struct list_item : expression< true > {};
struct list_next : sor< at< one< ']' > >, list_item > {};
struct call_argument : expression< true > {};
struct query_list : expression< true > {};
struct aggregate_list : expression< true > {};
struct where_condition : expression< true > {};
struct group_item : expression< true > {};
struct group_first_item : sor< seq< at< one< ')' > >, raise< empty_group > >, group_item > {};

// A whole expression on its own (the REPL).
struct repl_expression : expression< true > {};
struct repl_end : eof {};
struct standalone_expression
   : seq< sep, must< repl_expression >, sep, sor< seq< at< one< '!' > >, raise< bang_infix > >, must< repl_end > > > {};

// ---- Clauses ------------------------------------------------------------------------------
// What may follow a clause on its line.
struct clause_end : seq< hsep, sor<
   at< one< '}', '#', '\n' > >,
   eof,
   seq< at< string< '&', '&' > >, raise< and_and_operator > >,
   seq< at< string< '|', '|' > >, raise< or_or_operator > >,
   seq< at< one< '!' > >, raise< bang_infix > >,
   raise< unexpected_after_clause > > > {};

struct label_text : text_literal {};
struct as_label : if_must< kw_as, sep, label_text > {};

// ---- Declarations -------------------------------------------------------------------------
struct policy_name : text_literal {};
struct version_number : whole_number {};
struct policy_version : if_must< word_version, sep, version_number > {};
struct policy_decl : if_must< kw_policy, sep, policy_name, opt< hsep, policy_version >, clause_end > {};

struct import_path : text_literal {};
struct import_decl : if_must< kw_import, sep, import_path, clause_end > {};

// Types.
struct type_expr;
struct list_element_type;
struct list_type_head : seq< word_list, sep, kw_of > {};
struct list_type : if_must< list_type_head, sep, list_element_type > {};
struct one_of_head : seq< word_one, sep, kw_of > {};
struct one_of_open : one< '(' > {};
struct one_of_value : text_literal {};
struct one_of_close : one< ')' > {};
struct one_of_type : if_must< one_of_head, sep, one_of_open, sep, one_of_value, star< sep, one< ',' >, sep, must< one_of_value > >, sep, one_of_close > {};
struct named_type : name {};
struct type_expr : sor< list_type, one_of_type, named_type > {};
struct list_element_type : type_expr {};

// A reserved word as a field's name (`score: number`) is parsed as a field, so the parser reports
// it once and keeps the rest of the block.
struct reserved_field_name : reserved_word {};
struct field_name : sor< name, reserved_field_name > {};
struct field_colon : one< ':' > {};
struct field_type : type_expr {};
struct optional_mark : one< '?' > {};
struct source_text : text_literal {};
struct field_source : if_must< kw_from, sep, source_text > {};
// An option word followed by ':' is the next field's name (`lower: text`), not an option.
template< typename Word > struct field_option_word : seq< Word, not_at< sep, one< ':' > > > {};
struct field_lower : field_option_word< word_lower > {};
struct field_trim : field_option_word< word_trim > {};
struct format_pattern : text_literal {};
struct field_format : if_must< field_option_word< word_format >, sep, format_pattern > {};
struct unreadable_missing : kw_missing {};
struct field_unreadable : if_must< field_option_word< word_unreadable >, sep, unreadable_missing > {};
struct field_option : sor< field_source, field_lower, field_trim, field_format, field_unreadable > {};
struct field_decl : if_must< field_name, sep, field_colon, sep, field_type, opt< hsep, optional_mark >, star< sep, field_option > > {};

struct missing_value : text_literal {};
struct missing_values_word : word_values {};
struct missing_values_line : if_must< kw_missing, sep, missing_values_word, sep, missing_value, star< sep, one< ',' >, sep, missing_value > > {};

struct fields_open : one< '{' > {};
// A line starting with a declaration keyword (not `score:`) ends the block: its '}' is missing.
struct next_declaration : seq< declaration_keyword, hsep, not_at< one< ':' > > > {};
struct fields_item : seq< not_at< next_declaration >, sor< missing_values_line, field_decl > > {};
struct fields_close : one< '}' > {};
struct fields_decl : if_must< kw_fields, sep, fields_open, sep, star< fields_item, sep, opt< one< ',' >, sep > >, fields_close > {};

struct record_name : decl_name {};
struct record_open : one< '{' > {};
struct record_item : sor< seq< at< kw_missing >, raise< missing_values_outside_fields > >, field_decl > {};
struct record_close : one< '}' > {};
struct record_decl : if_must< kw_record, sep, record_name, sep, record_open, sep, star< record_item, sep, opt< one< ',' >, sep > >, record_close > {};

struct let_name : decl_name {};
struct let_equals : one< '=' > {};
struct let_value : expression< false > {};
struct let_decl : if_must< kw_let, sep, let_name, sep, let_equals, sep, let_value, clause_end > {};

struct icp_name : decl_name {};
struct icp_open : one< '{' > {};
struct require_condition : expression< false > {};
struct exclude_condition : expression< false > {};
struct icp_require : if_must< kw_require, sep, require_condition, opt< sep, as_label >, clause_end > {};
struct icp_exclude : if_must< kw_exclude, sep, exclude_condition, opt< sep, as_label >, clause_end > {};
struct icp_close : one< '}' > {};
struct icp_decl : if_must< kw_icp, sep, icp_name, sep, icp_open, sep, star< sor< icp_require, icp_exclude >, sep >, icp_close > {};

// [R6] Score rules: sign, points, then per / when / up to / as in that order.
struct score_name : decl_name {};
struct signed_number : seq< opt< one< '+', '-' > >, hsep, number_literal > {};
struct score_low : signed_number {};
struct score_to : kw_to {};
struct score_high : signed_number {};
struct score_range : if_must< kw_from, sep, score_low, sep, score_to, sep, score_high > {};
struct score_open : one< '{' > {};
struct score_sign : one< '+', '-' > {};
struct rule_points : number_literal {};
struct per_value : expression< false > {};
// `per events where type = "webinar" decaying half-life 30 days by day`: each element of the list
// gives the points times a factor that falls with its age. The words are keywords only here.
struct kw_decaying : TAO_PEGTL_KEYWORD( "decaying" ) {};
struct kw_half_life : TAO_PEGTL_KEYWORD( "half-life" ) {};
struct kw_linearly : TAO_PEGTL_KEYWORD( "linearly" ) {};
struct kw_over : TAO_PEGTL_KEYWORD( "over" ) {};
struct kw_by : TAO_PEGTL_KEYWORD( "by" ) {};
struct decay_period : duration_literal {};
struct decay_half_life : if_must< kw_half_life, sep, decay_period > {};
struct decay_over : kw_over {};
struct decay_linear : if_must< kw_linearly, sep, decay_over, sep, decay_period > {};
struct decay_shape : sor< decay_half_life, decay_linear > {};
struct decay_field : name {};
struct decay_by : if_must< kw_by, sep, decay_field > {};
struct decay_clause : if_must< kw_decaying, sep, decay_shape, opt< sep, decay_by > > {};
struct per_where_condition : expression< false > {};
struct per_where_decay : decay_clause {};
struct per_where : if_must< kw_where, sep, per_where_condition, sep, per_where_decay > {};
struct per_clause : if_must< kw_per, sep, per_value, opt< sep, sor< per_where, decay_clause > > > {};
struct when_condition : expression< false > {};
struct score_when : if_must< kw_when, sep, when_condition > {};
struct up_to_word : kw_to {};
struct up_to_limit : number_literal {};
struct up_to_clause : if_must< kw_up, sep, up_to_word, sep, up_to_limit > {};
// `from 2026-09-01 until 2026-12-31`: the days the rule is in force (either bound alone).
struct kw_until : TAO_PEGTL_KEYWORD( "until" ) {};
struct window_start : date_literal {};
struct window_end : date_literal {};
struct window_until : if_must< kw_until, sep, window_end > {};
struct window_from : if_must< kw_from, sep, window_start > {};
struct rule_window : sor< seq< window_from, opt< sep, window_until > >, window_until > {};
struct score_clause_word : sor< kw_per, kw_decaying, kw_when, kw_up, kw_from, kw_until, kw_as > {};
struct score_rule_end : seq< hsep, sor< seq< at< score_clause_word >, raise< score_clause_order > >, clause_end > > {};
struct score_rule : if_must< score_sign, hsep, rule_points, opt< sep, per_clause >, opt< sep, score_when >, opt< sep, up_to_clause >, opt< sep, rule_window >, opt< sep, as_label >, score_rule_end > {};
struct score_item : sor< score_rule, seq< at< digit >, raise< rule_needs_sign > >, seq< at< score_clause_word >, raise< score_clause_order > > > {};
struct score_close : one< '}' > {};
struct score_decl : if_must< kw_score, sep, score_name, opt< sep, score_range >, sep, score_open, sep, star< score_item, sep >, score_close > {};

struct gates_name : decl_name {};
struct gates_open : one< '{' > {};
struct check_label : decl_name {};
struct check_when : kw_when {};
struct check_condition : expression< false > {};
struct gate_check : if_must< check_label, sep, check_when, sep, check_condition, opt< sep, as_label >, clause_end > {};
struct gates_close : one< '}' > {};
struct gates_decl : if_must< kw_gates, sep, gates_name, sep, gates_open, sep, star< gate_check, sep >, gates_close > {};

struct stage_name : sor< kw_lead, decl_name > {};
struct funnel_condition : expression< false > {};
struct funnel_when : if_must< kw_when, sep, funnel_condition > {};
struct funnel_otherwise : kw_otherwise {};
struct stage_rule : sor< funnel_when, funnel_otherwise > {};
struct funnel_line : if_must< stage_name, sep, stage_rule, opt< sep, as_label >, clause_end > {};
// Forward-only funnels: `order a < b < c` and `recycle to STAGE when EXPR`. `order` and
// `recycle` are words only there, so a stage may still be named either.
struct order_word : TAO_PEGTL_KEYWORD( "order" ) {};
struct recycle_word : TAO_PEGTL_KEYWORD( "recycle" ) {};
struct forward_only : seq< TAO_PEGTL_STRING( "forward-only" ), not_at< identifier_other > > {};
struct order_stage : sor< kw_lead, decl_name > {};
struct order_less : one< '<' > {};
struct order_head : seq< order_word, hsep, at< stage_name, hsep, one< '<' > > > {};
struct order_rest : plus< hsep, order_less, hsep, order_stage > {};  // on one line
struct order_line : if_must< order_head, order_stage, order_rest, clause_end > {};
struct recycle_stage : sor< kw_lead, decl_name > {};
struct recycle_when : kw_when {};
struct recycle_condition : expression< false > {};
struct recycle_line : if_must< seq< recycle_word, sep, kw_to >, sep, recycle_stage, sep, recycle_when, sep, recycle_condition, opt< sep, as_label >, clause_end > {};
// `sla mql within 2 days`: how long a lead may stay in a stage (docs/language.md, "SLAs"); `sla`
// is a word only there, so a stage may still be named so.
struct sla_word : TAO_PEGTL_KEYWORD( "sla" ) {};
struct sla_stage : sor< kw_lead, decl_name > {};
struct sla_within_word : kw_within {};
// `4 hours`: a unit of sla lines only (every date of the language is a day).
struct sla_hour_unit : sor< TAO_PEGTL_KEYWORD( "hours" ), TAO_PEGTL_KEYWORD( "hour" ) > {};
struct sla_hours : seq< number_digits, not_at< one< '.' > >, pegtl::plus< blank >, sla_hour_unit > {};
struct sla_within : sor< sla_hours, duration_literal > {};
struct sla_head : seq< sla_word, hsep, at< identifier, hsep, kw_within > > {};
struct sla_line : if_must< sla_head, sla_stage, hsep, sla_within_word, hsep, sla_within, clause_end > {};
struct funnel_item : sor< order_line, recycle_line, sla_line, funnel_line > {};
struct funnel_open : one< '{' > {};
struct funnel_close : one< '}' > {};
struct funnel_decl : if_must< kw_funnel, sep, opt< forward_only, sep >, funnel_open, sep, star< funnel_item, sep >, funnel_close > {};

// `grade NAME { "A" when EXPR ... "D" otherwise }` and `bands NAME of EXPR { cold below 20 ...
// hot otherwise }`; `grade`, `bands` and `below` are words only here, not keywords.
struct word_grade : TAO_PEGTL_KEYWORD( "grade" ) {};
struct word_bands : TAO_PEGTL_KEYWORD( "bands" ) {};
struct word_below : TAO_PEGTL_KEYWORD( "below" ) {};
struct grade_name : decl_name {};
struct grade_label : sor< text_literal, decl_name > {};
struct grade_condition : expression< false > {};
struct grade_when : if_must< kw_when, sep, grade_condition > {};
struct grade_otherwise : kw_otherwise {};
// A line ends as a clause does, or before the comma that separates it from the next.
struct grade_line_end : sor< seq< hsep, at< one< ',' > > >, clause_end > {};
struct grade_rule : sor< grade_when, grade_otherwise > {};
struct grade_line : if_must< grade_label, sep, grade_rule, grade_line_end > {};
struct band_bound : signed_number {};
struct band_below : if_must< word_below, sep, band_bound > {};
struct band_rule : sor< band_below, grade_otherwise > {};
struct band_line : if_must< grade_label, sep, band_rule, grade_line_end > {};
struct grade_open : one< '{' > {};
struct grade_close : one< '}' > {};
struct grade_decl : if_must< word_grade, sep, grade_name, sep, grade_open, sep, star< grade_line, sep, opt< one< ',' >, sep > >, grade_close > {};
struct bands_of : kw_of {};
struct bands_value : expression< false > {};
struct bands_decl : if_must< word_bands, sep, grade_name, sep, bands_of, sep, bands_value, sep, grade_open, sep, star< band_line, sep, opt< one< ',' >, sep > >, grade_close > {};

// Literal values of test blocks (R9).
struct literal_value;
struct value_number : seq< opt< one< '-' > >, number_literal > {};
struct value_date : date_literal {};
struct value_text : text_literal {};
struct value_true : kw_true {};
struct value_false : kw_false {};
struct value_unknown : kw_unknown {};
struct value_list_open : one< '[' > {};
struct value_list_item;
struct value_list_next;
struct value_list_close : one< ']' > {};
struct value_list : if_must< value_list_open, sep, opt< value_list_item, star< sep, one< ',' >, sep, must< value_list_next > > >, sep, value_list_close > {};
struct record_literal_open : one< '{' > {};
struct record_key : decl_name {};
struct record_colon : one< ':' > {};
struct record_value;
struct record_entry : if_must< record_key, sep, record_colon, sep, record_value > {};
struct record_literal_close : one< '}' > {};
struct record_literal : if_must< record_literal_open, sep, star< record_entry, sep, opt< one< ',' >, sep > >, record_literal_close > {};
struct literal_value : sor< value_date, value_number, value_text, value_true, value_false, value_unknown, value_list, record_literal > {};
struct value_list_item : literal_value {};
struct value_list_next : sor< at< one< ']' > >, value_list_item > {};
struct record_value : literal_value {};

struct test_name : text_literal {};
struct test_open : one< '{' > {};
struct as_of_word : kw_of {};
struct as_of_date : date_literal {};
struct as_of_clause : if_must< kw_as, sep, as_of_word, sep, as_of_date, clause_end > {};
struct lead_record : record_literal {};
struct test_lead : if_must< kw_lead, sep, lead_record > {};
struct expect_expression : operand_level< false > {};
struct expect_equals : one< '=' > {};
struct stage_value : sor< kw_lead, name > {};
struct expect_value : sor< literal_value, stage_value > {};
struct expect_clause : if_must< kw_expect, sep, expect_expression, sep, opt< double_equals_check >, expect_equals, sep, expect_value, clause_end > {};
// Table-driven tests: `leads from "cases.csv"`; `leads` is a word only here, not a keyword.
struct leads_word : TAO_PEGTL_KEYWORD( "leads" ) {};
struct leads_from : kw_from {};
struct leads_path : text_literal {};
struct test_leads : if_must< leads_word, sep, leads_from, sep, leads_path, clause_end > {};
struct test_close : one< '}' > {};
struct test_decl : if_must< kw_test, sep, test_name, sep, test_open, sep, star< sor< as_of_clause, test_lead, test_leads, expect_clause >, sep >, test_close > {};
// An expectation column's header (`expect bant.budget`): an operand, as after `expect` (R9).
struct header_end : eof {};
struct standalone_operand : seq< sep, must< expect_expression >, sep, must< header_end > > {};

// `account by company_domain { let senior = count(contacts where ...) }`: values over the records
// that share the key (docs/language.md, "Accounts"). `account` is a word only before `by`, so a
// field or let may still be named so.
struct word_account : TAO_PEGTL_KEYWORD( "account" ) {};
struct account_head : seq< word_account, sep, kw_by > {};
struct account_key : name {};
struct account_open : one< '{' > {};
struct account_let : let_decl {};
struct account_close : one< '}' > {};
struct account_decl : if_must< account_head, sep, account_key, sep, account_open, sep, star< account_let, sep >, account_close > {};

struct declaration : sor< policy_decl, import_decl, fields_decl, record_decl, let_decl, icp_decl, score_decl, gates_decl, funnel_decl, test_decl, grade_decl, bands_decl, account_decl, raise< expected_declaration > > {};

// A whole file.
struct policy : seq< sep, until< eof, declaration, sep > > {};

// clang-format on

}  // namespace qpl::grammar

template <typename Name>
struct tao::pegtl::analyze_traits<Name, qpl::grammar::reserved_word> : analyze_any_traits<> {};
