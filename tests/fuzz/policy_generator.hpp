#pragma once
// Well-typed random QPL policies and leads for the property tests, from a seed: the same seed
// gives the same text on every machine (std::mt19937 is specified; the distributions are not,
// so only its raw output is used).
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace qpl::fuzz {

class PolicyGenerator {
 public:
  explicit PolicyGenerator(std::uint32_t seed) : rng_(seed) {}

  // 0 .. n-1
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(rng_() % n); }
  bool chance(std::uint32_t percent) { return below(100) < percent; }

  // Its field options (`lower trim`, formats, `unreadable missing`) put the readers' option
  // paths and fmt's printing of them under the properties too.
  static const char* schema() {
    return "fields {\n"
           "  id: text\n"
           "  b1: bool?\n"
           "  b2: bool?\n"
           "  b3: bool?\n"
           "  n1: number?\n"
           "  n2: number? format \"1 000,00\" unreadable missing\n"
           "  t1: text? lower trim\n"
           "  s1: one of (\"ic\", \"vp\", \"cto\")?\n"
           "  tags: list of text?\n"
           "  d1: date? format \"YYYY-MM-DD\"\n"
           "}\n";
  }

  // A boolean expression of at most `depth` levels over the schema's fields and `lets`.
  std::string boolean(int depth, const std::vector<std::string>& lets = {}) {
    if (depth <= 0 || chance(30)) return atom(lets);
    switch (below(5)) {
      case 0: return "(" + boolean(depth - 1, lets) + " and " + boolean(depth - 1, lets) + ")";
      case 1: return "(" + boolean(depth - 1, lets) + " or " + boolean(depth - 1, lets) + ")";
      case 2: return "not (" + boolean(depth - 1, lets) + ")";
      case 3: {
        const std::uint32_t n = 2 + below(3);
        std::string out = "(at least " + std::to_string(below(n + 1)) + " of (";
        for (std::uint32_t i = 0; i < n; ++i) out += (i ? ", " : "") + boolean(depth - 1, lets);
        return out + "))";
      }
      default: return "(" + number(depth - 1) + " " + comparison() + " " + number(depth - 1) + ")";
    }
  }

  std::string number(int depth) {
    if (depth <= 0 || chance(50)) {
      switch (below(4)) {
        case 0: return "n1";
        case 1: return "n2";
        case 2: return std::to_string(below(20));
        default: return "count(tags)";
      }
    }
    static const char* const ops[] = {"+", "-", "*", "/"};
    return "(" + number(depth - 1) + " " + ops[below(4)] + " " + number(depth - 1) + ")";
  }

  // A policy: lets, an icp, a score, a gates group and a funnel, every condition random.
  std::string policy(int depth) {
    std::string out = "policy \"generated\" version 1\n\n";
    out += schema();
    std::vector<std::string> lets;
    const std::uint32_t let_count = 1 + below(3);
    for (std::uint32_t i = 0; i < let_count; ++i) {
      const std::string name = "l" + std::to_string(i);
      out += "\nlet " + name + " = " + boolean(depth, lets) + "\n";
      lets.push_back(name);
    }
    out += "\nicp fit {\n  require " + boolean(depth, lets) + "\n  exclude " + boolean(depth, lets) +
           " as \"excluded\"\n}\n";
    out += "\nscore points from 0 to 100 {\n  +10 when " + boolean(depth, lets) +
           "\n  -5 when " + boolean(depth, lets) + "\n  +2 per n1 up to 20\n}\n";
    out += "\ngates g {\n";
    for (const char* label : {"a", "b", "c"}) out += std::string("  ") + label + " when " + boolean(depth, lets) + "\n";
    // Half the funnels are forward-only (docs/language.md), with recycle lines to a stage of the
    // order and to the side stage `out`.
    const bool forward_only = chance(50);
    out += forward_only ? "}\n\nfunnel forward-only {\n  order cold < warm < hot\n" : "}\n\nfunnel {\n";
    out += "  out when not fit\n";
    out += "  hot when at least 2 of g and points >= " + std::to_string(below(30)) + "\n";
    out += "  warm when " + boolean(depth, lets) + "\n";
    out += "  cold otherwise\n";
    if (forward_only) {
      out += "  recycle to cold when " + boolean(depth, lets) + "\n";
      out += "  recycle to out when " + boolean(depth, lets) + " as \"recycled\"\n";
    }
    out += "}\n";
    return out;
  }

  // One NDJSON lead for schema(): each field present, null, absent or (rarely) of a wrong type;
  // text values carry quotes, control bytes, escape sequences and formula starts.
  std::string ndjson_lead(std::uint32_t number) {
    std::string out = "{\"id\": \"L-" + std::to_string(number) + text_value() + "\"";
    for (const char* f : {"b1", "b2", "b3"}) member(out, f, chance(50) ? "true" : "false");
    member(out, "n1", std::to_string(static_cast<int>(below(40)) - 10));
    // n2 is read with a format: a JSON number, a formatted text, or one it cannot read.
    static const char* const n2_texts[] = {"\"1 234,5\"", "\"-12\"", "\"soon\"", "\"1,5e3\""};
    member(out, "n2", chance(60) ? std::to_string(static_cast<int>(below(40)) - 10)
                                 : std::string(n2_texts[below(4)]));
    member(out, "t1", "\"" + text_value() + "\"");
    member(out, "s1", chance(90) ? std::string("\"") + (chance(50) ? "ic" : "vp") + "\"" : "\"ceo\"");
    std::string tags = "[";
    for (std::uint32_t i = 0, n = below(4); i < n; ++i) tags += (i ? ", \"" : "\"") + text_value() + "\"";
    member(out, "tags", tags + "]");
    member(out, "d1", "\"2026-0" + std::to_string(1 + below(9)) + "-1" + std::to_string(below(10)) + "\"");
    return out + "}";
  }

 private:
  std::string atom(const std::vector<std::string>& lets) {
    switch (below(9)) {
      case 0: return "b1";
      case 1: return "b2";
      case 2: return "b3";
      case 3: return chance(50) ? "true" : "false";
      case 4: return "t1 contains \"a\"";
      case 5: return chance(50) ? "n1 is missing" : "t1 is present";
      case 6: return "\"x\" in tags";
      case 7: return "s1 in [\"vp\", \"cto\"]";
      default: return lets.empty() ? "b1" : lets[below(static_cast<std::uint32_t>(lets.size()))];
    }
  }

  const char* comparison() {
    static const char* const ops[] = {"=", "!=", "<", "<=", ">", ">="};
    return ops[below(6)];
  }

  // JSON string contents (already escaped).
  std::string text_value() {
    static const char* const texts[] = {"a",        "x",         "",          "=1+2",     "+cmd",
                                        "-3",       "@SUM(A1)",  "\\t\\ttab", "\\r\\nCR", "\\u001b[31mred",
                                        "\\u009bcsi", "quote\\\"d", "back\\\\slash", "caf\\u00e9", "\\u0000nul",
                                        "\\u0000=cmd()", "\\u001b=1+1", "\\n @x"};
    return texts[below(sizeof texts / sizeof *texts)];
  }

  void member(std::string& out, const char* name, const std::string& value) {
    const std::uint32_t roll = below(100);
    if (roll < 15) return;                                               // absent
    if (roll < 25) { out += std::string(", \"") + name + "\": null"; return; }
    if (roll < 28) { out += std::string(", \"") + name + "\": {\"no\": 1}"; return; }  // wrong type
    out += std::string(", \"") + name + "\": " + value;
  }

  std::mt19937 rng_;
};

}  // namespace qpl::fuzz
