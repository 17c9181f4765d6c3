#include "lsp/documents.hpp"

#include <algorithm>

#include "lsp/uri.hpp"

namespace qpl::lsp {

void apply_change(std::string& text, const TextChange& change) {
  if (!change.range) {
    text = change.text;
    return;
  }
  const LineIndex lines(text);
  std::uint32_t begin = lines.offset(change.range->first);
  std::uint32_t end = lines.offset(change.range->second);
  if (end < begin) std::swap(begin, end);
  text.replace(begin, end - begin, change.text);
}

Document& DocumentStore::open(const std::string& uri, std::string text, long long version) {
  Document& document = documents_[uri];
  document = Document{std::move(text), version, nullptr, nullptr};
  analyse(uri, document);
  return document;
}

Document* DocumentStore::find(const std::string& uri) {
  auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : &it->second;
}

void DocumentStore::analyse(const std::string& uri, Document& document) {
  auto analysis = std::make_shared<const Analysis>(uri, uri_to_path(uri), document.text);
  if (!analysis->has_errors()) document.last_good = analysis;
  document.analysis = std::move(analysis);
}

}  // namespace qpl::lsp
