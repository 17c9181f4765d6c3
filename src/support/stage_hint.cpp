#include "support/stage_hint.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "support/suggest.hpp"
#include "support/utf8.hpp"

namespace qpl {

std::string stage_hint(std::string_view word, const std::vector<std::string>& stages) {
  std::vector<std::string> unique;
  for (const std::string& stage : stages)
    if (std::find(unique.begin(), unique.end(), stage) == unique.end()) unique.push_back(stage);
  if (unique.empty()) return {};
  if (auto close = did_you_mean(word, unique)) return fmt::format(" (did you mean '{}'?)", *close);
  std::string list;
  for (const std::string& stage : unique)
    list += fmt::format("{}'{}'", list.empty() ? "" : ", ", sanitize_for_terminal(stage));
  return fmt::format(" (the {} {})", unique.size() == 1 ? "stage is" : "stages are", list);
}

}  // namespace qpl
