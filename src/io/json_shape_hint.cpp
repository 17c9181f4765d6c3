#include "io/json_shape_hint.hpp"

#include <fmt/format.h>
#include <simdjson.h>

namespace qpl::io {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether the first line is a whole JSON object and the next non-blank line starts another.
bool looks_like_ndjson(std::string_view head) {
  const std::size_t line_end = head.find('\n');
  if (line_end == std::string_view::npos) return false;
  std::size_t next = line_end;
  while (next < head.size() && is_space(head[next])) ++next;
  if (next >= head.size() || head[next] != '{') return false;
  simdjson::dom::parser parser;
  const simdjson::padded_string line(head.substr(0, line_end));
  simdjson::dom::object object;
  return parser.parse(line).get(object) == simdjson::SUCCESS;
}

// The first key of the top-level object whose value is an array, as far as `head` goes.
std::string first_array_key(std::string_view head) {
  int depth = 0;
  std::string_view last_text;  // the last text closed at depth 1: a key, if ':' follows
  bool after_colon = false;
  for (std::size_t i = 0; i < head.size(); ++i) {
    const char c = head[i];
    if (is_space(c)) continue;
    if (c == '"') {
      const std::size_t begin = ++i;
      while (i < head.size() && head[i] != '"') i += head[i] == '\\' ? 2 : 1;
      if (i >= head.size()) return {};
      if (depth == 1 && !after_colon) last_text = head.substr(begin, i - begin);
      after_colon = false;
      continue;
    }
    if (depth == 1 && after_colon && c == '[') return std::string(last_text);
    after_colon = depth == 1 && c == ':';
    if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') --depth;
    if (depth <= 0 && i > 0) return {};
  }
  return {};
}

}  // namespace

std::string json_shape_hint(std::string_view head, std::string_view name) {
  if (head.empty() || head.front() != '{') return {};
  if (looks_like_ndjson(head))
    return fmt::format("it looks like NDJSON, one object a line: name it .ndjson, or give "
                       "--input-format ndjson");
  const std::string key = first_array_key(head);
  if (key.empty() || key.find_first_of("'\\") != std::string::npos)
    return "it is one object: a file of leads is an array of objects, [{...}, {...}]";
  return fmt::format("it is one object; if its leads are the list under \"{}\", take them out "
                     "first: jq '.[\"{}\"]' {} > leads.json",
                     key, key, name);
}

}  // namespace qpl::io
