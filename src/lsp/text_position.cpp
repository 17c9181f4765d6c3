#include "lsp/text_position.hpp"

#include <algorithm>

namespace qpl::lsp {
namespace {

// Bytes of the UTF-8 sequence starting with `lead` (1 for a byte that cannot start one).
std::uint32_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::uint32_t utf16_length(std::string_view utf8) {
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::uint32_t n = sequence_length(static_cast<unsigned char>(utf8[i]));
    units += n == 4 ? 2 : 1;
    i += std::min<std::size_t>(n, utf8.size() - i);
  }
  return units;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(static_cast<std::uint32_t>(i + 1));
}

std::uint32_t LineIndex::line_start(std::uint32_t line) const {
  return line < starts_.size() ? starts_[line] : static_cast<std::uint32_t>(text_.size());
}

std::uint32_t LineIndex::line_end(std::uint32_t line) const {
  if (line + 1 >= starts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::uint32_t end = starts_[line + 1] - 1;  // the "\n"
  if (end > starts_[line] && text_[end - 1] == '\r') --end;
  return end;
}

Position LineIndex::position(std::uint32_t offset) const {
  offset = std::min(offset, static_cast<std::uint32_t>(text_.size()));
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::uint32_t>(it - starts_.begin() - 1);
  // An offset inside a multi-byte sequence counts up to the sequence's start.
  std::uint32_t begin = starts_[line];
  std::uint32_t units = 0;
  for (std::uint32_t i = begin; i < offset;) {
    const std::uint32_t n = sequence_length(static_cast<unsigned char>(text_[i]));
    if (i + n > offset) break;
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return {line, units};
}

std::uint32_t LineIndex::offset(Position position) const {
  if (position.line >= starts_.size()) return static_cast<std::uint32_t>(text_.size());
  const std::uint32_t end = line_end(position.line);
  std::uint32_t i = starts_[position.line];
  std::uint32_t units = 0;
  while (i < end && units < position.character) {
    const std::uint32_t n = sequence_length(static_cast<unsigned char>(text_[i]));
    units += n == 4 ? 2 : 1;
    i = std::min(i + n, end);
  }
  return i;
}

}  // namespace qpl::lsp
