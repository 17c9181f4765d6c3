#pragma once
// Binds parsed JSON to a policy's schema (R39..R42): `from` keys and dotted paths, missing
// values, required fields, the forgiving conversions, lists and nested records.
#include <cstddef>
#include <string>
#include <string_view>
#include <memory>
#include <vector>

#include <simdjson.h>

#include "io/field_path.hpp"
#include "io/key_presence.hpp"
#include "io/read_note.hpp"
#include "support/text_words.hpp"
#include "model/policy.hpp"
#include "model/value.hpp"

namespace qpl::io {

class JsonBinder {
 public:
  explicit JsonBinder(const Schema& schema);

  // One lead from a JSON object; false with `error` set when the record does not fit.
  // `notes` gets the values read as missing because they were unreadable (cleared first).
  bool bind_lead(simdjson::dom::element root, RecordValue& out, std::string& error,
                 ReadNotes& notes);
  // For a record bind_lead() refused (`root` null when it did not parse): its `id` field's
  // value when that one reads on its own, else unknown, so an error line can name the lead.
  void read_id(const simdjson::dom::element* root, Value& id);
  // Notes which lead fields record `number` (parsed as `root`) has, and samples its keys while
  // the file's first records go by; costs one comparison per record once all were seen.
  void note_presence(simdjson::dom::element root, std::uint64_t number, KeyPresence& presence);
  // One field's value (a CSV cell holding JSON), missing values already handled by the caller;
  // an unreadable value is an error here (the caller applies `unreadable missing`).
  // With `notes`, the fields of its records declared `unreadable missing` (or all optional ones
  // under `eval --unreadable missing`) are read as missing and noted there, as in bind_lead.
  bool bind_field(const FieldSchema& field, simdjson::dom::element value, const FieldPath& path,
                  Value& out, std::string& error, ReadNotes* notes = nullptr);
  // R41: a string that equals a `missing values` entry exactly.
  bool is_missing_text(std::string_view text) const;

 private:
  struct KeyUse {
    std::uint32_t slot;
    bool exact;  // the whole source as one key; else the first step of its dotted path
  };
  // The keys a record type reads, in a small open-addressing table hashed on the key's length
  // and words (support/text_words.hpp): member lookup is the hot path of JSON input.
  struct Plan {
    const RecordType* record = nullptr;
    std::vector<std::string_view> keys;
    std::vector<TextWords> key_words_of;     // by key index
    std::vector<std::vector<KeyUse>> uses;  // by key index
    std::vector<std::uint32_t> table;       // key index + 1, or 0 for an empty bucket
    std::size_t mask = 0;
    const std::vector<KeyUse>* find(std::string_view key) const;
    std::size_t bucket_of(TextWords words, std::size_t size) const;
  };
  // Where an object's members for one field were found. Kept across records: a member counts
  // when it was found in the object being bound (its number), so nothing is cleared per record.
  struct Found {
    simdjson::dom::element exact, head;
    std::uint64_t exact_in = 0, head_in = 0;  // the number of the object each was found in
  };

  const Plan& plan_for(const RecordType& record);
  bool bind_object(const RecordType& record, simdjson::dom::object object, const FieldPath* parent,
                   RecordValue& out, std::string& error, std::size_t depth);
  // `reading`: the field's options, or null for a list element.
  bool bind_value(TypeRef type, bool optional, const FieldReading* reading,
                  simdjson::dom::element value, const FieldPath& path, Value& out,
                  std::string& error, std::size_t depth);
  bool follow_path(const FieldSchema& field, simdjson::dom::element head, const FieldPath& path,
                   simdjson::dom::element& found, bool& present, std::string& error) const;
  bool missing(bool optional, const FieldPath& path, Value& out, std::string& error) const;

  const Schema& schema_;
  std::vector<std::unique_ptr<Plan>> plans_;  // few record types: found by a linear scan
  std::vector<std::vector<Found>> found_by_depth_;  // scratch, reused across records
  ReadNotes* notes_ = nullptr;  // bind_lead's, while it runs
  std::uint64_t objects_bound_ = 0;  // numbers the objects bind_object() is given, from 1
  // found_by_depth_[0] holds the lead keys of the record bind_lead() was last given, found in
  // object number lead_object_ (0: none was).
  std::uint64_t lead_object_ = 0;
};

}  // namespace qpl::io
