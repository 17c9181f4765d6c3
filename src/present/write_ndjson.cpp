// NDJSON results (qpl.md, R46, R47): all six keys on every line, null for unknown; error
// records as {"record":N,"error":"..."}, with "id" after "record" when the lead's id was read.
#include <optional>
#include <string>
#include <vector>

#include "eval/forward_only.hpp"
#include "present/ledger.hpp"
#include "present/result_fields.hpp"
#include "present/writers.hpp"
#include "present/value_format.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::present {
namespace {

// An id, a kept field or a result: a scalar (a list or a record is written as null).
void append_scalar_json(std::string& out, const Value& value) {
  append_value(out, value, nullptr, ndjson_cell_format);
}

// An explain or why_not member's value: the annotation's JSON, or null.
void append_annotation(std::string& out, const Annotation& annotation) {
  if (annotation.empty()) out += "null";
  else annotation.append_to(out);
}

// `"name":` with the name escaped once, ahead of time.
std::string json_key(std::string_view name) {
  std::string key = json_escape(name);
  key += ':';
  return key;
}

class NdjsonWriter final : public ResultWriter {
 public:
  NdjsonWriter(const CheckedPolicy& policy, const WriterOptions& options)
      : policy_(policy), options_(options) {
    for (const ScoreInfo& score : policy.scores) score_keys_.push_back(json_key(score.name));
    if (options.ledger) ledger_.emplace(policy);
    if (options.audit) {
      audit_ = ",\"policy\":";
      append_json_string(audit_, options.audit->policy);
      audit_ += ",\"version\":";
      if (options.audit->version) {
        audit_ += std::to_string(*options.audit->version);
      } else {
        audit_ += "null";
      }
      audit_ += ",\"sha256\":";
      append_json_string(audit_, options.audit->sha256);
    }
    for (const IcpInfo& icp : policy.icps) icp_keys_.push_back(json_key(icp.name));
    for (const GradeInfo& grade : policy.grades) grade_keys_.push_back(json_key(grade.name));
    for (const GatesInfo& group : policy.gates) {
      Group g{json_key(group.name), {}};
      for (const std::uint32_t index : group.checks) {
        g.checks.push_back({json_key(policy.checks.at(index).label), index});
      }
      groups_.push_back(std::move(g));
    }
    if (policy.funnel != nullptr) {
      for (const FunnelLine& line : policy.funnel->lines) {
        std::string text = "\"stage\":";
        append_json_string(text, line.stage);
        text += ",\"because\":";
        append_json_string(text, line.because);
        line_texts_.push_back(std::move(text));
      }
    }
  }

  AnnotationStyle annotation_style() const override { return AnnotationStyle::json; }

