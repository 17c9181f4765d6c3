#pragma once
// What a qualify::Policy holds: the checked policy, the writers of its results, and a pool of
// evaluation scratch (an Evaluator and a RecordBinder are not thread-safe; a Policy must be).
#include <memory>
#include <mutex>
#include <vector>

#include "present/result_writer.hpp"
#include "io/lead_reader.hpp"
#include "qualify/qualify.hpp"

namespace qualify {

struct Policy::Impl {
  // `table_folder`: where the policy's test tables are read from (its file's folder, or import_dir).
  Impl(std::unique_ptr<qpl::CheckedPolicy> checked, std::string table_folder);

  // One thread's tools for one evaluation, returned to the pool afterwards.
  struct Scratch {
    explicit Scratch(const qpl::CheckedPolicy& policy)
        : evaluator(policy), binder(policy.schema) {}
    qpl::eval::Evaluator evaluator;
    qpl::io::RecordBinder binder;
    qpl::io::UnboundRecord raw;
    qpl::io::ReadItem item;
    qpl::eval::LeadOutcome outcome;
  };
  std::unique_ptr<Scratch> take_scratch() const;
  void give_back(std::unique_ptr<Scratch> scratch) const;

  std::unique_ptr<const qpl::CheckedPolicy> policy;
  std::string folder;
  // The NDJSON writers keep no state between lines (stateless()), so one of each is shared.
  std::unique_ptr<qpl::present::ResultWriter> writer, writer_with_explain;

 private:
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<Scratch>> free_;
};

}  // namespace qualify
