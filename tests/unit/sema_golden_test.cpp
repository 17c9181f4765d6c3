// Every policy in tests/golden/semantic_errors/ must give exactly the diagnostics of its .err file.
// One subcase per name of cases.list, run by CTest one at a time (tests/golden/CMakeLists.txt).
#include <doctest/doctest.h>

#include "sema/load.hpp"
#include "present/render.hpp"
#include "tests/support/golden.hpp"

namespace qpl {
namespace {

TEST_CASE("golden semantic_errors" * doctest::skip()) {
  const auto folder = testing::tests_dir() / "golden" / "semantic_errors";
  for (const auto& name : testing::golden_cases(folder)) {
    SUBCASE(name.c_str()) {
      testing::ScopedWorkingDirectory here(folder);
      const auto result = sema::load_policy(name + ".qpl");
      REQUIRE(result.policy);
      CHECK(result.diagnostics.has_errors());
      testing::check_golden(folder / (name + ".err"),
                            present::render_text(result.diagnostics, result.policy->sources));
    }
  }
}

}  // namespace
}  // namespace qpl
