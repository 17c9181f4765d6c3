// baseline: the acme policy of qpl.md written by hand in C++, with no DSL: the yardstick for
// `qualify eval`'s speed, and an independent second implementation whose output must be
// byte-identical to qualify's (bench/run.sh diffs them).
//
//   baseline [--as-of 2026-11-01] FILE.ndjson|-  > results.ndjson
//
// Semantics follow qpl.md and qpl-readings.md: Kleene logic for missing optional fields (R18,
// R22, R23, R34, R37), missing values "", "Select", "N/A" (R41), forgiving JSON typing (R42,
// R43), required fields (R39), score rules with per / up to / clamp (R35, R36), `because` as
// the label or the condition's source text (R38), result lines as R46/R47.
// Nothing is shared with qualify's sources on purpose: a bug in one shows up as a diff.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <simdjson.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

// ---- Three-valued logic ---------------------------------------------------------------------

enum class Tri : std::uint8_t { no, yes, unknown };

Tri tri(bool value) { return value ? Tri::yes : Tri::no; }
Tri kleene_and(Tri a, Tri b) {
  if (a == Tri::no || b == Tri::no) return Tri::no;
  if (a == Tri::yes && b == Tri::yes) return Tri::yes;
  return Tri::unknown;
}
Tri kleene_or(Tri a, Tri b) {
  if (a == Tri::yes || b == Tri::yes) return Tri::yes;
  if (a == Tri::no && b == Tri::no) return Tri::no;
  return Tri::unknown;
}
Tri kleene_not(Tri a) {
  if (a == Tri::unknown) return a;
  return a == Tri::yes ? Tri::no : Tri::yes;
}

// ---- Dates as day numbers (Howard Hinnant's civil calendar) ---------------------------------

int days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// [R42] YYYY-MM-DD, optionally followed by 'T' or a space and anything (a time, ignored).
std::optional<int> parse_date(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (text.size() > 10 && text[10] != 'T' && text[10] != ' ') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (!y || !m || !d || *y < 1 || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  static constexpr std::array<int, 12> month_days = {31, 28, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
  const int last = month_days[static_cast<std::size_t>(*m - 1)] + (*m == 2 && is_leap(*y));
  if (*d > last) return std::nullopt;
  return days_from_civil(*y, *m, *d);
}

// ---- Text (R26, R27, R28) -------------------------------------------------------------------

bool is_white_space(utf8proc_int32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// Input text is valid UTF-8 (the JSON parser checked it), so decoding cannot fail.
struct CodePoint {
  utf8proc_int32_t value;
  std::size_t length;
};
CodePoint decode(std::string_view text, std::size_t at) {
  utf8proc_int32_t value = 0;
  const auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                       static_cast<utf8proc_ssize_t>(text.size() - at), &value);
  return {value, length > 0 ? static_cast<std::size_t>(length) : 1};
}

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    const auto c = decode(text, begin);
    if (!is_white_space(c.value)) break;
    begin += c.length;
  }
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t start = end - 1;  // back to the first byte of the last code point
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    if (!is_white_space(decode(text, start).value)) break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::string lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : static_cast<char>(c));
      ++i;
      continue;
    }
    const auto cp = decode(text, i);
    std::array<utf8proc_uint8_t, 4> bytes{};
    const auto n = utf8proc_encode_char(utf8proc_tolower(cp.value), bytes.data());
    out.append(reinterpret_cast<const char*>(bytes.data()), static_cast<std::size_t>(n));
    i += cp.length;
  }
  return out;
}

std::optional<std::string> email_domain(std::string_view email) {
  email = trim(email);
  const auto at = email.rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  const auto domain = trim(email.substr(at + 1));
  if (domain.empty()) return std::nullopt;
  return lower(domain);
}

// ---- Numbers (R43 parsing, R47 printing) ----------------------------------------------------

std::optional<double> parse_number_text(std::string_view text) {
  text = trim(text);
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t digits_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == digits_start) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    const std::size_t decimals = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == decimals) return std::nullopt;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t exponent = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == exponent) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  const std::size_t from = text[0] == '+' ? 1 : 0;  // from_chars takes no '+'
  double value = 0;
  const auto [end, error] = std::from_chars(text.data() + from, text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range) {
    // Tiny values read as 0; huge ones are beyond the double range.
    if (std::fabs(value) < 1) return text[0] == '-' ? -0.0 : 0.0;
    return std::nullopt;
  }
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<bool> parse_bool_text(std::string_view text) {
  text = trim(text);
  std::string folded(text);
  for (char& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  if (folded == "true" || folded == "yes" || folded == "1") return true;
  if (folded == "false" || folded == "no" || folded == "0") return false;
  return std::nullopt;
}

// [R47] Integral values without a decimal point, -0 as 0, else the shortest round-trip form.
// Enough for acme, whose only number in a result is a score clamped to [0, 100].
void append_number(std::string& out, double value) {
  if (value == 0) {
    out += '0';
  } else if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    fmt::format_to(std::back_inserter(out), "{}", static_cast<long long>(value));
  } else {
    fmt::format_to(std::back_inserter(out), "{}", value);
  }
}

