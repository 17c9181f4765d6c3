// docs/diagnostics.md and the codes table cannot drift: every code has a section, every section is a
// known code, and each section's example policy, linted, reports that code.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "lint/against.hpp"
#include "lint/codes.hpp"
#include "lint/run.hpp"
#include "tests/support/golden.hpp"
#include "tests/support/scratch_dir.hpp"

namespace {

namespace fs = std::filesystem;

struct DocEntry {
  std::string code;     // "QPL401"
  std::string body;     // the section's text, up to the next heading
  std::string example;  // its first ```qpl block; empty when it has none
  std::string sample;   // its first ```csv block, sample.csv: the example is linted --against it
};

std::vector<DocEntry> doc_entries() {
  const std::string text = qpl::testing::read_text(qpl::testing::tests_dir().parent_path() / "docs" / "diagnostics.md");
  REQUIRE_FALSE(text.empty());
  std::vector<DocEntry> entries;
  const std::string heading = "\n## QPL";
  for (auto at = text.find(heading); at != std::string::npos;) {
    const auto code_begin = at + 4;
    const auto line_end = text.find('\n', code_begin);
    const auto next = text.find("\n## ", line_end);
    DocEntry entry{text.substr(code_begin, line_end - code_begin),
                   text.substr(line_end, (next == std::string::npos ? text.size() : next) - line_end), "", ""};
    // An error's example is marked ```qpl error (it shows a mistake on purpose).
    const std::string open = "```qpl";
    if (const auto block = entry.body.find(open); block != std::string::npos) {
      const auto begin = entry.body.find('\n', block) + 1;
      const auto end = entry.body.find("\n```", begin);
      if (end != std::string::npos) entry.example = entry.body.substr(begin, end - begin + 1);
    }
    if (const auto block = entry.body.find("```csv"); block != std::string::npos) {
      const auto begin = entry.body.find('\n', block) + 1;
      const auto end = entry.body.find("\n```", begin);
      if (end != std::string::npos) entry.sample = entry.body.substr(begin, end - begin + 1);
    }
    entries.push_back(std::move(entry));
    at = next == std::string::npos ? next : text.find(heading, next);
  }
  return entries;
}

// Limits too large to show in the docs: the test builds those examples itself.
std::map<std::string, std::string> generated_examples() {
  std::string deep = "let x = " + std::string(300, '(') + "1" + std::string(300, ')') + "\n";
  std::string chain;
  for (int i = 0; i < 4100; ++i) chain += "let a" + std::to_string(i) + " = a" + std::to_string(i + 1) + "\n";
  chain += "let a4100 = 1\n";
  return {{"QPL001", "let a = \"\xFF\"\n"}, {"QPL009", deep}, {"QPL320", chain}};
}

// Codes the parser makes unreachable from a file: the example reports the parser's code
// instead, and the docs say so.
const std::map<std::string, std::string> reported_instead = {{"QPL302", "QPL011"}};

// Writes the example as example.qpl in a fresh folder (imports resolve there) and lints it.
std::vector<std::string> codes_reported(const std::string& example, const std::string& sample) {
  const qpl::testing::ScratchDir dir("lint-docs");
  { std::ofstream(dir / "example.qpl", std::ios::binary) << example; }
  // Written first: a test of the example may read its cases from it (`leads from "sample.csv"`).
  if (!sample.empty()) std::ofstream(dir / "sample.csv", std::ios::binary) << sample;
  auto run = qpl::lint::lint_file((dir / "example.qpl").string());
  if (!sample.empty() && run.policy)
    qpl::lint::check_against_sample(*run.policy, (dir / "sample.csv").string(), run.diagnostics);
  std::vector<std::string> codes;
  for (const auto& d : run.diagnostics.items()) codes.push_back(d.code);
  return codes;
}

}  // namespace

TEST_CASE("docs/diagnostics.md has exactly one section per code, in the table's order") {
  std::vector<std::string> documented;
  for (const auto& e : doc_entries()) documented.push_back(e.code);
  std::vector<std::string> known;
  for (const auto& c : qpl::lint::all_codes()) known.emplace_back(c.code);
  CHECK(documented == known);
}

TEST_CASE("each section names the code's stable name and severity") {
  for (const auto& e : doc_entries()) {
    CAPTURE(e.code);
    const auto* info = qpl::lint::find_code(e.code);
    REQUIRE(info != nullptr);
    const std::string severity = info->severity == qpl::Severity::error     ? "error"
                                 : info->severity == qpl::Severity::warning ? "warning"
                                                                            : "info";
    CHECK(e.body.find("**" + std::string(info->name) + "**") != std::string::npos);
    CHECK(e.body.find("· " + severity) != std::string::npos);
    CHECK(e.body.find("*Why it matters.*") != std::string::npos);
    CHECK(e.body.find("*Fix.*") != std::string::npos);
  }
}

TEST_CASE("every section's example, linted, reports its code") {
  const auto generated = generated_examples();
  for (const auto& e : doc_entries()) {
    CAPTURE(e.code);
    const auto it = generated.find(e.code);
    const std::string example = it != generated.end() ? it->second : e.example;
    if (it == generated.end()) REQUIRE_MESSAGE(!e.example.empty(), "no ```qpl example");
    const auto codes = codes_reported(example, e.sample);
    CAPTURE(example);
    const auto instead = reported_instead.find(e.code);
    const std::string expected = instead != reported_instead.end() ? instead->second : e.code;
    if (instead != reported_instead.end()) CHECK(e.body.find(expected) != std::string::npos);
    CHECK(std::find(codes.begin(), codes.end(), expected) != codes.end());
  }
}

TEST_CASE("help URIs point at the code's section of docs/diagnostics.md") {
  CHECK(qpl::lint::help_uri("QPL401").ends_with("/docs/diagnostics.md#qpl401"));
  CHECK(qpl::lint::help_uri("QPL001").ends_with("/docs/diagnostics.md#qpl001"));
}
