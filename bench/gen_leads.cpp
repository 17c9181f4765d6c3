// gen_leads: a seeded generator of realistic CRM leads for the acme policy of qpl.md.
//
//   gen_leads --count N --seed S --format ndjson|csv [--as-of 2026-11-01] > leads.ndjson
//
// Each lead has the acme `fields` plus the CRM columns the policy never reads (owner, phone,
// utm_*, notes...), about 26 columns and ~670 bytes as NDJSON. Every lead is readable against
// the acme schema (required fields are always there), but optional fields are missing in every
// way a CRM export has (absent key, null, "", "Select", "N/A"), some numbers and bools come as
// strings (R42), some dates carry a time part, some e-mails have no '@' (fit becomes unknown).
// The same seed gives the same leads in both formats, so qualify's CSV and NDJSON results can be
// diffed against each other. The random source and distributions are written out here (not
// <random>'s, whose output differs between standard libraries) so a seed means the same file
// everywhere.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace {

// splitmix64: tiny, fast, and well distributed enough for test data.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  bool chance(double p) { return uniform() < p; }
  int between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  double normal() {  // Box-Muller
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
  }
  double log_normal(double median, double sigma) { return median * std::exp(sigma * normal()); }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& items) {
    return items[next() % N];
  }

 private:
  std::uint64_t state_;
};

struct Weighted {
  std::string_view value;
  int weight;
};

template <std::size_t N>
std::string_view pick_weighted(Random& random, const std::array<Weighted, N>& items) {
  int total = 0;
  for (const auto& item : items) total += item.weight;
  int roll = random.between(0, total - 1);
  for (const auto& item : items) {
    if (roll < item.weight) return item.value;
    roll -= item.weight;
  }
  return items.back().value;
}

// Civil dates as day numbers (Howard Hinnant's algorithms), enough for "N days ago".
int days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string civil_from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  const int y = yoe + era * 400 + (m <= 2);
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
}

// One cell of a lead, independent of the output format.
struct Absent {};   // key left out (NDJSON) / empty cell (CSV)
struct Null {};     // null (NDJSON) / empty cell (CSV)
struct RawJson {    // written as is in NDJSON, as a JSON text cell in CSV (R43)
  std::string text;
};
using Cell = std::variant<Absent, Null, std::string, long long, bool, RawJson>;

struct Column {
  std::string_view name;
  Cell cell;
};

constexpr std::array<std::string_view, 26> column_names = {
    "id",           "first_name",      "last_name",    "email",          "phone",
    "job_title",    "seniority",       "company",      "company_size",   "industry",
    "country",      "city",            "owner",        "Lead Source",    "utm_source",
    "utm_campaign", "budget",          "is_decision_maker", "need",      "timeline_days",
    "last_activity_at", "email_clicks_30d", "demo_requested", "created_at", "notes",
    "events"};

class LeadGenerator {
 public:
  LeadGenerator(std::uint64_t seed, int as_of_day) : random_(seed), as_of_day_(as_of_day) {}

