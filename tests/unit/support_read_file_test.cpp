#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "support/read_file.hpp"
#include "tests/support/scratch_dir.hpp"

namespace qpl {

TEST_CASE("read_text_file reads a whole file, bytes as they are") {
  const testing::ScratchDir dir("read-file");
  const auto path = dir / "p.qpl";
  std::ofstream(path, std::ios::binary) << "let a = 1\r\n\xff";
  const auto text = read_text_file(path.string());
  REQUIRE(std::holds_alternative<std::string>(text));
  CHECK(std::get<std::string>(text) == "let a = 1\r\n\xff");
}

TEST_CASE("read_text_file says why it cannot read, in lowercase") {
  auto missing = read_text_file("/no/such/dir/x.qpl");
  REQUIRE(std::holds_alternative<ReadFileError>(missing));
  CHECK(std::get<ReadFileError>(missing).message == "no such file or directory");
  auto folder = read_text_file(std::filesystem::temp_directory_path().string());
  REQUIRE(std::holds_alternative<ReadFileError>(folder));
  CHECK(std::get<ReadFileError>(folder).message == "is a directory");
}

TEST_CASE("an endless device stops at the size bound instead of filling memory") {
  auto zero = read_text_file("/dev/zero", std::size_t{1} << 20);
  REQUIRE(std::holds_alternative<ReadFileError>(zero));
  CHECK(std::get<ReadFileError>(zero).message == "is larger than 1 MiB");
}

}  // namespace qpl
