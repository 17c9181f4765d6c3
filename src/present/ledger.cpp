#include "present/ledger.hpp"

#include "present/trace_describe.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::present {
namespace {

LedgerRuleText rule_text(const CheckedPolicy& policy, Span span, std::string label) {
  LedgerRuleText text;
  text.label = std::move(label);
  if (span.file < policy.sources.size()) {
    const SourceFile& file = policy.sources.file(span.file);
    text.line = file.position(span.begin).line;
    if (span.file != 0) text.file = file.name();
  }
  return text;
}

}  // namespace

LedgerTexts::LedgerTexts(const CheckedPolicy& policy) {
  for (const ScoreInfo& score : policy.scores) {
    std::vector<LedgerRuleText> rules;
    for (const ScoreRule& rule : score.decl->rules) {
      rules.push_back(rule_text(policy, rule.span,
                                rule.label ? *rule.label : explain_detail::source_text(policy, rule.span)));
    }
    rules.push_back(rule_text(policy, score.decl->range_span,
                              explain_detail::source_text(policy, score.decl->range_span)));
    std::vector<std::string> prefixes;
    for (const LedgerRuleText& rule : rules) {
      std::string prefix = "{\"rule\":";
      append_json_string(prefix, rule.label);
      prefix += ",\"line\":";
      append_number(prefix, rule.line);
      if (!rule.file.empty()) {
        prefix += ",\"file\":";
        append_json_string(prefix, rule.file);
      }
      prefix += ",\"points\":";
      prefixes.push_back(std::move(prefix));
    }
    rules_.push_back(std::move(rules));
    json_prefixes_.push_back(std::move(prefixes));
  }
}

const LedgerRuleText& LedgerTexts::rule(std::uint32_t score, std::uint32_t rule) const {
  const auto& rules = rules_.at(score);
  return rule == eval::LedgerEntry::clamp ? rules.back() : rules.at(rule);
}

void LedgerTexts::append_json(std::string& out, std::uint32_t score,
                              const std::vector<eval::LedgerEntry>& entries) const {
  const auto& prefixes = json_prefixes_.at(score);
  out += '[';
  for (std::size_t e = 0; e < entries.size(); ++e) {
    if (e > 0) out += ',';
    const eval::LedgerEntry& entry = entries[e];
    out += entry.rule == eval::LedgerEntry::clamp ? prefixes.back() : prefixes.at(entry.rule);
    if (entry.points) {
      append_number(out, *entry.points);
    } else {
      out += "null";
    }
    out += '}';
  }
  out += ']';
}

void LedgerTexts::append_text(std::string& out, std::uint32_t score,
                              const std::vector<eval::LedgerEntry>& entries) const {
  for (std::size_t e = 0; e < entries.size(); ++e) {
    if (e > 0) out += "; ";
    const eval::LedgerEntry& entry = entries[e];
    out += rule(score, entry.rule).label;
    out += ' ';
    if (!entry.points) {
      out += '?';
      continue;
    }
    if (*entry.points > 0) out += '+';
    append_number(out, *entry.points);
  }
}

}  // namespace qpl::present
