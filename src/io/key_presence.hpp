#pragma once
// Which of the keys (or dotted paths) a policy reads appear in a JSON input, so that a misspelt
// `from` is said once at the end of the run instead of reading as missing in every record
// (issue 20). One per input file, shared by the threads that bind its records.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "io/absent_columns.hpp"
#include "model/policy.hpp"

namespace qpl::io {

class KeyPresence {
 public:
  // The keys of this many first records of a file are kept, for the "did you mean".
  static constexpr std::uint64_t sampled_records = 1000;
  static constexpr std::size_t max_sampled_keys = 4096;
  // JSON says "not filled in" by leaving a key out, so an optional field's key that a handful of
  // records all lack is ordinary data: it is reported from this many records on. A required
  // field's is always reported (each of its records was an error line).
  static constexpr std::uint64_t min_records_for_optional = 10;

  KeyPresence(std::string name, const Schema& schema, std::uint64_t first_number);

  const std::string& name() const { return name_; }
  // The hot path: true once every field has been seen and the sample is taken, so the binder
  // need not look at the record again.
  bool done(std::uint64_t number) const {
    return all_seen_.load(std::memory_order_relaxed) && number >= first_number_ + sampled_records;
  }
  bool seen(std::size_t slot) const { return seen_[slot].load(std::memory_order_relaxed); }
  void mark(std::size_t slot);
  bool wants_sample(std::uint64_t number) const { return number < first_number_ + sampled_records; }
  void add_sample(std::vector<std::string>&& keys);
  // Called once per record by the reader (one thread).
  void count_record() { ++records_; }
  std::uint64_t records() const { return records_; }
  // Called by the binder for each record whose keys it looked at (an object that parsed), from
  // any thread, until done(): a broken record lacks no key, it could not be read.
  void count_readable() { readable_.fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t readable() const { return readable_.load(std::memory_order_relaxed); }

  // After every record is bound: the lead fields no record had, in field order, each with the
  // closest key of the sampled records (optional ones only from min_records_for_optional on).
  std::vector<AbsentColumn> absent() const;

 private:
  std::string name_;
  const Schema& schema_;
  std::uint64_t first_number_;
  std::uint64_t records_ = 0;
  std::atomic<std::uint64_t> readable_{0};
  std::unique_ptr<std::atomic<bool>[]> seen_;
  std::atomic<std::size_t> unseen_;
  std::atomic<bool> all_seen_{false};
  mutable std::mutex mutex_;
  std::set<std::string> sample_;  // guarded by mutex_
};

// `key "last_visit" (field last_visit) appeared in none of 30 records (did you mean "lastVisit"?)`;
// `where`, when not empty, follows the count: `... of 30 records in sample.ndjson`. Records that
// could not be read are not counted as lacking the key: `... none of the 28 records that could
// be read (2 could not)`. Only for a presence with a readable record.
std::string absent_key_message(const AbsentColumn& absent, const KeyPresence& presence,
                               std::string_view where = {});

}  // namespace qpl::io
