// The input window: chunks grow from first_chunk_bytes to chunk_bytes, and whatever the reader
// consumes between fills, it sees every byte once, in order, with initialised padding after.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <random>
#include <string>

#include "io/input_buffer.hpp"
#include "io/limits.hpp"

namespace qpl {

namespace {

struct MemoryFile {
  std::string bytes;
  std::FILE* file;
  explicit MemoryFile(std::string text) : bytes(std::move(text)) {
    file = fmemopen(bytes.data(), bytes.size(), "r");
  }
  ~MemoryFile() { std::fclose(file); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
};

std::string pattern(std::size_t size) {
  std::string text(size, '\0');
  for (std::size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + (i * 7 + i / 251) % 26);
  return text;
}

}  // namespace

TEST_CASE("input buffer: every byte once, in order, whatever is consumed between fills") {
  const std::size_t sizes[] = {0, 1, io::limits::first_chunk_bytes - 1, io::limits::first_chunk_bytes,
                               io::limits::first_chunk_bytes + 1, 3 * io::limits::chunk_bytes + 12345};
  std::mt19937 random(7);
  for (const std::size_t size : sizes) {
    CAPTURE(size);
    const MemoryFile input(pattern(size));
    REQUIRE(input.file != nullptr);
    io::InputBuffer buffer(input.file, "mem");
    std::string seen;
    while (buffer.fill() || buffer.size() > 0) {
      CHECK(buffer.data()[buffer.size()] == '\0');  // the padding after the window is cleared
      // Keep a random tail pending, as a reader does with a record cut by the chunk's end.
      const std::size_t keep =
          buffer.at_eof() ? 0 : std::uniform_int_distribution<std::size_t>(0, buffer.size())(random);
      const std::size_t take = buffer.size() - keep;
      seen.append(buffer.data(), take);
      buffer.consume(take);
      if (buffer.at_eof() && buffer.size() == 0) break;
    }
    CHECK(seen.size() == size);
    CHECK(seen == input.bytes);
  }
}

TEST_CASE("input buffer: a short input ends after one fill") {
  const MemoryFile input("id,size\nA,5\n");
  io::InputBuffer buffer(input.file, "mem");
  CHECK(buffer.fill());
  CHECK(buffer.at_eof());
  CHECK(buffer.view() == "id,size\nA,5\n");
  CHECK_FALSE(buffer.fill());
}

TEST_CASE("on a pipe, fill returns what is there and would_block says when it would wait") {
  int ends[2];
  REQUIRE(pipe(ends) == 0);
  std::FILE* read_end = fdopen(ends[0], "r");
  REQUIRE(read_end != nullptr);
  io::InputBuffer input(read_end, "pipe");
  CHECK(input.would_block());  // nothing written yet
  REQUIRE(write(ends[1], "{\"a\":1}\n{\"a\"", 12) == 12);
  CHECK_FALSE(input.would_block());
  REQUIRE(input.fill());  // does not wait for a whole chunk
  CHECK(input.view() == "{\"a\":1}\n{\"a\"");
  CHECK(input.has_line_break());
  CHECK_FALSE(input.line_would_block());  // a whole line is in hand
  input.consume(8);
  CHECK_FALSE(input.has_line_break());
  CHECK(input.would_block());  // half a record, and the writer is still there
  CHECK(input.line_would_block());
  close(ends[1]);
  CHECK_FALSE(input.would_block());  // end of input: a read returns at once
  CHECK_FALSE(input.fill());
  CHECK(input.at_eof());
  std::fclose(read_end);
}

}  // namespace qpl
