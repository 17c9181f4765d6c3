#include "format/source_scan.hpp"

#include <algorithm>
#include <string>

namespace qpl::format {

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

std::string_view token_text(std::string_view text, Token t) {
  return text.substr(t.begin, t.end - t.begin);
}

}  // namespace

std::optional<Token> next_token(std::string_view text, std::uint32_t offset, std::uint32_t limit) {
  std::size_t i = offset;
  const std::size_t end = std::min<std::size_t>(limit, text.size());
  while (i < end) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '#') {
      while (i < end && text[i] != '\n') ++i;
    } else {
      break;
    }
  }
  if (i >= end) return std::nullopt;
  std::size_t j = i + 1;
  if (is_word_char(text[i])) {
    while (j < end && is_word_char(text[j])) ++j;
  } else if (text[i] == '"') {
    while (j < end && text[j] != '"' && text[j] != '\n') j += (text[j] == '\\') ? 2 : 1;
    j = std::min(j + 1, end);
  }
  return Token{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)};
}

std::optional<std::string_view> number_after_word(std::string_view text, std::uint32_t offset,
                                                  std::uint32_t limit, std::string_view word) {
  auto t = next_token(text, offset, limit);
  while (t && token_text(text, *t) != word) t = next_token(text, t->end, limit);
  if (!t) return std::nullopt;
  auto number = next_token(text, t->end, limit);
  if (!number) return std::nullopt;
  const std::uint32_t begin = number->begin;
  if (const auto s = token_text(text, *number); s == "-" || s == "+") {
    number = next_token(text, number->end, limit);
    if (!number || number->begin != begin + 1) return std::nullopt;
  }
  const auto digits = token_text(text, *number);
  if (digits.empty() || digits.front() < '0' || digits.front() > '9') return std::nullopt;
  return text.substr(begin, number->end - begin);
}

std::optional<std::uint32_t> find_words(std::string_view text, std::uint32_t offset,
                                        std::uint32_t limit, std::string_view first,
                                        std::string_view second, int depth) {
  int level = 0;
  for (auto t = next_token(text, offset, limit); t; t = next_token(text, t->end, limit)) {
    const auto s = token_text(text, *t);
    if (s == "{" || s == "[" || s == "(") ++level;
    if (s == "}" || s == "]" || s == ")") --level;
    if (level == depth && s == first) {
      const auto next = next_token(text, t->end, limit);
      if (next && token_text(text, *next) == second) return t->begin;
    }
  }
  return std::nullopt;
}

}  // namespace qpl::format
