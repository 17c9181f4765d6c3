#include "support/utf8.hpp"

#include <utf8proc.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace qpl {

namespace {

bool is_ascii_white_space(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - ('a' - 'A')) : c; }

template <typename AsciiMap, typename CodePointMap>
std::string map_case(std::string_view text, AsciiMap ascii_map, CodePointMap map) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      out.push_back(ascii_map(c));
      ++i;
      continue;
    }
    const DecodedChar d = decode_utf8(text, i);
    if (d.valid)
      append_utf8(out, static_cast<char32_t>(map(static_cast<utf8proc_int32_t>(d.code_point))));
    else
      out.push_back(c);
    i += d.length;
  }
  return out;
}

bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

// Skips an escape sequence starting at text[i] == ESC; returns the offset after it.
std::size_t skip_escape_sequence(std::string_view text, std::size_t i) {
  const std::size_t n = text.size();
  ++i;  // ESC
  if (i >= n) return i;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char kind = byte(i);
  if (kind == '[') {  // CSI: parameters and intermediates, then one final byte
    ++i;
    while (i < n && byte(i) >= 0x20 && byte(i) <= 0x3F) ++i;
    return i < n && byte(i) >= 0x40 && byte(i) <= 0x7E ? i + 1 : i;
  }
  if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
    // OSC, DCS and other strings: up to BEL or ST (ESC '\').
    ++i;
    while (i < n) {
      if (byte(i) == 0x07) return i + 1;
      if (byte(i) == 0x1B) return i + 1 < n && text[i + 1] == '\\' ? i + 2 : i;
      ++i;
    }
    return i;
  }
  while (i < n && byte(i) >= 0x20 && byte(i) <= 0x2F) ++i;  // intermediates
  return i < n && byte(i) >= 0x30 && byte(i) <= 0x7E ? i + 1 : i;
}

}  // namespace

DecodedChar decode_utf8(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return {0, 0, false};
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + offset;
  const auto first = *bytes;
  if (first < 0x80) return {first, 1, true};
  utf8proc_int32_t code_point = 0;
  const auto length =
      utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - offset), &code_point);
  if (length <= 0 || code_point < 0) return {replacement_character, 1, false};
  return {static_cast<char32_t>(code_point), static_cast<std::uint32_t>(length), true};
}

void append_utf8(std::string& out, char32_t code_point) {
  utf8proc_uint8_t buffer[4];
  if (!utf8proc_codepoint_valid(static_cast<utf8proc_int32_t>(code_point)))
    code_point = replacement_character;
  const auto length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const DecodedChar d = decode_utf8(text, i);
    if (!d.valid) return i;
    i += d.length;
  }
  return std::nullopt;
}

std::string to_lower(std::string_view text) { return map_case(text, ascii_lower, utf8proc_tolower); }
std::string to_upper(std::string_view text) {
  // utf8proc maps 'ß' to capital 'ẞ' U+1E9E, which Unicode's simple mapping (and R26:
  // upper("straße") = "STRAßE") does not; every other mapping is UnicodeData's simple one.
  return map_case(text, ascii_upper, [](utf8proc_int32_t c) {
    return c == 0xDF ? c : utf8proc_toupper(c);
  });
}

void assign_case(std::string& out, std::string_view text, bool lower) {
  out.resize(text.size());
  const unsigned char first = lower ? 'A' : 'a';
  const int shift = lower ? 'a' - 'A' : 'A' - 'a';
  const char* from = text.data();
  char* to = out.data();
  std::size_t i = 0;
  const std::size_t n = text.size();
  // Eight ASCII bytes at a time: a byte's high bit, after adding 0x80 - first (no carry
  // between bytes below 0x80), tells whether it is >= first; the letters are flipped by 0x20.
  constexpr std::uint64_t ones = 0x0101010101010101ull, high_bits = 0x8080808080808080ull;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, from + i, 8);
    if (word & high_bits) break;
    const std::uint64_t at_least_first = word + (0x80 - first) * ones;
    const std::uint64_t past_last = word + (0x80 - (first + 26)) * ones;
    word ^= ((at_least_first & ~past_last) & high_bits) >> 2;
    std::memcpy(to + i, &word, 8);
  }
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(from[i]);
    if (c >= 0x80) {
      out.assign(lower ? to_lower(text) : to_upper(text));
      return;
    }
    to[i] = static_cast<char>(static_cast<unsigned char>(c - first) < 26 ? c + shift : c);
  }
}

