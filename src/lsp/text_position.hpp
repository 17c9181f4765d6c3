#pragma once
// LSP positions: a 0-based line and a column in UTF-16 code units (the protocol's default
// encoding), against qualify's byte offsets. Lines end at "\n" ("\r\n" counts as the same end).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qpl::lsp {

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;  // UTF-16 code units from the line's start
  friend bool operator==(Position, Position) = default;
};

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  Position position(std::uint32_t offset) const;
  // The byte offset of a position; a column past the line's end is its end, a line past the
  // text's end is the text's end (editors send such positions while the text changes).
  std::uint32_t offset(Position position) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(starts_.size()); }
  std::uint32_t line_start(std::uint32_t line) const;
  std::uint32_t line_end(std::uint32_t line) const;  // before "\n" or "\r\n"

 private:
  std::string_view text_;
  std::vector<std::uint32_t> starts_;
};

// The number of UTF-16 code units of UTF-8 text (an invalid byte counts as one).
std::uint32_t utf16_length(std::string_view utf8);

}  // namespace qpl::lsp