// JSON string with the escapes qualify writes: short forms, \u00XX for other controls and DEL,
// and U+2028/U+2029 (line breaks in JavaScript).
void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\r': out += "\\r"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      default: break;
    }
    if (c < 0x20 || c == 0x7F) {
      fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

// ---- The acme lead, read from one JSON object -----------------------------------------------

struct Event {
  std::string type;
  int day = 0;
};

struct Lead {
  std::optional<std::string> id, email, job_title, seniority, industry, country, lead_source,
      need;
  std::optional<double> company_size, budget, timeline_days, email_clicks_30d;
  std::optional<bool> is_decision_maker, demo_requested;
  std::optional<int> last_activity_at;
  std::optional<std::vector<Event>> events;
};

// A record that cannot be read against the schema: its message becomes the error line.
struct RecordError {
  std::string message;
};

constexpr std::array<std::string_view, 3> missing_values = {"", "Select", "N/A"};
constexpr std::array<std::string_view, 5> seniorities = {"ic", "manager", "director", "vp",
                                                         "c_level"};
constexpr std::array<std::string_view, 8> event_types = {
    "email_open", "email_click", "page_view", "pricing_view",
    "ebook_download", "webinar", "trial_request", "demo_request"};

bool is_missing_value(std::string_view text) {
  return std::find(missing_values.begin(), missing_values.end(), text) != missing_values.end();
}

std::string describe(simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::ARRAY: return "a list";
    case simdjson::dom::element_type::OBJECT: return "an object";
    case simdjson::dom::element_type::BOOL: return value.get_bool().value() ? "true" : "false";
    case simdjson::dom::element_type::STRING: {
      std::string quoted;
      append_json_string(quoted, value.get_string().value());
      return quoted;
    }
    default: return simdjson::to_string(value);
  }
}

[[noreturn]] void fail(std::string_view field, std::string_view expected,
                       simdjson::dom::element value) {
  throw RecordError{fmt::format("{}: expected {}, got {}", field, expected, describe(value))};
}

// Each reader gives nullopt for a missing value (null or a listed string), throws on a type error.
std::optional<std::string> read_text(std::string_view field, simdjson::dom::element value) {
  std::string text;
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE: return std::nullopt;
    case simdjson::dom::element_type::STRING: {
      const std::string_view s = value.get_string().value();
      if (is_missing_value(s)) return std::nullopt;
      return std::string(s);
    }
    case simdjson::dom::element_type::BOOL: return value.get_bool().value() ? "true" : "false";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      append_number(text, value.get_double().value());
      return text;
    default: fail(field, "a text", value);
  }
}

std::optional<double> read_number(std::string_view field, simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE: return std::nullopt;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE: return value.get_double().value();
    case simdjson::dom::element_type::STRING: {
      const std::string_view s = value.get_string().value();
      if (is_missing_value(s)) return std::nullopt;
      if (const auto number = parse_number_text(s)) return number;
      fail(field, "a number", value);
    }
    default: fail(field, "a number", value);
  }
}

std::optional<bool> read_bool(std::string_view field, simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE: return std::nullopt;
    case simdjson::dom::element_type::BOOL: return value.get_bool().value();
    case simdjson::dom::element_type::STRING: {
      const std::string_view s = value.get_string().value();
      if (is_missing_value(s)) return std::nullopt;
      if (const auto flag = parse_bool_text(s)) return flag;
      fail(field, "true or false", value);
    }
    default: fail(field, "true or false", value);
  }
}

std::optional<int> read_date(std::string_view field, simdjson::dom::element value) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) fail(field, "a date", value);
  const std::string_view s = value.get_string().value();
  if (is_missing_value(s)) return std::nullopt;
  if (const auto day = parse_date(s)) return day;
  fail(field, "a date (YYYY-MM-DD)", value);
}

