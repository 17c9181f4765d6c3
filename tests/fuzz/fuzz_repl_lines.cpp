// Bytes as REPL input lines against the acme policy: every line gets an answer, never a crash.
// a line naming `load` (`:load`, `:reload`) is skipped: the fuzzer must not read files.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "repl/session.hpp"
#include "sema/load.hpp"
#include "support/date.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qpl;
  static const std::string policy_path = QUALIFY_POLICIES_DIR "/acme.qpl";
  sema::LoadResult loaded = sema::load_policy(policy_path);
  fuzz::require(loaded.ok(), "acme loads");
  repl::SessionOptions options;
  options.policy_path = policy_path;
  options.today = days_from_civil(2026, 11, 1);
  options.now = std::int64_t(options.today) * seconds_per_day;
  repl::Session session(std::move(loaded.policy), options);

  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t begin = 0;
  int lines = 0;
  while (begin <= input.size() && lines++ < 64 && !session.finished()) {
    std::size_t end = input.find('\n', begin);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view line = input.substr(begin, end - begin);
    begin = end + 1;
    if (line.find("load") != std::string_view::npos) continue;
    const std::string response = session.handle(line);
    fuzz::require(response.empty() || response.back() == '\n', "a response ends with a line break");
    (void)session.completions(line);
  }
  return 0;
}
