#pragma once
// One version of an open document, through `qualify lint` (imports, configuration, inline
// allows: the same findings as the command line) and indexed for the editor's questions.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lint/run.hpp"
#include "lsp/symbol_index.hpp"
#include "lsp/text_position.hpp"

namespace qpl::lsp {

class Analysis {
 public:
  // `path` is the document's file (imports and `.qualify-lint` are found from it); an editor
  // buffer without one resolves imports against the server's folder.
  Analysis(std::string uri, std::optional<std::string> path, std::string text);
  Analysis(const Analysis&) = delete;  // the line indexes view its texts
  Analysis& operator=(const Analysis&) = delete;

  const std::string& uri() const { return uri_; }
  const std::string& text() const { return text_; }
  const lint::LintRun& run() const { return run_; }
  const CheckedPolicy* policy() const { return run_.policy.get(); }
  const SymbolIndex& symbols() const { return symbols_; }
  bool has_errors() const { return run_.diagnostics.has_errors(); }

  // The document's own file in the policy (always 0) and its positions.
  const LineIndex& lines() const { return lines_[0]; }
  // Any file's positions, its URI (the document's own URI for file 0).
  const LineIndex& lines(FileId file) const;
  std::string file_uri(FileId file) const;

 private:
  std::string uri_;
  std::string text_;
  lint::LintRun run_;
  SymbolIndex symbols_;
  std::vector<LineIndex> lines_;  // per file of the policy
};

}  // namespace qpl::lsp