template <std::size_t N>
std::optional<std::string> read_enum(std::string_view field, simdjson::dom::element value,
                                     const std::array<std::string_view, N>& allowed) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) fail(field, "one of its listed values", value);
  const std::string_view s = value.get_string().value();
  if (is_missing_value(s)) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
    fail(field, "one of its listed values", value);
  }
  return std::string(s);
}

template <typename T>
const T& required(const std::optional<T>& value, std::string_view field) {
  if (!value) throw RecordError{fmt::format("{}: required field is missing", field)};
  return *value;
}

std::optional<std::vector<Event>> read_events(simdjson::dom::element value) {
  if (value.is_null()) return std::nullopt;
  if (value.is_string() && is_missing_value(value.get_string().value())) return std::nullopt;
  if (!value.is_array()) fail("events", "a list", value);
  std::vector<Event> events;
  std::size_t index = 0;
  const simdjson::dom::array list = value.get_array().value();
  for (const simdjson::dom::element element : list) {
    const std::string where = fmt::format("events[{}]", ++index);
    if (!element.is_object()) fail(where, "an object", element);
    std::optional<std::string> type;
    std::optional<int> day;
    const simdjson::dom::object object = element.get_object().value();
    for (const auto field : object) {
      if (field.key == "type") type = read_enum(where + ".type", field.value, event_types);
      else if (field.key == "day") day = read_date(where + ".day", field.value);
    }
    events.push_back({required(type, where + ".type"), required(day, where + ".day")});
  }
  return events;
}

Lead read_lead(simdjson::dom::object object) {
  Lead lead;
  for (const auto field : object) {  // in order, so a repeated key's last value wins (R42)
    const std::string_view key = field.key;
    const auto value = field.value;
    if (key == "id") lead.id = read_text(key, value);
    else if (key == "email") lead.email = read_text(key, value);
    else if (key == "job_title") lead.job_title = read_text(key, value);
    else if (key == "seniority") lead.seniority = read_enum(key, value, seniorities);
    else if (key == "company_size") lead.company_size = read_number(key, value);
    else if (key == "industry") lead.industry = read_text(key, value);
    else if (key == "country") lead.country = read_text(key, value);
    else if (key == "Lead Source") lead.lead_source = read_text("lead_source", value);
    else if (key == "budget") lead.budget = read_number(key, value);
    else if (key == "is_decision_maker") lead.is_decision_maker = read_bool(key, value);
    else if (key == "need") lead.need = read_text(key, value);
    else if (key == "timeline_days") lead.timeline_days = read_number(key, value);
    else if (key == "last_activity_at") lead.last_activity_at = read_date(key, value);
    else if (key == "email_clicks_30d") lead.email_clicks_30d = read_number(key, value);
    else if (key == "demo_requested") lead.demo_requested = read_bool(key, value);
    else if (key == "events") lead.events = read_events(value);
  }
  // [R39] in schema order, so the first missing one is named.
  required(lead.id, "id");
  required(lead.email, "email");
  required(lead.job_title, "job_title");
  required(lead.seniority, "seniority");
  required(lead.company_size, "company_size");
  required(lead.industry, "industry");
  required(lead.country, "country");
  required(lead.email_clicks_30d, "email_clicks_30d");
  required(lead.demo_requested, "demo_requested");
  required(lead.events, "events");
  return lead;
}

// ---- The acme policy, by hand ---------------------------------------------------------------

