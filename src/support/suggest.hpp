#pragma once
// "did you mean": the closest known name to a misspelt one, for diagnostics.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qpl {

// Optimal string alignment distance (Levenshtein plus adjacent transpositions) between two
// texts, counted in code points. Stops early and returns limit + 1 once the distance is known
// to exceed limit, so a long text costs little.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The candidate closest to word, if it is close enough to be a likely typo: a distance, ignoring
// case, of at most max(1, length(word) / 3) (budjet -> budget, enagement -> engagement; cxo is
// not c_level). Ties go to the smaller case-sensitive distance, then to the first candidate in
// the given order, so the answer is deterministic. A candidate equal to word is never suggested.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace qpl
