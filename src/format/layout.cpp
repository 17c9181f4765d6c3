#include "format/layout.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <string_view>

#include "support/utf8.hpp"

namespace qpl::format {

Line& LineWriter::start(std::size_t indent, std::uint32_t anchor, Blank blank,
                        std::uint32_t group) {
  Line line;
  line.indent = indent;
  line.anchor = anchor;
  line.blank = blank;
  line.group = group;
  lines_.push_back(std::move(line));
  return lines_.back();
}

std::size_t LineWriter::column() const {
  if (lines_.empty()) return 0;
  return lines_.back().indent * indent_width + display_width(lines_.back().code);
}

void LineWriter::append(std::vector<Line> more) {
  for (auto& line : more) lines_.push_back(std::move(line));
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// True when code precedes `offset` on its source line (the comment there is a trailing one).
bool code_before_on_line(std::string_view text, std::uint32_t offset) {
  for (std::size_t i = offset; i > 0; --i) {
    const char c = text[i - 1];
    if (c == '\n') return false;
    if (!is_space(c)) return true;
  }
  return false;
}

// True when the author left a blank line just before `offset`.
bool blank_line_before(std::string_view text, std::uint32_t offset) {
  int newlines = 0;
  for (std::size_t i = std::min<std::size_t>(offset, text.size()); i > 0; --i) {
    const char c = text[i - 1];
    if (!is_space(c)) break;
    if (c == '\n' && ++newlines == 2) return true;
  }
  return false;
}

std::string comment_text(const SourceFile& source, Span span) {
  std::string_view text = source.slice(span);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

struct PlacedComment {
  std::uint32_t offset = 0;
  std::string text;
};

struct Placement {
  std::vector<std::vector<PlacedComment>> leading;  // per line
  std::vector<std::optional<std::string>> trailing; // per line
  std::vector<PlacedComment> at_end;                // after the last line
};

Placement place_comments(const std::vector<Line>& lines, const std::vector<Comment>& comments,
                         const SourceFile& source) {
  Placement placed;
  placed.leading.resize(lines.size());
  placed.trailing.resize(lines.size());

  // Lines by anchor; stable, so among equal anchors the output order decides.
  std::vector<std::size_t> by_anchor(lines.size());
  std::iota(by_anchor.begin(), by_anchor.end(), std::size_t{0});
  std::stable_sort(by_anchor.begin(), by_anchor.end(),
                   [&](std::size_t a, std::size_t b) { return lines[a].anchor < lines[b].anchor; });
  const auto first_after = [&](std::uint32_t offset) {
    return std::upper_bound(by_anchor.begin(), by_anchor.end(), offset,
                            [&](std::uint32_t o, std::size_t i) { return o < lines[i].anchor; });
  };

  for (const Comment& comment : comments) {
    PlacedComment c{comment.span.begin, comment_text(source, comment.span)};
    const auto after = first_after(c.offset);
    if (code_before_on_line(source.text(), c.offset) && after != by_anchor.begin()) {
      const std::size_t line = *(after - 1);  // the last line starting at or before it
      if (!placed.trailing[line]) {
        placed.trailing[line] = std::move(c.text);
      } else {  // two trailing comments cannot share a line: the later one goes above it
        placed.leading[line].push_back(std::move(c));
      }
      continue;
    }
    if (after == by_anchor.end()) {
      placed.at_end.push_back(std::move(c));
    } else {
      placed.leading[*after].push_back(std::move(c));
    }
  }
  return placed;
}

std::size_t line_width(const Line& line) {
  return line.indent * indent_width + display_width(line.code);
}

}  // namespace

std::string render_lines(const std::vector<Line>& lines, const std::vector<Comment>& comments,
                         const SourceFile& source) {
  const Placement placed = place_comments(lines, comments, source);
  const std::string_view text = source.text();

  // Trailing comments of a group start in one column.
  std::vector<std::size_t> comment_column(lines.size(), 0);
  for (std::size_t i = 0; i < lines.size();) {
    std::size_t j = i, widest = 0;
    for (; j < lines.size() && lines[j].group == lines[i].group; ++j)
      if (placed.trailing[j]) widest = std::max(widest, line_width(lines[j]));
    for (std::size_t k = i; k < j; ++k) comment_column[k] = widest + 2;
    i = j;
  }

  std::string out;
  bool at_start = true;
  const auto put_blank = [&](bool wanted) {
    if (wanted && !at_start) out += '\n';
  };
  const auto put_comment = [&](const PlacedComment& c, std::size_t indent) {
    out.append(indent * indent_width, ' ');
    out += c.text;
    out += '\n';
    at_start = false;
  };

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    bool first_unit = true;
    const auto blank_for = [&](std::uint32_t offset, bool is_line) {
      if (first_unit) {
        first_unit = false;
        if (line.blank == Blank::forced) return true;
        if (line.blank == Blank::never) return false;
      }
      if (is_line && line.closes_block) return false;
      return blank_line_before(text, offset);
    };
    const std::size_t comment_indent = line.indent + (line.closes_block ? 1 : 0);
    for (const auto& c : placed.leading[i]) {
      put_blank(blank_for(c.offset, false));
      put_comment(c, comment_indent);
    }
    put_blank(blank_for(line.anchor, true));
    std::string rendered(line.indent * indent_width, ' ');
    rendered += line.code;
    while (!rendered.empty() && rendered.back() == ' ') rendered.pop_back();
    if (placed.trailing[i]) {
      const std::size_t width = line_width(line);
      rendered.append(comment_column[i] > width ? comment_column[i] - width : 1, ' ');
      rendered += *placed.trailing[i];
    }
    out += rendered;
    out += '\n';
    at_start = false;
  }
  for (const auto& c : placed.at_end) {
    put_blank(blank_line_before(text, c.offset));
    put_comment(c, 0);
  }
  return out;
}

}  // namespace qpl::format
