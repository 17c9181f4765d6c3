#pragma once
// Equality of short texts without a call to memcmp: a text's first and last eight bytes (four,
// or a few single bytes, when shorter), read without going past its end, tell texts of the
// same length up to 16 bytes apart. For the hot lookups of a lead's keys and values against
// the few texts a policy names (JSON keys, `in [...]` lists).
#include <cstdint>
#include <cstring>
#include <string_view>

namespace qpl {

struct TextWords {
  std::uint64_t head = 0, tail = 0;
  bool operator==(const TextWords&) const = default;
};

namespace text_words_detail {
template <std::size_t Bytes>
std::uint64_t load(const char* at) {
  if constexpr (Bytes == 8) {
    std::uint64_t word;
    std::memcpy(&word, at, 8);
    return word;
  } else {
    std::uint32_t word;
    std::memcpy(&word, at, 4);
    return word;
  }
}
}  // namespace text_words_detail

inline TextWords text_words(std::string_view text) {
  using text_words_detail::load;
  const char* p = text.data();
  const std::size_t n = text.size();
  if (n >= 8) return {load<8>(p), load<8>(p + n - 8)};
  if (n >= 4) return {load<4>(p), load<4>(p + n - 4)};
  if (n == 0) return {};
  return {std::uint64_t(std::uint8_t(p[0])) | std::uint64_t(std::uint8_t(p[n / 2])) << 8 |
              std::uint64_t(std::uint8_t(p[n - 1])) << 16,
          0};
}

// `a` == `b`, given the words of each.
inline bool same_text(std::string_view a, TextWords a_words, std::string_view b, TextWords b_words) {
  return a.size() == b.size() && a_words == b_words &&
         (a.size() <= 16 || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

}  // namespace qpl
