#include "runner/table_cases.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "runner/literal_lead.hpp"
#include "sema/checker.hpp"
#include "sema/load.hpp"
#include "syntax/parser.hpp"
#include "support/suggest.hpp"
#include "support/utf8.hpp"
#include "support/stage_hint.hpp"

namespace qpl::runner {
namespace {

namespace fs = std::filesystem;
using Kind = LiteralValue::Kind;

ExpectationColumn check_header(CheckedPolicy& policy, const std::string& header, const std::string& file) {
  ExpectationColumn column;
  column.header = header;
  column.text = *expectation_expression(header);
  if (column.text == "stage" || column.text == "because") {
    column.stage = column.text == "stage";
    column.because = !column.stage;
    return column;
  }
  const FileId id = policy.sources.add(fmt::format("{} column '{}'", file, header), column.text);
  syntax::ExprParseResult parsed = syntax::parse_operand(policy.sources.file(id), id);
  Diagnostics diagnostics = std::move(parsed.diagnostics);
  if (parsed.expr && sema::check_expression(policy, *parsed.expr, diagnostics)) {
    column.expr = std::move(parsed.expr);
    return column;
  }
  const auto& items = diagnostics.items();
  const auto first = std::find_if(items.begin(), items.end(),
                                  [](const Diagnostic& d) { return d.severity == Severity::error; });
  column.error = fmt::format("column '{}': {}", header,
                             first != items.end() ? first->message : std::string("not an expression"));
  return column;
}

std::optional<LiteralValue> literal_of(const Expr& e, int depth) {
  if (depth > 32) return std::nullopt;
  LiteralValue v;
  v.span = e.span;
  if (const auto* n = std::get_if<NumberLit>(&e.kind)) {
    v.kind = Kind::number;
    v.number = n->value;
  } else if (const auto* u = std::get_if<Unary>(&e.kind)) {
    const auto* operand = u->operand ? std::get_if<NumberLit>(&u->operand->kind) : nullptr;
    if (u->op != UnaryOp::negate || !operand) return std::nullopt;
    v.kind = Kind::number;
    v.number = -operand->value;
  } else if (const auto* t = std::get_if<TextLit>(&e.kind)) {
    v.kind = Kind::text;
    v.text = t->value;
  } else if (const auto* b = std::get_if<BoolLit>(&e.kind)) {
    v.kind = Kind::boolean;
    v.boolean = b->value;
  } else if (const auto* d = std::get_if<DateLit>(&e.kind)) {
    v.kind = Kind::date;
    v.date = d->days;
  } else if (const auto* list = std::get_if<ListLit>(&e.kind)) {
    v.kind = Kind::list;
    for (const ExprPtr& item : list->items) {
      if (!item) return std::nullopt;
      auto element = literal_of(*item, depth + 1);
      if (!element) return std::nullopt;
      v.items.push_back(std::move(*element));
    }
  } else {
    return std::nullopt;
  }
  return v;
}

// A literal written in QPL (a number, a date, a list...): what the parser reads of it.
std::optional<LiteralValue> parse_literal(std::string_view text) {
  SourceSet scratch;
  const FileId id = scratch.add("cell", std::string(text));
  syntax::ExprParseResult parsed = syntax::parse_expression(scratch.file(id), id);
  if (!parsed.expr) return std::nullopt;
  return literal_of(*parsed.expr, 0);
}

bool is_quoted(std::string_view text) {
  return text.size() >= 2 && text.front() == '"' && text.back() == '"';
}

// The table's own mistakes as diagnostics in the table file, which joins the policy's sources
// so that they render with their line and a frame.
void add_problems(CheckedPolicy& policy, const TestDecl& test, TablePlan& plan) {
  const auto& problems = plan.expectations.problems;
  if (problems.empty()) return;
  const std::string& text = plan.expectations.text;
  const FileId file = policy.sources.add(plan.path, text);
  auto span = [&](std::size_t begin, std::size_t end) {
    begin = std::min(begin, text.size());
    end = std::clamp(end, begin, text.size());
    return Span{file, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)};
  };
  for (const TableProblem& problem : problems) {
    const char* code = problem.kind == TableProblem::Kind::case_name ? sema::code::test_name
                                                                       : sema::code::test_table;
    auto& d = plan.problems.error(code, span(problem.begin, problem.end), problem.message);
    if (problem.first) d.notes.push_back({span(*problem.first, *problem.first + 1), "the earlier row"});
    d.notes.push_back({test.leads_span, fmt::format("test \"{}\" reads its cases from this file", test.name)});
    d.help = problem.help;
  }
}

}  // namespace

