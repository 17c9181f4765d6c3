// `# qualify: allow QPL401, QPL500` on a diagnostic's line or the line above allows it.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "lint/lint.hpp"

namespace qpl::lint {
namespace {

// The codes a comment allows; empty when it is not an allow comment.
std::set<std::string, std::less<>> allowed_codes(std::string_view comment) {
  std::set<std::string, std::less<>> codes;
  const auto at = comment.find("qualify:");
  if (at == std::string_view::npos) return codes;
  std::string_view rest = comment.substr(at + 8);
  const auto word = rest.find_first_not_of(" \t");
  if (word == std::string_view::npos || rest.substr(word, 5) != "allow") return codes;
  rest = rest.substr(word + 5);
  std::string current;
  for (char c : rest) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      current += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    } else if (c == ',' || c == ' ' || c == '\t') {
      if (!current.empty()) codes.insert(std::exchange(current, {}));
    } else {
      break;  // an explanation may follow: `# qualify: allow QPL401 -- kept for the CRM`
    }
  }
  if (!current.empty()) codes.insert(current);
  return codes;
}

}  // namespace

void apply_inline_allows(const CheckedPolicy& policy, Diagnostics& diagnostics) {
  // (file, line) -> codes allowed on that line by a comment there or on the line above.
  std::map<std::pair<FileId, std::uint32_t>, std::set<std::string, std::less<>>> allowed;
  for (const auto& module : policy.modules) {
    if (module.file >= policy.sources.size()) continue;
    const SourceFile& file = policy.sources.file(module.file);
    for (const auto& comment : module.comments) {
      auto codes = allowed_codes(file.slice(comment.span));
      if (codes.empty()) continue;
      const std::uint32_t line = file.position(comment.span.begin).line;
      for (std::uint32_t l : {line, line + 1})
        allowed[{module.file, l}].insert(codes.begin(), codes.end());
    }
  }
  if (allowed.empty()) return;
  auto& items = diagnostics.items();
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const Diagnostic& d) {
                               if (d.severity == Severity::error || d.span.file >= policy.sources.size())
                                 return false;
                               const auto line = policy.sources.file(d.span.file).position(d.span.begin).line;
                               auto it = allowed.find({d.span.file, line});
                               return it != allowed.end() && it->second.count(d.code) > 0;
                             }),
              items.end());
}

}  // namespace qpl::lint
