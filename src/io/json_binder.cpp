#include "io/json_binder.hpp"

#include <atomic>
#include <charconv>
#include <memory>
#include <utility>

#include <fmt/format.h>

#include "io/json_document.hpp"
#include "io/value_conversion.hpp"
#include "support/text_words.hpp"
#include "support/number_format.hpp"

namespace qpl::io {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

template <typename Integer>
std::string integer_text(Integer value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// How a JSON value shows in an error message.
std::string found_description(element value) {
  switch (value.type()) {
    case element_type::NULL_VALUE: return "null";
    case element_type::BOOL: return value.get_bool().value_unsafe() ? "true" : "false";
    case element_type::INT64: return integer_text(value.get_int64().value_unsafe());
    case element_type::UINT64: return integer_text(value.get_uint64().value_unsafe());
    case element_type::DOUBLE: return format_number(value.get_double().value_unsafe());
    case element_type::STRING: {
      const std::string_view text = value.get_string().value_unsafe();
      if (text.starts_with(out_of_range_marker))
        return shortened_found(text.substr(out_of_range_marker.size())) +
               " (beyond the range of numbers)";
      return quoted_found(text);
    }
    case element_type::ARRAY: return "a list";
    case element_type::OBJECT: return "an object";
  }
  return "a value";
}

// The list or record `out` already holds when nothing else shares it (the reader's item from
// the previous record), else a new one in `out`: binding a lead then allocates nothing once
// the buffers have grown, and no list is released per record.
template <typename Content>
Content& reusable(Value& out) {
  using Ptr = std::shared_ptr<const Content>;
  if (auto* held = std::get_if<Ptr>(&out.data); held && *held && held->use_count() == 1) {
    // The last other owner (an evaluator's memo, maybe on a worker thread) released it with
    // an acq_rel decrement: this fence orders its reads before our writes.
    std::atomic_thread_fence(std::memory_order_acquire);
    // Every Content behind these pointers was made non-const by the binder (below).
    return const_cast<Content&>(**held);
  }
  auto fresh = std::make_shared<Content>();
  Content& content = *fresh;
  out.data = Ptr(std::move(fresh));
  return content;
}

// The last member named `key` (R42: duplicate keys, the last wins).
bool last_member(object object_value, std::string_view key, element& found) {
  bool present = false;
  for (const auto member : object_value)
    if (member.key == key) {
      found = member.value;
      present = true;
    }
  return present;
}

}  // namespace

JsonBinder::JsonBinder(const Schema& schema) : schema_(schema) {}

bool JsonBinder::is_missing_text(std::string_view text) const {
  for (const auto& entry : schema_.missing_values)
    if (entry == text) return true;
  return false;
}

inline std::size_t JsonBinder::Plan::bucket_of(TextWords words, std::size_t size) const {
  const std::uint64_t h = (words.head * 0x9E3779B97F4A7C15ull) ^ (words.tail * 0xC2B2AE3D27D4EB4Full) ^ size;
  return static_cast<std::size_t>(h ^ (h >> 29)) & mask;
}

const std::vector<JsonBinder::KeyUse>* JsonBinder::Plan::find(std::string_view key) const {
  const TextWords words = text_words(key);
  for (std::size_t bucket = bucket_of(words, key.size());; bucket = (bucket + 1) & mask) {
    const std::uint32_t entry = table[bucket];
    if (entry == 0) return nullptr;
    const std::size_t k = entry - 1;
    if (same_text(keys[k], key_words_of[k], key, words)) return &uses[k];
  }
}

const JsonBinder::Plan& JsonBinder::plan_for(const RecordType& record) {
  for (const auto& plan : plans_)
    if (plan->record == &record) return *plan;
  auto plan = std::make_unique<Plan>();
  plan->record = &record;
  const auto add = [&](std::string_view key, KeyUse use) {
    for (std::size_t k = 0; k < plan->keys.size(); ++k)
      if (plan->keys[k] == key) {
        plan->uses[k].push_back(use);
        return;
      }
    plan->keys.push_back(key);
    plan->uses.push_back({use});
  };
  for (std::size_t slot = 0; slot < record.fields.size(); ++slot) {
    const FieldSchema& field = record.fields[slot];
    const std::string_view source = field.source.empty() ? field.name : field.source;
    add(source, {static_cast<std::uint32_t>(slot), true});
    if (field.path.size() > 1) add(field.path.front(), {static_cast<std::uint32_t>(slot), false});
  }
  std::size_t size = 8;
  while (size < plan->keys.size() * 4) size *= 2;  // mostly empty: short probes
  plan->table.assign(size, 0);
  plan->mask = size - 1;
  for (const std::string_view key : plan->keys) plan->key_words_of.push_back(text_words(key));
  for (std::size_t k = 0; k < plan->keys.size(); ++k) {
    std::size_t bucket = plan->bucket_of(plan->key_words_of[k], plan->keys[k].size());
    while (plan->table[bucket] != 0) bucket = (bucket + 1) & plan->mask;
    plan->table[bucket] = static_cast<std::uint32_t>(k + 1);
  }
  plans_.push_back(std::move(plan));
  return *plans_.back();
}

bool JsonBinder::bind_lead(element root, RecordValue& out, std::string& error,
                           ReadNotes& notes) {
  notes.clear();
  notes_ = &notes;
  lead_object_ = 0;
  object object_value;
  if (root.get(object_value)) {
    error = "expected an object, got " + found_description(root);
    return false;
  }
  return bind_object(schema_.lead, object_value, nullptr, out, error, 0);
}

void JsonBinder::read_id(const element* root, Value& id) {
  id.data = Unknown{Fault::missing};
  object object_value;
  if (schema_.id_field < 0 || root == nullptr || root->get(object_value)) return;
  const FieldSchema& field = schema_.lead.fields[static_cast<std::size_t>(schema_.id_field)];
  const FieldPath path{nullptr, field.name, 0};
  element value;
  bool present = last_member(object_value, field.source.empty() ? field.name : field.source, value);
  std::string ignored;
  element head;
  if (!present && field.path.size() > 1 && last_member(object_value, field.path.front(), head) &&
      !follow_path(field, head, path, value, present, ignored))
    return;
  Value read;
  ReadNotes* const notes = std::exchange(notes_, nullptr);  // nothing here is reported
  if (present && bind_value(field.type, true, &field.reading, value, path, read, ignored, 1))
    id = read;
  notes_ = notes;
}

void JsonBinder::note_presence(element root, std::uint64_t number, KeyPresence& presence) {
  if (presence.done(number)) return;
  object object_value;
  if (root.get(object_value)) return;
  presence.count_readable();
  if (presence.wants_sample(number)) {
    // Top-level keys, and one level into objects for the dotted paths (`company.size`).
    std::vector<std::string> keys;
    for (const auto member : object_value) {
      keys.emplace_back(member.key);
      object inner;
      if (!member.value.get(inner))
        for (const auto nested : inner) keys.push_back(fmt::format("{}.{}", member.key, nested.key));
    }
    presence.add_sample(std::move(keys));
  }
  const auto& fields = schema_.lead.fields;
  // bind_lead() just looked the record's keys up: a field not seen yet is found there without
  // walking the record again (an optional field no record has is looked for in every record).
  const std::vector<Found>* found = lead_object_ != 0 ? &found_by_depth_[0] : nullptr;
  for (std::size_t slot = 0; slot < fields.size(); ++slot) {
    if (presence.seen(slot)) continue;
    if (found != nullptr && (*found)[slot].exact_in == lead_object_) {
      presence.mark(slot);
      continue;
    }
    if (found != nullptr && (*found)[slot].head_in != lead_object_) continue;
    const FieldSchema& field = fields[slot];
    element value, head;
    bool present =
        last_member(object_value, field.source.empty() ? field.name : field.source, value);
    if (!present && field.path.size() > 1 && last_member(object_value, field.path.front(), head)) {
      std::string ignored;
      follow_path(field, head, FieldPath{nullptr, field.name, 0}, value, present, ignored);
    }
    if (present) presence.mark(slot);
  }
}

bool JsonBinder::bind_field(const FieldSchema& field, element value, const FieldPath& path,
                            Value& out, std::string& error, ReadNotes* notes) {
  ReadNotes* const previous = std::exchange(notes_, notes);
  const bool ok = bind_value(field.type, field.optional, &field.reading, value, path, out, error, 1);
  notes_ = previous;
  return ok;
}

bool JsonBinder::missing(bool optional, const FieldPath& path, Value& out,
                         std::string& error) const {
  if (optional) {
    out.data = Unknown{Fault::missing};
    return true;
  }
  error = path.str() + ": required field is missing";
  return false;
}

bool JsonBinder::bind_object(const RecordType& record, object object_value,
                             const FieldPath* parent, RecordValue& out, std::string& error,
                             std::size_t depth) {
  const Plan& plan = plan_for(record);
  if (found_by_depth_.size() <= depth) found_by_depth_.resize(depth + 1);
  // A reference into found_by_depth_ would dangle when a nested record grows it: index instead.
  if (found_by_depth_[depth].size() < record.fields.size())
    found_by_depth_[depth].resize(record.fields.size());
  const std::uint64_t object_number = ++objects_bound_;
  for (const auto member : object_value) {
    const std::vector<KeyUse>* uses = plan.find(member.key);
    if (!uses) continue;
    for (const KeyUse use : *uses) {
      Found& found = found_by_depth_[depth][use.slot];
      if (use.exact) {
        found.exact = member.value;
        found.exact_in = object_number;
      } else {
        found.head = member.value;
        found.head_in = object_number;
      }
    }
  }
  if (depth == 0 && &record == &schema_.lead) lead_object_ = object_number;
  out.fields.resize(record.fields.size());
  for (std::size_t slot = 0; slot < record.fields.size(); ++slot) {
    const FieldSchema& field = record.fields[slot];
    const FieldPath path{parent, field.name, 0};
    const Found& found = found_by_depth_[depth][slot];
    element value;
    bool present = false;
    if (found.exact_in == object_number) {
      value = found.exact;
      present = true;
    } else if (found.head_in == object_number) {
      const element head = found.head;  // follow_path does not bind: `found` stays valid
      if (!follow_path(field, head, path, value, present, error)) return false;
    }
    Value& target = out.fields[slot];
    if (!present) {
      if (!missing(field.optional, path, target, error)) return false;
      continue;
    }
    if (field.kept && !value.is_string() && !value.is_null()) {
      // A column carried through (`eval --keep`, `report --outcome`) is copied as it was, as
      // JSON text: a list or object, and a number or bool too (`1`, `true`).
      target.data = std::string(simdjson::minify(value));
      continue;
    }
    if (!bind_value(field.type, field.optional, &field.reading, value, path, target, error,
                    depth + 1)) {
      if (!(field.optional && field.reading.unreadable_missing && notes_)) return false;
      notes_->push_back({path.str(), std::move(error)});
      error.clear();
      target.data = Unknown{Fault::missing};
    }
  }
  return true;
}

// R40: a dotted `from` through nested objects; absent or null along the way is missing, any
// other non-object is an error (a missing-values string counts as not filled in).
bool JsonBinder::follow_path(const FieldSchema& field, element head, const FieldPath& path,
                             element& found, bool& present, std::string& error) const {
  element current = head;
  present = false;
  for (std::size_t step = 1; step < field.path.size(); ++step) {
    if (current.is_null()) return true;
    object object_value;
    if (current.get(object_value)) {
      std::string_view text;
      if (!current.get(text) && is_missing_text(text)) return true;
      std::string prefix;
      for (std::size_t k = 0; k < step; ++k) {
        if (k) prefix += '.';
        prefix += field.path[k];
      }
      error = fmt::format("{}: expected an object at '{}', got {}", path.str(), prefix,
                          found_description(current));
      return false;
    }
    if (!last_member(object_value, field.path[step], current)) return true;
  }
  found = current;
  present = true;
  return true;
}

// `reading` set: the value of a field (null and missing values mean missing, its options
// apply); null: an element of a list (null is an error, missing values do not apply, R41).
bool JsonBinder::bind_value(TypeRef type, bool optional, const FieldReading* reading,
                            element value, const FieldPath& path, Value& out,
                            std::string& error, std::size_t depth) {
  const bool is_field = reading != nullptr;
  const auto mismatch = [&] {
    error = mismatch_message(path.str(), type, found_description(value), reading);
    return false;
  };
  switch (value.type()) {
    case element_type::NULL_VALUE:
      if (is_field) return missing(optional, path, out, error);
      return mismatch();
    case element_type::STRING: {
      std::string_view text = value.get_string().value_unsafe();
      if (text.starts_with(out_of_range_marker)) return mismatch();
      if (!is_field) return convert_text(type, text, false, out) || mismatch();
      text = trimmed_for(*reading, text);
      if (is_missing_text(text)) return missing(optional, path, out, error);
      if (!convert_field_text(type, *reading, text, false, out)) return mismatch();
      return true;
    }
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
      if (type->kind == TypeKind::number) {
        double number = 0;
        if (value.get(number)) return mismatch();
        out.data = number;
        return true;
      }
      if (type->kind == TypeKind::text) {
        // R42: a number in a text field becomes its text; integers keep all their digits.
        if (value.is_int64())
          out.data = integer_text(value.get_int64().value_unsafe());
        else if (value.is_uint64())
          out.data = integer_text(value.get_uint64().value_unsafe());
        else
          out.data = format_number(value.get_double().value_unsafe());
        return true;
      }
      return mismatch();
    case element_type::BOOL:
      if (type->kind == TypeKind::boolean) {
        out.data = value.get_bool().value_unsafe();
        return true;
      }
      if (type->kind == TypeKind::text) {
        out.data = std::string(value.get_bool().value_unsafe() ? "true" : "false");
        return true;
      }
      return mismatch();
    case element_type::ARRAY: {
      if (type->kind != TypeKind::list || !type->element) return mismatch();
      const simdjson::dom::array array = value.get_array().value_unsafe();
      ListValue& list = reusable<ListValue>(out);
      std::size_t index = 0;
      for (const element item : array) {
        const FieldPath item_path{&path, {}, index};
        // Slots kept from the previous record are overwritten in place (buffers reused).
        Value& slot = index < list.size() ? list[index] : list.emplace_back();
        ++index;
        if (!bind_value(type->element, false, nullptr, item, item_path, slot, error, depth + 1))
          return false;
      }
      list.resize(index);
      return true;
    }
    case element_type::OBJECT: {
      if (type->kind != TypeKind::record || !type->record) return mismatch();
      RecordValue& record = reusable<RecordValue>(out);
      return bind_object(*type->record, value.get_object().value_unsafe(), &path, record, error,
                         depth + 1);
    }
  }
  return mismatch();
}

}  // namespace qpl::io
