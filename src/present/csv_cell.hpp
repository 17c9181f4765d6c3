#pragma once
// One CSV cell: RFC 4180 quoting, and formula neutralisation for text that came from data.
#include <string>
#include <string_view>

namespace qpl::present {

// Appends `text` as a CSV cell. A text that a spreadsheet would run as a formula (first
// character tab or CR, or first visible character = + - @, whatever control characters or
// spaces come before it) gets a leading single quote, as OWASP recommends; the cell is quoted
// when it holds a separator, a quote or a line break (quotes doubled). NUL and ESC, which
// would cut the cell short for some readers or drive a terminal showing the file, are written
// as U+FFFD.
void append_csv_text(std::string& out, std::string_view text);

}  // namespace qpl::present
