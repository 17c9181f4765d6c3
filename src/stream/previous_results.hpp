#pragma once
// `eval --previous FILE`: an earlier run's results (NDJSON, JSON or CSV, as `eval` writes them),
// held in a hash by id, giving each lead of this run its `previous` { stage, since }
// (docs/commands.md, "Stage memory"). The memory is the hash: about 100 bytes a lead of the file.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "stream/input_chain.hpp"
#include "model/policy.hpp"

namespace qpl::stream {

class PreviousResults {
 public:
  // Reads `file` whole. Each line that cannot be used (no id, an id seen before, a stage the
  // funnel no longer has, a line that does not read) is one warning through `warn`, with its
  // file:line. Throws io::InputError when the file cannot be opened or read.
  PreviousResults(const InputSpec& file, const CheckedPolicy& policy, const io::InputWarningFn& warn);
  PreviousResults(const PreviousResults&) = delete;
  PreviousResults& operator=(const PreviousResults&) = delete;
  ~PreviousResults();

  // `schema` with the remembered field `previous` appended when it has none (a policy that does
  // not read its memory still carries it, to write `since`); the type it uses lives in *this.
  Schema schema_with_memory(const Schema& schema) const;

  // Sets the lead's `previous` (at `slot`) from the file's line for its id (at `id_slot`; without
  // an id field, -1, its record `number`); leaves it as read for a lead the file does not have.
  // Safe from several threads.
  void attach(RecordValue& lead, int id_slot, int slot, std::uint64_t number) const;

  // The time of day of the `since` the file gives the lead (an instant, support/date.hpp), when
  // that `since` is a date-time (docs/language.md, "Hour SLAs"); nullopt otherwise.
  std::optional<std::int64_t> since_time(const RecordValue& lead, int id_slot, std::uint64_t number) const;

  // After the run: the ids of the file no lead of the run had, as one warning (empty if none).
  std::optional<std::string> unmatched_warning() const;

  std::size_t size() const { return by_id_.size(); }

 private:
  struct Entry {
    std::uint16_t stage = 0;  // into stages_
    bool has_since = false;
    bool has_time = false;  // since_at is known
    std::int32_t since = 0;
    std::int64_t since_at = 0;
    std::uint32_t line = 0;
    mutable std::atomic<bool> used{false};
  };
  const Entry* find(const RecordValue& lead, int id_slot, std::uint64_t number) const;

  std::string name_;
  std::vector<std::string> stages_;
  std::unordered_map<std::string, Entry> by_id_;
  std::unique_ptr<TypeTable> types_;  // for schema_with_memory()
  std::unique_ptr<RecordType> previous_type_;
};

// The text an id is matched by: a text id itself, a number as results print it, a date
// YYYY-MM-DD; nullopt for an unknown id.
std::optional<std::string> id_key(const Value& id);

}  // namespace qpl::stream
