// The canonical layout, file by file: tests/golden/fmt/NAME.qpl formats to NAME.expected
// (QUALIFY_BLESS=1 rewrites the expected files), and the expected files are fixed points.
#include <doctest/doctest.h>

#include "format/format.hpp"
#include "tests/support/golden.hpp"

namespace qpl {
namespace {

TEST_CASE("layout goldens") {
  const auto folder = testing::tests_dir() / "golden" / "fmt";
  const auto inputs = testing::files_in(folder, ".qpl");
  CHECK(inputs.size() >= 3);
  for (const auto& path : inputs) {
    CAPTURE(path.filename().string());
    const auto result = format::format_source(SourceFile(path.string(), testing::read_text(path)));
    REQUIRE(result.status == format::FormatStatus::formatted);
    auto expected = path;
    expected.replace_extension(".expected");
    testing::check_golden(expected, result.text);

    const auto again = format::format_source(SourceFile(expected.string(), result.text));
    REQUIRE(again.status == format::FormatStatus::formatted);
    CHECK(again.text == result.text);
  }
}

}  // namespace
}  // namespace qpl
