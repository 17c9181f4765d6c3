#pragma once
// `report --outcome COLUMN[=VALUE]`: what really happened to a lead, read from a column the
// policy need not declare (appended to the input schema as a text field, like `eval --keep`).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/value.hpp"

namespace qpl::report {

struct OutcomeSpec {
  std::string column;                // a CSV column, a JSON key or dotted path
  std::optional<std::string> value;  // `=VALUE`: positive when the cell is exactly this text
};
// Splits at the first '='; nullopt for an empty column name.
std::optional<OutcomeSpec> parse_outcome_spec(std::string_view text);

enum class OutcomeRead : std::uint8_t { positive, negative, missing, unreadable };

// The cell (a kept text field: unknown when empty, absent or in the policy's missing values)
// read as an outcome: 1/0, yes/no, true/false (any case, spaces around ignored), or compared
// with the spec's VALUE after trimming.
OutcomeRead read_outcome(const OutcomeSpec& spec, const Value& cell);

}  // namespace qpl::report
