#include "stream/previous_results.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "model/memory.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::stream {
namespace {

// The keys of a result line that memory needs; every other key or column is ignored.
enum Slot : std::size_t { id_slot, stage_slot, since_slot, error_slot, since_text_slot };

Schema results_schema(TypeTable& types) {
  Schema schema;
  const auto field = [&](const char* name, TypeRef type) {
    FieldSchema f = optional_field(name, type);
    f.remembered = true;  // a CSV without the column is not worth a warning
    schema.lead.fields.push_back(std::move(f));
  };
  field("id", types.text());
  field("stage", types.text());
  field("since", types.date());
  field("error", types.text());
  // `since` again, as text, for its time of day (an hour SLA's since is a date-time); the date
  // field above still says whether it reads.
  FieldSchema since_text = optional_field("since time", types.text());
  since_text.source = "since";
  since_text.path = {"since"};
  since_text.remembered = true;
  schema.lead.fields.push_back(std::move(since_text));
  schema.id_field = id_slot;
  return schema;
}

// A text cell or key; an empty CSV cell reads as "" (R41), which says nothing here either.
const std::string* text_at(const RecordValue& record, std::size_t slot) {
  const auto* text = std::get_if<std::string>(&record.fields[slot].data);
  return text != nullptr && !text->empty() ? text : nullptr;
}

std::string quoted(std::string_view text) { return fmt::format("\"{}\"", sanitize_for_terminal(text)); }

}  // namespace

std::optional<std::string> id_key(const Value& id) {
  if (const auto* text = std::get_if<std::string>(&id.data)) return *text;
  if (const auto* number = std::get_if<double>(&id.data)) return format_number(*number);
  if (const auto* date = std::get_if<Date>(&id.data)) return format_date(date->days);
  return std::nullopt;
}

PreviousResults::PreviousResults(const InputSpec& file, const CheckedPolicy& policy,
                                 const io::InputWarningFn& warn)
    : name_(file.path == "-" ? "<stdin>" : file.path),
      types_(std::make_unique<TypeTable>()),
      previous_type_(std::make_unique<RecordType>()) {
  previous_type_->name = std::string(previous_field_name);
  // previous_stage_slot, previous_since_slot
  previous_type_->fields.push_back(optional_field("stage", types_->text()));
  previous_type_->fields.push_back(optional_field("since", types_->date()));
  if (policy.funnel != nullptr)
    for (const FunnelLine& line : policy.funnel->lines)
      if (std::find(stages_.begin(), stages_.end(), line.stage) == stages_.end()) stages_.push_back(line.stage);
  const bool any_stage = policy.funnel == nullptr;  // without a funnel, a stage is kept as read

  const Schema schema = results_schema(*types_);
  InputChain chain({file}, schema);
  if (warn) chain.on_warning(warn);
  const auto say = [&](std::uint32_t line, const std::string& what) {
    if (warn) warn(fmt::format("{}:{}: warning: {}", sanitize_for_terminal(name_), line, what));
  };
  std::uint64_t without_since = 0;
  std::uint32_t first_without_since = 0;
  io::ReadItem item;
  while (chain.next(item)) {
    if (!item.ok) {
      say(item.line, item.error + "; the line is not used");
      continue;
    }
    const RecordValue& r = item.record;
    if (text_at(r, error_slot) != nullptr) continue;  // in error then: a new lead now
    const std::string* id = text_at(r, id_slot);
    if (id == nullptr) {
      say(item.line, "a result without an id; the line is not used");
      continue;
    }
    const std::string* stage = text_at(r, stage_slot);
    if (stage == nullptr) continue;  // no stage then: a new lead now
    auto known = std::find(stages_.begin(), stages_.end(), *stage);
    if (known == stages_.end()) {
      if (!any_stage) {
        say(item.line, fmt::format("id {}: stage {} is not in the funnel; the lead is read as new",
                                   quoted(*id), quoted(*stage)));
        continue;
      }
      stages_.push_back(*stage);
      known = stages_.end() - 1;
    }
    auto [it, inserted] = by_id_.try_emplace(*id);
    Entry& entry = it->second;
    if (!inserted)
      say(item.line, fmt::format("id {} is also on line {}; this later line is used", quoted(*id), entry.line));
    entry.stage = static_cast<std::uint16_t>(known - stages_.begin());
    const auto* since = std::get_if<Date>(&r.fields[since_slot].data);
    entry.has_since = since != nullptr;
    if (since == nullptr && without_since++ == 0) first_without_since = item.line;
    entry.since = since ? since->days : 0;
    const std::string* since_text = since != nullptr ? text_at(r, since_text_slot) : nullptr;
    const std::string_view since_written = since_text != nullptr ? trim(*since_text) : std::string_view();
    const auto time = parse_date_value_time(since_written);
    if (!time && since_written.size() > 10)  // a date with a time that does not read
      say(item.line, fmt::format("id {}: the time of day of since {} does not read (HH:MM[:SS], then Z "
                                 "or an offset such as +01:00); it counts from 00:00 UTC of its date",
                                 quoted(*id), quoted(std::string(since_written))));
    entry.has_time = time.has_value();
    entry.since_at = time.value_or(0);
    entry.line = item.line;
  }
  // Once, and only for a policy whose rules count time in a stage (SLAs, days_in_stage, a
  // forward-only funnel): the results of a policy without memory have no since at all.
  if (without_since > 0 && warn && previous_slot(policy.schema.lead) >= 0)
    warn(fmt::format("{}: warning: {} with a stage but no since (the first on line {}): {} time in "
                     "the stage counts from today, as if {} entered it now",
                     sanitize_for_terminal(name_),
                     without_since == 1 ? std::string("a result") : fmt::format("{} results", without_since),
                     first_without_since, without_since == 1 ? "its lead's" : "their leads'",
                     without_since == 1 ? "it" : "they"));
}

