// Policy text -> `qualify fmt`: what parses must format to text that parses to the same AST
// (format_source checks that and answers `unsound` otherwise), and formatting is idempotent.
#include <cstdint>
#include <string>

#include "format/format.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qpl;
  using format::FormatStatus;
  const SourceFile source("fuzz.qpl", std::string(reinterpret_cast<const char*>(data), size));
  const format::FormatResult first = format::format_source(source);
  fuzz::require(first.status != FormatStatus::unsound, "fmt changed the policy's AST");
  if (first.status != FormatStatus::formatted) return 0;
  const format::FormatResult second = format::format_source(SourceFile("fuzz.qpl", first.text));
  fuzz::require(second.status == FormatStatus::formatted, "fmt output does not format again");
  fuzz::require(second.text == first.text, "fmt is not idempotent");
  return 0;
}
