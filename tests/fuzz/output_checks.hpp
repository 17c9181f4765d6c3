#pragma once
// Output safety checks shared by the eval fuzz target and the pipeline property test. Each
// returns "" when the output is safe, else what is wrong.
#include <cstddef>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace qpl::fuzz {

inline std::size_t count_lines(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += c == '\n';
  return n;
}

// Every line a JSON object.
inline std::string ndjson_problem(std::string_view out) {
  simdjson::dom::parser parser;
  std::size_t begin = 0;
  while (begin < out.size()) {
    std::size_t end = out.find('\n', begin);
    if (end == std::string_view::npos) return "the last line has no line break";
    const std::string_view line = out.substr(begin, end - begin);
    simdjson::dom::element element;
    if (parser.parse(simdjson::padded_string(line)).get(element) != simdjson::SUCCESS)
      return "not valid JSON: " + std::string(line.substr(0, 200));
    if (!element.is_object()) return "not an object: " + std::string(line.substr(0, 200));
    begin = end + 1;
  }
  return "";
}

// No C0 control byte but the line feed, no DEL, no C1 control (U+0080..U+009F, which a
// terminal may read as CSI): text from leads reaches a terminal sanitized.
inline std::string terminal_problem(std::string_view out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    const bool c1 = c == 0xC2 && i + 1 < out.size() && static_cast<unsigned char>(out[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(out[i + 1]) <= 0x9F;
    if ((c < 0x20 && c != '\n') || c == 0x7f || c1)
      return "control byte " + std::to_string(c) + " at " + std::to_string(i) + ": " +
             std::string(out.substr(i > 40 ? i - 40 : 0, 80));
  }
  return "";
}

// CSV output holds no NUL or ESC, and no cell (inside its quotes, if quoted) starts a formula
// (OWASP): a first character tab or CR, or a first visible character = + - @ after control
// characters or spaces, unless it is a plain negative number. A leading ' neutralises it.
inline std::string csv_problem(std::string_view out) {
  if (const std::size_t at = out.find_first_of(std::string_view("\0\x1b", 2));
      at != std::string_view::npos)
    return "a raw NUL or ESC at " + std::to_string(at);
  std::size_t i = 0;
  while (i < out.size()) {
    std::string cell;
    if (out[i] == '"') {
      ++i;
      while (i < out.size()) {
        if (out[i] == '"') {
          if (i + 1 < out.size() && out[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell += out[i++];
      }
    }
    while (i < out.size() && out[i] != ',' && out[i] != '\n') cell += out[i++];
    if (i < out.size()) ++i;  // the separator
    std::size_t first = 0;  // the first visible character
    while (first < cell.size() && cell[first] != '\t' && cell[first] != '\r' &&
           (static_cast<unsigned char>(cell[first]) <= 0x20 || cell[first] == 0x7f))
      ++first;
    if (first == cell.size() || std::string_view("=+-@\t\r").find(cell[first]) == std::string_view::npos)
      continue;
    const bool negative_number = first == 0 && cell[0] == '-' && cell.size() > 1 &&
                                 cell.find_first_not_of("0123456789.", 1) == std::string::npos;
    if (!negative_number) return "a cell starts a formula: " + cell.substr(0, 80);
  }
  return "";
}

}  // namespace qpl::fuzz
