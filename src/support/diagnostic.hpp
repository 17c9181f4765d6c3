#pragma once
// Diagnostics are values: every layer returns them, one renderer prints them.
// Messages follow one style: lowercase, no final period, user text in quotes, no C++ names.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "support/source.hpp"

namespace qpl {

enum class Severity { error, warning, info };

struct Note {
  Span span;
  std::string message;
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;  // stable code, e.g. "QPL101"; see docs/diagnostics.md
  Span span;
  std::string message;
  std::vector<Note> notes;               // related places ("first defined here")
  std::optional<std::string> help;       // a hint shown after the frame
};

class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  Diagnostic& error(std::string code, Span span, std::string message);
  Diagnostic& warning(std::string code, Span span, std::string message);
  Diagnostic& info(std::string code, Span span, std::string message);

  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  void append(const Diagnostics& other);
  // Orders by file, then position, then insertion (stable): deterministic output.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// What was already shown when several policies are reported in one run: an error in a file
// they share (an import, a test table) is the same mistake, shown once.
class ShownDiagnostics {
 public:
  // Removes from `diagnostics` those shown before (same file name, place, code and message);
  // remembers the others. `sources` are the ones their spans refer to.
  void drop_repeated(Diagnostics& diagnostics, const SourceSet& sources);

 private:
  std::set<std::string> keys_;
};

}  // namespace qpl