  std::vector<Column> next(std::uint64_t number) {
    std::vector<Column> lead;
    lead.reserve(column_names.size());
    const std::string first = std::string(random_.pick(first_names));
    const std::string last = std::string(random_.pick(last_names));
    const std::string_view company = random_.pick(companies);
    const std::string_view seniority = pick_weighted(random_, seniorities);
    const std::string_view country = pick_weighted(random_, countries);
    // A minority of leads is in an active buying cycle: more clicks, more and fresher events.
    hot_ = random_.chance(0.15);

    lead.push_back({"id", fmt::format("L-{:07d}", number)});
    lead.push_back({"first_name", first});
    lead.push_back({"last_name", last});
    lead.push_back({"email", email(first, last, company)});
    lead.push_back({"phone", phone()});
    lead.push_back({"job_title", job_title(seniority)});
    lead.push_back({"seniority", std::string(seniority)});
    lead.push_back({"company", std::string(company)});
    lead.push_back({"company_size", maybe_as_text(company_size(), 0.05)});
    lead.push_back({"industry", std::string(pick_weighted(random_, industries))});
    lead.push_back({"country", std::string(country)});
    lead.push_back({"city", std::string(random_.pick(cities))});
    lead.push_back({"owner", optional_text(random_.pick(owners), 0.85)});
    lead.push_back({"Lead Source", optional_text(pick_weighted(random_, lead_sources), 0.85)});
    lead.push_back({"utm_source", optional_text(random_.pick(utm_sources), 0.6)});
    lead.push_back({"utm_campaign", optional_text(random_.pick(utm_campaigns), 0.5)});
    lead.push_back({"budget", budget()});
    lead.push_back({"is_decision_maker", decision_maker()});
    lead.push_back({"need", optional_text(pick_weighted(random_, needs), bant_filled())});
    lead.push_back({"timeline_days", timeline()});
    lead.push_back({"last_activity_at", last_activity()});
    lead.push_back({"email_clicks_30d", maybe_as_text(clicks(), 0.05)});
    lead.push_back({"demo_requested", demo_requested()});
    lead.push_back({"created_at", days_ago(random_.between(30, 700)) +
                                      fmt::format("T{:02d}:{:02d}:00Z", random_.between(0, 23),
                                                  random_.between(0, 59))});
    lead.push_back({"notes", optional_text(pick_weighted(random_, notes), 0.5)});
    lead.push_back({"events", events()});
    return lead;
  }

 private:
  static constexpr std::array<std::string_view, 16> first_names = {
      "Alice", "Bruno", "Camille", "Élodie", "François", "Jürgen", "Zoë", "Marc",
      "Sophie", "Lukas", "Chloé", "Pierre", "Hannah", "Luca", "Inès", "Noah"};
  static constexpr std::array<std::string_view, 14> last_names = {
      "Martin", "Bernard", "Dubois", "Müller", "Schmidt", "Rossi", "Lefèvre",
      "Tremblay", "Roy", "Peeters", "Janssens", "Meier", "Weber", "Garcia"};
  static constexpr std::array<std::string_view, 14> companies = {
      "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark Industries",
      "Wayne Enterprises", "Pied Piper", "Soylent", "Cyberdyne", "Tyrell", "Nakatomi",
      "Massive Dynamic"};
  static constexpr std::array<Weighted, 5> seniorities = {
      {{"ic", 40}, {"manager", 27}, {"director", 16}, {"vp", 9}, {"c_level", 8}}};
  // ICP industries and countries mixed with ones outside it, and the case variants that
  // exports contain ("SaaS" is not "saas").
  static constexpr std::array<Weighted, 14> industries = {
      {{"software", 24}, {"saas", 26}, {"fintech", 12}, {"ecommerce", 10}, {"media", 8},
       {"manufacturing", 4}, {"retail", 3}, {"healthcare", 3}, {"education", 2},
       {"consulting", 3}, {"government", 1}, {"logistics", 2}, {"SaaS", 1}, {"Software", 1}}};
  static constexpr std::array<Weighted, 12> countries = {
      {{"FR", 32}, {"DE", 18}, {"BE", 9}, {"CH", 7}, {"LU", 3}, {"CA", 11}, {"US", 7},
       {"GB", 5}, {"ES", 3}, {"IT", 2}, {"NL", 2}, {"fr", 1}}};
  static constexpr std::array<std::string_view, 12> cities = {
      "Paris", "Lyon", "Berlin", "München", "Bruxelles", "Genève", "Luxembourg",
      "Montréal", "Toronto", "New York", "London", "Madrid"};
  static constexpr std::array<std::string_view, 6> owners = {
      "alice.sdr@acme.example", "bob.sdr@acme.example", "carla.ae@acme.example",
      "dan.sdr@acme.example", "eva.ae@acme.example", "Select"};
  static constexpr std::array<Weighted, 10> lead_sources = {
      {{"Web", 30}, {"Referral", 12}, {"Event", 10}, {"Paid Search", 15}, {"Partner", 8},
       {"Outbound", 10}, {"Select", 5}, {"N/A", 3}, {"", 2}, {"Webinar", 5}}};
  static constexpr std::array<std::string_view, 6> utm_sources = {
      "google", "linkedin", "newsletter", "capterra", "twitter", "bing"};
  static constexpr std::array<std::string_view, 6> utm_campaigns = {
      "q3-retargeting", "emea-webinar-2026", "brand-search", "ebook-lead-scoring",
      "trial-nurture", "spring_promo"};
  // Whitespace-only needs are "not filled in" for `trim(need) != ""` (R27: NBSP included).
  static constexpr std::array<Weighted, 8> needs = {
      {{"replace our spreadsheets", 20}, {"faster lead routing", 20},
       {"consolidate CRM data", 15}, {"GDPR compliance for scoring", 10},
       {"explainable scoring for sales", 15}, {"   ", 5}, {"\u00a0", 2}, {"Select", 3}}};
  static constexpr std::array<Weighted, 6> notes = {
      {{"called twice, no answer", 20}, {"asked for pricing, \"enterprise\" tier", 15},
       {"met at salon VivaTech; follow up in Q1", 15},
       {"wants SSO,\nSAML and audit logs", 10}, {"N/A", 10},
       {"intéressée par l'offre annuelle", 10}}};

