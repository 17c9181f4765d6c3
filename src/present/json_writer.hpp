#pragma once
// Compact JSON (no spaces or line breaks) written in order: the writer puts the commas, the
// colons and the escapes, so an output cannot be malformed by a forgotten ',' or '"'.
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qpl::present {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The next value's name, inside an object.
  JsonWriter& key(std::string_view name);

  JsonWriter& string(std::string_view value);
  template <std::integral T>
  JsonWriter& integer(T value) {
    before_value();
    out_ += std::to_string(value);
    return *this;
  }
  JsonWriter& number(double value);  // as support/number_format writes it: 25, 0.5, 1e+21
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // A value already written as JSON: a number with a fixed count of decimals ("37.5"), a
  // result's own JSON rendering.
  JsonWriter& json_value(std::string_view json);

  // key(name) then string(value): the most common member.
  JsonWriter& field(std::string_view name, std::string_view value) { return key(name).string(value); }

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();  // a ',' before every element but a container's first, and not after a key

  std::string out_;
  std::vector<bool> empty_;  // one per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace qpl::present
