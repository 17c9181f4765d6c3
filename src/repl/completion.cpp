// Tab completion: what the word under the cursor can become, from the policy's names.
#include <algorithm>

#include "model/builtins.hpp"
#include "repl/commands.hpp"
#include "repl/session.hpp"
#include "support/utf8.hpp"

namespace qpl::repl {
namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == ':' || c == '-' || c == '#';
}

// Besides the builtin functions (model/builtins.hpp).
constexpr const char* expression_words[] = {"today", "count", "any", "all", "none", "lead", "sum", "avg"};

}  // namespace

std::vector<std::string> Session::completions(std::string_view text) const {
  std::size_t start = text.size();
  while (start > 0 && word_char(text[start - 1])) --start;
  const std::string_view word = text.substr(start);
  const std::string_view before = trim(text.substr(0, start));
  const CheckedPolicy& p = *policy_;

  std::vector<std::string> candidates;
  auto fields = [&] {
    for (const FieldSchema& f : p.schema.lead.fields) candidates.push_back(f.name);
  };
  auto stages = [&] {
    if (p.funnel)
      for (const FunnelLine& line : p.funnel->lines) candidates.push_back(line.stage);
  };

  if (before.empty() && !word.empty() && word.front() == ':') {
    for (const CommandHelp& c : command_list())
      if (c.name.front() == ':') candidates.push_back(c.name);
  } else if (before == ":leads" || before == ":why-not") {
    stages();
  } else if (before == ":unset" || before == ":set") {
    fields();
  } else if (before == ":lead") {
    for (const LoadedLead& lead : leads_) candidates.push_back(lead_name(lead.record, lead.number));
  } else if (!before.empty() && before.front() == ':' && before.rfind(":set", 0) != 0) {
    // other commands take no names (:load takes a file: the front end completes those)
  } else if (const auto dot = word.find('.'); dot != std::string_view::npos) {
    const std::string_view head = word.substr(0, dot);
    if (head == "lead") {
      for (const FieldSchema& f : p.schema.lead.fields) candidates.push_back("lead." + f.name);
    }
    for (const GatesInfo& group : p.gates) {
      if (group.name != head) continue;
      for (const std::uint32_t check : group.checks) candidates.push_back(group.name + "." + p.checks[check].label);
    }
  } else {
    fields();
    for (const LetInfo& let : p.lets) candidates.push_back(let.name);
    for (const IcpInfo& icp : p.icps) candidates.push_back(icp.name);
    for (const ScoreInfo& score : p.scores) candidates.push_back(score.name);
    for (const GatesInfo& group : p.gates) candidates.push_back(group.name + ".");
    for (const BuiltinFunction& f : builtin_functions) candidates.emplace_back(f.name);
    for (const char* w : expression_words) candidates.emplace_back(w);
  }

  std::vector<std::string> out;
  for (std::string& c : candidates)
    if (c.size() >= word.size() && std::string_view(c).substr(0, word.size()) == word) out.push_back(std::move(c));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace qpl::repl
