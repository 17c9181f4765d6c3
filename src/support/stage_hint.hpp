#pragma once
// What to say after "'warm' is not a stage": the closest stage when one is a likely typo, else
// every stage, so that the reader never has to open the policy to find the right word.
#include <string>
#include <string_view>
#include <vector>

namespace qpl {

// ` (did you mean 'sql'?)` or ` (the stages are 'hot', 'cold')`; each stage once, in the given
// (funnel) order; empty when there is no stage at all.
std::string stage_hint(std::string_view word, const std::vector<std::string>& stages);

}  // namespace qpl
