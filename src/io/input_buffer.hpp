#pragma once
// A FILE* read in large chunks into one growing window, padded for simdjson: readers scan the
// window and release what they consumed, so memory stays flat however long the input is and a
// record larger than a chunk simply makes the window grow (up to limits::max_record_bytes).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace qpl::io {

class InputBuffer {
 public:
  InputBuffer(std::FILE* stream, std::string name);

  // The unconsumed bytes; valid until the next fill() or consume().
  const char* data() const { return storage_.get() + begin_; }
  std::size_t size() const { return end_ - begin_; }
  std::string_view view() const { return {data(), size()}; }
  // Reads one more chunk, or what a pipe or terminal holds so far (at least one byte); false at
  // the end of the input. Throws InputError on a read error.
  bool fill();
  // Whether fill() would wait for input now: never for a file, and for a pipe or a terminal
  // only when nothing is there yet (`tail -f leads.ndjson | qualify eval ...`).
  bool would_block() const;
  // Whether the unconsumed bytes hold a line break: a line-based reader has a record ready.
  bool has_line_break() const;
  // Whether the next line would wait for input: no line break in hand and would_block(). Cheap
  // for a file (no scan), as readers ask it before every record.
  bool line_would_block() const { return may_block_ && !eof_ && !has_line_break() && would_block(); }
  bool at_eof() const { return eof_; }
  void consume(std::size_t bytes) {
    begin_ += bytes;
    consumed_ += bytes;
  }
  // For a regular file: the descriptor and the file offset of data(), so that a record's bytes
  // can be read again by offset on another thread (pread). -1 for anything else.
  int regular_fd() const { return start_offset_ >= 0 ? fd_ : -1; }
  std::int64_t offset() const { return start_offset_ + static_cast<std::int64_t>(consumed_); }
  const std::string& name() const { return name_; }

 private:
  std::size_t read_some(char* into, std::size_t count);

  std::FILE* stream_;
  int fd_ = -1;           // -1: a stream without a descriptor (fmemopen), read with fread
  bool may_block_ = false;  // a pipe, a socket or a terminal: reads return what is there
  std::string name_;
  std::unique_ptr<char[]> storage_;
  std::size_t capacity_ = 0;  // bytes in storage_, simdjson padding excluded
  std::size_t next_chunk_;    // bytes the next fill() asks for
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t consumed_ = 0;       // bytes consumed since the start
  std::int64_t start_offset_ = -1;  // a regular file's offset when reading began, else -1
  bool eof_ = false;
};

}  // namespace qpl::io
