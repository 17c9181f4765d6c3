#include <doctest/doctest.h>

#include <sstream>

#include "lsp/framing.hpp"

using qpl::lsp::Frame;
using qpl::lsp::frame;
using qpl::lsp::read_frame;

TEST_CASE("a framed message reads back, one after the other") {
  std::istringstream in(frame(R"({"a":1})") + frame("{}"));
  Frame first = read_frame(in);
  CHECK(first.status == Frame::Status::message);
  CHECK(first.body == R"({"a":1})");
  Frame second = read_frame(in);
  CHECK(second.status == Frame::Status::message);
  CHECK(second.body == "{}");
  CHECK(read_frame(in).status == Frame::Status::end_of_input);
}

TEST_CASE("the frame counts bytes, not characters") {
  CHECK(frame("\"é\"") == "Content-Length: 4\r\n\r\n\"é\"");
}

TEST_CASE("other headers are ignored, the name's case too, bare line feeds accepted") {
  std::istringstream in("content-length: 2\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n{}");
  Frame f = read_frame(in);
  CHECK(f.status == Frame::Status::message);
  CHECK(f.body == "{}");
}

TEST_CASE("a bad header is reported and the next message still reads") {
  std::istringstream in("Content-Length: x\r\n\r\n" + frame("{}"));
  Frame bad = read_frame(in);
  CHECK(bad.status == Frame::Status::bad_header);
  CHECK(bad.error == "Content-Length is not a number");
  Frame good = read_frame(in);
  CHECK(good.status == Frame::Status::message);
  CHECK(good.body == "{}");
}

TEST_CASE("no Content-Length, too large, or cut short") {
  std::istringstream none("Foo: 1\r\n\r\n");
  CHECK(read_frame(none).error == "no Content-Length header");
  std::istringstream huge("Content-Length: 99999999999\r\n\r\n{}");
  CHECK(read_frame(huge).status == Frame::Status::bad_header);
  std::istringstream short_body("Content-Length: 10\r\n\r\n{}");
  CHECK(read_frame(short_body).status == Frame::Status::end_of_input);
}