  // SDRs fill BANT in after a call, and they call the engaged leads first.
  double bant_filled() const { return hot_ ? 0.85 : 0.35; }

  std::string days_ago(int days) { return civil_from_days(as_of_day_ - days); }

  // Missing in one of the ways CRMs spell it; required fields never go through here.
  Cell missing() {
    const int roll = random_.between(0, 99);
    if (roll < 45) return Absent{};
    if (roll < 65) return Null{};
    if (roll < 80) return std::string("N/A");
    if (roll < 90) return std::string("Select");
    return std::string("");
  }

  Cell optional_text(std::string_view text, double present) {
    if (!random_.chance(present)) return missing();
    return std::string(text);
  }

  // CRM APIs often send every property as a string (R42).
  Cell maybe_as_text(long long value, double as_text) {
    if (random_.chance(as_text)) return std::to_string(value);
    return value;
  }

  std::string email(const std::string& first, const std::string& last, std::string_view company) {
    std::string local = fmt::format("{}.{}", ascii_slug(first), ascii_slug(last));
    const int roll = random_.between(0, 999);
    if (roll < 5) return local + "." + ascii_slug(company) + ".com";  // no '@': domain unknown
    std::string domain;
    if (roll < 205) {
      static constexpr std::array<Weighted, 6> free_mail = {
          {{"gmail.com", 45}, {"hotmail.com", 15}, {"outlook.com", 15}, {"yahoo.fr", 15},
           {"GMail.com", 5}, {"protonmail.com", 5}}};
      domain = std::string(pick_weighted(random_, free_mail));
    } else {
      static constexpr std::array<std::string_view, 6> tlds = {".com", ".fr", ".de", ".io",
                                                               ".ch", ".ca"};
      domain = ascii_slug(company) + std::string(random_.pick(tlds));
    }
    std::string address = local + "@" + domain;
    if (roll >= 990) address = " " + address + " ";  // pasted with spaces
    return address;
  }

