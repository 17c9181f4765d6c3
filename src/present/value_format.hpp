#pragma once
// The one value formatter: a Value as text for people, as a QPL literal, as JSON or as a CSV cell.
// Every place that shows a value (the explain trace and why-not, the REPL, `qualify test`, the
// result writers) names one of the formats below, so they differ only where the options say.
#include <climits>
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/types.hpp"
#include "model/value.hpp"

namespace qpl::present {

enum class ValueSyntax : std::uint8_t {
  text,  // for people: `unknown`, `true`, `20`, `2026-11-01`, `[a, b]`, `{name: value}`
  json,  // `null` for unknown, dates as strings, records as objects (as arrays of their values
         // when the record type is not known)
  csv,   // one CSV cell (present/csv_cell.hpp): unknown, lists and records are an empty cell
};

// How the text syntax writes a text value.
enum class TextStyle : std::uint8_t {
  quoted,          // between double quotes, as stored: a renderer sanitizes its whole output
  qpl_literal,     // a QPL text literal (present/quote.hpp), as a policy would spell it
  json_string,     // a JSON string, escaped (support/utf8.hpp json_escape)
  terminal_bare,   // no quotes, control characters shown as escapes (escape_for_terminal)
};

struct ValueFormat {
  ValueSyntax syntax = ValueSyntax::text;
  TextStyle texts = TextStyle::quoted;          // the text syntax only
  std::size_t max_list_items = SIZE_MAX;        // then `, … N more` (the text syntax only)
  int max_depth = INT_MAX;                      // values deeper than this are `...` (text only)
  bool opaque_records = false;                  // a record as `{...}` (the text syntax only)
  bool scalars_only = false;                    // a list or a record written as unknown
};

// The formats users see.
// The explain trace, why-not and `qualify diff`: `"saas"`, lists cut after 5 items.
inline constexpr ValueFormat trace_text_format{ValueSyntax::text, TextStyle::quoted, 5};
// The same values as JSON (the `explain` and `why_not` members, `qualify diff --format json`).
inline constexpr ValueFormat trace_json_format{ValueSyntax::json};
// The REPL: a QPL literal, as it could be typed back; 16 levels deep at most.
inline constexpr ValueFormat literal_format{ValueSyntax::text, TextStyle::qpl_literal, SIZE_MAX, 16};
// `qualify test` messages (`got "fr"`): texts as JSON strings, records not spelled out.
inline constexpr ValueFormat test_message_format{ValueSyntax::text, TextStyle::json_string,
                                                 SIZE_MAX, INT_MAX, true};
// The result writers' cells, which only ever hold a scalar: NDJSON, CSV, the terminal table.
inline constexpr ValueFormat ndjson_cell_format{ValueSyntax::json, TextStyle::quoted, SIZE_MAX,
                                                INT_MAX, false, true};
inline constexpr ValueFormat csv_cell_format{ValueSyntax::csv};
inline constexpr ValueFormat table_cell_format{ValueSyntax::text, TextStyle::terminal_bare,
                                               SIZE_MAX, INT_MAX, false, true};

// `type` names a record's fields (and its lists' elements' fields); without it a record shows its
// values only.
void append_value(std::string& out, const Value& value, TypeRef type, const ValueFormat& format);
std::string format_value(const Value& value, TypeRef type, const ValueFormat& format);

}  // namespace qpl::present
