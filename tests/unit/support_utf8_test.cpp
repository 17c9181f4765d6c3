#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "support/utf8.hpp"

using namespace qpl;
using namespace std::string_literals;

TEST_CASE("find_invalid_utf8 accepts valid text and points at the first bad byte") {
  CHECK_FALSE(find_invalid_utf8(""));
  CHECK_FALSE(find_invalid_utf8("plain ascii"));
  CHECK_FALSE(find_invalid_utf8("Île-de-France, 東京, 😀"));
  CHECK_FALSE(find_invalid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last scalar value
  CHECK(find_invalid_utf8("ab\xC0\xAF") == 2u);        // overlong '/'
  CHECK(find_invalid_utf8("\xE0\x80\xAF") == 0u);      // overlong, 3 bytes
  CHECK(find_invalid_utf8("x\xED\xA0\x80") == 1u);     // surrogate U+D800
  CHECK(find_invalid_utf8("\xED\xBF\xBF") == 0u);      // surrogate U+DFFF
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0u);  // U+110000
  CHECK(find_invalid_utf8("ok\xC3") == 2u);            // truncated at the end
  CHECK(find_invalid_utf8("\xE2\x82x") == 0u);         // truncated in the middle
  CHECK(find_invalid_utf8("a\x80") == 1u);             // lone continuation byte
  CHECK(find_invalid_utf8("\xFF") == 0u);
  CHECK(is_valid_utf8("é"));
  CHECK_FALSE(is_valid_utf8("\xC3("));
}

TEST_CASE("decode_utf8 always advances") {
  const std::string text = "é\xFFz";
  const DecodedChar first = decode_utf8(text, 0);
  CHECK(first.valid);
  CHECK(first.code_point == U'é');
  CHECK(first.length == 2);
  const DecodedChar bad = decode_utf8(text, 2);
  CHECK_FALSE(bad.valid);
  CHECK(bad.length == 1);
  CHECK(bad.code_point == replacement_character);
  CHECK(decode_utf8(text, 4).length == 0);
}

TEST_CASE("to_lower and to_upper map one code point to one [R26]") {
  CHECK(to_upper("straße") == "STRAßE");
  CHECK(to_lower("İ") == "i");
  CHECK(to_lower("ΟΔΟΣ") == "οδοσ");
  CHECK(to_lower("DIRECTEUR GÉNÉRAL") == "directeur général");
  CHECK(to_upper("directeur général") == "DIRECTEUR GÉNÉRAL");
  CHECK(to_lower("CTO @ ACME") == "cto @ acme");
  CHECK(to_upper("ﬁ") == "ﬁ");  // ligatures stay
  CHECK(to_lower("") == "");
  CHECK(to_lower("A\xFFZ") == "a\xFFz");  // invalid bytes copied through
  CHECK(code_point_count(to_upper("ǆemal straße")) == code_point_count("ǆemal straße"));
}

TEST_CASE("assign_case maps every ASCII byte at every place of a word as to_lower/to_upper do") {
  // assign_case maps eight ASCII bytes at a time: each byte value, at each of the 8 places of a
  // word and in the tail, among neighbours on both sides of the letter ranges.
  std::string out;
  for (int c = 0; c < 0x80; ++c) {
    for (std::size_t place = 0; place < 19; ++place) {
      std::string text = "@AZ[`az{0123456789xyz";
      text[place] = static_cast<char>(c);
      std::string lower_expected = text, upper_expected = text;
      for (char& x : lower_expected) x = (x >= 'A' && x <= 'Z') ? static_cast<char>(x + 32) : x;
      for (char& x : upper_expected) x = (x >= 'a' && x <= 'z') ? static_cast<char>(x - 32) : x;
      assign_case(out, text, true);
      CHECK(out == lower_expected);
      assign_case(out, text, false);
      CHECK(out == upper_expected);
    }
  }
  assign_case(out, "DIRECTEUR GÉNÉRAL DE LA SOCIÉTÉ", true);  // a non-ASCII byte past a word
  CHECK(out == "directeur général de la société");
  assign_case(out, "ΟΔΟΣ ODOS ODOS", true);
  CHECK(out == "οδοσ odos odos");
}

TEST_CASE("trim removes exactly Unicode White_Space [R27]") {
  CHECK(trim("  a b  ") == "a b");
  CHECK(trim("\t\n\v\f\r x \r\n") == "x");
  CHECK(trim("\u00A0\u2003x\u3000\u205F") == "x");
  CHECK(trim("\u0085\u1680\u2000\u200A\u2028\u2029\u202F x") == "x");
  CHECK(trim("\u200Bx\u200B") == "\u200Bx\u200B");  // zero-width space is not White_Space
  CHECK(trim("\uFEFFx") == "\uFEFFx");              // nor is the BOM
  CHECK(trim("   ") == "");
  CHECK(trim("") == "");
  CHECK(trim("é ") == "é");
  CHECK(trim(" \xA0") == "\xA0");  // a lone byte that only looks like NBSP's tail
  const std::string_view source = " keep ";
  CHECK(trim(source).data() == source.data() + 1);  // a view, no copy
}

