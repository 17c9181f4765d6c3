#pragma once
// Parses one JSON record (an NDJSON line, an array element, a CSV cell) with a reused simdjson
// parser, and says what is wrong in words for an error line.
#include <cstddef>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace qpl::io {

// A JSON string that stands for a number beyond the double range; the binder reports it
// against the field it lands in (a key outside the schema stays ignored, R42).
inline constexpr std::string_view out_of_range_marker{"\0qpl-beyond-double:", 19};

class JsonDocumentParser {
 public:
  JsonDocumentParser();
  // `data` must be followed by simdjson::SIMDJSON_PADDING readable bytes (any content).
  // On failure, `error` says why ("invalid JSON: ...") and false is returned.
  bool parse(const char* data, std::size_t size, simdjson::dom::element& root, std::string& error);
  // Same for text without padding (copied first).
  bool parse_copy(std::string_view text, simdjson::dom::element& root, std::string& error);

 private:
  bool parse_with_number_fallback(std::string_view text, simdjson::error_code first_error,
                                  simdjson::dom::element& root, std::string& error);
  simdjson::dom::parser parser_;
  simdjson::padded_string rewritten_;
};

std::string json_error_text(simdjson::error_code code);

}  // namespace qpl::io
