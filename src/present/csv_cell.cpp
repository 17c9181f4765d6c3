#include "present/csv_cell.hpp"

namespace qpl::present {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

bool invisible(unsigned char c) { return c <= 0x20 || c == 0x7F; }

// Whether a spreadsheet could run the text as a formula: its first character is tab or CR, or
// its first visible one is = + - @ (a spreadsheet may skip NUL, ESC, line breaks or spaces
// before it).
bool formula_like(std::string_view text) {
  for (const char c : text) {
    if (c == '\t' || c == '\r') return true;
    if (invisible(static_cast<unsigned char>(c))) continue;
    return c == '=' || c == '+' || c == '-' || c == '@';
  }
  return false;
}

}  // namespace

void append_csv_text(std::string& out, std::string_view text) {
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (needs_quotes) out += '"';
  if (formula_like(text)) out += '\'';
  for (const char c : text) {
    if (c == '\0' || c == '\x1b') {
      out += replacement_character;
      continue;
    }
    if (c == '"') out += '"';
    out += c;
  }
  if (needs_quotes) out += '"';
}

}  // namespace qpl::present
