#pragma once
// The checker's shared state: the policy being built, its global names, and the expression
// type checker. load.cpp drives it: declarations.cpp, check_expr.cpp, check_decls.cpp.
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/policy.hpp"
#include "support/diagnostic.hpp"
#include "support/diagnostic_codes.hpp"
#include "support/suggest.hpp"

namespace qpl::sema {

// Diagnostic codes of the checker (QPL1xx-QPL3xx); support/diagnostic_codes.def lists them and
// docs/diagnostics.md describes each.
namespace code = diagnostic_codes::check;

// What a global name refers to.
enum class GlobalKind : std::uint8_t { field, let, icp, score, gates, grade };
struct Global {
  GlobalKind kind;
  std::uint32_t index;
  Span span;  // where it is defined
};

// Where an expression of an `account` block stands: its own level (`contacts` is the list of
// an aggregate, lead values are not read), or a contact's COND or VALUE (lead level).
enum class AccountScope : std::uint8_t { none, block, contact };

// The state of a let/icp/score/check while the checker walks definitions lazily.
enum class NodeState : std::uint8_t { unchecked, in_progress, checked };

class Checker {
 public:
  Checker(CheckedPolicy& policy, Diagnostics& diags) : p_(policy), diags_(diags) {}

  // declarations.cpp
  void collect_declarations();
  // check_decls.cpp
  void check_bodies();
  // check_alone.cpp: an expression on its own, against a policy that is already checked.
  bool check_alone(Expr& e);

 private:
  // check_account.cpp: the `account` block, its remembered field and its lets.
  void collect_account(const AccountDecl& d, Span decl_span);
  void add_account_field();
  void check_account();
  void check_account_let(std::uint32_t i);
  void account_member(std::uint32_t slot);  // `account.NAME` read: its let is checked first
  bool is_contacts(const Expr& e) const;
  TypeRef check_contacts_query(Expr& e, ListQuery& q);
  void check_account_reads();  // QPL216 and QPL217, and the list of the block's aggregates

  void restore_globals();

  // declarations.cpp
  void declare_global(const std::string& name, GlobalKind kind, std::uint32_t index, Span span);
  void build_schema(const FieldsBlock* fields, const std::vector<const RecordDecl*>& records);
  TypeRef resolve_type(const TypeExpr& t);
  void add_previous_field();  // memory.cpp: the lead's stage memory, when the policy reads it
  void fill_fields(const std::vector<FieldDecl>& decls, RecordType& into);
  FieldReading check_field_options(const FieldDecl& decl, TypeRef type);  // field_options.cpp
  // field_options.cpp: the field `e` reads directly (a name, `lead.x`, `record.x`), or null.
  const FieldSchema* field_read_by(const Expr& e) const;
  // `industry = "FinTech"` where industry is declared `lower`: it never matches (QPL210).
  void check_lowered_literal(const Expr& field, const Expr& literal);

  // check_decls.cpp
  void check_let(std::uint32_t i);
  void check_icp(std::uint32_t i);
  void check_score(std::uint32_t i);
  // check_decay.cpp: a decaying rule's list, its condition, its period and its date field.
  void check_decay(const ScoreRule& rule);
  void check_check(std::uint32_t i);
  void check_grade(std::uint32_t i);  // check_grades.cpp
  void check_group(std::uint32_t i);
  void check_funnel();
  bool report_misplaced_otherwise();
  void check_forward_only();  // check_forward_only.cpp
  void check_slas();          // check_forward_only.cpp
  void check_test(const TestDecl& t);
  void check_expected_because(const LiteralValue& expected);
  void check_expected_sla(Expr& expr, const std::string& member, const LiteralValue& expected);
  void check_test_name(const TestDecl& t, std::map<std::string_view, const TestDecl*>& seen);
  void check_lead_keys(const LiteralValue& record, const RecordType& type, std::size_t depth);
  void check_literal(const LiteralValue& v, TypeRef expected, std::string_view what);
  bool enter_definition(NodeState& state, std::string_view name, Span span);
  void leave_definition(NodeState& state);
  void report_cycle(std::string_view name, Span span);

