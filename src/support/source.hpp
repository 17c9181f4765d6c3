#pragma once
// Source files and spans. Spans are byte offsets into one file's text; lines and columns are
// computed only for display (columns count characters, not bytes).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace qpl {

using FileId = std::uint32_t;

struct Span {
  FileId file = 0;
  std::uint32_t begin = 0;  // byte offset of the first byte
  std::uint32_t end = 0;    // byte offset one past the last byte

  friend bool operator==(Span, Span) = default;
};

struct LineColumn {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in Unicode code points
};

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  std::string_view slice(Span span) const;
  LineColumn position(std::uint32_t offset) const;
  std::string_view line_text(std::uint32_t line) const;  // without its line break
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// Every file of a policy and its imports; FileId indexes it.
class SourceSet {
 public:
  FileId add(std::string name, std::string text);
  const SourceFile& file(FileId id) const { return *files_.at(id); }
  std::size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;  // stable addresses
};

}  // namespace qpl
