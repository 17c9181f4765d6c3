#pragma once
// The formatter's output model: lines that remember where their content came from, so the
// comments of the source (which the AST does not hold) can be put back next to their lines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/ast.hpp"
#include "support/source.hpp"

namespace qpl::format {

constexpr std::size_t max_line_width = 100;
constexpr std::size_t indent_width = 2;

// Whether a blank line may come before a line (and before the comments placed above it).
enum class Blank : std::uint8_t {
  forced,    // a top-level declaration: always one blank line before it (not at the file start)
  preserved, // one blank line where the author had at least one
  never,     // the first line of a block or of a broken list
};

struct Line {
  std::size_t indent = 0;    // in levels of indent_width spaces
  std::string code;          // without indentation and without a trailing comment
  std::uint32_t anchor = 0;  // source offset of the first token this line shows
  Blank blank = Blank::preserved;
  bool closes_block = false; // `}` or `]`: comments above it belong to the block's inside
  std::uint32_t group = 0;   // trailing comments are aligned within a group (one block)
};

// Appends lines in order; the printers write into the current (last) line.
class LineWriter {
 public:
  Line& start(std::size_t indent, std::uint32_t anchor, Blank blank, std::uint32_t group);
  std::string& code() { return lines_.back().code; }
  Line& current() { return lines_.back(); }
  bool empty() const { return lines_.empty(); }
  // Columns taken on the current line (indentation included).
  std::size_t column() const;
  std::vector<Line>& lines() { return lines_; }
  void append(std::vector<Line> more);

 private:
  std::vector<Line> lines_;
};

// The final text: the lines with their indentation, the source's comments put back (a comment
// alone on its line stays above the line that follows it; a comment after code stays at the
// end of that code's line, aligned with the other trailing comments of its block), and blank
// lines as the lines' Blank rules say.
std::string render_lines(const std::vector<Line>& lines, const std::vector<Comment>& comments,
                         const SourceFile& source);

}  // namespace qpl::format
