#include "cli/argument_order.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/common.hpp"
#include "io/lead_reader.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {

bool check_policy_comes_first(const std::string& verb, const std::string& policy,
                              const std::vector<std::string>& inputs) {
  if (!io::format_from_extension(policy)) return true;
  const auto is_policy = [](const std::string& path) { return path.ends_with(".qpl"); };
  const auto named = std::find_if(inputs.begin(), inputs.end(), is_policy);
  std::vector<std::string> order{named != inputs.end() ? *named : std::string("POLICY.qpl")};
  for (const std::string& input : inputs)
    if (input != order.front()) order.push_back(input);
  order.insert(order.begin() + 1, policy);
  std::string command = "qualify " + verb;
  for (const std::string& word : order) command += " " + sanitize_for_terminal(word);
  print_error(fmt::format("'{}' is a lead file, not a policy: the policy comes first: {}",
                          sanitize_for_terminal(policy), command));
  return false;
}

}  // namespace qpl::cli
