#pragma once
// UTF-8 text utilities on std::string_view: validation, the case mapping and trimming QPL's
// built-ins promise (R26..R29), and the escaping every writer needs (JSON, terminal).
// Functions that run once per lead (to_lower, to_upper, trim) have an ASCII fast path.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qpl {

constexpr char32_t replacement_character = U'\uFFFD';

// One code point read from UTF-8. An invalid sequence reads as one bad byte (length 1,
// valid false, code_point U+FFFD), so a loop over a text always advances and ends.
struct DecodedChar {
  char32_t code_point = 0;
  std::uint32_t length = 0;  // bytes consumed; 0 only at the end of the text
  bool valid = false;
};
// Strict: overlong forms, surrogates U+D800..U+DFFF, values above U+10FFFF and truncated
// sequences are invalid.
DecodedChar decode_utf8(std::string_view text, std::size_t offset);
// Appends the UTF-8 form of a valid scalar value (anything else appends U+FFFD).
void append_utf8(std::string& out, char32_t code_point);

// Offset of the first byte that does not start a valid sequence; nullopt for valid text.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);
inline bool is_valid_utf8(std::string_view text) { return !find_invalid_utf8(text); }

// [R26] Simple one-to-one case mapping per code point (utf8proc): the number of code points
// never changes, no locale, no final-sigma rule. Invalid bytes are copied unchanged.
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
// The same into `out`, reusing its buffer: ASCII byte by byte, anything else as above.
void assign_case(std::string& out, std::string_view text, bool lower);

// [R27] The Unicode White_Space set exactly: ASCII 09..0D and 20, U+0085, U+00A0, U+1680,
// U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. Not U+200B, not U+FEFF.
bool is_white_space(char32_t code_point);
// [R27] The text without White_Space at either end: a view into the argument, no allocation.
std::string_view trim(std::string_view text);

// [R29] Unicode code points (an invalid byte counts as one).
std::size_t code_point_count(std::string_view text);

// [R28] Trim, keep what follows the last '@', trim that, lowercase it (R26).
// No '@' or nothing after it: nullopt (QPL's unknown).
std::optional<std::string> email_domain(std::string_view email);

// A JSON string literal, quotes included: escapes '"', '\\', control characters (short forms
// \n \t \r \b \f, else \u00XX, DEL included) and U+2028/U+2029 (JavaScript line breaks);
// invalid UTF-8 bytes become U+FFFD so the output is always valid JSON.
std::string json_escape(std::string_view text);
void append_json_string(std::string& out, std::string_view text);  // same, appended to out
// The most bytes that literal takes: six for each byte of the text (\u00XX), and the quotes.
constexpr std::size_t json_string_room(std::size_t text_size) { return 6 * text_size + 2; }
// The same literal written at `at`, which has json_string_room(text.size()) bytes of room; returns
// where it ends. For a writer that makes room once for many pieces.
char* write_json_string(char* at, std::string_view text);

// Text for HTML or XML 1.0 content and attribute values: `&`, `<`, `>`, `"` and `'` become
// entities, control characters XML forbids (all C0 but tab, LF and CR) a space, invalid UTF-8
// bytes U+FFFD. Lead data and policy text can therefore not add markup or break the document.
std::string markup_escape(std::string_view text);
void append_markup_escaped(std::string& out, std::string_view text);  // same, appended to out

// Text safe to print on a terminal: ESC sequences (CSI, OSC and two-byte forms) and C0/C1
// control characters are removed, tab/CR/LF become a space, bidirectional override and
// isolate controls are removed (they would show the text in another order than it is
// stored), invalid UTF-8 bytes become U+FFFD. Lead data can therefore not drive the terminal.
std::string sanitize_for_terminal(std::string_view text);
// Also safe to print, but nothing is hidden: where sanitize_for_terminal removes a character it
// shows an escape instead, so a value that holds one reads as it is stored: ESC is `\e` (a
// colour sequence shows as `\e[31m`), tab, LF and CR are `\t`, `\n`, `\r`, other C0
// controls and DEL `\xNN`, C1 and bidirectional controls `\uNNNN`; invalid bytes become U+FFFD.
std::string escape_for_terminal(std::string_view text);

// Terminal columns (utf8proc_charwidth: wide East Asian characters count 2, combining marks
// 0, an invalid byte 1 as it is shown as U+FFFD). Meant for text already sanitized.
std::size_t display_width(std::string_view text);

}  // namespace qpl