  // check_depth.cpp: the evaluation depth of definitions and conditions
  // (max_evaluation_depth). A walk is the check of one definition or one root condition.
  void begin_walk(std::string what, Span span, bool definition);
  // The walk's levels; reports it when deeper than `allowed` and not already explained.
  std::uint32_t end_walk(std::size_t allowed, bool& refused);
  bool enter_level();  // false: the limit is reached, the expression is not checked
  void leave_level() { --level_; }
  void reach_through(std::uint32_t levels, bool refused);  // reading a checked definition
  void check_root(Expr& e, TypeKind kind, std::string_view role);
  struct Walk;
  void report_too_deep(const Walk& walk);

  // check_expr.cpp
  TypeRef check(Expr& e, bool allow_duration = false);
  void expect_type(Expr& e, TypeKind kind, std::string_view role);
  TypeRef check_name(Expr& e, Name& n);
  TypeRef report_unknown_name(Expr& e, const Name& n, bool before_dot);
  TypeRef check_member(Expr& e, Member& m);
  TypeRef check_call(Expr& e, Call& c);
  TypeRef check_binary(Expr& e, Binary& b, bool allow_duration);
  TypeRef check_in(Expr& e, In& in);
  TypeRef check_list_query(Expr& e, ListQuery& q);
  TypeRef check_aggregate(ListQuery& q);
  TypeRef check_group_test(Expr& e, GroupTest& g);
  TypeRef check_list_literal(Expr& e, ListLit& l);
  TypeRef unify(TypeRef a, TypeRef b);  // nullptr when incompatible
  TypeRef joined_text_type(TypeRef l, TypeRef r);  // the type of `text + text`
  bool comparable_for_equality(TypeRef a, TypeRef b) const;
  void check_enum_literal(TypeRef enum_type, const Expr& literal);
  TypeRef use_global(const Global& g, Expr& e, Name& n);
  std::vector<std::string> visible_names() const;

  CheckedPolicy& p_;
  Diagnostics& diags_;
  std::map<std::string, Global, std::less<>> globals_;
  std::map<std::string, const RecordDecl*, std::less<>> record_decls_;
  std::vector<NodeState> let_state_, icp_state_, score_state_, check_state_, group_state_,
      grade_state_;
  std::vector<std::string> definition_path_;  // the definitions being checked, outermost first
  std::set<std::vector<std::string>> reported_cycles_;  // each cycle's members, sorted
  std::vector<const RecordType*> element_scopes_;  // innermost last, inside `where`
  Suggester suggest_;  // did-you-mean within one budget for the whole run
  // Evaluation depth: the level of the expression being checked, the deepest level the current
  // walk reaches, the walks under way (innermost last) and the definitions found too deep.
  struct Walk {
    std::string what;  // "'a1'", or empty for a root condition
    Span span;
    bool definition;
    std::size_t base;          // level_ when the walk began
    std::size_t outer_reach;   // reach_ of the enclosing walk
    bool cut = false;          // the checker stopped below it at the limit
    bool reads_refused = false;  // it reads a definition already reported too deep
  };
  std::size_t level_ = 0;
  std::size_t reach_ = 0;
  std::vector<Walk> walks_;
  std::vector<bool> let_refused_, icp_refused_, score_refused_, check_refused_, grade_refused_;
  // The account block.
  const AccountDecl* account_decl_ = nullptr;
  Span account_span_;
  RecordType* account_record_ = nullptr;
  std::vector<NodeState> account_state_;
  AccountScope account_scope_ = AccountScope::none;
  std::size_t contact_depth_ = 0;  // inside a contact's COND or VALUE, through definitions too
};

// A span's file name and "line:col", for notes and messages.
std::string describe(const CheckedPolicy& p, Span span);

}  // namespace qpl::sema
