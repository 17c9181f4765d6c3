#include "support/suggest.hpp"

#include <algorithm>
#include <atomic>

#include "support/utf8.hpp"

namespace qpl {

namespace {

// Names are short; anything longer is not a typo worth a suggestion (and keeps the table small).
constexpr std::size_t max_compared_length = 64;

std::atomic<std::uint64_t> distances_computed{0};

void assign_code_points(std::string_view text, std::u32string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size() && out.size() <= max_compared_length;) {
    const DecodedChar d = decode_utf8(text, i);
    out.push_back(d.code_point);
    i += d.length;
  }
}

std::u32string code_points(std::string_view text) {
  std::u32string out;
  assign_code_points(text, out);
  return out;
}

std::size_t osa_distance(const std::u32string& a, const std::u32string& b, std::size_t limit) {
  distances_computed.fetch_add(1, std::memory_order_relaxed);
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  // Three rolling rows: the transposition looks two rows back.
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_minimum = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
      row_minimum = std::min(row_minimum, current[j]);
    }
    if (row_minimum > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  return osa_distance(code_points(a), code_points(b), limit);
}

std::uint64_t edit_distances_computed() {
  return distances_computed.load(std::memory_order_relaxed);
}

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  const std::u32string exact_word = code_points(word);
  if (exact_word.empty() || exact_word.size() > max_compared_length) return std::nullopt;
  const std::u32string folded_word = code_points(to_lower(word));
  const std::size_t threshold = std::max<std::size_t>(1, exact_word.size() / 3);

  const std::string* best = nullptr;
  std::size_t best_folded = threshold + 1, best_exact = 0;
  std::u32string folded_candidate, exact_candidate;  // reused: no allocation per candidate
  for (const std::string& candidate : candidates) {
    if (candidate == word) continue;
    assign_code_points(to_lower(candidate), folded_candidate);
    const std::size_t folded = osa_distance(folded_word, folded_candidate, threshold);
    // Past the threshold is not a typo; only a close one is worth its exact distance.
    if (folded > threshold || folded > best_folded) continue;
    assign_code_points(candidate, exact_candidate);
    const std::size_t exact = osa_distance(exact_word, exact_candidate, max_compared_length);
    if (folded < best_folded || exact < best_exact) {
      best = &candidate;
      best_folded = folded;
      best_exact = exact;
    }
  }
  if (!best) return std::nullopt;
  return *best;
}

}  // namespace qpl