  void write(const ResultView& result, std::string& out) override {
    if (result.outcome == nullptr) {
      out += "{\"record\":";
      append_number(out, static_cast<double>(result.record));
      if (result.error_id != nullptr) {
        out += ",\"id\":";
        append_scalar_json(out, *result.error_id);
      }
      out += ",\"error\":";
      append_json_string(out, result.error);
      if (!audit_.empty()) out += audit_;
      out += "}\n";
      return;
    }
    const eval::LeadOutcome& outcome = *result.outcome;
    out += "{\"id\":";
    if (const Value* id = result_id(policy_, result)) {
      append_scalar_json(out, *id);
    } else {
      append_number(out, static_cast<double>(result.record));
    }
    if (!options_.keep.empty()) {
      // Under their own key, so that no input name can clash with a result's.
      out += ",\"input\":{";
      for (std::size_t k = 0; k < options_.keep.size(); ++k) {
        if (k > 0) out += ',';
        append_json_string(out, options_.keep[k].name);
        out += ':';
        const std::size_t slot = options_.keep[k].slot;
        append_scalar_json(out, result.lead && slot < result.lead->fields.size()
                                    ? result.lead->fields[slot] : Value(Unknown{}));
      }
      out += '}';
    }
    out += ',';
    const int line = outcome.funnel_line;
    // Only a lead a forward-only funnel held or recycled needs its answer worked out; the others
    // take their line's text, escaped once ahead of time.
    const bool moved = outcome.recycle_line >= 0 || outcome.held_rank >= 0;
    const eval::StageAnswer answer = moved ? eval::stage_answer(policy_, outcome) : eval::StageAnswer{};
    if (moved) {
      out += "\"stage\":";
      append_json_string(out, *answer.stage);
      out += ",\"because\":";
      append_json_string(out, *answer.because);
    } else if (line >= 0 && static_cast<std::size_t>(line) < line_texts_.size()) {
      out += line_texts_[static_cast<std::size_t>(line)];
    } else {
      out += "\"stage\":null,\"because\":null";
    }
    if (options_.since) {
      out += ",\"since\":";
      if (result.since) {
        out += '"';
        if (result.since_at) out += format_instant(*result.since_at);
        else append_date(out, result.since->days);
        out += '"';
      } else {
        out += "null";
      }
    }
    if (result.sla) {
      out += ",\"sla\":{\"within\":";
      append_json_string(out, result.sla->sla->within);
      out += result.sla->in_hours() ? ",\"age_hours\":" : ",\"age_days\":";
      append_number(out, static_cast<double>(result.sla->age));
      out += result.sla->overdue() ? ",\"overdue\":true}" : ",\"overdue\":false}";
    }
    if (answer.held_from != nullptr) {
      out += ",\"held\":";
      append_json_string(out, *answer.held_from);
    } else if (answer.recycled) {
      out += ",\"recycled\":true";
    }
    out += ",\"scores\":{";
    for (std::size_t i = 0; i < score_keys_.size(); ++i) {
      if (i > 0) out += ',';
      out += score_keys_[i];
      append_number(out, i < outcome.scores.size() ? outcome.scores[i] : 0.0);
    }
    out += '}';
    // Only a policy with grades has the key: other policies' lines keep their bytes.
    if (!grade_keys_.empty()) {
      out += ",\"grades\":{";
      for (std::size_t i = 0; i < grade_keys_.size(); ++i) {
        if (i > 0) out += ',';
        out += grade_keys_[i];
        append_scalar_json(out, i < outcome.grades.size() ? outcome.grades[i] : Value(Unknown{}));
      }
      out += '}';
    }
    out += ",\"icp\":{";
    for (std::size_t i = 0; i < icp_keys_.size(); ++i) {
      if (i > 0) out += ',';
      out += icp_keys_[i];
      append_scalar_json(out, i < outcome.icps.size() ? outcome.icps[i] : Value(Unknown{}));
    }
    out += "},\"gates\":{";
    for (std::size_t g = 0; g < groups_.size(); ++g) {
      if (g > 0) out += ',';
      out += groups_[g].key;
      out += '{';
      for (std::size_t c = 0; c < groups_[g].checks.size(); ++c) {
        if (c > 0) out += ',';
        const auto& check = groups_[g].checks[c];
        out += check.key;
        append_scalar_json(out, check.index < outcome.checks.size() ? outcome.checks[check.index]
                                                                    : Value(Unknown{}));
      }
      out += '}';
    }
    out += '}';
    if (ledger_) {
      out += ",\"ledger\":{";
      for (std::uint32_t i = 0; i < score_keys_.size(); ++i) {
        if (i > 0) out += ',';
        out += score_keys_[i];
        if (i < outcome.ledger.size()) {
          ledger_->append_json(out, i, outcome.ledger[i]);
        } else {
          out += "[]";
        }
      }
      out += '}';
    }
    if (!audit_.empty()) out += audit_;
    if (options_.explain) {
      out += ",\"explain\":";
      append_annotation(out, result.explain);
    }
    if (options_.why_not) {
      out += ",\"why_not\":";
      append_annotation(out, result.why_not);
    }
    out += "}\n";
  }

 private:
  struct Check {
    std::string key;
    std::uint32_t index;
  };
  struct Group {
    std::string key;
    std::vector<Check> checks;
  };
  const CheckedPolicy& policy_;
  WriterOptions options_;
  std::vector<std::string> score_keys_, icp_keys_, grade_keys_;
  std::vector<Group> groups_;
  std::vector<std::string> line_texts_;  // `"stage":...,"because":...` per funnel line
  std::optional<LedgerTexts> ledger_;    // with --ledger
  std::string audit_;                    // `,"policy":...,"version":...,"sha256":...` with --audit
};

}  // namespace

std::unique_ptr<ResultWriter> make_ndjson_writer(const CheckedPolicy& policy,
                                                 const WriterOptions& options) {
  return std::make_unique<NdjsonWriter>(policy, options);
}

}  // namespace qpl::present
