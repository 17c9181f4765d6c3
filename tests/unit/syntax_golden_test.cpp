// Golden tests: tests/golden/parse/*.qpl must parse without errors to exactly the dump in the
// matching .ast; tests/golden/syntax_errors/*.qpl must give exactly the diagnostics in the
// matching .err. QUALIFY_BLESS=1 rewrites the expected files from the current output.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "syntax/ast_dump.hpp"
#include "syntax/parser.hpp"

namespace fs = std::filesystem;

namespace {

fs::path golden_dir(const char* sub) {
  return fs::path(QUALIFY_SOURCE_DIR) / "tests" / "golden" / sub;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool blessing() {
  const char* v = std::getenv("QUALIFY_BLESS");
  return v && std::string(v) == "1";
}

std::vector<fs::path> inputs(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".qpl") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string render(const qpl::Diagnostics& diags, const qpl::SourceFile& file) {
  std::string out;
  for (const auto& d : diags.items()) {
    const auto pos = file.position(d.span.begin);
    out += fmt::format("{}:{}:{}: error[{}]: {}\n", file.name(), pos.line, pos.column, d.code,
                       d.message);
    if (d.help) out += fmt::format("  help: {}\n", *d.help);
  }
  return out;
}

void compare(const fs::path& expected_path, const std::string& actual) {
  if (blessing()) {
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  REQUIRE_MESSAGE(fs::exists(expected_path), "missing ", expected_path.string(),
                  " (run with QUALIFY_BLESS=1 to create it)");
  CHECK(read(expected_path) == actual);
}

}  // namespace

TEST_CASE("golden AST dumps") {
  const auto files = inputs(golden_dir("parse"));
  REQUIRE(!files.empty());
  for (const auto& path : files) {
    INFO("file: ", path.string());
    qpl::SourceFile file(path.filename().string(), read(path));
    const auto result = qpl::parse_module(file, 0);
    CHECK(render(result.diagnostics, file) == "");
    compare(fs::path(path).replace_extension(".ast"), qpl::dump_module(result.module, file));
  }
}

TEST_CASE("golden syntax errors") {
  const auto files = inputs(golden_dir("syntax_errors"));
  CHECK(files.size() >= 25);
  for (const auto& path : files) {
    INFO("file: ", path.string());
    qpl::SourceFile file(path.filename().string(), read(path));
    const auto result = qpl::parse_module(file, 0);
    CHECK(result.diagnostics.has_errors());
    compare(fs::path(path).replace_extension(".err"), render(result.diagnostics, file));
  }
}