template <std::size_t N>
bool one_of(std::string_view value, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

struct Verdict {
  std::string_view stage;
  std::string_view because;
  double engagement = 0;
  Tri fit = Tri::unknown;
  Tri budget = Tri::unknown, authority = Tri::unknown, need = Tri::unknown,
      timeline = Tri::unknown;
};

// [R34] at least K of: true if T >= K, false if T + U < K, else unknown.
Tri at_least(int k, std::initializer_list<Tri> checks) {
  int known_true = 0, unknown = 0;
  for (const Tri check : checks) {
    known_true += check == Tri::yes;
    unknown += check == Tri::unknown;
  }
  if (known_true >= k) return Tri::yes;
  if (known_true + unknown < k) return Tri::no;
  return Tri::unknown;
}

Tri icp_fit(const Lead& lead) {
  static constexpr std::array<std::string_view, 5> icp_industries = {"software", "saas", "fintech",
                                                                     "ecommerce", "media"};
  static constexpr std::array<std::string_view, 6> icp_countries = {"FR", "BE", "CH",
                                                                    "LU", "CA", "DE"};
  static constexpr std::array<std::string_view, 4> free_mail = {"gmail.com", "yahoo.fr",
                                                                "hotmail.com", "outlook.com"};
  const double size = *lead.company_size;
  Tri fit = tri(size >= 50 && size <= 5000);
  fit = kleene_and(fit, tri(one_of(*lead.industry, icp_industries)));
  fit = kleene_and(fit, tri(one_of(*lead.country, icp_countries)));
  const auto domain = email_domain(*lead.email);
  const Tri personal = domain ? tri(one_of(*domain, free_mail)) : Tri::unknown;
  return kleene_and(fit, kleene_not(personal));  // exclude: passes only when known false
}

double engagement_score(const Lead& lead, int today) {
  const auto& events = *lead.events;
  auto any_event = [&](std::string_view type) {
    return std::any_of(events.begin(), events.end(), [&](const Event& e) { return e.type == type; });
  };
  double sum = 0;
  // +5 per email_clicks_30d up to 20 [R35]: the cap bounds the product; overflow adds nothing.
  const double clicks_points = 5 * *lead.email_clicks_30d;
  if (std::isfinite(clicks_points)) sum += std::clamp(clicks_points, -20.0, 20.0);
  const auto recent_pricing = std::count_if(events.begin(), events.end(), [&](const Event& e) {
    const int ago = today - e.day;
    return e.type == "pricing_view" && ago >= 0 && ago <= 14;  // [R31] within 14 days
  });
  if (recent_pricing >= 2) sum += 15;
  static constexpr std::array<std::string_view, 3> senior = {"director", "vp", "c_level"};
  if (one_of(*lead.seniority, senior)) sum += 10;
  if (any_event("ebook_download")) sum += 10;
  if (*lead.demo_requested || any_event("trial_request")) sum += 20;
  const std::string title = lower(*lead.job_title);
  if (title.find("student") != std::string::npos || title.find("stagiaire") != std::string::npos) {
    sum -= 15;
  }
  if (!lead.last_activity_at || today - *lead.last_activity_at > 90) sum -= 10;
  return std::clamp(sum, 0.0, 100.0);  // [R36] once, after all rules
}

Verdict evaluate(const Lead& lead, int today) {
  Verdict v;
  v.fit = icp_fit(lead);
  v.engagement = engagement_score(lead, today);
  const Tri is_mql = kleene_and(v.fit, tri(v.engagement >= 50));

  v.budget = lead.budget ? tri(*lead.budget >= 10'000) : Tri::unknown;
  static constexpr std::array<std::string_view, 2> executives = {"vp", "c_level"};
  const Tri decision_maker = lead.is_decision_maker ? tri(*lead.is_decision_maker) : Tri::unknown;
  v.authority = kleene_or(decision_maker, tri(one_of(*lead.seniority, executives)));
  v.need = lead.need ? tri(!trim(*lead.need).empty()) : Tri::unknown;
  v.timeline = lead.timeline_days ? tri(*lead.timeline_days <= 90) : Tri::unknown;
  const Tri bant3 = at_least(3, {v.budget, v.authority, v.need, v.timeline});

  // [R37] a funnel line is taken only when its condition is true; [R38] because texts.
  struct Line {
    std::string_view stage;
    Tri condition;
    std::string_view because;
  };
  const std::array<Line, 6> funnel = {{
      {"disqualified", kleene_not(v.fit), "not fit"},
      {"sql", kleene_and(is_mql, bant3), "is_mql and at least 3 of bant"},
      {"sql", kleene_and(v.fit, tri(*lead.demo_requested)), "direct demo request"},
      {"nurture", kleene_and(is_mql, kleene_not(bant3)), "is_mql and not (at least 3 of bant)"},
      {"mql", is_mql, "is_mql"},
      {"lead", tri(v.engagement > 0), "engagement > 0"},
  }};
  v.stage = "prospect";
  v.because = "otherwise";
  for (const auto& line : funnel) {
    if (line.condition == Tri::yes) {
      v.stage = line.stage;
      v.because = line.because;
      break;
    }
  }
  return v;
}

// ---- Output ---------------------------------------------------------------------------------

void append_tri(std::string& out, Tri value) {
  out += value == Tri::yes ? "true" : value == Tri::no ? "false" : "null";
}

void append_result(std::string& out, const Lead& lead, const Verdict& v) {
  out += R"({"id":)";
  append_json_string(out, *lead.id);
  out += R"(,"stage":)";
  append_json_string(out, v.stage);
  out += R"(,"because":)";
  append_json_string(out, v.because);
  out += R"(,"scores":{"engagement":)";
  append_number(out, v.engagement);
  out += R"(},"icp":{"fit":)";
  append_tri(out, v.fit);
  out += R"(},"gates":{"bant":{"budget":)";
  append_tri(out, v.budget);
  out += R"(,"authority":)";
  append_tri(out, v.authority);
  out += R"(,"need":)";
  append_tri(out, v.need);
  out += R"(,"timeline":)";
  append_tri(out, v.timeline);
  out += "}}}\n";
}

void append_error(std::string& out, std::uint64_t record, std::string_view message) {
  out += R"({"error":)";
  append_json_string(out, message);
  fmt::format_to(std::back_inserter(out), R"(,"record":{}}})", record);
  out += '\n';
}

// ---- NDJSON streaming -----------------------------------------------------------------------

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

class Runner {
 public:
  explicit Runner(int today) : today_(today) { out_.reserve(1 << 20); }

  // `line` is followed by at least SIMDJSON_PADDING readable bytes.
  void record(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_blank(line)) return;  // [R45] not a record
    ++number_;
    simdjson::dom::element document;
    if (parser_.parse(line.data(), line.size(), false).get(document) != simdjson::SUCCESS) {
      append_error(out_, number_, "not a valid JSON object");
      ++errors_;
    } else if (!document.is_object()) {
      append_error(out_, number_, "expected a JSON object");
      ++errors_;
    } else {
      try {
        const Lead lead = read_lead(document.get_object().value());
        append_result(out_, lead, evaluate(lead, today_));
      } catch (const RecordError& bad) {
        append_error(out_, number_, bad.message);
        ++errors_;
      }
    }
    if (out_.size() >= (1 << 20) - 4096) flush();
  }

  bool flush() {
    const bool ok = std::fwrite(out_.data(), 1, out_.size(), stdout) == out_.size();
    out_.clear();
    return ok;
  }
  std::uint64_t errors() const { return errors_; }

 private:
  int today_;
  simdjson::dom::parser parser_;
  std::string out_;
  std::uint64_t number_ = 0;
  std::uint64_t errors_ = 0;
};

// Reads in large chunks; each complete line is parsed in place (the rest of the buffer and
// its padding satisfy simdjson's padding rule without a copy).
bool run(std::FILE* in, Runner& runner) {
  std::vector<char> buffer(std::size_t{4} << 20);
  std::size_t filled = 0;
  for (;;) {
    if (buffer.size() - filled < (std::size_t{1} << 20) + simdjson::SIMDJSON_PADDING) {
      buffer.resize(buffer.size() * 2);  // a line longer than the buffer
    }
    const std::size_t room = buffer.size() - filled - simdjson::SIMDJSON_PADDING;
    const std::size_t got = std::fread(buffer.data() + filled, 1, room, in);
    filled += got;
    const bool at_end = got == 0;
    std::size_t start = 0;
    for (;;) {
      const void* newline = std::memchr(buffer.data() + start, '\n', filled - start);
      if (newline == nullptr) break;
      const auto end = static_cast<std::size_t>(static_cast<const char*>(newline) - buffer.data());
      runner.record({buffer.data() + start, end - start});
      start = end + 1;
    }
    if (at_end) {
      if (start < filled) runner.record({buffer.data() + start, filled - start});
      return !std::ferror(in);
    }
    std::memmove(buffer.data(), buffer.data() + start, filled - start);
    filled -= start;
  }
}

int today_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return days_from_civil(utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"the acme policy by hand: the baseline qualify eval is measured against"};
  std::string input;
  std::string as_of;
  app.add_option("input", input, "NDJSON leads, or - for stdin")->required();
  app.add_option("--as-of", as_of, "the date `today` means (default: the current UTC date)");
  CLI11_PARSE(app, argc, argv);

  int today = today_utc();
  if (!as_of.empty()) {
    const auto day = as_of.size() == 10 ? parse_date(as_of) : std::nullopt;
    if (!day) {
      std::fprintf(stderr, "baseline: invalid --as-of date '%s', expected YYYY-MM-DD\n",
                   as_of.c_str());
      return 2;
    }
    today = *day;
  }
  std::FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
  if (in == nullptr) {
    std::fprintf(stderr, "baseline: cannot open '%s'\n", input.c_str());
    return 2;
  }
  Runner runner(today);
  const bool read_ok = run(in, runner);
  const bool write_ok = runner.flush() && std::fflush(stdout) == 0;
  if (!read_ok || !write_ok) {
    std::fprintf(stderr, "baseline: I/O error on '%s'\n", input.c_str());
    return 2;
  }
  return runner.errors() > 0 ? 1 : 0;
}
