#pragma once
// Result writers: one output line (or row) per input record, in the order they are given.
// A writer appends to a caller-owned buffer, so the caller decides when to write (large fwrite
// blocks) and worker threads can format their own batches.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/evaluator.hpp"
#include "present/audit.hpp"
#include "eval/trace.hpp"  // LeadOutcome owns a Trace
#include "model/policy.hpp"
#include "model/sla.hpp"

namespace qpl::present {

enum class OutputFormat { ndjson, csv, table };

// Renders an annotation when a writer asks for it: straight into the writer's output, where a
// text rendered beforehand would be copied (an explained lead's JSON is some 6 KB).
class AnnotationRenderer {
 public:
  virtual void append(std::string& out) const = 0;

 protected:
  ~AnnotationRenderer() = default;
};

// An explanation or a why-not of one lead, in the writer's annotation_style(): a text rendered
// already, or a renderer that appends it. None (empty): not asked, or nothing to say.
struct Annotation {
  std::string_view text;
  const AnnotationRenderer* renderer = nullptr;

  bool empty() const { return renderer == nullptr && text.empty(); }
  void append_to(std::string& out) const {
    if (renderer != nullptr) renderer->append(out);
    else out += text;
  }
  // The whole text, for a writer that must go over it: a renderer's is rendered into `buffer`.
  std::string_view text_in(std::string& buffer) const {
    if (renderer == nullptr) return text;
    buffer.clear();
    renderer->append(buffer);
    return buffer;
  }
};

// What one input record gave: the outcome of a lead that was read, or the reader's error.
struct ResultView {
  std::uint64_t record = 0;             // 1-based record number, continuing across files
  const RecordValue* lead = nullptr;    // null for an error record
  const eval::LeadOutcome* outcome = nullptr; // null for an error record
  std::string_view error;               // the reader's message, for an error record
  Annotation explain, why_not;
  const Value* error_id = nullptr;  // for an error record: its `id` field if it was read
  // The date the lead entered its stage (model/memory.hpp's since_for), for WriterOptions::since.
  std::optional<Date> since = std::nullopt;
  // For a lead at a stage with an hour SLA: the instant it entered the stage, written as a
  // date-time in place of `since` (docs/language.md, "Hour SLAs").
  std::optional<std::int64_t> since_at = std::nullopt;
  // For a lead at a stage with an `sla` and a since: its age against the SLA (model/sla.hpp).
  std::optional<SlaState> sla = std::nullopt;
};

// An input column carried through to the output (`eval --keep`): its name as given and its slot
// in the lead record (a text field appended to the schema the inputs are read with).
struct KeptColumn {
  std::string name;
  std::size_t slot = 0;
};

struct WriterOptions {
  bool explain = false;  // an "explain" member / column / block
  bool why_not = false;  // a "why_not" member / column / block
  std::vector<KeptColumn> keep;  // csv: columns after `id`; ndjson: an "input" member
  // A "since" member / column after `because` (stage memory: `eval --previous`, or a policy
  // that reads `previous`), so that the results can be the next run's --previous.
  bool since = false;
  bool ledger = false;  // each score's rules and points (LeadOutcome::ledger must be kept)
  std::optional<AuditStamp> audit = std::nullopt;  // policy, version, sha256 on every line
};

// The form explain and why-not annotations must be rendered in for a writer.
enum class AnnotationStyle { json, text };

class ResultWriter {
 public:
  virtual ~ResultWriter() = default;
  virtual void begin(std::string& out) { (void)out; }  // a header, if the format has one
  virtual void write(const ResultView& result, std::string& out) = 0;
  virtual void finish(std::string& out) { (void)out; }  // anything still held back
  // True when write() keeps no state between calls: worker threads may then format their own
  // batches with one shared writer.
  virtual bool stateless() const { return true; }
  virtual AnnotationStyle annotation_style() const { return AnnotationStyle::text; }
};

std::unique_ptr<ResultWriter> make_result_writer(OutputFormat format, const CheckedPolicy& policy,
                                                 const WriterOptions& options);

}  // namespace qpl::present