  static std::string ascii_slug(std::string_view text) {
    std::string slug;
    for (const char c : text) {
      if (c >= 'A' && c <= 'Z') slug.push_back(static_cast<char>(c - 'A' + 'a'));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) slug.push_back(c);
      else if (c == ' ') slug.push_back('-');
      // accented letters are dropped, as many CRMs do in addresses
    }
    return slug;
  }

  std::string phone() {
    return fmt::format("+33 6 {:02d} {:02d} {:02d} {:02d}", random_.between(0, 99),
                       random_.between(0, 99), random_.between(0, 99), random_.between(0, 99));
  }

  std::string job_title(std::string_view seniority) {
    static constexpr std::array<std::string_view, 8> ic = {
        "Software Engineer", "Marketing Specialist", "Data Analyst", "Account Executive",
        "Développeuse Full-Stack", "Consultant", "Product Designer", "Growth Hacker"};
    static constexpr std::array<std::string_view, 5> students = {
        "Student", "Stagiaire Marketing", "Working STUDENT (Sales)", "PhD student",
        "stagiaire"};
    static constexpr std::array<std::string_view, 5> manager = {
        "Marketing Manager", "Engineering Manager", "Head of Growth", "Responsable Marketing",
        "Sales Manager"};
    static constexpr std::array<std::string_view, 4> director = {
        "Director of Marketing", "IT Director", "Directrice Commerciale",
        "Director, Revenue Operations"};
    static constexpr std::array<std::string_view, 3> vp = {"VP Sales", "VP Engineering",
                                                           "Vice President Marketing"};
    static constexpr std::array<std::string_view, 6> c_level = {
        "CTO", "CEO", "CFO", "Chief Revenue Officer", "Directeur Général", "COO"};
    if (seniority == "ic") {
      return std::string(random_.chance(0.08) ? random_.pick(students) : random_.pick(ic));
    }
    if (seniority == "manager") return std::string(random_.pick(manager));
    if (seniority == "director") return std::string(random_.pick(director));
    if (seniority == "vp") return std::string(random_.pick(vp));
    return std::string(random_.pick(c_level));
  }

  long long company_size() {
    const double size = random_.log_normal(180.0, 1.4);
    return std::max(1LL, std::llround(std::min(size, 500000.0)));
  }

  Cell budget() {
    if (!random_.chance(bant_filled())) return missing();
    const double raw = random_.log_normal(12000.0, 1.0);
    return maybe_as_text(std::max(500LL, std::llround(raw / 500.0) * 500), 0.08);
  }

  Cell decision_maker() {
    if (!random_.chance(bant_filled())) return missing();
    const bool value = random_.chance(0.4);
    if (random_.chance(0.1)) {
      static constexpr std::array<std::string_view, 3> yes = {"yes", "TRUE", "1"};
      static constexpr std::array<std::string_view, 3> no = {"no", "False", "0"};
      return std::string(value ? random_.pick(yes) : random_.pick(no));
    }
    return value;
  }

  Cell timeline() {
    if (!random_.chance(bant_filled())) return missing();
    static constexpr std::array<long long, 8> days = {14, 30, 45, 60, 90, 120, 180, 365};
    return maybe_as_text(random_.pick(days), 0.1);
  }

  Cell last_activity() {
    if (!random_.chance(0.85)) return missing();
    // Mostly recent, a tail beyond the 90-day penalty, and a rare date after as-of.
    const int ago = random_.chance(0.01) ? -random_.between(1, 5) : random_.between(0, 150);
    std::string day = days_ago(ago);
    if (random_.chance(0.2)) {
      day += fmt::format("T{:02d}:{:02d}:00Z", random_.between(0, 23), random_.between(0, 59));
    }
    return day;
  }

  long long clicks() {  // geometric: most leads click little, a few a lot
    long long n = 0;
    const double p = hot_ ? 0.85 : 0.62;
    while (n < 40 && random_.chance(p)) ++n;
    return n;
  }

  Cell demo_requested() {
    const bool value = random_.chance(0.05);
    if (random_.chance(0.03)) return std::string(value ? "yes" : "no");
    return value;
  }

  RawJson events() {
    static constexpr std::array<Weighted, 8> types = {
        {{"email_open", 30}, {"email_click", 18}, {"page_view", 25}, {"pricing_view", 10},
         {"ebook_download", 6}, {"webinar", 5}, {"trial_request", 3}, {"demo_request", 3}}};
    static constexpr std::array<Weighted, 8> hot_types = {
        {{"email_open", 15}, {"email_click", 12}, {"page_view", 20}, {"pricing_view", 30},
         {"ebook_download", 10}, {"webinar", 6}, {"trial_request", 4}, {"demo_request", 3}}};
    const int count = hot_ ? random_.between(4, 8) : random_.between(0, 8);
    std::string json = "[";
    for (int i = 0; i < count; ++i) {
      if (i > 0) json += ',';
      // Pricing views cluster in the last weeks, as they do before a purchase.
      const std::string_view type = pick_weighted(random_, hot_ ? hot_types : types);
      const bool fresh = hot_ || (type == "pricing_view" && random_.chance(0.5));
      const int ago = fresh ? random_.between(0, 20) : random_.between(0, 119);
      json += fmt::format(R"({{"type":"{}","day":"{}"}})", type, days_ago(ago));
    }
    json += ']';
    return RawJson{std::move(json)};
  }

  Random random_;
  int as_of_day_;
  bool hot_ = false;
};

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  out += '"';
}

