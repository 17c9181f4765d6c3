#include "syntax/trivia.hpp"

namespace qpl::syntax {

namespace {

// True when `text` has no line break in [from, to).
bool same_line(std::string_view text, std::uint32_t from, std::uint32_t to) {
  return from <= to && text.substr(from, to - from).find('\n') == std::string_view::npos;
}

}  // namespace

void attach_comments(Module& module, std::string_view text) {
  auto& decls = module.decls;
  std::size_t d = 0;
  for (const Comment& c : module.comments) {
    const auto owns = [&](const Decl& decl) {  // inside it, or after it on its last line
      return c.span.begin < decl.span.end || same_line(text, decl.span.end, c.span.begin);
    };
    while (d < decls.size() && c.span.begin >= decls[d].span.begin && !owns(decls[d])) ++d;
    if (d == decls.size()) module.end_comments.push_back(c);
    else if (c.span.begin < decls[d].span.begin) decls[d].trivia.leading.push_back(c);
    else decls[d].trivia.trailing.push_back(c);
  }
}

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
