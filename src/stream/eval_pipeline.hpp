#pragma once
// The `eval` loop: the main thread reads records in batches and writes results in input order;
// with jobs > 1, worker threads (one Evaluator each) evaluate and format the batches between.
// At most a fixed number of batches are in flight, so memory stays flat however long the input.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "present/annotations.hpp"
#include "present/result_writer.hpp"
#include "io/lead_reader.hpp"

namespace qpl::stream {

class AccountTable;
class DataWatch;
class PreviousResults;

struct EvalSettings {
  std::int32_t today = 0;
  std::int64_t now = 0;  // the instant hour SLAs are measured at (support/date.hpp)
  eval::ExplainLevel level = eval::ExplainLevel::none;
  bool ledger = false;  // each outcome's points ledger (`eval --ledger`)
  present::AnnotationRequest annotations;
  // The schema the input is read with, when it is not the policy's (kept columns added).
  const Schema* input_schema = nullptr;
  unsigned jobs = 1;
  // Records per batch; 0 picks a size whose records stay in the CPU cache between reading,
  // evaluating and writing them (bigger batches are slower, not faster).
  std::size_t batch_size = 0;
  DataWatch* watch = nullptr;  // shown every record: each thread feeds a copy, merged at the end
  // Stage memory: each lead's `previous` is set from `previous` (`eval --previous`) before it is
  // evaluated, and its `since` computed for the writer, when previous_slot >= 0 (the slot of
  // the remembered field in the input schema).
  const PreviousResults* previous = nullptr;
  int previous_slot = -1;
  // Accounts: each lead's `account` is set from the table (pass 1) before it is evaluated.
  const AccountTable* accounts = nullptr;
  // `eval --overdue`: only the leads past their stage's `sla` are written, and every error line.
  bool overdue_only = false;
};

struct EvalStats {
  std::uint64_t records = 0;
  std::uint64_t errors = 0;
  std::uint64_t no_stage = 0;              // evaluated, but no funnel or no line true
  // By funnel line; a lead a forward-only funnel held or recycled under the first line of its
  // final stage.
  std::vector<std::uint64_t> per_line;
};

// Receives formatted output; an empty view asks it to flush what it holds, as the input is
// about to wait (a live feed: each record's result must not sit in a buffer meanwhile).
using OutputSinkFn = std::function<void(std::string_view)>;
using ProgressFn = std::function<void(const EvalStats&)>;

// Reads `input` to its end, evaluating every record and writing one result per record through
// `writer` to `sink` (header and trailer included). An exception from the input or the sink
// stops the run after the workers are joined, and is rethrown.
EvalStats run_eval_pipeline(const CheckedPolicy& policy, io::LeadReader& input, present::ResultWriter& writer,
                            const EvalSettings& settings, const OutputSinkFn& sink,
                            const ProgressFn& progress = {});

}  // namespace qpl::stream
