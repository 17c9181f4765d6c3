#pragma once
// Shared by the evaluator's tests: load a policy from text, build leads by field name, show values.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "eval/evaluator.hpp"
#include "eval/trace_builder.hpp"
#include "model/policy.hpp"
#include "model/value.hpp"
#include "sema/load.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"

namespace qpl::eval_test {

inline std::int32_t day(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d); }
inline const std::int32_t as_of = day(2026, 11, 1);

inline std::unique_ptr<CheckedPolicy> load(const std::string& text) {
  auto result = sema::load_policy_text("t.qpl", text);
  std::string messages;
  for (const auto& d : result.diagnostics.items()) messages += d.message + "\n";
  INFO(text);
  INFO(messages);
  REQUIRE(result.ok());
  return std::move(result.policy);
}

// Why-not's evaluation: every funnel line traced, also after the lead's stage; the trace in
// out.trace.
inline void evaluate_every_line(eval::Evaluator& ev, const RecordValue& lead, std::int32_t today,
                                eval::LeadOutcome& out) {
  eval::TraceBuilder every_line(eval::ExplainLevel::compact, eval::TraceBuilder::Lines::every_line);
  ev.evaluate(lead, today, &every_line, out);
  out.trace = every_line.take();
}
// The trace refers to the lead's values: not a temporary (Evaluator::evaluate).
void evaluate_every_line(eval::Evaluator& ev, RecordValue&& lead, std::int32_t today,
                         eval::LeadOutcome& out) = delete;

using Fields = std::vector<std::pair<std::string, Value>>;

// A lead: every field missing except those given.
inline RecordValue lead(const CheckedPolicy& policy, const Fields& fields) {
  RecordValue r;
  r.fields.assign(policy.schema.lead.fields.size(), Value(Unknown{Fault::missing}));
  for (const auto& field : fields) {  // not a structured binding: doctest's macros capture it
    const std::string& name = field.first;
    const int slot = policy.schema.lead.field_index(name);
    REQUIRE_MESSAGE(slot >= 0, name);
    r.fields[static_cast<std::size_t>(slot)] = field.second;
  }
  return r;
}

inline Value text(std::string s) { return Value(std::move(s)); }
inline Value number(double x) { return Value(x); }
inline Value date(int y, unsigned m, unsigned d) { return Value(Date{day(y, m, d)}); }
inline Value unknown() { return Value(Unknown{Fault::missing}); }
inline Value list(std::vector<Value> items) {
  return Value(ListPtr(std::make_shared<ListValue>(std::move(items))));
}
inline Value record(std::vector<Value> fields) {
  return Value(RecordPtr(std::make_shared<RecordValue>(RecordValue{std::move(fields)})));
}

// unknown, true, 20, "saas", 2026-11-01, [1, 2]
inline std::string show(const Value& v) {
  if (v.is_unknown()) return "unknown";
  if (const auto* b = std::get_if<bool>(&v.data)) return *b ? "true" : "false";
  if (const auto* x = std::get_if<double>(&v.data)) return format_number(*x);
  if (const auto* s = std::get_if<std::string>(&v.data)) return "\"" + *s + "\"";
  if (const auto* d = std::get_if<Date>(&v.data)) return format_date(d->days);
  if (const auto* l = std::get_if<ListPtr>(&v.data)) {
    std::string out = "[";
    for (std::size_t i = 0; *l && i < (*l)->size(); ++i) out += (i ? ", " : "") + show((**l)[i]);
    return out + "]";
  }
  return "{record}";
}

inline const LetDecl& let_decl(const CheckedPolicy& policy, const std::string& name) {
  for (const auto& l : policy.lets)
    if (l.name == name) return *l.decl;
  FAIL("no let " << name);
  throw 0;
}

}  // namespace qpl::eval_test
