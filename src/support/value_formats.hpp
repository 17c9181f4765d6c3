#pragma once
// Declared formats for dates and numbers written the way people write them (`format
// "DD/MM/YYYY"`, `format "1 000,00"`; docs/language.md, "Reading messy values").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qpl {

struct DateFormat {
  enum class Part : std::uint8_t { year4, month2, day2, month, day, literal };
  struct Token {
    Part part = Part::literal;
    char literal = 0;
  };
  std::vector<Token> tokens;
};

// YYYY, MM, DD, M, D and non-letter characters written as they are; each of year, month and
// day exactly once. nullopt for anything else.
std::optional<DateFormat> parse_date_format(std::string_view pattern);
// A date in that format, White_Space around it and a time after it (' ' or 'T', then anything)
// ignored; nullopt when it does not fit or is not a real date.
std::optional<std::int32_t> read_formatted_date(const DateFormat& format, std::string_view text);

struct NumberFormat {
  char group = 0;     // ',', '.', ' ' or '\''; 0 when the format shows no separator
  char decimal = '.'; // '.' or ','
};

// The number one thousand as the data writes it: "1,000", "1.000,00", "1 000,5", "1000,00".
std::optional<NumberFormat> parse_number_format(std::string_view pattern);
// Optional sign, digits grouped by threes with the separator (or not grouped), optional decimal
// mark and decimals; White_Space around ignored. A ' ' separator also accepts U+00A0 and U+202F.
std::optional<double> read_formatted_number(const NumberFormat& format, std::string_view text);

}  // namespace qpl
