#include "support/diagnostic.hpp"

#include <algorithm>

namespace qpl {

Diagnostic& Diagnostics::error(std::string code, Span span, std::string message) {
  items_.push_back({Severity::error, std::move(code), span, std::move(message), {}, {}});
  return items_.back();
}

Diagnostic& Diagnostics::warning(std::string code, Span span, std::string message) {
  items_.push_back({Severity::warning, std::move(code), span, std::move(message), {}, {}});
  return items_.back();
}

Diagnostic& Diagnostics::info(std::string code, Span span, std::string message) {
  items_.push_back({Severity::info, std::move(code), span, std::move(message), {}, {}});
  return items_.back();
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    return a.span.begin < b.span.begin;
  });
}

void ShownDiagnostics::drop_repeated(Diagnostics& diagnostics, const SourceSet& sources) {
  auto& items = diagnostics.items();
  std::erase_if(items, [&](const Diagnostic& d) {
    const std::string file = d.span.file < sources.size() ? sources.file(d.span.file).name() : "";
    std::string key = file + '\0' + std::to_string(d.span.begin) + '\0' + std::to_string(d.span.end) +
                      '\0' + d.code + '\0' + d.message;
    return !keys_.insert(std::move(key)).second;
  });
}

}  // namespace qpl
