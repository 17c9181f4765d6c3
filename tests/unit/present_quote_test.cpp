// The one QPL text quoting: what `fmt` writes in a policy and the REPL prints as a value.
#include <doctest/doctest.h>

#include "present/quote.hpp"

using qpl::present::quote;

TEST_CASE("quote escapes the quote, the backslash, line breaks and tabs by name") {
  CHECK(quote("FinTech") == "\"FinTech\"");
  CHECK(quote("say \"hi\"\\") == "\"say \\\"hi\\\"\\\\\"");
  CHECK(quote("a\nb\tc") == "\"a\\nb\\tc\"");
}

TEST_CASE("quote shows invisible characters as \\u{HEX}: controls, format characters, separators") {
  CHECK(quote(std::string("a\x01" "b")) == "\"a\\u{1}b\"");
  CHECK(quote("a\u202Eb") == "\"a\\u{202E}b\"");  // right-to-left override
  CHECK(quote("a\u200Bb") == "\"a\\u{200B}b\"");  // zero width space
  CHECK(quote("a\u2028b") == "\"a\\u{2028}b\"");  // line separator
  CHECK(quote("café ☕") == "\"café ☕\"");
}
