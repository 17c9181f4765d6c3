#include "lsp/framing.hpp"

#include <charconv>

namespace qpl::lsp {
namespace {

// Header lines are short; a longer one is garbage, read no further into memory than this.
constexpr std::size_t max_header_line = 4096;

// One header line without its "\r\n" (a bare "\n" is accepted too); false at end of input.
bool read_header_line(std::istream& in, std::string& line) {
  line.clear();
  int c;
  while ((c = in.get()) != std::char_traits<char>::eof()) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (line.size() < max_header_line) line.push_back(static_cast<char>(c));
  }
  return !line.empty();
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

Frame read_frame(std::istream& in) {
  Frame frame;
  std::string line;
  bool any_header = false;
  bool has_length = false;
  std::size_t length = 0;
  std::string error;
  while (true) {
    if (!read_header_line(in, line)) {
      frame.status = Frame::Status::end_of_input;
      return frame;
    }
    if (line.empty()) {
      if (!any_header) continue;  // stray blank lines between messages
      break;
    }
    any_header = true;
    const auto colon = line.find(':');
    if (colon == std::string::npos) {
      if (error.empty()) error = "a header line without ':'";
      continue;
    }
    const std::string_view name = trim(std::string_view(line).substr(0, colon));
    const std::string_view value = trim(std::string_view(line).substr(colon + 1));
    if (!equals_ignoring_case(name, "Content-Length")) continue;
    std::size_t parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc{} || end != value.data() + value.size() || value.empty()) {
      if (error.empty()) error = "Content-Length is not a number";
      continue;
    }
    has_length = true;
    length = parsed;
  }
  if (error.empty() && !has_length) error = "no Content-Length header";
  if (error.empty() && length > max_message_bytes) {
    error = "message larger than 64 MiB";
    in.ignore(static_cast<std::streamsize>(length));
  }
  if (!error.empty()) {
    frame.status = Frame::Status::bad_header;
    frame.error = std::move(error);
    return frame;
  }
  frame.body.resize(length);
  in.read(frame.body.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::size_t>(in.gcount()) != length) {
    frame.status = Frame::Status::end_of_input;  // cut short: nothing more will come
    frame.body.clear();
    return frame;
  }
  frame.status = Frame::Status::message;
  return frame;
}

std::string frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out += body;
  return out;
}

}  // namespace qpl::lsp
