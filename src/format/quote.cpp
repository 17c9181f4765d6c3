#include "format/quote.hpp"

#include <fmt/format.h>

#include "support/utf8.hpp"

namespace qpl::format {

namespace {

bool needs_code_escape(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string quote(std::string_view value) {
  std::string out = "\"";
  for (std::size_t i = 0; i < value.size();) {
    const DecodedChar d = decode_utf8(value, i);
    if (d.length == 0) break;
    if (!d.valid) {
      out += value[i];  // not text QPL can hold; copied so nothing is lost silently
    } else if (d.code_point == '"') {
      out += "\\\"";
    } else if (d.code_point == '\\') {
      out += "\\\\";
    } else if (d.code_point == '\n') {
      out += "\\n";
    } else if (d.code_point == '\t') {
      out += "\\t";
    } else if (needs_code_escape(d.code_point)) {
      out += fmt::format("\\u{{{:X}}}", static_cast<std::uint32_t>(d.code_point));
    } else {
      out.append(value.substr(i, d.length));
    }
    i += d.length;
  }
  out += '"';
  return out;
}

}  // namespace qpl::format
