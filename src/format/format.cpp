#include "format/format.hpp"

#include "format/comment_places.hpp"
#include "format/printer.hpp"
#include "model/ast_equal.hpp"
#include "syntax/parser.hpp"

namespace qpl::format {

bool same_policy(const Module& parsed, const SourceFile& source, const SourceFile& printed) {
  const syntax::ParseResult reparsed = syntax::parse_module(printed, 0);
  return !reparsed.diagnostics.has_errors() && same_module(parsed, reparsed.module) &&
         comments_stay_with_declarations(parsed, source, reparsed.module, printed);
}

FormatResult format_source(const SourceFile& source) {
  FormatResult result;
  syntax::ParseResult parsed = syntax::parse_module(source, 0);
  if (parsed.diagnostics.has_errors()) {
    result.status = FormatStatus::syntax_errors;
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  std::string text = print_module(parsed.module, source);
  if (!same_policy(parsed.module, source, SourceFile(source.name(), text))) {
    result.status = FormatStatus::unsound;
    return result;
  }
  result.text = std::move(text);
  return result;
}

}  // namespace qpl::format
