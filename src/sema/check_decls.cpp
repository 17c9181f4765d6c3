// Checks the bodies of lets, icps, scores, gates, the funnel and tests. Definitions are checked
// on first use, so a let's type is known wherever it is read; a definition met again while it
// is being checked is a cycle (R16).
#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "sema/checker.hpp"
#include "model/eval_limits.hpp"
#include "model/sla.hpp"
#include "syntax/limits.hpp"
#include "support/suggest.hpp"
#include "support/stage_hint.hpp"
#include "support/utf8.hpp"

namespace qpl::sema {

bool Checker::enter_definition(NodeState& state, std::string_view name, Span span) {
  if (state == NodeState::checked) return false;
  if (state == NodeState::in_progress) {
    report_cycle(name, span);
    return false;
  }
  state = NodeState::in_progress;
  definition_path_.emplace_back(name);
  begin_walk(fmt::format("'{}'", name), span, true);
  return true;
}

void Checker::leave_definition(NodeState& state) {
  state = NodeState::checked;
  definition_path_.pop_back();
}

// `name` is met again while it is being checked: the definitions under way from it to here make
// the cycle. The same cycle can be met again before its first member is done (`require s` twice,
// `let a = a + a`): it is reported once, at the definition it was first entered by, naming its
// members in the order they use each other.
void Checker::report_cycle(std::string_view name, Span span) {
  const auto from = std::find(definition_path_.begin(), definition_path_.end(), name);
  std::vector<std::string> members(from, definition_path_.end());
  std::string chain;
  for (const auto& member : members) chain += member + " -> ";
  chain += name;
  std::sort(members.begin(), members.end());
  if (!reported_cycles_.insert(std::move(members)).second) return;
  auto& d = diags_.error(code::cycle, span, fmt::format("'{}' depends on itself: {}", name, chain));
  d.help = "a definition cannot use itself, through others or directly: remove one of these uses";
}

// A let is only evaluated where something reads it, one level down; icps, scores and checks are
// also evaluated on their own, for the output.
void Checker::check_let(std::uint32_t i) {
  auto& let = p_.lets[i];
  if (!enter_definition(let_state_[i], let.name, let.decl->name_span)) return;
  // A let is checked outside any `where`, whatever the place that first used it.
  auto scopes = std::exchange(element_scopes_, {});
  const auto account_scope = std::exchange(account_scope_, AccountScope::none);
  TypeRef t = check(*let.decl->value);
  element_scopes_ = std::move(scopes);
  account_scope_ = account_scope;
  if (t && (t->kind == TypeKind::record || t->kind == TypeKind::duration)) {
    diags_.error(code::let_type, let.decl->value->span,
                 fmt::format("a let can hold a bool, number, text, date or list, not {}",
                             type_name(t)));
    t = p_.types.error();
  }
  let.type = t;
  bool refused = false;
  let.levels = end_walk(max_evaluation_depth - 1, refused);
  let_refused_[i] = refused;
  leave_definition(let_state_[i]);
}

void Checker::check_icp(std::uint32_t i) {
  auto& icp = p_.icps[i];
  if (!enter_definition(icp_state_[i], icp.name, icp.decl->name_span)) return;
  auto scopes = std::exchange(element_scopes_, {});
  const auto account_scope = std::exchange(account_scope_, AccountScope::none);
  for (const auto& clause : icp.decl->clauses)
    expect_type(*clause.condition, TypeKind::boolean,
                clause.exclude ? "an 'exclude' condition" : "a 'require' condition");
  element_scopes_ = std::move(scopes);
  account_scope_ = account_scope;
  bool refused = false;
  icp.levels = end_walk(max_evaluation_depth, refused);
  icp_refused_[i] = refused;
  leave_definition(icp_state_[i]);
}

void Checker::check_score(std::uint32_t i) {
  auto& score = p_.scores[i];
  if (!enter_definition(score_state_[i], score.name, score.decl->name_span)) return;
  auto scopes = std::exchange(element_scopes_, {});
  const auto account_scope = std::exchange(account_scope_, AccountScope::none);
  const auto& d = *score.decl;
  if (d.low && d.high && *d.low > *d.high)  // R36
    diags_.error(code::score_range, d.range_span,
                 fmt::format("score range 'from {} to {}' is empty: the lower bound is above the "
                             "upper one", *d.low, *d.high));
  for (const auto& rule : d.rules) {
    if (rule.per && rule.decay) check_decay(rule);
    else if (rule.per) expect_type(*rule.per, TypeKind::number, "the value after 'per'");
    if (rule.when) expect_type(*rule.when, TypeKind::boolean, "the condition after 'when'");
  }
  element_scopes_ = std::move(scopes);
  account_scope_ = account_scope;
  bool refused = false;
  score.levels = end_walk(max_evaluation_depth, refused);
  score_refused_[i] = refused;
  leave_definition(score_state_[i]);
}

void Checker::check_check(std::uint32_t i) {
  auto& c = p_.checks[i];
  if (!enter_definition(check_state_[i], c.group + "." + c.label, c.decl->label_span)) return;
  auto scopes = std::exchange(element_scopes_, {});
  const auto account_scope = std::exchange(account_scope_, AccountScope::none);
  expect_type(*c.decl->condition, TypeKind::boolean, "a check's condition");
  element_scopes_ = std::move(scopes);
  account_scope_ = account_scope;
  bool refused = false;
  c.levels = end_walk(max_evaluation_depth, refused);
  check_refused_[i] = refused;
  leave_definition(check_state_[i]);
}

// `all of g` and friends depend on every check of g.
void Checker::check_group(std::uint32_t i) {
  auto& state = group_state_[i];
  const auto& g = p_.gates[i];
  if (state == NodeState::checked) return;
  if (state == NodeState::in_progress) {
    report_cycle(g.name, g.decl->name_span);
    return;
  }
  state = NodeState::in_progress;
  definition_path_.push_back(g.name);
  for (auto c : g.checks) check_check(c);
  leave_definition(state);
}

namespace {

// The `x otherwise y` at the end of a condition (on its rightmost operand), or null.
Expr* trailing_otherwise(Expr& condition) {
  Expr* at = &condition;
  for (;;) {
    if (auto* b = std::get_if<Binary>(&at->kind)) {
      if (b->op == BinaryOp::otherwise) return at;
      at = b->rhs.get();
    } else if (auto* u = std::get_if<Unary>(&at->kind)) {
      at = u->operand.get();
    } else {
      return nullptr;
    }
  }
}

}  // namespace

// `mql when is_mql` followed by `otherwise lead` (the ELSE of SQL or of a spreadsheet) parses as
// `is_mql otherwise lead`: a default value, not a funnel line. When the funnel then has no
// `otherwise` line and that default is the keyword `lead` or a bare name the policy does not
// declare, one error says how to write it (and the condition is checked without it), instead of
// "must end with an 'otherwise' line" plus an unknown name.
bool Checker::report_misplaced_otherwise() {
  const auto& lines = p_.funnel->lines;
  if (lines.empty()) return false;
  for (const auto& line : lines)
    if (!line.condition) return false;
  Expr* node = trailing_otherwise(*lines.back().condition);
  if (!node) return false;
  auto& otherwise = std::get<Binary>(node->kind);
  std::string stage;
  if (std::holds_alternative<LeadRef>(otherwise.rhs->kind)) {
    stage = "lead";
  } else if (const auto* name = std::get_if<Name>(&otherwise.rhs->kind);
             name && !globals_.contains(name->name)) {
    stage = name->name;
  } else {
    return false;
  }
  auto& d = diags_.error(
      code::funnel_otherwise,
      Span{otherwise.op_span.file, otherwise.op_span.begin, otherwise.rhs->span.end},
      fmt::format("'otherwise {0}' is read as part of the condition above; the funnel's last "
                  "line is written '{0} otherwise'",
                  stage));
  d.help = fmt::format("write '{} otherwise' on a line of its own", stage);
  ExprPtr value = std::move(otherwise.lhs);  // detached before the Binary holding it goes
  node->span = value->span;
  node->id = value->id;
  node->kind = std::move(value->kind);
  return true;
}

void Checker::check_funnel() {
  if (!p_.funnel) return;
  const auto& lines = p_.funnel->lines;
  const FunnelLine* otherwise = nullptr;
  const bool misplaced = report_misplaced_otherwise();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    if (line.condition) {
      check_root(*line.condition, TypeKind::boolean, "a funnel condition");
      continue;
    }
    if (otherwise) {
      auto& d = diags_.error(code::funnel_otherwise, line.span,
                             "the funnel has a second 'otherwise' line");
      d.notes.push_back({otherwise->span, "the first 'otherwise' line"});
      continue;
    }
    otherwise = &line;
    if (i + 1 != lines.size())
      diags_.error(code::funnel_otherwise, line.span,
                   "'otherwise' must be the funnel's last line: the lines after it can never "
                   "be reached");
  }
  check_forward_only();
  check_slas();
  if (!otherwise && !misplaced) {
    Span at = lines.empty() ? Span{} : lines.back().span;
    if (lines.empty()) {
      for (const auto& m : p_.modules)
        for (const auto& decl : m.decls)
          if (std::get_if<FunnelDecl>(&decl.kind) == p_.funnel) at = decl.span;
    }
    auto& d = diags_.error(code::funnel_otherwise, at,
                           "the funnel must end with an 'otherwise' line, so every lead gets a "
                           "stage");
    d.help = "add a last line such as 'prospect otherwise'";
  }
}

