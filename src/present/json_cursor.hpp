#pragma once
// Appends to a std::string through a raw pointer: room is made once for several pieces whose
// largest size is known, and each piece then goes in without a capacity check and a call of its
// own. The explain JSON writes some fifty pieces per node, and a few thousand per lead.
//
// The pieces go to a buffer first, whose size is its room: a std::string cannot be given room
// without zero-filling it, which would cost as much as the writing each time. The buffer is kept
// from one use to the next, and its text appended to the string at the end in one copy.
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::present {

class JsonCursor {
 public:
  JsonCursor(std::string& out, std::string& buffer)
      : out_(out), buffer_(buffer), at_(buffer.data()), end_(at_ + buffer.size()) {}
  ~JsonCursor() { finish(); }
  JsonCursor(const JsonCursor&) = delete;
  JsonCursor& operator=(const JsonCursor&) = delete;

  // What was written, appended to the string; the cursor starts again.
  void finish() {
    out_.append(buffer_.data(), at_);
    at_ = buffer_.data();
  }

  // Room for `size` more bytes: what the put()s until the next room() may write at most.
  void room(std::size_t size) {
    if (static_cast<std::size_t>(end_ - at_) < size) grow(size);
  }

  template <std::size_t N>
  void put(const char (&literal)[N]) {  // a constant's size is known: no call to copy it
    std::memcpy(at_, literal, N - 1);
    at_ += N - 1;
  }
  void put(std::string_view text) {
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  void put(char c) { *at_++ = c; }

  // These make their own room.
  void number(double value) {
    room(max_number_text);
    at_ = write_number(at_, value);
  }
  void json_string(std::string_view text) {
    room(json_string_room(text.size()));
    at_ = write_json_string(at_, text);
  }
  void text(std::string_view text) {
    room(text.size());
    put(text);
  }

  // The last byte written since the last finish() (there must be one), and taking it back.
  char back() const { return at_[-1]; }
  void pop_back() { --at_; }

 private:
  void grow(std::size_t size);

  std::string& out_;
  std::string& buffer_;
  char* at_;
  char* end_;
};

}  // namespace qpl::present
