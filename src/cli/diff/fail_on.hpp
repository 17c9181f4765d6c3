#pragma once
// `diff --fail-on 'mql->disqualified,sql->*'`: the option's list of stage moves, checked.
#include <optional>
#include <string>
#include <vector>

#include "diff/move_rules.hpp"

namespace qpl::cli {

// Parses and checks the list against the stages of both policies; nullopt after printing an
// error (a malformed pair, an unknown stage with a "did you mean").
std::optional<std::vector<diff::MoveRule>> parse_fail_on(const std::string& text, const diff::DiffShape& shape);

}  // namespace qpl::cli
