#include "format/format.hpp"

#include "model/ast_equal.hpp"
#include "format/printer.hpp"
#include "syntax/parser.hpp"

namespace qpl::format {

FormatResult format_source(const SourceFile& source) {
  FormatResult result;
  ParseResult parsed = parse_module(source, 0);
  if (parsed.diagnostics.has_errors()) {
    result.status = FormatStatus::syntax_errors;
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  std::string text = print_module(parsed.module, source);

  const SourceFile printed(source.name(), text);
  const ParseResult reparsed = parse_module(printed, 0);
  if (reparsed.diagnostics.has_errors() || !same_module(parsed.module, reparsed.module) ||
      reparsed.module.comments.size() != parsed.module.comments.size()) {
    result.status = FormatStatus::unsound;
    return result;
  }
  result.text = std::move(text);
  return result;
}

}  // namespace qpl::format
