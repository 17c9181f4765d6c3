// fmt(fmt(x)) = fmt(x) and AST(fmt(x)) = AST(x) over every policy we have: policies/, the
// test corpus and the ```qpl examples of docs/*.md.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "format/format.hpp"
#include "syntax/parser.hpp"
#include "tests/support/golden.hpp"

namespace qpl {
namespace {

namespace fs = std::filesystem;

struct Sample {
  std::string name;
  std::string text;
};

fs::path repo_dir() { return testing::tests_dir().parent_path(); }

void add_qpl_files(const fs::path& folder, std::vector<Sample>& out) {
  if (!fs::exists(folder)) return;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == ".qpl") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) out.push_back({p.string(), testing::read_text(p)});
}

// The ```qpl blocks of a markdown file.
void add_markdown_examples(const fs::path& file, std::vector<Sample>& out) {
  const std::string text = testing::read_text(file);
  const std::string open = "```qpl\n";
  for (std::size_t at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
    const std::size_t begin = at + open.size();
    const std::size_t end = text.find("\n```", begin);
    if (end == std::string::npos) break;
    out.push_back({file.string() + "@" + std::to_string(begin), text.substr(begin, end - begin + 1)});
    at = end;
  }
}

std::vector<Sample> corpus() {
  std::vector<Sample> samples;
  add_qpl_files(repo_dir() / "policies", samples);
  add_qpl_files(repo_dir() / "tests" / "golden", samples);
  add_qpl_files(repo_dir() / "examples", samples);
  for (const auto& dir : {repo_dir() / "docs", fs::path("/work/shared/design")}) {
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".md") add_markdown_examples(entry.path(), samples);
  }
  return samples;
}

TEST_CASE("formatting keeps the meaning and is idempotent on every policy we have") {
  std::size_t formatted = 0;
  for (const Sample& s : corpus()) {
    CAPTURE(s.name);
    const SourceFile source(s.name, s.text);
    if (syntax::parse_module(source, 0).diagnostics.has_errors()) continue;  // syntax-error goldens
    const auto once = format::format_source(source);
    REQUIRE(once.status == format::FormatStatus::formatted);  // the soundness check passed
    const auto twice = format::format_source(SourceFile(s.name, once.text));
    REQUIRE(twice.status == format::FormatStatus::formatted);
    CHECK(twice.text == once.text);
    ++formatted;
  }
  CHECK(formatted >= 5);
}

}  // namespace
}  // namespace qpl
