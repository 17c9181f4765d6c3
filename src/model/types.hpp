#pragma once
// Static types of QPL values. Types are interned in a TypeTable and compared with same_type().
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "model/ast.hpp"
#include "support/value_formats.hpp"

namespace qpl {

struct RecordType;

enum class TypeKind : std::uint8_t {
  error,     // an expression that already failed to check; silences follow-up errors
  number,
  text,
  boolean,
  date,
  duration,  // only as an operand of `within`, `date + d`, `date - d`
  enum_,     // `one of (...)`: text limited to `values`
  list,
  record,
  empty_list // the type of `[]` before it meets an element type
};

struct TypeNode {
  TypeKind kind = TypeKind::error;
  std::vector<std::string> values;    // enum_
  TypeRef element = nullptr;          // list
  const RecordType* record = nullptr; // record
};

// How a field's text is read (its options: `trim`, `lower`, `format`, `unreadable missing`).
struct FieldReading {
  bool trim = false;
  bool lower = false;
  Span lower_span;  // where `lower` is written, for messages
  bool unreadable_missing = false;  // the option, or `eval --unreadable missing`
  std::optional<DateFormat> date_format;
  std::optional<NumberFormat> number_format;
  std::string format;  // as written, for messages
  // No `lower` and no format: the text converts as R42/R43 say (one test per value read).
  bool as_written = true;
};

// Whether two fields read their values the same way (the options, not where they are written).
inline bool same_reading(const FieldReading& a, const FieldReading& b) {
  return a.trim == b.trim && a.lower == b.lower && a.format == b.format &&
         a.unreadable_missing == b.unreadable_missing;
}

// A field of the lead or of a record type, as the readers need it.
struct FieldSchema {
  std::string name;
  std::string source;                // `from "..."`, else the name
  std::vector<std::string> path;     // source split on '.', for nested JSON lookup
  TypeRef type = nullptr;
  bool optional = false;
  Span span;
  FieldReading reading;
  bool kept = false;  // an input column carried to the output (`eval --keep`), never read by rules
  // For a kept column, the option that asked for it, as an error about it names it.
  const char* kept_by = "--keep";
  // The lead's stage memory (`previous`, model/memory.hpp): filled by `eval --previous` or read
  // from the lead's own `previous` key, never reported as a column or key the input lacks.
  bool remembered = false;
};

// A field of `type` that a record may lack, read from the key or column of its own name.
FieldSchema optional_field(std::string_view name, TypeRef type);

struct RecordType {
  std::string name;
  std::vector<FieldSchema> fields;
  int field_index(std::string_view name) const;  // -1 when absent
};

class TypeTable {
 public:
  TypeTable();
  TypeRef error() const { return error_; }
  TypeRef number() const { return number_; }
  TypeRef text() const { return text_; }
  TypeRef boolean() const { return boolean_; }
  TypeRef date() const { return date_; }
  TypeRef duration() const { return duration_; }
  TypeRef empty_list() const { return empty_list_; }
  TypeRef list_of(TypeRef element);
  TypeRef enum_of(std::vector<std::string> values);
  TypeRef record_of(const RecordType* record);

 private:
  TypeRef make(TypeNode node);
  std::deque<TypeNode> nodes_;  // stable addresses
  TypeRef error_, number_, text_, boolean_, date_, duration_, empty_list_;
};

bool same_type(TypeRef a, TypeRef b);
// "number", "text", "one of (\"a\", \"b\")", "list of event", ...
std::string type_name(TypeRef t);
inline bool is_textual(TypeRef t) { return t && (t->kind == TypeKind::text || t->kind == TypeKind::enum_); }

}  // namespace qpl
