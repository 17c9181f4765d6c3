#pragma once
// Runtime values. Unknown is a value (Kleene logic), carrying why it is unknown.
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace qpl {

enum class Fault : std::uint8_t {
  missing,            // a missing field, list or record (the usual case)
  division_by_zero,   // `/` or `%` by zero
  non_finite,         // overflow, 0/0
  date_out_of_range,  // date arithmetic outside years 1..9999
  no_domain,          // domain() of a text without '@' or nothing after it
  unknown_operand,    // derived from another unknown
  no_element,         // avg / min / max over no element
};

struct Unknown {
  Fault fault = Fault::missing;
};

struct Date {
  std::int32_t days = 0;  // since 1970-01-01
  friend bool operator==(Date, Date) = default;
};

struct Value;
using ListValue = std::vector<Value>;
struct RecordValue {
  std::vector<Value> fields;  // by slot of the RecordType
};
using ListPtr = std::shared_ptr<const ListValue>;
using RecordPtr = std::shared_ptr<const RecordValue>;

struct Value {
  std::variant<Unknown, bool, double, std::string, Date, ListPtr, RecordPtr> data;

  Value() = default;
  Value(Unknown u) : data(u) {}
  Value(bool b) : data(b) {}
  Value(double d) : data(d) {}
  Value(std::string s) : data(std::move(s)) {}
  Value(Date d) : data(d) {}
  Value(ListPtr l) : data(std::move(l)) {}
  Value(RecordPtr r) : data(std::move(r)) {}

  bool is_unknown() const { return std::holds_alternative<Unknown>(data); }
  bool is_true() const { return std::holds_alternative<bool>(data) && std::get<bool>(data); }
  bool is_false() const { return std::holds_alternative<bool>(data) && !std::get<bool>(data); }
  Fault fault() const { return std::get<Unknown>(data).fault; }
};

}  // namespace qpl
