#pragma once
// The values of literal tokens as the grammar matched them: texts with their escapes, numbers,
// whole numbers, dates and durations. A token the grammar accepts but whose value is wrong (an
// unknown escape, a number too large, an impossible date) throws a syntax::SyntaxError that
// points into the token; `at` is where the token starts in the source.
#include <cstdint>
#include <string>
#include <string_view>

namespace qpl::syntax {

// [R4] `raw` includes the quotes.
std::string decode_text(std::string_view raw, const char* at);
// `10_000`, `+5`, `2.5`.
double number_value(std::string_view text, const char* at);
// A whole number; `what` names it in the error ("version", "number", "duration").
std::int64_t whole_value(std::string_view text, const char* at, const char* what);
// An ISO date, as days since 1970-01-01.
std::int32_t date_value(std::string_view text, const char* at);
// [R8] `30 days`, `2 weeks`, in days; `3 months` in calendar months (days 0).
struct DurationValue {
  std::int64_t days = 0;
  std::int64_t months = 0;
};
DurationValue duration_value(std::string_view text, const char* at);

}  // namespace qpl::syntax
