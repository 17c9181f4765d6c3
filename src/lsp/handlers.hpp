#pragma once
// The answers to the editor's questions about one analysed document, one file each.
#include "lsp/analysis.hpp"
#include "lsp/protocol.hpp"

namespace qpl::lsp {

json diagnostics_json(const Analysis& analysis);                       // diagnostics.cpp
json hover(const Analysis& analysis, Position position);                // hover.cpp
json definition(const Analysis& analysis, Position position);           // navigation.cpp
json references(const Analysis& analysis, Position position, bool include_declaration);
// completion.cpp: `last_good` (may be null) supplies the names while `current` has errors.
json completion(const Analysis& current, const Analysis* last_good, Position position);
json document_symbols(const Analysis& analysis);                        // document_symbols.cpp
json code_actions(const Analysis& analysis, const json& params);        // code_actions.cpp
// formatting.cpp: the edits that lay the document out as `qualify fmt` does; a RequestError
// when it does not parse or the formatter would change its meaning.
json formatting(const Analysis& analysis);

}  // namespace qpl::lsp
