// Every policy in tests/golden/semantic_errors/ must give exactly the diagnostics of its .err file.
#include <doctest/doctest.h>

#include "sema/load.hpp"
#include "present/render.hpp"
#include "tests/support/golden.hpp"

namespace qpl {
namespace {

TEST_CASE("semantic error goldens") {
  const auto folder = testing::tests_dir() / "golden" / "semantic_errors";
  const auto policies = testing::files_in(folder, ".qpl");
  CHECK(policies.size() >= 40);
  for (const auto& path : policies) {
    CAPTURE(path.filename().string());
    testing::ScopedWorkingDirectory here(folder);
    const auto result = load_policy(path.filename().string());
    REQUIRE(result.policy);
    CHECK(result.diagnostics.has_errors());
    auto expected = path;
    expected.replace_extension(".err");
    testing::check_golden(expected, present::render_text(result.diagnostics, result.policy->sources));
  }
}

}  // namespace
}  // namespace qpl
