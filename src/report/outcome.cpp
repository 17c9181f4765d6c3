#include "report/outcome.hpp"

#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::report {

std::optional<OutcomeSpec> parse_outcome_spec(std::string_view text) {
  OutcomeSpec spec;
  const auto equals = text.find('=');
  spec.column = std::string(trim(text.substr(0, equals)));
  if (spec.column.empty()) return std::nullopt;
  if (equals != std::string_view::npos) spec.value = std::string(trim(text.substr(equals + 1)));
  return spec;
}

OutcomeRead read_outcome(const OutcomeSpec& spec, const Value& cell) {
  const auto* text = std::get_if<std::string>(&cell.data);
  if (text == nullptr) return OutcomeRead::missing;
  const std::string_view trimmed = trim(*text);
  if (trimmed.empty()) return OutcomeRead::missing;
  if (spec.value) return trimmed == *spec.value ? OutcomeRead::positive : OutcomeRead::negative;
  const auto yes = parse_bool_text(trimmed);
  if (!yes) return OutcomeRead::unreadable;
  return *yes ? OutcomeRead::positive : OutcomeRead::negative;
}

}  // namespace qpl::report
