#include "syntax/recovery.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <tao/pegtl.hpp>

#include "grammar/qpl_grammar.hpp"
#include "support/utf8.hpp"

namespace qpl::syntax {
namespace {

namespace g = grammar;
namespace pegtl = tao::pegtl;

bool is_operator_char(char c) { return c == '=' || c == '!' || c == '<' || c == '>' || c == '&' || c == '|'; }

// The extent of the token at `offset`: what an error points at.
std::uint32_t token_end(std::string_view text, std::uint32_t offset) {
  if (offset >= text.size()) return offset;
  const char c = text[offset];
  std::size_t end = offset;
  if (c == '\n' || c == '\r') return offset;
  if (g::is_identifier_char(c)) {
    while (end < text.size() && (g::is_identifier_char(text[end]) || (text[end] == '.' && c >= '0' && c <= '9'))) ++end;
  } else if (is_operator_char(c)) {
    while (end < text.size() && is_operator_char(text[end])) ++end;
  } else {
    end += std::max<std::uint32_t>(1, decode_utf8(text, offset).length);
  }
  return static_cast<std::uint32_t>(end);
}

std::string describe_token(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  if (begin >= text.size()) return "the end of the file";
  const unsigned char c = static_cast<unsigned char>(text[begin]);
  if (c == '\n' || c == '\r') return "the end of the line";
  if (c < 0x20 || c == 0x7F) return fmt::format("the control character U+{:04X}", c);
  std::string_view token = text.substr(begin, end - begin);
  if (token.size() > 40) token = token.substr(0, 40);
  return fmt::format("'{}'", sanitize_for_terminal(token));
}

// Visits the code of [begin, end) as QPL reads it, stopping at a comment: `visit(i, opens)` for
// each character, `opens` when it is the '"' opening a text (in which '\\' escapes the next
// character). Returns whether a text is still open at `end`.
template <typename Visit>
bool visit_code(std::string_view text, std::size_t begin, std::size_t end, Visit visit) {
  bool quoted = false;
  for (std::size_t i = begin; i < end && i < text.size(); ++i) {
    const char c = text[i];
    if (!quoted && c == '#') break;
    visit(i, !quoted && c == '"');
    if (quoted && c == '\\' && i + 1 < end) visit(++i, false);
    else if (c == '"') quoted = !quoted;
  }
  return quoted;
}

// The opening quote of the text still open at `offset` (on its line).
std::uint32_t open_quote_before(std::string_view text, std::uint32_t offset) {
  const std::size_t line = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  std::size_t open = offset;
  const bool inside = visit_code(text, line == std::string_view::npos ? 0 : line + 1, offset,
                                 [&open](std::size_t i, bool opens) { if (opens) open = i; });
  return static_cast<std::uint32_t>(inside ? open : offset);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `10k`, `10,000` and `10 000` are how people write numbers, not QPL: the fix is `10_000`.
std::optional<std::string> number_spelling_help(std::string_view text, std::size_t at) {
  if (at >= text.size()) return std::nullopt;
  auto digits_before = [&](std::size_t end) {
    std::size_t begin = end;
    while (begin > 0 && (is_digit(text[begin - 1]) || text[begin - 1] == '_')) --begin;
    const bool whole = begin < end && is_digit(text[begin]) && (begin == 0 || !g::is_identifier_char(text[begin - 1]));
    return whole ? begin : end;
  };
  // `10k`: the error is on the letter right after the digits.
  const char unit = text[at];
  if (unit == 'k' || unit == 'K' || unit == 'm' || unit == 'M') {
    const std::size_t begin = digits_before(at);
    const bool alone = at + 1 >= text.size() || !g::is_identifier_char(text[at + 1]);
    if (begin == at || !alone) return std::nullopt;
    return fmt::format("write '{}{}' (digits may be grouped with '_')", text.substr(begin, at - begin),
                       unit == 'k' || unit == 'K' ? "_000" : "_000_000");
  }
  // `10,000` / `10 000`: the error is on the ',' or on the second group of digits.
  std::size_t number_end = at;
  while (number_end > 0 && (text[number_end - 1] == ' ' || text[number_end - 1] == '\t')) --number_end;
  const bool comma = unit == ',' && number_end == at;
  if (!comma && number_end == at) return std::nullopt;
  const std::size_t begin = digits_before(number_end);
  const std::size_t group = comma ? at + 1 : at;
  std::size_t end = group;
  while (end < text.size() && is_digit(text[end])) ++end;
  if (begin == number_end || end - group != 3 || (end < text.size() && g::is_identifier_char(text[end])))
    return std::nullopt;
  return fmt::format("write '{}_{}' (digits are grouped with '_', not with {})",
                     text.substr(begin, number_end - begin), text.substr(group, 3),
                     comma ? "','" : "spaces");
}

// Spellings from other tools where QPL has its own: `because "..."` for a label (the results call
// a funnel line's label its because), 'FR' or “FR” for a text, `otherwise STAGE` for the funnel's
// last line.
std::optional<std::string> foreign_word_help(std::string_view error_code, std::string_view text,
                                             std::uint32_t begin, std::uint32_t end) {
  const std::string_view token = text.substr(begin, end - begin);
  if (error_code == code::trailing && token == "because")
    return "a label is written 'as \"...\"' (the results show a funnel line's label as its 'because')";
  // 'FR', or “FR” as a word processor writes it: QPL texts are in straight double quotes.
  for (const auto& [open, close] : {std::pair{"'", "'"}, {"\u2018", "\u2019"}, {"\u201C", "\u201D"}}) {
    if (!text.substr(begin).starts_with(open)) continue;
    const std::size_t inner = begin + std::string_view(open).size();
    const std::size_t closing = text.find(close, inner);
    const std::size_t line_end = text.find('\n', inner);
    if (closing == std::string_view::npos || closing > line_end) break;
    return fmt::format("texts are written in straight double quotes: \"{}\"",
                       sanitize_for_terminal(text.substr(inner, closing - inner)));
  }
  if (error_code == code::reserved && token == "otherwise") {
    std::uint32_t stage = end;
    while (stage < text.size() && (text[stage] == ' ' || text[stage] == '\t')) ++stage;
    const std::string_view name = text.substr(stage, token_end(text, stage) - stage);
    const bool is_name = !name.empty() && g::is_identifier_char(name.front());
    return fmt::format("the funnel's last line names its stage first: '{} otherwise'",
                       is_name ? sanitize_for_terminal(name) : "nurture");
  }
  return std::nullopt;
}

// Where the code before `offset` ends, when `offset` is the first token of its line: something
// expected but missing there (a ']' or ')' left open, a value after an operator) is reported at
// the end of the line that lacks it, not on the next declaration. Comments and blank lines in
// between are passed over.
std::optional<std::uint32_t> end_of_code_before(std::string_view text, std::uint32_t offset) {
  std::size_t i = std::min<std::size_t>(offset, text.size());
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  if (i == 0 || text[i - 1] != '\n') return std::nullopt;
  std::size_t line_end = i - 1;  // the '\n' ending the line before
  for (;;) {
    const std::size_t previous = line_end == 0 ? std::string_view::npos : text.rfind('\n', line_end - 1);
    const std::size_t line_begin = previous == std::string_view::npos ? 0 : previous + 1;
    std::size_t code_end = line_begin;
    visit_code(text, line_begin, line_end, [&](std::size_t j, bool) {
      if (text[j] != ' ' && text[j] != '\t' && text[j] != '\r') code_end = j + 1;
    });
    if (code_end > line_begin) return static_cast<std::uint32_t>(code_end);
    if (line_begin == 0) return std::nullopt;
    line_end = line_begin - 1;
  }
}

}  // namespace

Diagnostic to_diagnostic(const SyntaxError& e, const SourceFile& file, FileId id) {
  const std::string_view text = file.text();
  const auto offset = [&](const char* p) { return static_cast<std::uint32_t>(p - text.data()); };
  std::uint32_t begin = offset(e.begin);
  std::uint32_t end = e.end ? offset(e.end) : token_end(text, begin);
  if (std::string_view(e.code) == code::unterminated_text) {
    end = begin;
    begin = open_quote_before(text, begin);
  } else if (std::string_view(e.code) == code::expected && !e.end &&
             e.message.find("{found}") == std::string::npos) {
    if (const auto code_end = end_of_code_before(text, begin)) begin = end = *code_end;
  }
  std::string message = e.message;
  if (const auto at = message.find("{found}"); at != std::string::npos)
    message.replace(at, 7, describe_token(text, offset(e.begin), token_end(text, offset(e.begin))));
  Diagnostic d;
  d.severity = Severity::error;
  d.code = e.code;
  d.span = Span{id, begin, end};
  d.message = std::move(message);
  const auto token_begin = std::min(offset(e.begin), static_cast<std::uint32_t>(text.size()));
  if (!e.help.empty()) d.help = e.help;
  else if (auto help = number_spelling_help(text, token_begin)) d.help = std::move(help);
  else if (auto foreign = foreign_word_help(e.code, text, token_begin, token_end(text, token_begin))) d.help = std::move(foreign);
  return d;
}

std::size_t recovery_point(std::string_view text, std::size_t declaration_begin) {
  std::size_t pos = text.find('\n', declaration_begin);
  while (pos != std::string_view::npos) {
    std::size_t i = pos + 1;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
    pegtl::memory_input<pegtl::tracking_mode::lazy> probe(text.data() + i, text.data() + text.size(), "");
    // `score: number` is a (misnamed) field, not a declaration.
    if (pegtl::parse<pegtl::seq<g::declaration_keyword, g::hsep, pegtl::not_at<pegtl::one<':'>>>>(probe))
      return i;
    pos = text.find('\n', i);
  }
  return text.size();
}

void drop_uses_of_reserved_fields(std::string_view text, const std::vector<std::string>& words,
                                  Diagnostics& diags) {
  if (words.empty()) return;
  auto word_at = [&](std::uint32_t at) {
    std::size_t end = at;
    while (end < text.size() && g::is_identifier_char(text[end])) ++end;
    return text.substr(at, end - at);
  };
  auto& items = diags.items();
  auto is_field_error = [](const Diagnostic& d) { return d.message.ends_with("as a field name"); };
  std::map<std::string, std::pair<std::size_t, std::size_t>> field_error;  // word -> (index, uses)
  std::vector<Diagnostic> kept;
  for (auto& d : items)
    if (is_field_error(d)) field_error.try_emplace(std::string(word_at(d.span.begin)), 0, 0);
  for (auto& d : items) {
    const auto it = field_error.find(std::string(word_at(d.span.begin)));
    if (it != field_error.end() && !is_field_error(d)) {
      ++it->second.second;
      continue;
    }
    if (it != field_error.end()) it->second.first = kept.size();
    kept.push_back(std::move(d));
  }
  for (const auto& [word, at] : field_error)
    if (at.second > 0)
      kept[at.first].message += fmt::format(" ({} later use{} of '{}' not reported)", at.second,
                                            at.second == 1 ? "" : "s", word);
  items = std::move(kept);
}


}  // namespace qpl::syntax
