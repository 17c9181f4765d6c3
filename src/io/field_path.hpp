#pragma once
// Where a value sits in a record ("events[2].day"), built on the stack while binding and
// spelled out only when an error names it.
#include <cstddef>
#include <string>
#include <string_view>

namespace qpl::io {

struct FieldPath {
  const FieldPath* parent = nullptr;
  std::string_view name;           // a field name, or empty for a list element
  std::size_t index = 0;           // the element's 0-based index when name is empty

  std::string str() const {
    std::string out = parent ? parent->str() : std::string();
    if (name.empty()) {
      out += '[';
      out += std::to_string(index);
      out += ']';
    } else {
      if (!out.empty()) out += '.';
      out += name;
    }
    return out;
  }
};

}  // namespace qpl::io
