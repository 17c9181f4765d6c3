// Hover: what a name is (its kind, type and declaration), a field's source column and a
// score's range.
#include <filesystem>

#include <fmt/format.h>

#include "lsp/handlers.hpp"

namespace qpl::lsp {
namespace {

// The first line of a declaration's text, trimmed.
std::string first_line(const CheckedPolicy& policy, Span span) {
  std::string_view text = policy.sources.file(span.file).slice(span);
  text = text.substr(0, text.find('\n'));
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '{')) text.remove_suffix(1);
  return std::string(text);
}

std::string where_declared(const Analysis& analysis, const Definition& d) {
  const CheckedPolicy& policy = *analysis.policy();
  const std::uint32_t line = analysis.lines(d.name_span.file).position(d.name_span.begin).line + 1;
  if (d.name_span.file == 0) return fmt::format("declared on line {}", line);
  const std::string file = std::filesystem::path(policy.sources.file(d.name_span.file).name()).filename().string();
  return fmt::format("declared in `{}`, line {}", file, line);
}

std::string number_text(double v) {
  std::string s = fmt::format("{}", v);
  return s;
}

std::string describe(const Analysis& analysis, const Definition& d) {
  const CheckedPolicy& policy = *analysis.policy();
  std::string code;
  std::string about;
  switch (d.kind) {
    case SymbolKind::field:
    case SymbolKind::record_field: {
      code = first_line(policy, d.decl_span);
      about = d.kind == SymbolKind::field ? "lead field" : fmt::format("field of record `{}`", d.container);
      if (d.type) about += fmt::format(", {}{}", type_name(d.type), d.field && d.field->optional ? " (optional)" : "");
      if (d.field && d.field->source) about += fmt::format(", read from `{}`", *d.field->source);
      else about += ", read from the column of the same name";
      break;
    }
    case SymbolKind::let:
      code = fmt::format("let {}: {}", d.name, d.type ? type_name(d.type) : "unknown");
      about = "definition";
      break;
    case SymbolKind::icp:
      code = fmt::format("icp {}: bool", d.name);
      about = "ideal customer profile: true when every `require` holds and no `exclude` does";
      break;
    case SymbolKind::score: {
      code = fmt::format("score {}: number", d.name);
      if (d.score && d.score->low && d.score->high) {
        about = fmt::format("from {} to {}", number_text(*d.score->low), number_text(*d.score->high));
      } else {
        about = "unbounded";
      }
      if (d.score) about += fmt::format(", {} rule{}", d.score->rules.size(), d.score->rules.size() == 1 ? "" : "s");
      break;
    }
    case SymbolKind::gates:
      code = fmt::format("gates {}", d.name);
      about = "a group of named checks";
      break;
    case SymbolKind::check:
      code = fmt::format("{}.{}: bool", d.container, d.name);
      about = fmt::format("check of gates `{}`: `{}`", d.container, first_line(policy, d.decl_span));
      break;
    case SymbolKind::record:
      code = fmt::format("record {}", d.name);
      if (const RecordType* r = policy.schema.record(d.name)) {
        for (const FieldSchema& f : r->fields) code += fmt::format("\n  {}: {}{}", f.name, type_name(f.type), f.optional ? "?" : "");
      }
      about = "record type";
      break;
    case SymbolKind::grade:
      code = fmt::format("{}: {}", first_line(policy, d.decl_span), d.type ? type_name(d.type) : "text");
      about = "a grade: the label of the first line that holds";
      break;
    case SymbolKind::stage:
      code = fmt::format("stage {}", d.name);
      about = fmt::format("funnel stage, first line: `{}`", first_line(policy, d.decl_span));
      break;
  }
  return fmt::format("```qpl\n{}\n```\n{}; {}", code, about, where_declared(analysis, d));
}

}  // namespace

json hover(const Analysis& analysis, Position position) {
  if (!analysis.policy()) return nullptr;
  const Occurrence* o = analysis.symbols().at(0, analysis.lines().offset(position));
  if (!o) return nullptr;
  const Definition& d = analysis.symbols().definitions[o->definition];
  return {{"contents", {{"kind", "markdown"}, {"value", describe(analysis, d)}}},
          {"range", range_json(analysis.lines(), o->span)}};
}

}  // namespace qpl::lsp
