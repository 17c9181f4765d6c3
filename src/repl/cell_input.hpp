#pragma once
// `:set webinar = yes`, `:set webinar = "Yes"`, `:set budget = N/A`: a value written as it would
// be in a CSV cell of the lead's export is taken the way the CSV reader takes it (R41, R43), so
// what reads in a file also reads at the prompt.
#include <optional>
#include <string_view>

#include "model/policy.hpp"
#include "model/value.hpp"

namespace qpl::repl {

// For a number, bool or date field: the value `text` (maybe in double quotes) has as a CSV
// cell, a missing value included; nullopt when the CSV reader would refuse it, or for other
// types (their QPL literal is what a cell holds).
std::optional<Value> value_as_cell(const FieldSchema& field, const Schema& schema,
                                   std::string_view text);

}  // namespace qpl::repl
