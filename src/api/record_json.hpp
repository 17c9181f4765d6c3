#pragma once
// A qualify::Record as the JSON object evaluate_json() reads: one reading path for both forms.
#include <string>

#include "qualify/qualify.hpp"

namespace qualify {

std::string record_json(const Record& record);

}  // namespace qualify