PreviousResults::~PreviousResults() = default;

Schema PreviousResults::schema_with_memory(const Schema& schema) const {
  Schema out = schema;
  if (previous_slot(out.lead) >= 0) return out;
  FieldSchema field;
  field.name = field.source = std::string(previous_field_name);
  field.path = {field.name};
  field.type = types_->record_of(previous_type_.get());
  field.optional = true;
  field.remembered = true;
  out.lead.fields.push_back(std::move(field));
  return out;
}

const PreviousResults::Entry* PreviousResults::find(const RecordValue& lead, int id_slot, std::uint64_t number) const {
  const auto key = id_slot >= 0 ? id_key(lead.fields[static_cast<std::size_t>(id_slot)])
                                : std::optional<std::string>(format_number(static_cast<double>(number)));
  if (!key) return nullptr;
  const auto it = by_id_.find(*key);
  return it == by_id_.end() ? nullptr : &it->second;
}

std::optional<std::int64_t> PreviousResults::since_time(const RecordValue& lead, int id_slot,
                                                        std::uint64_t number) const {
  const Entry* entry = find(lead, id_slot, number);
  if (entry == nullptr || !entry->has_since || !entry->has_time) return std::nullopt;
  return entry->since_at;
}

void PreviousResults::attach(RecordValue& lead, int id_slot, int slot, std::uint64_t number) const {
  if (slot < 0) return;
  const Entry* found = find(lead, id_slot, number);
  if (found == nullptr) return;
  const Entry& entry = *found;
  entry.used.store(true, std::memory_order_relaxed);
  lead.fields[static_cast<std::size_t>(slot)] =
      previous_value(stages_[entry.stage], entry.has_since ? std::optional<Date>(Date{entry.since}) : std::nullopt);
}

std::optional<std::string> PreviousResults::unmatched_warning() const {
  std::size_t count = 0;
  const std::string* first = nullptr;
  std::uint32_t first_line = 0;
  for (const auto& [id, entry] : by_id_) {
    if (entry.used.load(std::memory_order_relaxed)) continue;
    ++count;
    if (first == nullptr || entry.line < first_line) {
      first = &id;
      first_line = entry.line;
    }
  }
  if (count == 0) return std::nullopt;
  return fmt::format("{}: warning: {} {} of the previous results {} in none of the leads (first: {}, line {})",
                     sanitize_for_terminal(name_), count, count == 1 ? "id" : "ids",
                     count == 1 ? "is" : "are", quoted(*first), first_line);
}

}  // namespace qpl::stream