TEST_CASE("code_point_count counts code points [R29]") {
  CHECK(code_point_count("Île-de-France") == 13);
  CHECK(std::string_view("Île-de-France").size() == 14);
  CHECK(code_point_count("e\u0301") == 2);
  CHECK(code_point_count("") == 0);
  CHECK(code_point_count("😀") == 1);
  CHECK(code_point_count("a\xFF") == 2);
}

TEST_CASE("email_domain follows R28") {
  CHECK(email_domain("cto@Acme.IO") == "acme.io");
  CHECK(email_domain("  jo@x.fr \t") == "x.fr");
  CHECK(email_domain("a@b@C.com") == "c.com");
  CHECK(email_domain("Jo <jo@x.io>") == "x.io>");
  CHECK(email_domain("jo@ EXAMPLE.Com ") == "example.com");
  CHECK(email_domain("jo@SOCIÉTÉ.fr") == "société.fr");
  CHECK_FALSE(email_domain("no-at-sign"));
  CHECK_FALSE(email_domain("jo@"));
  CHECK_FALSE(email_domain("jo@   "));
  CHECK_FALSE(email_domain(""));
}

TEST_CASE("json_escape: every ASCII byte at every place of texts of 1 to 20 bytes") {
  // Texts are checked 8 bytes at a time (the last word overlapping the one before): each byte
  // must be found wherever it is.
  const auto escaped = [](unsigned char c) -> std::string {
    switch (c) {
      case '"': return R"(\")";
      case '\\': return R"(\\)";
      case '\n': return R"(\n)";
      case '\t': return R"(\t)";
      case '\r': return R"(\r)";
      case '\b': return R"(\b)";
      case '\f': return R"(\f)";
    }
    if (c < 0x20 || c == 0x7F) {
      static constexpr char hex[] = "0123456789abcdef";
      return std::string("\\u00") + hex[c >> 4] + hex[c & 0xF];
    }
    return std::string(1, static_cast<char>(c));
  };
  for (std::size_t size = 1; size <= 20; ++size)
    for (std::size_t at = 0; at < size; ++at)
      for (unsigned c = 0; c < 0x80; ++c) {
        std::string text(size, 'a');
        text[at] = static_cast<char>(c);
        const std::string expected = '"' + std::string(at, 'a') + escaped(static_cast<unsigned char>(c)) +
                                     std::string(size - at - 1, 'a') + '"';
        if (json_escape(text) != expected) FAIL_CHECK("byte ", c, " at ", at, " of ", size);
      }
  // Beyond ASCII: valid UTF-8 goes out as it is, an invalid byte becomes U+FFFD.
  for (std::size_t at = 0; at < 16; ++at) {
    std::string text(16, 'a');
    text.replace(at, 1, "é");
    CHECK(json_escape(text) == '"' + text + '"');
    text = std::string(16, 'a');
    text[at] = '\xFF';
    CHECK(json_escape(text) == '"' + std::string(at, 'a') + "\uFFFD" + std::string(15 - at, 'a') + '"');
  }
}

TEST_CASE("json_escape produces a valid JSON string literal") {
  CHECK(json_escape("") == R"("")");
  CHECK(json_escape("plain") == R"("plain")");
  CHECK(json_escape(R"(say "hi" \ bye)") == R"("say \"hi\" \\ bye")");
  CHECK(json_escape("a\nb\tc\rd\be\ff") == R"("a\nb\tc\rd\be\ff")");
  CHECK(json_escape("\x01\x1f\x7f"s) == R"("\u0001\u001f\u007f")");
  CHECK(json_escape("nul\0x"s) == R"("nul\u0000x")");
  CHECK(json_escape("Île-de-France") == "\"Île-de-France\"");
  CHECK(json_escape("a\u2028b\u2029c") == R"("a\u2028b\u2029c")");
  CHECK(json_escape("bad\xFF\xC3") == "\"bad\uFFFD\uFFFD\"");
  CHECK(json_escape("/") == "\"/\"");
  // Runs of plain text between the escapes go out in one piece: each boundary is kept.
  CHECK(json_escape("ab\x7f" "cd\"ef\\gh\u00e9ij\nkl") == R"("ab\u007fcd\"ef\\ghéij\nkl")");
}

