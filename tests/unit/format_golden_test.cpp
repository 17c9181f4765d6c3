// The canonical layout, file by file: tests/golden/fmt/NAME.qpl formats to NAME.expected
// (QUALIFY_BLESS=1 rewrites the expected files), and the expected files are fixed points.
// One subcase per name of cases.list, run by CTest one at a time (tests/golden/CMakeLists.txt).
#include <doctest/doctest.h>

#include "format/format.hpp"
#include "tests/support/golden.hpp"

namespace qpl {
namespace {

TEST_CASE("golden fmt" * doctest::skip()) {
  const auto folder = testing::tests_dir() / "golden" / "fmt";
  for (const auto& name : testing::golden_cases(folder)) {
    SUBCASE(name.c_str()) {
      const auto path = folder / (name + ".qpl");
      const auto result = format::format_source(SourceFile(path.string(), testing::read_text(path)));
      REQUIRE(result.status == format::FormatStatus::formatted);
      const auto expected = folder / (name + ".expected");
      testing::check_golden(expected, result.text);

      const auto again = format::format_source(SourceFile(expected.string(), result.text));
      REQUIRE(again.status == format::FormatStatus::formatted);
      CHECK(again.text == result.text);
    }
  }
}

}  // namespace
}  // namespace qpl
