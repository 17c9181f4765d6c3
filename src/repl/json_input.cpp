#include "repl/json_input.hpp"

#include <simdjson.h>

#include "io/field_path.hpp"
#include "io/json_document.hpp"
#include "io/json_binder.hpp"
#include "support/utf8.hpp"

namespace qpl::repl {

bool looks_like_json_records(std::string_view text) {
  text = trim(text);
  if (text.starts_with('{')) return true;
  if (!text.starts_with('[')) return false;
  text = trim(text.substr(1));
  return text.starts_with('{');
}

std::optional<Value> value_from_json(const FieldSchema& field, const Schema& schema,
                                     std::string_view text, std::string& error) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(text);
  simdjson::dom::element root;
  if (const auto code = parser.parse(padded).get(root); code != simdjson::SUCCESS) {
    error = io::json_error_text(code);  // as eval words it
    return std::nullopt;
  }
  io::JsonBinder binder(schema);
  const io::FieldPath path{nullptr, field.name, 0};
  Value value;
  if (!binder.bind_field(field, root, path, value, error)) return std::nullopt;
  return value;
}

}  // namespace qpl::repl
