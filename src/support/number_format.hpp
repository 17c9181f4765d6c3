#pragma once
// Numbers to and from text: the one way QPL prints a number (R47) and the CSV/JSON-string
// conversions of R43.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace qpl {

// [R47] The shortest text that reads back as the same double, in the form JSON.stringify
// (ECMAScript Number::toString) gives, so results read the same in every JSON tool:
//   integral values print without a decimal point: 20, -3, 9007199254740993 -> 9007199254740992;
//   -0 prints 0;
//   plain decimals for 1e-7 <= |x| < 1e21: 0.1, 2.5, 0.16666666666666666, 0.000001;
//   beyond that, an exponent: 1e+21, 1.5e-7.
// An integral value beyond 2^53 prints its shortest round-trip digits padded with zeros
// (2^60 -> 1152921504606847000), not its exact binary value. Non-finite values (never a QPL
// value, R19) print as null.
std::string format_number(double value);
void append_number(std::string& out, double value);  // same, appended (no temporary)
// The most bytes that text takes: a sign and the 309 digits of the largest double.
inline constexpr std::size_t max_number_text = 310;
// The same text written at `at`, which has max_number_text bytes of room; returns where it ends.
char* write_number(char* at, double value);

// [R43] A number cell: optional sign, digits, optionally '.' and at least one decimal digit,
// optionally an exponent (e/E, optional sign, digits); White_Space around it is ignored (R27).
// No thousands separator, no leading or trailing '.', no hex, NaN or Infinity.
// With allow_decimal_comma (a ';'-separated file) a single ',' may stand for the '.'
// ("12,5" is 12.5); a text with both ',' and '.' is rejected.
// Beyond the double range (1e400): nullopt; a value too small for a double reads as 0.
std::optional<double> parse_number_text(std::string_view text, bool allow_decimal_comma);

// [R43] A bool cell: true/false/yes/no/1/0 in any ASCII case, White_Space around it ignored.
std::optional<bool> parse_bool_text(std::string_view text);

}  // namespace qpl
