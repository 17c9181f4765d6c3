#include "repl/cell_input.hpp"

#include <algorithm>

#include "io/value_conversion.hpp"

namespace qpl::repl {

std::optional<Value> value_as_cell(const FieldSchema& field, const Schema& schema,
                                   std::string_view text) {
  const TypeKind kind = field.type ? field.type->kind : TypeKind::error;
  if (kind != TypeKind::number && kind != TypeKind::boolean && kind != TypeKind::date)
    return std::nullopt;
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"' &&
      text.find('\\') == std::string_view::npos)
    text = text.substr(1, text.size() - 2);
  const auto& missing = schema.missing_values;
  if (std::find(missing.begin(), missing.end(), text) != missing.end()) return Value(Unknown{});
  Value value;
  if (!io::convert_text(field.type, text, false, value)) return std::nullopt;
  return value;
}

}  // namespace qpl::repl
