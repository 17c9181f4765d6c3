// Golden transcripts: each tests/golden/repl/NAME.in is fed line by line to a session on
// policies/acme.qpl as of 2026-11-01 (what `qualify repl policies/acme.qpl --as-of 2026-11-01
// < NAME.in` prints); the responses must equal NAME.out. QUALIFY_BLESS=1 rewrites them. One
// subcase per name of cases.list, run by CTest one at a time (tests/golden/CMakeLists.txt).
// The worked session in docs/repl.md is checked the same way.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "repl/front_end.hpp"
#include "repl_support.hpp"
#include "tests/support/golden.hpp"

namespace qpl::repl {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string run_transcript(const std::string& input, const std::string& leads = "") {
  auto session = testing::open_session();
  REQUIRE(session);
  std::string out;
  if (!leads.empty()) REQUIRE(session->load_leads_file(leads, out));
  std::istringstream in(input);
  std::ostringstream responses;
  run_lines(*session, in, responses);
  return responses.str();
}

TEST_CASE("golden repl" * doctest::skip()) {
  const fs::path folder = testing::repo_root() / "tests" / "golden" / "repl";
  for (const auto& name : qpl::testing::golden_cases(folder)) {
    SUBCASE(name.c_str()) {
      qpl::testing::check_golden(folder / (name + ".out"), run_transcript(read_file(folder / (name + ".in"))));
    }
  }
}

// docs/repl.md: in its ```text blocks that start with a `$ qualify repl` line, each line
// `qualify> INPUT` is typed and the lines up to the next prompt are its response.
TEST_CASE("the worked session in docs/repl.md is what the REPL answers") {
  const std::string doc = read_file(testing::repo_root() / "docs" / "repl.md");
  REQUIRE(!doc.empty());
  std::istringstream lines(doc);
  std::string line, input, expected;
  bool in_session = false;
  int sessions = 0;
  while (std::getline(lines, line)) {
    if (!in_session) {
      if (line.rfind("$ qualify repl policies/acme.qpl --leads examples/acme_leads.ndjson --as-of 2026-11-01", 0) == 0) {
        in_session = true;
        input.clear();
        expected.clear();
      }
      continue;
    }
    if (line.rfind("```", 0) == 0) {
      in_session = false;
      ++sessions;
      CHECK(run_transcript(input, "examples/acme_leads.ndjson") == expected);
      continue;
    }
    if (line.rfind("qualify> ", 0) == 0) input += line.substr(9) + '\n';
    else expected += line + '\n';
  }
  CHECK(sessions > 0);
}

}  // namespace
}  // namespace qpl::repl
