#pragma once
// Named bounds of the lead readers: bad input fails with an error line, never a crash.
#include <cstddef>

namespace qpl::io::limits {

// The readers pull the input in chunks that start at first_chunk_bytes and double up to
// chunk_bytes: a short input (a REPL file, a test table, a fuzz input) never pays for a
// megabyte buffer, a long one soon reads in large chunks.
inline constexpr std::size_t first_chunk_bytes = std::size_t{1} << 16;
inline constexpr std::size_t chunk_bytes = std::size_t{1} << 20;
// One record (a CSV row, an NDJSON line, a JSON array element) may span many chunks, up to
// this size; a larger one is an error that ends the input.
inline constexpr std::size_t max_record_bytes = std::size_t{1} << 30;
// JSON nesting depth, checked by the JSON parser.
inline constexpr std::size_t max_json_depth = 256;
// A found value quoted in an error message is cut after this many bytes.
inline constexpr std::size_t max_quoted_bytes = 60;

}  // namespace qpl::io::limits
