#pragma once
// The open documents: their text as the editor has it, changed in full or by ranges
// (TextDocumentSyncKind.Incremental), and the analysis of their latest version.
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "lsp/analysis.hpp"
#include "lsp/text_position.hpp"

namespace qpl::lsp {

struct TextChange {
  std::optional<std::pair<Position, Position>> range;  // none: the whole text
  std::string text;
};

// Applies one change to `text` (a range's positions are clamped to the text).
void apply_change(std::string& text, const TextChange& change);

struct Document {
  std::string text;
  long long version = 0;
  std::shared_ptr<const Analysis> analysis;
  // The latest analysis without errors: completion still knows the names while a line is
  // half typed.
  std::shared_ptr<const Analysis> last_good;
};

class DocumentStore {
 public:
  Document& open(const std::string& uri, std::string text, long long version);
  Document* find(const std::string& uri);
  void close(const std::string& uri) { documents_.erase(uri); }
  // Analyses the document's current text.
  void analyse(const std::string& uri, Document& document);

 private:
  std::map<std::string, Document> documents_;
};

}  // namespace qpl::lsp