bool is_white_space(char32_t cp) {
  if (cp < 0x80) return is_ascii_white_space(static_cast<unsigned char>(cp));
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    const auto c = static_cast<unsigned char>(text[begin]);
    if (c < 0x80) {
      if (!is_ascii_white_space(c)) break;
      ++begin;
      continue;
    }
    const DecodedChar d = decode_utf8(text, begin);
    if (!d.valid || !is_white_space(d.code_point)) break;
    begin += d.length;
  }
  std::size_t end = text.size();
  while (end > begin) {
    const auto c = static_cast<unsigned char>(text[end - 1]);
    if (c < 0x80) {
      if (!is_ascii_white_space(c)) break;
      --end;
      continue;
    }
    // Back up to the lead byte of the last code point (at most 4 bytes).
    std::size_t start = end - 1;
    while (start > begin && end - start < 4 &&
           (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
      --start;
    const DecodedChar d = decode_utf8(text, start);
    if (!d.valid || start + d.length != end || !is_white_space(d.code_point)) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::size_t code_point_count(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
    } else {
      i += decode_utf8(text, i).length;
    }
    ++count;
  }
  return count;
}

std::optional<std::string> email_domain(std::string_view email) {
  email = trim(email);
  const auto at = email.rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view domain = trim(email.substr(at + 1));
  if (domain.empty()) return std::nullopt;
  return to_lower(domain);
}

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_json_string(out, text);
  return out;
}

std::string markup_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_markup_escaped(out, text);
  return out;
}

void append_markup_escaped(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const DecodedChar d = decode_utf8(text, i);
      if (d.valid)
        out.append(text.substr(i, d.length));
      else
        append_utf8(out, replacement_character);
      i += d.length;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t': case '\n': case '\r': out.push_back(static_cast<char>(c)); break;
      default: out.push_back(c < 0x20 ? ' ' : static_cast<char>(c));
    }
    ++i;
  }
}

namespace {

// Whether any of the 8 bytes of `w` is one a JSON string cannot hold as it is: a control
// character, DEL or beyond ASCII, '"' or '\\'. A byte beyond ASCII is seen by its high bit; for
// the others, adding to a byte below 0x80 never carries into the next one, so each test is one
// addition whose high bit answers: b + 0x60 has it when b >= 0x20, b + 1 when b == 0x7F, and
// (b ^ c) + 0x7F when b != c. When a byte beyond ASCII does carry, the answer is yes anyway.
bool needs_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  const std::uint64_t not_below_space = w + 0x60 * ones;
  const std::uint64_t del = w + ones;
  const std::uint64_t not_quote = (w ^ ('"' * ones)) + 0x7F * ones;
  const std::uint64_t not_backslash = (w ^ ('\\' * ones)) + 0x7F * ones;
  return ((w | ~not_below_space | del | ~not_quote | ~not_backslash) & highs) != 0;
}

// The bytes a JSON string holds as they are, for texts shorter than a word and for the word that
// needs escaping: printable ASCII but '"' and '\\'.
constexpr std::array<bool, 256> goes_out_as_is = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x7F; ++c) table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return table;
}();

