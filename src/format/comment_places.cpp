#include "format/comment_places.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace qpl::format {
namespace {

std::string_view trimmed(const SourceFile& source, Span span) {
  std::string_view text = source.slice(span);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

// A declaration's comments, leading and trailing, in no particular order: within a declaration
// the layout may move a comment (two trailing comments cannot share a line, a comment inside a
// condition goes to the end of its line), and it is still with its declaration.
std::vector<std::string_view> texts(const SourceFile& source, const std::vector<Comment>& leading,
                                    const std::vector<Comment>& trailing) {
  std::vector<std::string_view> out;
  out.reserve(leading.size() + trailing.size());
  for (const Comment& c : leading) out.push_back(trimmed(source, c.span));
  for (const Comment& c : trailing) out.push_back(trimmed(source, c.span));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

bool comments_stay_with_declarations(const Module& before, const SourceFile& before_source,
                                     const Module& after, const SourceFile& after_source) {
  if (before.decls.size() != after.decls.size()) return false;
  for (std::size_t i = 0; i < before.decls.size(); ++i) {
    const DeclTrivia& b = before.decls[i].trivia;
    const DeclTrivia& a = after.decls[i].trivia;
    if (texts(before_source, b.leading, b.trailing) != texts(after_source, a.leading, a.trailing))
      return false;
  }
  return texts(before_source, before.end_comments, {}) == texts(after_source, after.end_comments, {});
}

}  // namespace qpl::format
