// Bytes as a csv lead file: every record is bound or an error line, never a crash.
#include "reader_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  qpl::fuzz::check_reader(qpl::io::InputFormat::csv, data, size);
  return 0;
}
