// LSP columns count UTF-16 code units: "é" is one, "😀" (outside the BMP) is two.
#include <doctest/doctest.h>

#include <string>

#include "lsp/documents.hpp"
#include "lsp/text_position.hpp"

using qpl::lsp::LineIndex;
using qpl::lsp::Position;

TEST_CASE("byte offsets and UTF-16 positions convert both ways") {
  const std::string text = "ab\nxé😀z\r\nend";
  const LineIndex lines(text);
  CHECK(lines.line_count() == 3);
  CHECK(lines.position(0) == Position{0, 0});
  CHECK(lines.position(3) == Position{1, 0});
  CHECK(lines.position(6) == Position{1, 2});   // after "xé" (é is 2 bytes)
  CHECK(lines.position(10) == Position{1, 4});  // after the emoji: 4 bytes, 2 code units
  CHECK(lines.position(11) == Position{1, 5});  // before "\r\n"
  CHECK(lines.offset(Position{1, 2}) == 6);
  CHECK(lines.offset(Position{1, 4}) == 10);
  CHECK(lines.offset(Position{2, 1}) == 14);
}

TEST_CASE("positions past a line or the text are clamped") {
  const std::string text = "ab\r\ncd";
  const LineIndex lines(text);
  CHECK(lines.offset(Position{0, 99}) == 2);  // before "\r\n"
  CHECK(lines.offset(Position{7, 0}) == 6);
  CHECK(lines.position(99) == Position{1, 2});
}

TEST_CASE("an offset inside a multi-byte character counts up to its start") {
  const std::string text = "é";
  CHECK(LineIndex(text).position(1) == Position{0, 0});
  CHECK(qpl::lsp::utf16_length("a😀é") == 4);
  CHECK(qpl::lsp::utf16_length("\xff") == 1);
}

TEST_CASE("incremental changes replace a range, full changes the whole text") {
  std::string text = "let a = 1\nlet bé = 2\n";
  qpl::lsp::apply_change(text, {std::pair{Position{1, 4}, Position{1, 6}}, "c"});
  CHECK(text == "let a = 1\nlet c = 2\n");
  qpl::lsp::apply_change(text, {std::pair{Position{2, 0}, Position{2, 0}}, "let d = 3\n"});
  CHECK(text == "let a = 1\nlet c = 2\nlet d = 3\n");
  qpl::lsp::apply_change(text, {std::nullopt, "x"});
  CHECK(text == "x");
}
