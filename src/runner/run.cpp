#include "runner/run.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>

#include <fmt/format.h>
#include <re2/re2.h>

#include "eval/evaluator.hpp"
#include "eval/forward_only.hpp"
#include "eval/trace.hpp"
#include "io/lead_reader.hpp"
#include "present/explain.hpp"
#include "present/value_format.hpp"
#include "runner/coverage.hpp"
#include "runner/literal_lead.hpp"
#include "runner/source_text.hpp"
#include "runner/table_cases.hpp"
#include "stream/account_table.hpp"
#include "model/memory.hpp"
#include "model/sla.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/source_location.hpp"
#include "support/utf8.hpp"

namespace qpl::runner {
namespace {

using Kind = LiteralValue::Kind;

// R50: exact comparison; unknown matches only unknown; lists element by element.
bool literal_matches(const LiteralValue& expected, const Value& actual) {
  if (expected.kind == Kind::unknown) return actual.is_unknown();
  return std::visit(
      [&](const auto& a) -> bool {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, Unknown>) {
          return false;
        } else if constexpr (std::is_same_v<A, bool>) {
          return expected.kind == Kind::boolean && expected.boolean == a;
        } else if constexpr (std::is_same_v<A, double>) {
          return expected.kind == Kind::number && expected.number == a;
        } else if constexpr (std::is_same_v<A, std::string>) {
          return (expected.kind == Kind::text || expected.kind == Kind::stage) && expected.text == a;
        } else if constexpr (std::is_same_v<A, Date>) {
          return expected.kind == Kind::date && expected.date == a.days;
        } else if constexpr (std::is_same_v<A, ListPtr>) {
          if (expected.kind != Kind::list || !a || a->size() != expected.items.size()) return false;
          for (std::size_t i = 0; i < a->size(); ++i)
            if (!literal_matches(expected.items[i], (*a)[i])) return false;
          return true;
        } else {
          return false;  // records are never compared
        }
      },
      actual.data);
}

std::string show_literal(const LiteralValue& v) {
  switch (v.kind) {
    case Kind::unknown: return "unknown";
    case Kind::number: return format_number(v.number);
    case Kind::text: return json_escape(v.text);
    case Kind::stage: return v.text;
    case Kind::boolean: return v.boolean ? "true" : "false";
    case Kind::date: return format_date(v.date);
    case Kind::list: {
      std::string s = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) s += (i ? ", " : "") + show_literal(v.items[i]);
      return s + "]";
    }
    case Kind::record: return "{...}";
  }
  return "?";
}

}  // namespace

std::size_t TestReport::passed() const {
  std::size_t n = 0;
  for (const auto& c : cases) n += c.passed;
  return n;
}

std::size_t TestReport::failed() const { return cases.size() - passed(); }

namespace {

// One expectation, from an `expect` line or from a table's column.
struct Check {
  const Expr* expr;  // null: `stage`, or `because` when `because` is set
  const LiteralValue* expected;
  Span span;
  std::string expression;
  std::string origin;
  bool because = false;  // the deciding funnel line's because text
  const std::string* sla_member = nullptr;  // `sla.overdue`: the lead's SLA state (model/sla.hpp)
};

class CaseRunner {
 public:
  CaseRunner(const CheckedPolicy& policy, const TestRunOptions& options, TestReport& report)
      : policy_(policy), options_(options), report_(report), evaluator_(policy), coverage_(policy) {}

