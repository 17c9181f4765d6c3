// Compiler-style text: a header line, then a code frame with the span underlined.
#include <algorithm>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "present/render.hpp"
#include "present/render_location.hpp"
#include "support/utf8.hpp"

namespace qpl::present {
namespace {

using render_detail::SpanLocation;

constexpr std::string_view tab_as_spaces = "    ";

constexpr std::string_view ansi_reset = "\x1b[0m";
constexpr std::string_view ansi_bold = "\x1b[1m";

std::string_view severity_colour(Severity severity) {
  switch (severity) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;33m";
    case Severity::info: return "\x1b[1;36m";
  }
  return "";
}
constexpr std::string_view note_colour = "\x1b[1;36m";

// Source text as the terminal shows it: tabs at a fixed width (so the caret line can repeat the
// same widths), then sanitized so lead or policy bytes cannot drive the terminal.
std::string displayed(std::string_view source_text) {
  std::string expanded;
  expanded.reserve(source_text.size());
  for (const char c : source_text) {
    if (c == '\t')
      expanded += tab_as_spaces;
    else
      expanded += c;
  }
  return sanitize_for_terminal(expanded);
}

// One framed place: the line, and where the underline starts and how wide it is (columns).
struct Frame {
  std::uint32_t line = 0;
  std::string text;
  std::size_t caret_offset = 0;
  std::size_t caret_width = 1;
};

Frame frame_for(const SpanLocation& location, Span span) {
  const SourceFile& file = *location.file;
  const std::string_view line = file.line_text(location.begin.line);
  const auto line_start = static_cast<std::size_t>(line.data() - file.text().data());
  // Byte offsets inside the line; a span past the line's end (its line break, or the end of
  // the file) points just after its last character.
  const std::size_t line_end = line_start + line.size();
  const std::size_t begin = std::clamp<std::size_t>(span.begin, line_start, line_end) - line_start;
  const std::size_t end =
      std::clamp<std::size_t>(std::max(span.begin, span.end), line_start + begin, line_end) -
      line_start;

  const std::string before = displayed(line.substr(0, begin));
  const std::string inside = displayed(line.substr(begin, end - begin));
  const std::string after = displayed(line.substr(end));
  Frame frame;
  frame.line = location.begin.line;
  frame.text = before + inside + after;
  frame.caret_offset = display_width(before);
  frame.caret_width = std::max<std::size_t>(1, display_width(inside));
  // Lines are never printed with trailing spaces.
  while (!frame.text.empty() && frame.text.back() == ' ') frame.text.pop_back();
  return frame;
}

std::size_t digit_count(std::uint32_t number) {
  std::size_t digits = 1;
  while (number >= 10) {
    number /= 10;
    ++digits;
  }
  return digits;
}

class TextWriter {
 public:
  TextWriter(const SourceSet& sources, const RenderOptions& options, std::string& out)
      : sources_(sources), options_(options), out_(out) {}

  void write(const Diagnostic& diagnostic) {
    const SpanLocation main = render_detail::locate(sources_, diagnostic.span);
    gutter_ = main.file ? digit_count(main.begin.line) : 1;
    for (const Note& note : diagnostic.notes) {
      const SpanLocation at = render_detail::locate(sources_, note.span);
      if (at.file) gutter_ = std::max(gutter_, digit_count(at.begin.line));
    }

    header(main, severity_name(diagnostic.severity), severity_colour(diagnostic.severity),
           headline_message(diagnostic));
    if (main.file) frame(main, diagnostic.span, severity_colour(diagnostic.severity));

    for (const Note& note : diagnostic.notes) {
      const SpanLocation at = render_detail::locate(sources_, note.span);
      if (at.file) {
        header(at, "note", note_colour, note.message);
        frame(at, note.span, note_colour);
      } else {
        trailer("note", note.message);
      }
    }
    if (diagnostic.help) trailer("help", *diagnostic.help);
  }

 private:
  void coloured(std::string_view text, std::string_view colour) {
    if (options_.color) out_ += colour;
    out_ += text;
    if (options_.color) out_ += ansi_reset;
  }

  // file:line:column: label: message
  void header(const SpanLocation& at, std::string_view label, std::string_view colour,
              std::string_view message) {
    if (at.file) {
      const std::string place = fmt::format("{}:{}:{}:", sanitize_for_terminal(at.file->name()),
                                            at.begin.line, at.begin.column);
      coloured(place, ansi_bold);
      out_ += ' ';
    }
    coloured(label, colour);
    out_ += ": ";
    coloured(sanitize_for_terminal(message), ansi_bold);
    out_ += '\n';
  }

  void frame(const SpanLocation& at, Span span, std::string_view colour) {
    const Frame shown = frame_for(at, span);
    const std::string blank(gutter_, ' ');
    out_ += fmt::format("{} |\n", blank);
    out_ += fmt::format("{:>{}} |", shown.line, gutter_);
    if (!shown.text.empty()) out_ += fmt::format(" {}", shown.text);
    out_ += '\n';
    out_ += fmt::format("{} | {}", blank, std::string(shown.caret_offset, ' '));
    coloured("^" + std::string(shown.caret_width - 1, '~'), colour);
    out_ += '\n';
  }

  // A line under the frames:  "   = help: ..."
  void trailer(std::string_view label, std::string_view message) {
    out_ += fmt::format("{} = {}: {}\n", std::string(gutter_, ' '), label,
                        sanitize_for_terminal(message));
  }

  const SourceSet& sources_;
  const RenderOptions& options_;
  std::string& out_;
  std::size_t gutter_ = 1;
};

}  // namespace

std::string render_text(const Diagnostic& diagnostic, const SourceSet& sources,
                        const RenderOptions& options) {
  std::string out;
  TextWriter(sources, options, out).write(diagnostic);
  return out;
}

std::string render_text(const Diagnostics& diagnostics, const SourceSet& sources,
                        const RenderOptions& options) {
  std::string out;
  TextWriter writer(sources, options, out);
  bool first = true;
  for (const Diagnostic& diagnostic : diagnostics.items()) {
    if (!first) out += '\n';
    first = false;
    writer.write(diagnostic);
  }
  return out;
}

}  // namespace qpl::present
