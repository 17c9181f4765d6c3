#include "io/key_presence.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "support/utf8.hpp"

namespace qpl::io {

namespace {

// Fields read only to be carried into the results (`eval --keep`) are not the policy's; a lead's
// stage memory (`previous`) usually comes from `eval --previous`, not from its own keys.
bool counts(const FieldSchema& field) { return !field.kept && !field.remembered; }

}  // namespace

KeyPresence::KeyPresence(std::string name, const Schema& schema, std::uint64_t first_number)
    : name_(std::move(name)),
      schema_(schema),
      first_number_(first_number),
      seen_(std::make_unique<std::atomic<bool>[]>(schema.lead.fields.size())) {
  std::size_t unseen = 0;
  for (std::size_t slot = 0; slot < schema.lead.fields.size(); ++slot) {
    const bool skip = !counts(schema.lead.fields[slot]);
    seen_[slot].store(skip, std::memory_order_relaxed);
    if (!skip) ++unseen;
  }
  unseen_.store(unseen, std::memory_order_relaxed);
  all_seen_.store(unseen == 0, std::memory_order_relaxed);
}

void KeyPresence::mark(std::size_t slot) {
  if (seen_[slot].exchange(true, std::memory_order_relaxed)) return;
  if (unseen_.fetch_sub(1, std::memory_order_relaxed) == 1)
    all_seen_.store(true, std::memory_order_relaxed);
}

void KeyPresence::add_sample(std::vector<std::string>&& keys) {
  const std::lock_guard lock(mutex_);
  for (std::string& key : keys) {
    if (sample_.size() >= max_sampled_keys) return;
    sample_.insert(std::move(key));
  }
}

std::vector<AbsentColumn> KeyPresence::absent() const {
  std::vector<std::string> present;
  {
    const std::lock_guard lock(mutex_);
    present.assign(sample_.begin(), sample_.end());
  }
  std::vector<AbsentColumn> absent;
  for (std::size_t slot = 0; slot < schema_.lead.fields.size(); ++slot) {
    if (seen(slot)) continue;
    const FieldSchema& field = schema_.lead.fields[slot];
    if (field.optional && readable() < min_records_for_optional) continue;
    const std::string& key = field.source.empty() ? field.name : field.source;
    absent.push_back({key, field.name, {}, !field.optional, closest_column(key, present)});
  }
  return absent;
}

std::string absent_key_message(const AbsentColumn& absent, const KeyPresence& presence,
                               std::string_view where) {
  std::string field = "field " + absent.field;
  if (absent.required) field = "required " + field;
  const std::uint64_t readable = presence.readable();
  const std::uint64_t unreadable = presence.records() - std::min(readable, presence.records());
  std::string count;
  if (unreadable == 0)
    count = readable == 1 ? std::string("is not in the one record")
                          : fmt::format("appeared in none of {} records", readable);
  else
    count = readable == 1
                ? fmt::format("is not in the one record that could be read ({} could not)", unreadable)
                : fmt::format("appeared in none of the {} records that could be read ({} could not)",
                              readable, unreadable);
  std::string message =
      fmt::format("key \"{}\" ({}) {}", sanitize_for_terminal(absent.column), field, count);
  if (!where.empty()) message += fmt::format(" {}", where);
  if (absent.suggestion)
    message += fmt::format(" (did you mean \"{}\"?)", sanitize_for_terminal(*absent.suggestion));
  return message;
}

}  // namespace qpl::io