void Checker::check_literal(const LiteralValue& v, TypeRef expected, std::string_view what) {
  if (!expected || expected->kind == TypeKind::error || v.kind == LiteralValue::Kind::unknown)
    return;
  auto mismatch = [&](const char* found) {
    diags_.error(code::test_expect, v.span,
                 fmt::format("{} is {}, but the expected value is {}", what, type_name(expected),
                             found));
  };
  using K = LiteralValue::Kind;
  switch (expected->kind) {
    case TypeKind::number:
      if (v.kind != K::number) mismatch("not a number");
      return;
    case TypeKind::boolean:
      if (v.kind != K::boolean) mismatch("not true or false");
      return;
    case TypeKind::date:
      if (v.kind != K::date) mismatch("not a date");
      return;
    case TypeKind::text:
      if (v.kind != K::text) mismatch("not a text");
      return;
    case TypeKind::enum_: {
      if (v.kind != K::text) {
        mismatch("not a text");
        return;
      }
      const auto& values = expected->values;
      if (std::find(values.begin(), values.end(), v.text) == values.end()) {
        auto& d = diags_.error(code::enum_value, v.span,
                               fmt::format("\"{}\" is not one of {}", v.text,
                                           type_name(expected).substr(7)));
        if (auto s = suggest_(v.text, values)) d.message += fmt::format(" (did you mean \"{}\"?)", *s);
      }
      return;
    }
    case TypeKind::list:
    case TypeKind::empty_list:
      if (v.kind != K::list) {
        mismatch("not a list");
        return;
      }
      if (expected->kind == TypeKind::list)
        for (const auto& item : v.items) check_literal(item, expected->element, "each item");
      return;
    case TypeKind::record:
      diags_.error(code::test_expect, v.span,
                   fmt::format("{} is a record: records cannot be compared, expect one of its "
                               "fields instead", what));
      return;
    default:
      return;
  }
}

