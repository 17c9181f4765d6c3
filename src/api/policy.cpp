// qualify::Policy: evaluates one lead the way `qualify eval` does (the same binder, evaluator
// and NDJSON writer), with per-thread scratch taken from a pool so that one Policy serves any
// number of threads.
#include <cstring>
#include <filesystem>

#include <simdjson.h>

#include "api/policy_impl.hpp"
#include "api/record_json.hpp"
#include "model/memory.hpp"
#include "model/sla.hpp"
#include "present/annotations.hpp"
#include "present/result_fields.hpp"
#include "present/ledger.hpp"
#include "eval/forward_only.hpp"
#include "eval/trace.hpp"
#include "support/date.hpp"

namespace qualify {
namespace {

std::optional<bool> optional_bool(const qpl::Value& value) {
  if (const auto* b = std::get_if<bool>(&value.data)) return *b;
  return std::nullopt;
}

void fill_answers(const qpl::CheckedPolicy& policy, const qpl::eval::LeadOutcome& outcome, Result& result) {
  const qpl::eval::StageAnswer answer = qpl::eval::stage_answer(policy, outcome);
  if (answer.stage != nullptr) {
    result.stage = *answer.stage;
    result.because = *answer.because;
  }
  if (answer.held_from != nullptr) result.held = *answer.held_from;
  result.recycled = answer.recycled;
  for (std::size_t i = 0; i < policy.scores.size(); ++i)
    result.scores.emplace_back(policy.scores[i].name, i < outcome.scores.size() ? outcome.scores[i] : 0.0);
  for (std::size_t i = 0; i < policy.grades.size(); ++i) {
    const std::string* label =
        i < outcome.grades.size() ? std::get_if<std::string>(&outcome.grades[i].data) : nullptr;
    result.grades.emplace_back(policy.grades[i].name,
                               label ? std::optional<std::string>(*label) : std::nullopt);
  }
  for (std::size_t i = 0; i < policy.icps.size(); ++i)
    result.icp.emplace_back(policy.icps[i].name, i < outcome.icps.size() ? optional_bool(outcome.icps[i])
                                                                         : std::nullopt);
  for (const qpl::GatesInfo& group : policy.gates) {
    for (const std::uint32_t index : group.checks) {
      result.gates.push_back({group.name, policy.checks.at(index).label,
                              index < outcome.checks.size() ? optional_bool(outcome.checks[index])
                                                            : std::nullopt});
    }
  }
}

void fill_ledger(const qpl::CheckedPolicy& policy, const qpl::present::LedgerTexts& texts,
                 const qpl::eval::LeadOutcome& outcome, Result& result) {
  for (std::uint32_t i = 0; i < policy.scores.size(); ++i) {
    std::vector<LedgerEntry> entries;
    if (i < outcome.ledger.size()) {
      for (const qpl::eval::LedgerEntry& entry : outcome.ledger[i]) {
        const qpl::present::LedgerRuleText& rule = texts.rule(i, entry.rule);
        entries.push_back({rule.label, rule.line, rule.file, entry.points});
      }
    }
    result.ledger.emplace_back(policy.scores[i].name, std::move(entries));
  }
}

qpl::eval::ExplainLevel explain_level(Explain explain) {
  switch (explain) {
    case Explain::none: return qpl::eval::ExplainLevel::none;
    case Explain::json:
    case Explain::text: return qpl::eval::ExplainLevel::compact;
    case Explain::text_tree: return qpl::eval::ExplainLevel::compact;
  }
  return qpl::eval::ExplainLevel::none;
}

}  // namespace

Policy::Impl::Impl(std::unique_ptr<qpl::CheckedPolicy> checked, std::string table_folder)
    : policy(std::move(checked)), folder(std::move(table_folder)) {
  // A policy that reads its stage memory writes "since", as `eval` does.
  qpl::present::WriterOptions plain;
  plain.since = qpl::previous_slot(policy->schema.lead) >= 0;
  writer = qpl::present::make_result_writer(qpl::present::OutputFormat::ndjson, *policy, plain);
  qpl::present::WriterOptions with_explain = plain;
  with_explain.explain = true;
  writer_with_explain = qpl::present::make_result_writer(qpl::present::OutputFormat::ndjson, *policy, with_explain);
  qpl::present::WriterOptions with_ledger = plain;
  with_ledger.ledger = true;
  writer_with_ledger = qpl::present::make_result_writer(qpl::present::OutputFormat::ndjson, *policy, with_ledger);
  with_ledger.explain = true;
  writer_with_explain_and_ledger =
      qpl::present::make_result_writer(qpl::present::OutputFormat::ndjson, *policy, with_ledger);
  ledger_texts = std::make_unique<qpl::present::LedgerTexts>(*policy);
}

std::unique_ptr<Policy::Impl::Scratch> Policy::Impl::take_scratch() const {
  {
    std::lock_guard lock(mutex_);
    if (!free_.empty()) {
      std::unique_ptr<Scratch> scratch = std::move(free_.back());
      free_.pop_back();
      return scratch;
    }
  }
  return std::make_unique<Scratch>(*policy);
}

void Policy::Impl::give_back(std::unique_ptr<Scratch> scratch) const {
  std::lock_guard lock(mutex_);
  free_.push_back(std::move(scratch));
}

Policy::Policy(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Policy::~Policy() = default;

std::string_view Policy::name() const {
  return impl_->policy->header ? std::string_view(impl_->policy->header->name) : std::string_view();
}

std::vector<SourceFile> Policy::files() const {
  const qpl::CheckedPolicy& policy = *impl_->policy;
  std::vector<SourceFile> files;
  // Source 0 is the policy's own text; the others are its imports, as the loader opened them.
  for (std::size_t id = 0; id < policy.sources.size(); ++id) {
    SourceFile file;
    file.kind = id == 0 ? SourceFile::Kind::policy : SourceFile::Kind::import;
    file.path = policy.sources.file(static_cast<qpl::FileId>(id)).name();
    files.push_back(std::move(file));
  }
  for (const qpl::TestDecl* test : policy.tests) {
    if (!test->leads_from) continue;
    SourceFile file;
    file.kind = SourceFile::Kind::test_table;
    file.path = (std::filesystem::path(impl_->folder) / *test->leads_from).string();
    file.test = test->name;
    files.push_back(std::move(file));
  }
  return files;
}

bool Policy::declares_accounts() const { return impl_->policy->account.has_value(); }

std::vector<std::string> Policy::stages() const {
  std::vector<std::string> stages;
  if (impl_->policy->funnel != nullptr) {
    for (const qpl::FunnelLine& line : impl_->policy->funnel->lines) stages.push_back(line.stage);
  }
  return stages;
}

Result Policy::evaluate_json(std::string_view json, const EvalOptions& options) const {
  Result result;
  std::int32_t today = 0;
  std::int64_t now = 0;  // what hour SLAs are measured at: 00:00 UTC of a date alone
  if (options.as_of) {
    const auto moment = qpl::parse_moment(*options.as_of);
    if (!moment) {
      result.status = Status::bad_argument;
      result.error = "as_of: '" + *options.as_of + "' is not a YYYY-MM-DD date";
      return result;
    }
    today = moment->days;
    now = moment->instant();
  } else {
    now = qpl::now_utc();
    today = static_cast<std::int32_t>(qpl::whole_units_between(0, now, qpl::seconds_per_day));
  }
  const qpl::CheckedPolicy& policy = *impl_->policy;
  std::unique_ptr<Impl::Scratch> scratch = impl_->take_scratch();
  struct Return {  // the scratch goes back to the pool however this function ends
    const Impl& impl;
    std::unique_ptr<Impl::Scratch>& scratch;
    ~Return() { impl.give_back(std::move(scratch)); }
  } give_back{*impl_, scratch};

  // The binder parses in place and needs simdjson's padding after the text.
  qpl::io::UnboundRecord& raw = scratch->raw;
  raw.pending = true;
  raw.format = qpl::io::InputFormat::ndjson;
  raw.size = json.size();
  raw.text.resize(json.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(raw.text.data(), json.data(), json.size());
  qpl::io::ReadItem& item = scratch->item;
  item.number = options.record_number == 0 ? 1 : options.record_number;
  item.error_id = qpl::Value(qpl::Unknown{});
  scratch->binder.bind(raw, item);

  qpl::present::ResultView view;
  view.record = item.number;
  const bool explain_json = options.explain == Explain::json;
  if (item.ok) {
    qpl::eval::LeadOutcome& outcome = scratch->outcome;
    scratch->evaluator.keep_ledger(options.ledger);
    scratch->evaluator.evaluate(item.record, today, explain_level(options.explain), outcome);
    if (outcome.too_deep) {
      item.ok = false;
      item.error = qpl::eval::Evaluator::too_deep_message();
    } else {
      if (options.explain != Explain::none && outcome.trace) {
        if (const int slot = qpl::previous_slot(policy.schema.lead); slot >= 0)
          outcome.trace->sla = qpl::lead_since(policy.funnel, item.record, slot,
                                               qpl::eval::stage_answer(policy, outcome).stage,
                                               qpl::SlaClock{today, now}, std::nullopt)
                                   .sla;
        qpl::present::render_explain(policy, *outcome.trace,
                                 explain_json ? qpl::present::AnnotationStyle::json
                                              : qpl::present::AnnotationStyle::text,
                                 options.explain == Explain::text_tree, result.explain);
      }
      fill_answers(policy, outcome, result);
      if (options.ledger) fill_ledger(policy, *impl_->ledger_texts, outcome, result);
      view.lead = &item.record;
      view.outcome = &outcome;
      view.explain.text = result.explain;
      if (const int slot = qpl::previous_slot(policy.schema.lead); slot >= 0) {
        const std::string* stage = qpl::eval::stage_answer(policy, outcome).stage;
        const qpl::LeadSince where =
            qpl::lead_since(policy.funnel, item.record, slot, stage, qpl::SlaClock{today, now}, std::nullopt);
        view.since = where.since;
        view.since_at = where.since_at;
        view.sla = where.sla;
      }
    }
  }
  if (!item.ok) {
    result.status = Status::bad_record;
    result.error = item.error;
    view.error = item.error;
    if (!std::holds_alternative<qpl::Unknown>(item.error_id.data)) view.error_id = &item.error_id;
  }
  const auto& writer = options.ledger ? (explain_json ? impl_->writer_with_explain_and_ledger
                                                      : impl_->writer_with_ledger)
                                      : (explain_json ? impl_->writer_with_explain : impl_->writer);
  writer->write(view, result.json);
  if (!result.json.empty() && result.json.back() == '\n') result.json.pop_back();
  return result;
}

Result Policy::evaluate(const Record& record, const EvalOptions& options) const {
  return evaluate_json(record_json(record), options);
}

}  // namespace qualify
