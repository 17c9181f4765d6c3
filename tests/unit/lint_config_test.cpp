// The project configuration (.qualify-lint) and inline `# qualify: allow` comments.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lint/config.hpp"
#include "lint/run.hpp"
#include "tests/support/scratch_dir.hpp"

namespace {

namespace fs = std::filesystem;
using qpl::Severity;
using qpl::lint::lint_text;

// Two warnings (QPL401 on line 5, QPL408 on line 4) and an info (QPL406 on line 3).
const std::string policy = "fields {\n"
                           "  id: text\n"
                           "  note: text?\n"
                           "  job: text\n"
                           "}\n"
                           "let spare = 1\n"
                           "funnel {\n"
                           "  a when id = \"x\"\n"
                           "  b otherwise\n"
                           "}\n";

std::vector<std::string> found(const qpl::Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics.items()) {
    std::string severity = d.severity == Severity::error     ? "error"
                           : d.severity == Severity::warning ? "warning"
                                                             : "info";
    out.push_back(d.code + " " + severity);
  }
  return out;
}

qpl::lint::LintConfig config_of(const std::string& text) {
  auto parsed = qpl::lint::parse_config(".qualify-lint", text);
  REQUIRE(parsed.errors.empty());
  return parsed.config;
}

std::string with_line(const std::string& text, int line, const std::string& inserted) {
  std::string out;
  int n = 1;
  for (std::size_t at = 0; at < text.size();) {
    const auto end = text.find('\n', at) + 1;
    if (n == line) out += inserted + "\n";
    out += text.substr(at, end - at);
    at = end;
    ++n;
  }
  return out;
}

}  // namespace

TEST_CASE("the policy without configuration reports its defaults") {
  CHECK(found(lint_text("p.qpl", policy).diagnostics) ==
        std::vector<std::string>{"QPL406 info", "QPL408 warning", "QPL401 warning"});
}

TEST_CASE("config: codes or names, any case of level, comments; off drops, levels change") {
  const auto config = config_of("# project settings\n"
                                "QPL406 = off   # the export carries notes\n"
                                "\n"
                                "unused-let = ERROR\n"
                                "qpl408=info\n");
  CHECK(found(lint_text("p.qpl", policy, &config).diagnostics) ==
        std::vector<std::string>{"QPL408 info", "QPL401 error"});
}

TEST_CASE("config: mistakes are reported with their line") {
  const auto parsed = qpl::lint::parse_config("dir/.qualify-lint",
                                              "QPL999 = off\nQPL401 = loud\nQPL110 = off\njust words\n");
  CHECK(parsed.errors == std::vector<std::string>{
                             "dir/.qualify-lint:1: unknown code 'QPL999'",
                             "dir/.qualify-lint:2: unknown level 'loud' (use off, info, warning or error)",
                             "dir/.qualify-lint:3: QPL110 is an error of the policy itself and cannot be changed",
                             "dir/.qualify-lint:4: expected 'CODE = off|info|warning|error'"});
}

TEST_CASE("config: the nearest .qualify-lint at or above the policy's folder") {
  const qpl::testing::ScratchDir scratch("lint-config");
  const fs::path& root = scratch.path();
  fs::create_directories(root / "team" / "policies");
  { std::ofstream(root / ".qualify-lint") << "QPL406 = off\n"; }
  { std::ofstream(root / "team" / "policies" / "p.qpl") << policy; }
  const auto found_config = qpl::lint::find_config(root / "team" / "policies" / "p.qpl");
  REQUIRE(found_config);
  CHECK(fs::equivalent(*found_config, root / ".qualify-lint"));
  { std::ofstream(root / "team" / ".qualify-lint") << "QPL401 = off\n"; }
  const auto nearer = qpl::lint::find_config(root / "team" / "policies");
  REQUIRE(nearer);
  CHECK(fs::equivalent(*nearer, root / "team" / ".qualify-lint"));
  const auto loaded = qpl::lint::load_config(*nearer);
  REQUIRE(loaded.errors.empty());
  CHECK(found(qpl::lint::lint_file((root / "team" / "policies" / "p.qpl").string(), &loaded.config)
                  .diagnostics) == std::vector<std::string>{"QPL406 info", "QPL408 warning"});
  CHECK_FALSE(qpl::lint::load_config(root / "nope").errors.empty());
}

TEST_CASE("inline allow: on the diagnostic's line or the line above, only the codes named") {
  // on the line
  const std::string same_line = [] {
    std::string p = policy;
    p.replace(p.find("let spare = 1"), 13, "let spare = 1  # qualify: allow QPL401");
    return p;
  }();
  CHECK(found(lint_text("p.qpl", same_line).diagnostics) ==
        std::vector<std::string>{"QPL406 info", "QPL408 warning"});
  // on the line above, several codes, an explanation after them
  CHECK(found(lint_text("p.qpl", with_line(policy, 4, "  # qualify: allow QPL408, QPL406 -- kept for the CRM"))
                  .diagnostics) == std::vector<std::string>{"QPL406 info", "QPL401 warning"});
  // two lines above does not count; another code does not count
  CHECK(found(lint_text("p.qpl", with_line(policy, 6, "# qualify: allow QPL401\n")).diagnostics).size() == 3);
  CHECK(found(lint_text("p.qpl", with_line(policy, 6, "# qualify: allow QPL402")).diagnostics).size() == 3);
  // lower case is accepted
  CHECK(found(lint_text("p.qpl", with_line(policy, 6, "# qualify: allow qpl401")).diagnostics).size() == 2);
}

TEST_CASE("inline allow cannot silence an error") {
  const std::string broken = "let a = budjet  # qualify: allow QPL110\n";
  const auto run = lint_text("p.qpl", broken);
  REQUIRE(run.diagnostics.size() == 1);
  CHECK(run.diagnostics.items()[0].code == "QPL110");
}