// Where the run of bytes that go out as they are, from `i`, ends.
std::size_t plain_run_end(std::string_view text, std::size_t i) {
  // 8 bytes at a time, the last word ending with the text (it overlaps bytes already looked at
  // when the rest is shorter). A word that needs escaping is gone through byte by byte, below,
  // and so is a text shorter than a word.
  while (i < text.size() && text.size() >= 8) {
    const std::size_t at = i + 8 <= text.size() ? i : text.size() - 8;
    std::uint64_t w;
    std::memcpy(&w, text.data() + at, 8);
    if (needs_escape(w)) break;
    i = at + 8;
  }
  while (i < text.size() && goes_out_as_is[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::size_t i = plain_run_end(text, 0);
  // The common case, a short text with nothing to escape (a field name, a value, a reason): quotes
  // and text go out in one append, the explain JSON writing a hundred of them per lead.
  if (char quoted[64]; i == text.size() && text.size() + 2 <= sizeof quoted) {
    quoted[0] = '"';
    if (!text.empty()) std::memcpy(quoted + 1, text.data(), text.size());
    quoted[text.size() + 1] = '"';
    out.append(quoted, text.size() + 2);
    return;
  }
  out.push_back('"');
  out.append(text.data(), i);
  while (i < text.size()) {
    // A run of printable ASCII other than '"' and '\\' goes out in one append (the common case:
    // explanations are mostly such text), found 8 bytes at a time.
    const std::size_t plain = plain_run_end(text, i);
    if (plain > i) {
      out.append(text.data() + i, plain - i);
      i = plain;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const DecodedChar d = decode_utf8(text, i);
      if (!d.valid)
        append_utf8(out, replacement_character);
      else if (d.code_point == 0x2028)
        out += "\\u2028";
      else if (d.code_point == 0x2029)
        out += "\\u2029";
      else
        out.append(text.substr(i, d.length));
      i += d.length;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

char* write_json_string(char* at, std::string_view text) {
  if (plain_run_end(text, 0) == text.size()) {  // the common case: nothing to escape
    *at = '"';
    if (!text.empty()) std::memcpy(at + 1, text.data(), text.size());
    at[text.size() + 1] = '"';
    return at + text.size() + 2;
  }
  thread_local std::string escaped;
  escaped.clear();
  append_json_string(escaped, text);
  std::memcpy(at, escaped.data(), escaped.size());
  return at + escaped.size();
}

std::string sanitize_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0x1B) {
      i = skip_escape_sequence(text, i);
      continue;
    }
    if (c < 0x80) {
      if (c == '\t' || c == '\n' || c == '\r')
        out.push_back(' ');
      else if (c >= 0x20 && c != 0x7F)
        out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    const DecodedChar d = decode_utf8(text, i);
    if (!d.valid)
      append_utf8(out, replacement_character);
    else if (!(d.code_point >= 0x80 && d.code_point <= 0x9F) && !is_bidi_control(d.code_point))
      out.append(text.substr(i, d.length));
    i += d.length;
  }
  return out;
}

std::string escape_for_terminal(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case 0x1B: out += "\\e"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default:
          if (c >= 0x20 && c != 0x7F) {
            out.push_back(static_cast<char>(c));
          } else {
            out += "\\x";
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xF]);
          }
      }
      ++i;
      continue;
    }
    const DecodedChar d = decode_utf8(text, i);
    if (!d.valid) {
      append_utf8(out, replacement_character);
    } else if ((d.code_point >= 0x80 && d.code_point <= 0x9F) || is_bidi_control(d.code_point)) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out.push_back(hex[(d.code_point >> shift) & 0xF]);
    } else {
      out.append(text.substr(i, d.length));
    }
    i += d.length;
  }
  return out;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      width += c >= 0x20 && c != 0x7F ? 1 : 0;
      ++i;
      continue;
    }
    const DecodedChar d = decode_utf8(text, i);
    width += d.valid ? static_cast<std::size_t>(
                           utf8proc_charwidth(static_cast<utf8proc_int32_t>(d.code_point)))
                     : 1;
    i += d.length;
  }
  return width;
}

}  // namespace qpl
