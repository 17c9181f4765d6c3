#include "api/record_json.hpp"

#include <cmath>

#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qualify {

std::string record_json(const Record& record) {
  std::string json = "{";
  for (const auto& [name, value] : record) {
    if (json.size() > 1) json += ',';
    qpl::append_json_string(json, name);
    json += ':';
    if (const auto* b = std::get_if<bool>(&value)) {
      json += *b ? "true" : "false";
    } else if (const auto* d = std::get_if<double>(&value)) {
      // JSON has no NaN or infinity: such a number is as unknown as a null.
      if (std::isfinite(*d))
        qpl::append_number(json, *d);
      else
        json += "null";
    } else if (const auto* s = std::get_if<std::string>(&value)) {
      qpl::append_json_string(json, *s);
    } else {
      json += "null";
    }
  }
  json += '}';
  return json;
}

}  // namespace qualify
