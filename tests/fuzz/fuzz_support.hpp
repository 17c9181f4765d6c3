#pragma once
// Shared by the fuzz targets: a FILE* over the fuzzer's bytes, a failure that stops the run with
// a message, and the bundled policies loaded once.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/policy.hpp"

namespace qpl::fuzz {

// A property the target asserts did not hold: print it and abort, so libFuzzer (or the replay
// program) reports the input.
[[noreturn]] inline void fail(std::string_view what) {
  std::fprintf(stderr, "fuzz property violated: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

inline void require(bool holds, std::string_view what) {
  if (!holds) fail(what);
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// A read-only stream over `bytes` (which must outlive it).
FilePtr memory_stream(const std::uint8_t* data, std::size_t size);

// policies/*.qpl of the source tree, loaded and checked once (sorted by file name).
struct NamedPolicy {
  std::string name;
  std::unique_ptr<CheckedPolicy> policy;
};
const std::vector<NamedPolicy>& bundled_policies();
const CheckedPolicy& policy_named(std::string_view name);

// True when a byte is a C0 control other than line feed, or DEL: what terminal output must
// never carry from lead data.
inline bool is_control_byte(unsigned char c) { return (c < 0x20 && c != '\n') || c == 0x7f; }

}  // namespace qpl::fuzz
