#include <doctest/doctest.h>

#include <string>

#include "support/text_words.hpp"

using namespace qpl;

TEST_CASE("same_text agrees with == for texts of every length differing at every place") {
  // Lengths around the 3/4/8/16-byte edges of text_words, and one byte changed at each place:
  // the words must see every byte of a text up to 16 bytes, and memcmp the rest beyond.
  for (std::size_t length = 0; length <= 40; ++length) {
    const std::string base(length, 'k');
    const TextWords base_words = text_words(base);
    CHECK(same_text(base, base_words, std::string(length, 'k'), text_words(std::string(length, 'k'))));
    for (std::size_t place = 0; place < length; ++place) {
      std::string other = base;
      other[place] = 'q';
      CHECK_FALSE(same_text(base, base_words, other, text_words(other)));
    }
    const std::string longer = base + "k";
    CHECK_FALSE(same_text(base, base_words, longer, text_words(longer)));
  }
  CHECK(same_text("FR", text_words("FR"), "FR", text_words("FR")));
  CHECK_FALSE(same_text("FR", text_words("FR"), "fr", text_words("fr")));
  CHECK_FALSE(same_text("", text_words(""), std::string_view("\0", 1), text_words(std::string_view("\0", 1))));
}
