#pragma once
// A few tokens the AST keeps no span for (`up to M`, `from LO to HI`, `as of`) are found again
// in the source text, so they print as the author wrote them (`10_000` stays `10_000`).
#include <cstdint>
#include <optional>
#include <string_view>

namespace qpl::format {

struct Token {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// The next token at or after `offset` and before `limit`, skipping white space and comments.
// A token is a run of letters, digits, '_' and '.', a quoted text, or one other character.
std::optional<Token> next_token(std::string_view text, std::uint32_t offset, std::uint32_t limit);

// The number after the first `word` found at or after `offset` (and before `limit`) in the
// source: a sign directly written before it is included (`from -5 to 5`).
std::optional<std::string_view> number_after_word(std::string_view text, std::uint32_t offset,
                                                  std::uint32_t limit, std::string_view word);

// Where the two words `first second` (e.g. `as of`) start, at brace depth `depth` counted from
// `offset`; nullopt when they are not there.
std::optional<std::uint32_t> find_words(std::string_view text, std::uint32_t offset,
                                        std::uint32_t limit, std::string_view first,
                                        std::string_view second, int depth);

}  // namespace qpl::format