TablePlan prepare_table(CheckedPolicy& policy, const TestDecl& test) {
  TablePlan plan;
  const fs::path policy_file = policy.sources.file(test.name_span.file).name();
  plan.path = (policy_file.parent_path() / *test.leads_from).lexically_normal().generic_string();
  plan.format = io::format_from_extension(plan.path);
  if (!plan.format) {
    plan.error = fmt::format("'{}': a table of leads is a .csv, .ndjson, .jsonl or .json file",
                             *test.leads_from);
    return plan;
  }
  // A row the reader rejects is still named by its id when the id cell is there.
  const int id_slot = policy.schema.lead.field_index("id");
  const std::string id_column =
      id_slot >= 0 ? policy.schema.lead.fields[static_cast<std::size_t>(id_slot)].source : "";
  plan.error = read_table_expectations(plan.path, *plan.format, id_column, plan.expectations);
  if (plan.error) return plan;
  add_problems(policy, test, plan);
  const std::string file_name = fs::path(plan.path).filename().generic_string();
  for (const std::string& header : plan.expectations.headers)
    plan.columns.push_back(check_header(policy, header, file_name));
  return plan;
}

std::optional<LiteralValue> cell_literal(const CheckedPolicy& policy, const ExpectationColumn& column,
                                         const TableCell& cell, std::string& error) {
  std::optional<LiteralValue> literal = cell.literal;
  const std::string_view text = cell.text;
  if (!literal && text == "unknown") literal = LiteralValue{};
  if (column.because) {  // the cell is the text itself, as for a text column
    if (literal && literal->kind == Kind::unknown) return literal;
    LiteralValue because;
    because.kind = Kind::text;
    because.text = is_quoted(text) ? std::string(text.substr(1, text.size() - 2)) : std::string(text);
    std::vector<std::string> becauses;
    if (policy.funnel) {
      for (const FunnelLine& line : policy.funnel->lines) becauses.push_back(line.because);
      for (const RecycleLine& line : policy.funnel->recycles) becauses.push_back(line.because);
    }
    if (std::find(becauses.begin(), becauses.end(), because.text) == becauses.end()) {
      error = fmt::format("no funnel line has the because \"{}\"", because.text);
      if (auto close = did_you_mean(because.text, becauses))
        error += fmt::format(" (did you mean \"{}\"?)", *close);
      return std::nullopt;
    }
    return because;
  }
  if (column.stage) {
    if (literal && literal->kind == Kind::unknown) return literal;
    LiteralValue stage;
    stage.kind = Kind::stage;
    stage.text = is_quoted(text) ? std::string(text.substr(1, text.size() - 2)) : std::string(text);
    const bool known = policy.funnel && std::any_of(policy.funnel->lines.begin(), policy.funnel->lines.end(),
                                                    [&](const FunnelLine& l) { return l.stage == stage.text; });
    if (!known) {
      std::vector<std::string> stages;
      if (policy.funnel)
        for (const FunnelLine& line : policy.funnel->lines) stages.push_back(line.stage);
      error = fmt::format("'{}' is not a stage of the funnel", stage.text) + stage_hint(stage.text, stages);
      return std::nullopt;
    }
    return stage;
  }
  const TypeRef type = column.expr->type;
  if (!literal) {
    const bool textual = type && (type->kind == TypeKind::text || type->kind == TypeKind::enum_);
    if (textual && !is_quoted(text)) {  // a text cell is the text itself
      literal = LiteralValue{};
      literal->kind = Kind::text;
      literal->text = std::string(text);
    } else {
      literal = parse_literal(text);
    }
  }
  if (!literal) {
    error = fmt::format("'{}' is not a value of type {}", text, type ? type_name(type) : "?");
    return std::nullopt;
  }
  if (literal->kind == Kind::unknown || !type) return literal;
  std::string why;
  if (!value_from_literal(*literal, type, policy.schema, &why)) {
    error = fmt::format("'{}' is not a value of type {}", text, type_name(type));
    return std::nullopt;
  }
  return literal;
}

}  // namespace qpl::runner