TEST_CASE("json_escape finds each character to escape at every place in a long text") {
  // Plain text is scanned 8 bytes at a time: every kind of special byte at every offset of a
  // 41-byte text, so that it falls at each place of a word and in the bytewise tail.
  const std::string specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\u00e9", " ", "~", std::string(1, '\0')};
  const std::string expected[] = {"\\\"", "\\\\", "\\n", "\\u0001", "\\u001f", "\\u007f", "\u00e9", " ", "~", "\\u0000"};
  for (std::size_t k = 0; k < std::size(specials); ++k)
    for (std::size_t at = 0; at <= 40; ++at) {
      const std::string text = std::string(at, 'a') + specials[k] + std::string(40 - at, 'b');
      INFO("special " << k << " at " << at);
      CHECK(json_escape(text) == "\"" + std::string(at, 'a') + expected[k] + std::string(40 - at, 'b') + "\"");
    }
}

TEST_CASE("sanitize_for_terminal keeps lead data from driving the terminal") {
  CHECK(sanitize_for_terminal("Acme") == "Acme");
  CHECK(sanitize_for_terminal("\x1b[31mred\x1b[0m") == "red");
  CHECK(sanitize_for_terminal("\x1b[2J\x1b[1;1Hwiped") == "wiped");
  CHECK(sanitize_for_terminal("\x1b]0;pwned title\x07ok") == "ok");
  CHECK(sanitize_for_terminal("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\") == "link");
  CHECK(sanitize_for_terminal("\x1b" "cafter reset") == "after reset");
  CHECK(sanitize_for_terminal("a\tb\nc\r") == "a b c ");
  CHECK(sanitize_for_terminal("bell\x07\x08\x7f!") == "bell!");
  CHECK(sanitize_for_terminal("c1\u009b31m") == "c131m");
  CHECK(sanitize_for_terminal("abc\u202Edef") == "abcdef");  // right-to-left override
  CHECK(sanitize_for_terminal("bad\xFF") == "bad\uFFFD");
  CHECK(sanitize_for_terminal("trailing escape\x1b") == "trailing escape");
  CHECK(sanitize_for_terminal("\x1b[") == "");
  CHECK(sanitize_for_terminal("Île-de-France 東京") == "Île-de-France 東京");
}

TEST_CASE("display_width counts terminal columns") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("Île-de-France") == 13);
  CHECK(display_width("東京") == 4);
  CHECK(display_width("e\u0301") == 1);  // combining mark takes no column
  CHECK(display_width("\xFF") == 1);
}

TEST_CASE("escape_for_terminal shows what sanitize_for_terminal removes") {
  CHECK(escape_for_terminal("plain Île") == "plain Île");
  CHECK(escape_for_terminal("\x1b[31mred\x1b[0m") == R"(\e[31mred\e[0m)");
  CHECK(escape_for_terminal("\x1b]0;title\x07") == R"(\e]0;title\x07)");
  CHECK(escape_for_terminal("a\tb\nc\rd") == R"(a\tb\nc\rd)");
  CHECK(escape_for_terminal("nul\0del\x7f"s) == R"(nul\x00del\x7f)");
  CHECK(escape_for_terminal("c1\u0085bidi\u202Eend") == R"(c1\u0085bidi\u202eend)");
  CHECK(escape_for_terminal("bad\xFF") == "bad\uFFFD");
  CHECK(escape_for_terminal("back\\slash") == "back\\slash");
}

TEST_CASE("write_json_string writes json_escape's literal within json_string_room") {
  // Written into exactly the room it is given, followed by bytes that must stay as they are.
  const auto written = [](std::string_view text) {
    std::string buffer(json_string_room(text.size()) + 4, '#');
    char* end = write_json_string(buffer.data(), text);
    CHECK(buffer.substr(json_string_room(text.size())) == "####");
    return std::string(buffer.data(), end);
  };
  std::vector<std::string> texts = {"", "plain", "say \"hi\"", "a\nb", "\x01\x1f\x7f"s, "nul\0x"s,
                                    "Île-de-France", "a\u2028b\u2029c", "bad\xFF\xC3",
                                    std::string(100, 'x'), std::string(30, '\x01'),
                                    std::string(30, '\xFF'), "\u2028\u2028"};
  for (std::size_t size = 1; size <= 20; ++size)
    for (std::size_t at = 0; at < size; ++at)
      for (unsigned c = 0; c < 0x80; c += 3) {
        texts.emplace_back(size, 'a');
        texts.back()[at] = static_cast<char>(c);
      }
  for (const auto& text : texts)
    if (written(text) != json_escape(text)) FAIL_CHECK("text ", json_escape(text));
}
