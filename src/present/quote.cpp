#include "present/quote.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include "support/utf8.hpp"

namespace qpl::present {

namespace {

// Characters a reader of the policy cannot see: controls, and the format characters (category
// Cf: U+FEFF, U+200B zero width space, U+00AD soft hyphen, the bidirectional controls, ...) and
// line and paragraph separators U+2028/U+2029, which show as nothing or as a line break.
bool needs_code_escape(char32_t c) {
  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) return true;
  if (c < 0xA0) return false;
  const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return category == UTF8PROC_CATEGORY_CF || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP;
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

}  // namespace qpl::present
