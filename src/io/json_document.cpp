#include "io/json_document.hpp"

#include <charconv>
#include <fmt/format.h>

#include "io/limits.hpp"
#include "support/number_format.hpp"

namespace qpl::io {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The length of a number token at `text[i]` when it has the JSON number shape, else 0.
std::size_t json_number_length(std::string_view text, std::size_t i) {
  const std::size_t start = i;
  const std::size_t n = text.size();
  if (i < n && text[i] == '-') ++i;
  if (i >= n || !is_digit(text[i])) return 0;
  if (text[i] == '0') {
    ++i;
  } else {
    while (i < n && is_digit(text[i])) ++i;
  }
  if (i < n && text[i] == '.') {
    ++i;
    if (i >= n || !is_digit(text[i])) return 0;
    while (i < n && is_digit(text[i])) ++i;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (i >= n || !is_digit(text[i])) return 0;
    while (i < n && is_digit(text[i])) ++i;
  }
  return i - start;
}

// simdjson rejects integers beyond 64 bits and numbers beyond the double range. R42 wants the
// first rounded to the nearest double and the second reported against its field, so such
// tokens are rewritten: a big integer as its shortest double form, a huge number as a marked
// string. False when nothing needed a rewrite (the error is then a real one).
bool rewrite_numbers(std::string_view text, std::string& out) {
  out.clear();
  bool changed = false;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        out.append(text.substr(i, 2));
        i += 2;
        continue;
      }
      if (c == '"') in_string = false;
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out.push_back(c);
      ++i;
      continue;
    }
    const std::size_t length = (c == '-' || is_digit(c)) ? json_number_length(text, i) : 0;
    if (length == 0) {
      out.push_back(c);
      ++i;
      continue;
    }
    const std::string_view token = text.substr(i, length);
    i += length;
    const bool integer = token.find_first_of(".eE") == std::string_view::npos;
    const auto value = parse_number_text(token, false);
    if (!value) {
      out += "\"\\u0000";
      out.append(out_of_range_marker.substr(1));
      out.append(token);
      out += '"';
      changed = true;
    } else if (integer && token.size() >= 19) {
      char buffer[32];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, *value,
                                        std::chars_format::scientific);
      out.append(buffer, result.ptr);
      changed = true;
    } else {
      out.append(token);
    }
  }
  return changed;
}

}  // namespace

std::string json_error_text(simdjson::error_code code) {
  using simdjson::error_code;
  switch (code) {
    case error_code::UTF8_ERROR: return "invalid UTF-8";
    case error_code::STRING_ERROR:
      return "invalid JSON: a string has a bad escape or a lone surrogate";
    case error_code::UNESCAPED_CHARS: return "invalid JSON: a control character inside a string";
    case error_code::UNCLOSED_STRING: return "invalid JSON: a string is not closed";
    case error_code::NUMBER_ERROR: return "invalid JSON: a malformed number";
    case error_code::DEPTH_ERROR:
      return fmt::format("invalid JSON: nested deeper than {} levels", limits::max_json_depth);
    case error_code::CAPACITY: return "invalid JSON: the record is too large";
    case error_code::EMPTY: return "invalid JSON: no value";
    case error_code::T_ATOM_ERROR:
    case error_code::F_ATOM_ERROR:
    case error_code::N_ATOM_ERROR: return "invalid JSON: a word that is not true, false or null";
    default: return "invalid JSON: missing or extra commas, brackets, braces or quotes";
  }
}

JsonDocumentParser::JsonDocumentParser() {
  // The depth bound makes simdjson fail cleanly on deeply nested input.
  // Without memory for it, the first parse allocates again (with the default depth).
  if (parser_.allocate(64 * 1024, limits::max_json_depth) != simdjson::SUCCESS) return;
}

bool JsonDocumentParser::parse(const char* data, std::size_t size, simdjson::dom::element& root,
                               std::string& error) {
  const auto code = parser_.parse(data, size, false).get(root);
  if (!code) return true;
  return parse_with_number_fallback({data, size}, code, root, error);
}

bool JsonDocumentParser::parse_copy(std::string_view text, simdjson::dom::element& root,
                                    std::string& error) {
  const auto code = parser_.parse(text.data(), text.size(), true).get(root);
  if (!code) return true;
  return parse_with_number_fallback(text, code, root, error);
}

bool JsonDocumentParser::parse_with_number_fallback(std::string_view text,
                                                    simdjson::error_code first_error,
                                                    simdjson::dom::element& root,
                                                    std::string& error) {
  std::string rewritten;
  if (first_error == simdjson::NUMBER_ERROR && rewrite_numbers(text, rewritten)) {
    rewritten_ = simdjson::padded_string(rewritten);
    const auto code = parser_.parse(rewritten_).get(root);
    if (!code) return true;
    error = json_error_text(code);
    return false;
  }
  error = json_error_text(first_error);
  return false;
}

}  // namespace qpl::io