// R9: the keys of a test lead, and of the records nested in it, are field names. Values are
// checked when the test runs (R50: a lead that does not fit is a test failure).
void Checker::check_lead_keys(const LiteralValue& record, const RecordType& type,
                              std::size_t depth) {
  if (depth > syntax::max_nesting_depth) return;
  std::vector<std::string> names;
  for (const auto& f : type.fields) names.push_back(f.name);
  const bool is_lead = &type == &p_.schema.lead;
  std::vector<std::string_view> seen;
  for (const auto& entry : record.entries) {
    const int slot = type.field_index(entry.key);
    if (slot < 0) {
      auto& d = diags_.error(code::test_lead, entry.key_span,
                             is_lead ? fmt::format("the lead has no field '{}'", entry.key)
                                     : fmt::format("record {} has no field '{}'", type.name, entry.key));
      const auto by_source = std::find_if(type.fields.begin(), type.fields.end(),
                                          [&](const FieldSchema& f) { return f.source == entry.key; });
      if (by_source != type.fields.end())
        d.message += fmt::format(" ('{}' is where field '{}' is read from: write '{}')", entry.key,
                                 by_source->name, by_source->name);
      else if (auto s = suggest_(entry.key, names))
        d.message += fmt::format(" (did you mean '{}'?)", *s);
    } else if (std::find(seen.begin(), seen.end(), entry.key) != seen.end()) {
      diags_.error(code::test_lead, entry.key_span, fmt::format("field '{}' is given twice", entry.key));
    }
    seen.push_back(entry.key);
    if (slot < 0) continue;
    TypeRef field_type = type.fields[static_cast<std::size_t>(slot)].type;
    const LiteralValue& value = entry.value;
    if (!field_type) continue;
    if (field_type->kind == TypeKind::record && field_type->record &&
        value.kind == LiteralValue::Kind::record) {
      check_lead_keys(value, *field_type->record, depth + 1);
    } else if (field_type->kind == TypeKind::list && field_type->element &&
               field_type->element->kind == TypeKind::record && field_type->element->record &&
               value.kind == LiteralValue::Kind::list) {
      for (const auto& item : value.items)
        if (item.kind == LiteralValue::Kind::record)
          check_lead_keys(item, *field_type->element->record, depth + 1);
    }
  }
}

