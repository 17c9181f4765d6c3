#pragma once
// "did you mean": the closest known name to a misspelt one, for diagnostics.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
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
// Costs one distance computation per candidate (two for a close one).
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates);

// Distance computations made so far by this process: lets tests check that the work of a run
// stays linear in its size.
std::uint64_t edit_distances_computed();

// did_you_mean for one run of the checker, within a budget of candidates compared: a file with
// thousands of unknown names against thousands of declared ones stays linear (each unknown
// name would otherwise be compared with every declared one). Once the budget is spent, later
// questions get no answer; a policy of ordinary size never gets near it.
class Suggester {
 public:
  static constexpr std::size_t default_budget = 1'000'000;

  explicit Suggester(std::size_t budget = default_budget) : budget_(budget) {}

  // False once the budget is spent: callers need not gather candidates any more.
  bool active() const { return compared_ < budget_; }

  std::optional<std::string> operator()(std::string_view word,
                                        const std::vector<std::string>& candidates) {
    if (!active()) return std::nullopt;
    compared_ += candidates.size();
    return did_you_mean(word, candidates);
  }

  // The same, gathering the candidates only when the question will be answered.
  template <class Gather>
    requires std::is_invocable_r_v<std::vector<std::string>, Gather>
  std::optional<std::string> operator()(std::string_view word, Gather&& gather) {
    if (!active()) return std::nullopt;
    return (*this)(word, gather());
  }

 private:
  std::size_t budget_;
  std::size_t compared_ = 0;
};

}  // namespace qpl