  void run(TestCaseResult result, const RecordValue& lead, std::int32_t today,
           const std::vector<Check>& checks) {
    eval::LeadOutcome outcome;
    evaluator_.evaluate(lead, today, options_.coverage ? &coverage_ : nullptr, outcome);
    if (outcome.too_deep) return fail(std::move(result), eval::Evaluator::too_deep_message());
    // The lead's SLA state: its memory is its `previous`; a test's now is 00:00 UTC of its day.
    std::optional<SlaState> sla;
    if (const int slot = previous_slot(policy_.schema.lead); slot >= 0 && policy_.funnel && !policy_.funnel->slas.empty())
      sla = lead_since(policy_.funnel, lead, slot, eval::stage_answer(policy_, outcome).stage,
                       SlaClock{today, std::int64_t(today) * seconds_per_day}, std::nullopt)
                .sla;
    for (const Check& check : checks) {
      Value actual;
      if (check.sla_member) {
        actual = sla_member_value(sla, *check.sla_member);
      } else if (!check.expr) {
        const eval::StageAnswer answer = eval::stage_answer(policy_, outcome);
        actual = answer.stage ? Value(check.because ? *answer.because : *answer.stage) : Value(Unknown{});
      } else {
        actual = evaluator_.evaluate_expression(*check.expr, lead, today);
        if (evaluator_.stopped_too_deep()) return fail(std::move(result), eval::Evaluator::too_deep_message());
      }
      if (literal_matches(*check.expected, actual)) continue;
      result.passed = false;
      // A stage is shown bare, as it is written in `expect stage = sql`.
      const bool bare_stage = !check.expr && !check.because && !actual.is_unknown();
      result.failures.push_back({check.span, check.expression, show_literal(*check.expected),
                                 bare_stage ? std::get<std::string>(actual.data) : present::format_value(actual, nullptr, present::test_message_format),
                                 check.origin});
    }
    if (!result.passed && options_.explain_failures) {  // traced only when it failed
      eval::LeadOutcome traced;
      evaluator_.evaluate(lead, today, eval::ExplainLevel::compact, traced);
      traced.trace->sla = sla;
      result.explain = present::explain_text(*traced.trace, policy_, false);
    }
    report_.cases.push_back(std::move(result));
  }

  void fail(TestCaseResult result, std::string message) {
    result.passed = false;
    result.lead_error = std::move(message);
    report_.cases.push_back(std::move(result));
  }

  std::vector<CoverageItem> coverage() { return coverage_.take(); }

 private:
  const CheckedPolicy& policy_;
  const TestRunOptions& options_;
  TestReport& report_;
  eval::Evaluator evaluator_;
  CoverageRecorder coverage_;
};

std::vector<Check> inline_checks(const CheckedPolicy& policy, const TestDecl& test) {
  std::vector<Check> checks;
  for (const auto& x : test.expectations) {
    const auto* name = std::get_if<Name>(&x.expr->kind);
    const bool stage = name && name->name == "stage";
    const bool because = name && name->name == "because";
    checks.push_back({stage || because ? nullptr : x.expr.get(), &x.expected, x.span,
                      source_text(policy, x.expr->span), "", because, sla_expectation(policy.funnel, *x.expr)});
  }
  return checks;
}

// "cases.csv:3:1"
std::string place(const CheckedPolicy& policy, Span span) {
  const SourceFile& file = policy.sources.file(span.file);
  return location_text(std::filesystem::path(file.name()).filename().generic_string(),
                       file.position(span.begin));
}

std::string row_id(const CheckedPolicy& policy, const TablePlan& plan, const io::ReadItem& item) {
  const int slot = policy.schema.lead.field_index("id");
  if (item.ok && slot >= 0) {
    const Value& id = item.record.fields[static_cast<std::size_t>(slot)];
    if (const auto* text = std::get_if<std::string>(&id.data)) return *text;
    if (!id.is_unknown()) return present::format_value(id, nullptr, present::test_message_format);
  }
  const auto& ids = plan.expectations.ids;
  if (item.number >= 1 && item.number <= ids.size() && !ids[item.number - 1].empty())
    return ids[item.number - 1];
  return fmt::format("#{}", item.number);
}

// A policy with an `account` block: the accounts of the table's leads, computed by the table
// `eval` builds over a file (its first pass); none when the file cannot be read (the run over
// the table reports it).
std::optional<stream::AccountTable> table_accounts(const CheckedPolicy& policy, const TablePlan& plan,
                                                   std::int32_t today) {
  if (!policy.account || policy.account->key_slot < 0) return std::nullopt;
  try {
    return std::optional<stream::AccountTable>(
        std::in_place, policy, std::vector<stream::InputSpec>{{plan.path, *plan.format}},
        stream::schema_without_account_input(policy.schema, policy), today);
  } catch (const io::InputError&) {
    return std::nullopt;
  }
}

void run_table(const CheckedPolicy& policy, const TestDecl& test, const TablePlan& plan,
               std::int32_t today, CaseRunner& runner) {
  TestCaseResult whole;
  whole.name = whole.test = test.name;
  whole.span = test.leads_span;
  if (plan.error) return runner.fail(std::move(whole), *plan.error);
  // One failure per mistake in the table, at its cell; its rows are not run.
  for (const Diagnostic& problem : plan.problems.items()) {
    std::string text = fmt::format("{}: {}", place(policy, problem.span), problem.message);
    if (problem.notes.size() > 1) text += fmt::format(" (the earlier row: {})", place(policy, problem.notes.front().span));
    if (problem.help) text += ": " + *problem.help;
    runner.fail(whole, std::move(text));
  }
  if (!plan.problems.empty()) return;
  for (const ExpectationColumn& column : plan.columns)
    if (column.error) return runner.fail(std::move(whole), *column.error);

  std::FILE* stream = std::fopen(plan.path.c_str(), "rb");
  if (!stream) return runner.fail(std::move(whole), fmt::format("cannot read '{}'", *test.leads_from));
  const std::string file_name = std::filesystem::path(plan.path).filename().generic_string();
  const std::vector<Check> common = inline_checks(policy, test);
  const std::optional<stream::AccountTable> accounts = table_accounts(policy, plan, today);
  try {
    auto reader = io::open_lead_reader(*plan.format, stream, file_name, policy.schema);
    io::ReadItem item;
    std::size_t rows = 0;
    while (reader->next(item)) {
      ++rows;
      TestCaseResult result;
      result.test = test.name;
      result.name = fmt::format("{} [{}]", test.name, row_id(policy, plan, item));
      result.span = test.leads_span;
      const std::string where = fmt::format("{}:{}", file_name, item.line);
      if (!item.ok) {
        runner.fail(std::move(result), fmt::format("{}: {}", where, item.error));
        continue;
      }
      std::vector<Check> checks = common;
      std::vector<LiteralValue> expected;  // stable: reserved before pointers are taken
      expected.reserve(plan.columns.size());
      std::optional<std::string> cell_error;
      const auto row = item.number - 1;
      for (std::size_t k = 0; k < plan.columns.size() && !cell_error; ++k) {
        if (row >= plan.expectations.rows.size() || !plan.expectations.rows[row][k]) continue;
        const ExpectationColumn& column = plan.columns[k];
        std::string error;
        auto literal = cell_literal(policy, column, *plan.expectations.rows[row][k], error);
        if (!literal) {
          cell_error = fmt::format("{} column '{}': {}", where, column.header, error);
          continue;
        }
        expected.push_back(std::move(*literal));
        checks.push_back({column.expr.get(), &expected.back(), test.leads_span, column.text,
                          fmt::format("{} '{}'", where, column.header), column.because});
      }
      if (cell_error) {
        runner.fail(std::move(result), *cell_error);
        continue;
      }
      if (accounts) accounts->attach(item.record);
      runner.run(std::move(result), item.record, today, checks);
    }
    if (rows == 0) runner.fail(std::move(whole), fmt::format("'{}' holds no leads", *test.leads_from));
  } catch (const io::InputError& e) {
    runner.fail(std::move(whole), e.what());
  }
  std::fclose(stream);
}

}  // namespace

