// Go-to-definition and find-references, for every kind of name the symbol index knows.
#include <algorithm>
#include <tuple>

#include "lsp/handlers.hpp"

namespace qpl::lsp {

json definition(const Analysis& analysis, Position position) {
  const Occurrence* o = analysis.symbols().at(0, analysis.lines().offset(position));
  if (!o) return nullptr;
  return location_json(analysis, analysis.symbols().definitions[o->definition].name_span);
}

json references(const Analysis& analysis, Position position, bool include_declaration) {
  const Occurrence* o = analysis.symbols().at(0, analysis.lines().offset(position));
  if (!o) return nullptr;
  std::vector<const Occurrence*> found;
  for (const Occurrence& other : analysis.symbols().occurrences)
    if (other.definition == o->definition && (include_declaration || !other.is_declaration)) found.push_back(&other);
  std::sort(found.begin(), found.end(), [](const Occurrence* a, const Occurrence* b) {
    return std::tie(a->span.file, a->span.begin) < std::tie(b->span.file, b->span.begin);
  });
  json out = json::array();
  for (const Occurrence* each : found) out.push_back(location_json(analysis, each->span));
  return out;
}

}  // namespace qpl::lsp
