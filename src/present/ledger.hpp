#pragma once
// The points ledger as result lines show it (docs/commands.md, "The ledger"): each score rule's
// label, line and file, made once per policy, and the entries of a lead written as JSON or as
// one line of text.
#include <cstdint>
#include <string>
#include <vector>

#include "eval/evaluator.hpp"
#include "model/policy.hpp"

namespace qpl::present {

struct LedgerRuleText {
  std::string label;       // the rule's `as "..."`, else its text as written
  std::uint32_t line = 0;  // 1-based, in its file
  std::string file;        // the imported file it is written in; empty for the policy's own
};

class LedgerTexts {
 public:
  explicit LedgerTexts(const CheckedPolicy& policy);

  // Rule `rule` of score `score`, or the score's clamp (eval::LedgerEntry::clamp).
  const LedgerRuleText& rule(std::uint32_t score, std::uint32_t rule) const;

  // `[{"rule":...,"line":N,"points":P}, ...]`, `"file"` after `line` for an imported rule.
  void append_json(std::string& out, std::uint32_t score, const std::vector<eval::LedgerEntry>& entries) const;
  // `senior title +10; pricing +5; -10 when ... ?`: points signed, `?` for unknown.
  void append_text(std::string& out, std::uint32_t score, const std::vector<eval::LedgerEntry>& entries) const;

 private:
  std::vector<std::vector<LedgerRuleText>> rules_;         // by score; its clamp last
  std::vector<std::vector<std::string>> json_prefixes_;  // `{"rule":...,"line":N,"points":`
};

}  // namespace qpl::present