void Checker::check_test(const TestDecl& t) {
  if (t.lead && t.leads_from) {
    diags_.error(code::test_lead, t.leads_span,
                 "a test takes its lead from 'lead { ... }' or from 'leads from', not both");
  } else if (t.leads_from) {
    // a table-driven test: its file is read, and its columns checked, when the test runs
  } else if (!t.lead) {
    diags_.error(code::test_lead, t.name_span,
                 fmt::format("test \"{}\" has no 'lead {{ ... }}' to evaluate", t.name));
  } else {
    check_lead_keys(*t.lead, p_.schema.lead, 0);
  }
  for (const auto& x : t.expectations) {
    const auto* name = std::get_if<Name>(&x.expr->kind);
    if (name && name->name == "stage") {  // R14: always the funnel's answer
      x.expr->type = p_.types.text();
      if (x.expected.kind == LiteralValue::Kind::unknown) continue;
      if (x.expected.kind != LiteralValue::Kind::stage && x.expected.kind != LiteralValue::Kind::text) {
        diags_.error(code::test_expect, x.expected.span, "'stage' is expected to be a stage name");
        continue;
      }
      std::vector<std::string> stages;
      if (p_.funnel)
        for (const auto& line : p_.funnel->lines) stages.push_back(line.stage);
      if (std::find(stages.begin(), stages.end(), x.expected.text) == stages.end()) {
        auto& d = diags_.error(code::test_expect, x.expected.span,
                               p_.funnel ? fmt::format("'{}' is not a stage of the funnel", x.expected.text)
                                         : std::string("the policy has no funnel, so no stage"));
        if (p_.funnel) d.message += stage_hint(x.expected.text, stages);
      }
      continue;
    }
    if (name && name->name == "because") {  // like `stage`: the deciding funnel line's because
      x.expr->type = p_.types.text();
      check_expected_because(x.expected);
      continue;
    }
    // `sla.overdue`: the lead's SLA state, in a policy with SLAs that does not declare `sla`.
    if (!globals_.contains("sla")) {
      if (const std::string* member = sla_expectation(p_.funnel, *x.expr)) {
        check_expected_sla(*x.expr, *member, x.expected);
        continue;
      }
    }
    begin_walk({}, x.expr->span, false);
    TypeRef t_expr = check(*x.expr);
    bool refused = false;
    end_walk(max_evaluation_depth, refused);
    if (x.expected.kind == LiteralValue::Kind::stage) {
      diags_.error(code::test_expect, x.expected.span,
                   fmt::format("'{}' is not a value: quote a text (\"{}\"), or expect 'stage'",
                               x.expected.text, x.expected.text));
      continue;
    }
    check_literal(x.expected, t_expr, "this expression");
  }
}

