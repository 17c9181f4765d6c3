// Policy text -> parse, follow imports, resolve, type-check, render the diagnostics. Any input
// must give a policy or diagnostics, never a crash or a hang.
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "sema/load.hpp"
#include "present/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qpl;
  using namespace qpl::present;
  std::string text(reinterpret_cast<const char*>(data), size);
  // Imports resolve against a folder that does not exist: the fuzzer must not read real files.
  sema::LoadResult loaded = sema::load_policy_text("fuzz.qpl", std::move(text), "/nonexistent-qualify-fuzz");
  fuzz::require(loaded.policy != nullptr, "a policy held in memory always gives a policy");
  const std::string rendered = render_text(loaded.diagnostics, loaded.policy->sources);
  for (const char c : rendered)
    fuzz::require(c != '\x1b', "diagnostics rendered without colour carry no escape byte");
  const std::string json = render_json(loaded.diagnostics, loaded.policy->sources);
  fuzz::require(!json.empty() && json.front() == '[' && json.back() != ',', "diagnostics JSON is an array");
  fuzz::require(loaded.ok() || loaded.diagnostics.has_errors(), "a policy that is not ok says why");
  return 0;
}
