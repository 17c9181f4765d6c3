#include "syntax/trivia.hpp"

namespace qpl::syntax {

std::vector<Comment> scan_comments(std::string_view text, FileId id) {
  std::vector<Comment> comments;
  bool in_text = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_text) {
      if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
      else if (c == '"' || c == '\n') in_text = false;
    } else if (c == '"') {
      in_text = true;
    } else if (c == '#') {
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      std::size_t last = end;
      if (last > i && text[last - 1] == '\r') --last;
      comments.push_back(Comment{Span{id, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(last)}});
      i = end;
    }
  }
  return comments;
}


std::string condition_text(std::string_view source) {
  std::string out;
  out.reserve(source.size());
  bool in_text = false;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (in_text) {
      out.push_back(c);
      if (c == '\\' && i + 1 < source.size()) out.push_back(source[++i]);
      else if (c == '"') in_text = false;
      continue;
    }
    if (c == '"') {
      in_text = true;
      out.push_back(c);
    } else if (c == '#') {
      while (i + 1 < source.size() && source[i + 1] != '\n') ++i;
    } else if (c == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\r')) out.pop_back();
      while (i + 1 < source.size() && (source[i + 1] == ' ' || source[i + 1] == '\t' || source[i + 1] == '\r')) ++i;
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace qpl::syntax
