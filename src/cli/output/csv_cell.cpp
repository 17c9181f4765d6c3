#include "cli/output/csv_cell.hpp"

namespace qpl::cli {

void append_csv_text(std::string& out, std::string_view text) {
  const bool formula_like =
      !text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                        text.front() == '@' || text.front() == '\t' || text.front() == '\r');
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (needs_quotes) out += '"';
  if (formula_like) out += '\'';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  if (needs_quotes) out += '"';
}

}  // namespace qpl::cli