TestReport run_tests(CheckedPolicy& policy, const TestRunOptions& options) {
  TestReport report;
  std::unique_ptr<RE2> filter;
  if (options.filter) filter = std::make_unique<RE2>(*options.filter, RE2::Quiet);

  std::vector<const TestDecl*> selected;
  for (const TestDecl* test : policy.tests)
    if (!filter || RE2::PartialMatch(test->name, *filter)) selected.push_back(test);
  // Table columns are checked first: the evaluator is sized for every expression then.
  std::vector<TablePlan> plans(selected.size());
  for (std::size_t i = 0; i < selected.size(); ++i)
    if (selected[i]->leads_from) plans[i] = prepare_table(policy, *selected[i]);

  CaseRunner runner(policy, options, report);
  for (std::size_t i = 0; i < selected.size(); ++i) {
    const TestDecl& test = *selected[i];
    const std::int32_t today = test.as_of.value_or(options.default_today);
    if (test.leads_from) {
      run_table(policy, test, plans[i], today, runner);
      continue;
    }
    TestCaseResult result;
    result.name = result.test = test.name;
    result.span = test.name_span;
    RecordValue lead;
    if (!test.lead) {
      runner.fail(std::move(result), "the test has no lead");
      continue;
    }
    if (auto error = lead_from_literal(*test.lead, policy.schema, lead)) {
      runner.fail(std::move(result), "the test lead does not fit the schema: " + error->message);
      continue;
    }
    runner.run(std::move(result), lead, today, inline_checks(policy, test));
  }
  if (options.coverage) report.coverage = runner.coverage();
  return report;
}

}  // namespace qpl::runner