void Checker::check_expected_sla(Expr& expr, const std::string& member, const LiteralValue& expected) {
  std::vector<std::string> members(std::begin(sla_members), std::end(sla_members));
  if (std::find(members.begin(), members.end(), member) == members.end()) {
    const auto& m = std::get<Member>(expr.kind);
    auto& d = diags_.error(code::test_expect, m.member_span,
                           fmt::format("'sla' has no '{}': a lead's sla state has overdue, age_days, "
                                       "age_hours and within", member));
    if (auto s = suggest_(member, members)) d.message += fmt::format(" (did you mean '{}'?)", *s);
    d.help = "for example: expect sla.overdue = true";
    return;
  }
  expr.type = member == "overdue" ? p_.types.boolean() : member == "within" ? p_.types.text() : p_.types.number();
  check_literal(expected, expr.type, fmt::format("'sla.{}'", member));
}

// `expect because = "direct demo request"`: the text must be, exactly, the because of one of
// the funnel's lines (its `as` label, else its condition as written, else "otherwise", R38), so
// that a test names the line that fired and a renamed label fails lint, not silently the test.
void Checker::check_expected_because(const LiteralValue& expected) {
  if (expected.kind == LiteralValue::Kind::unknown) return;  // no funnel line was true
  if (!p_.funnel) {
    diags_.error(code::test_expect, expected.span, "the policy has no funnel, so no because");
    return;
  }
  std::vector<std::string> becauses;
  for (const auto& line : p_.funnel->lines) becauses.push_back(line.because);
  for (const auto& line : p_.funnel->recycles) becauses.push_back(line.because);
  if (expected.kind != LiteralValue::Kind::text) {
    auto& d = diags_.error(code::test_expect, expected.span,
                           "'because' is expected to be a funnel line's because, in quotes");
    d.help = fmt::format("for example: expect because = \"{}\"", becauses.front());
    return;
  }
  if (std::find(becauses.begin(), becauses.end(), expected.text) != becauses.end()) return;
  auto& d = diags_.error(code::test_expect, expected.span,
                         fmt::format("no funnel line has the because \"{}\"", expected.text));
  if (auto s = suggest_(expected.text, becauses)) d.message += fmt::format(" (did you mean \"{}\"?)", *s);
  d.help = "a line's because is its `as` label, else its condition as written";
}

void Checker::check_bodies() {
  check_account();
  for (std::uint32_t i = 0; i < p_.lets.size(); ++i) check_let(i);
  for (std::uint32_t i = 0; i < p_.icps.size(); ++i) check_icp(i);
  for (std::uint32_t i = 0; i < p_.scores.size(); ++i) check_score(i);
  for (std::uint32_t i = 0; i < p_.checks.size(); ++i) check_check(i);
  for (std::uint32_t i = 0; i < p_.grades.size(); ++i) check_grade(i);
  check_funnel();
  std::map<std::string_view, const TestDecl*> test_names;
  for (const auto* t : p_.tests) {
    check_test_name(*t, test_names);
    check_test(*t);
  }
}

// A test's name is how its failures are reported and how `--run` picks it: it says something,
// and no other test of the file has it.
void Checker::check_test_name(const TestDecl& t, std::map<std::string_view, const TestDecl*>& seen) {
  if (trim(t.name).empty()) {
    diags_.error(code::test_name, t.name_span, "this test has no name").help =
        "say what the example shows: test \"a CTO who asked for a demo is an SQL\"";
    return;
  }
  const auto [it, fresh] = seen.emplace(t.name, &t);
  if (fresh) return;
  auto& d = diags_.error(code::test_name, t.name_span,
                         fmt::format("another test is named \"{}\" too", t.name));
  d.notes.push_back({it->second->name_span, "the first test with this name"});
  d.help = "give each test its own name: failures and --run pick tests by name";
}

}  // namespace qpl::sema
