// Formatting: `qualify fmt`'s engine, which refuses a policy that does not parse and a layout
// that would change the policy's meaning.
#include "format/format.hpp"
#include "lsp/handlers.hpp"

namespace qpl::lsp {

json formatting(const Analysis& analysis) {
  const SourceFile source("policy.qpl", analysis.text());
  format::FormatResult result = format::format_source(source);
  switch (result.status) {
    case format::FormatStatus::syntax_errors:
      throw RequestError(error_code::request_failed, "cannot format: the policy has syntax errors");
    case format::FormatStatus::unsound:
      throw RequestError(error_code::request_failed, format::unsound_message);
    case format::FormatStatus::formatted:
      break;
  }
  json edits = json::array();
  if (result.text == analysis.text()) return edits;
  const Span whole{0, 0, static_cast<std::uint32_t>(analysis.text().size())};
  edits.push_back({{"range", range_json(analysis.lines(), whole)}, {"newText", std::move(result.text)}});
  return edits;
}

}  // namespace qpl::lsp
