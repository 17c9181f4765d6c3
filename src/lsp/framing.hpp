#pragma once
// The base protocol of LSP: each message is `Content-Length: N\r\n` (other headers allowed and
// ignored), a blank line, then N bytes of JSON.
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

namespace qpl::lsp {

// A message larger than this is refused (read and dropped): no editor sends a policy this big.
inline constexpr std::size_t max_message_bytes = std::size_t{64} << 20;

struct Frame {
  enum class Status { message, end_of_input, bad_header };
  Status status = Status::end_of_input;
  std::string body;   // the message, when status is `message`
  std::string error;  // why the header was refused, when status is `bad_header`
};

// Reads the next message. A bad header block (no or invalid Content-Length, a message too
// large) is consumed and reported, so the next one can still be read.
Frame read_frame(std::istream& in);

// `body` with its header.
std::string frame(std::string_view body);

}  // namespace qpl::lsp