void append_ndjson(std::string& out, const std::vector<Column>& lead) {
  out += '{';
  bool first = true;
  for (const auto& [name, cell] : lead) {
    if (std::holds_alternative<Absent>(cell)) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, name);
    out += ':';
    if (std::holds_alternative<Null>(cell)) out += "null";
    else if (const auto* text = std::get_if<std::string>(&cell)) append_json_string(out, *text);
    else if (const auto* number = std::get_if<long long>(&cell)) fmt::format_to(std::back_inserter(out), "{}", *number);
    else if (const auto* flag = std::get_if<bool>(&cell)) out += *flag ? "true" : "false";
    else out += std::get<RawJson>(cell).text;
  }
  out += "}\n";
}

void append_csv_cell(std::string& out, std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_csv_header(std::string& out) {
  for (std::size_t i = 0; i < column_names.size(); ++i) {
    if (i > 0) out += ',';
    append_csv_cell(out, column_names[i]);
  }
  out += '\n';
}

void append_csv(std::string& out, const std::vector<Column>& lead) {
  bool first = true;
  for (const auto& [name, cell] : lead) {
    if (!first) out += ',';
    first = false;
    if (const auto* text = std::get_if<std::string>(&cell)) append_csv_cell(out, *text);
    else if (const auto* number = std::get_if<long long>(&cell)) fmt::format_to(std::back_inserter(out), "{}", *number);
    else if (const auto* flag = std::get_if<bool>(&cell)) out += *flag ? "true" : "false";
    else if (const auto* json = std::get_if<RawJson>(&cell)) append_csv_cell(out, json->text);
    // Absent and Null: an empty cell
  }
  out += '\n';
}

bool parse_day(const std::string& text, int& day) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  day = days_from_civil(y, m, d);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"generate realistic leads for the acme policy"};
  std::uint64_t count = 1000;
  std::uint64_t seed = 1;
  std::string format = "ndjson";
  std::string as_of = "2026-11-01";
  app.add_option("--count", count, "number of leads");
  app.add_option("--seed", seed, "random seed (same seed, same leads)");
  app.add_option("--format", format, "ndjson or csv")->check(CLI::IsMember({"ndjson", "csv"}));
  app.add_option("--as-of", as_of, "event dates fall in the 120 days before this date");
  CLI11_PARSE(app, argc, argv);

  int as_of_day = 0;
  if (!parse_day(as_of, as_of_day)) {
    std::fprintf(stderr, "gen_leads: invalid --as-of date '%s', expected YYYY-MM-DD\n",
                 as_of.c_str());
    return 2;
  }
  LeadGenerator generator(seed, as_of_day);
  const bool csv = format == "csv";
  std::string buffer;
  buffer.reserve(1 << 20);
  if (csv) append_csv_header(buffer);
  for (std::uint64_t number = 1; number <= count; ++number) {
    const auto lead = generator.next(number);
    if (csv) append_csv(buffer, lead);
    else append_ndjson(buffer, lead);
    if (buffer.size() >= (1 << 20) - 4096) {
      if (std::fwrite(buffer.data(), 1, buffer.size(), stdout) != buffer.size()) return 2;
      buffer.clear();
    }
  }
  if (std::fwrite(buffer.data(), 1, buffer.size(), stdout) != buffer.size()) return 2;
  return std::fflush(stdout) == 0 ? 0 : 2;
}
