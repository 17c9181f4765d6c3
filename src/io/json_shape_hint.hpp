#pragma once
// What a `.json` input that is not an array most likely is, to say with the error: NDJSON under
// the wrong extension, or an API export that wraps its records in an object ({"leads": [...]}).
#include <string>
#include <string_view>

namespace qpl::io {

// `head` is the start of the input (past a byte-order mark and leading spaces), `name` the file's
// name for the commands it suggests. Empty when nothing more useful than "expected an array" can
// be said.
std::string json_shape_hint(std::string_view head, std::string_view name);

}  // namespace qpl::io
