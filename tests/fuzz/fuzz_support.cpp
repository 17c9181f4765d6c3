#include "fuzz_support.hpp"

#include <algorithm>
#include <filesystem>

#include "sema/load.hpp"

namespace qpl::fuzz {

FilePtr memory_stream(const std::uint8_t* data, std::size_t size) {
  // fmemopen refuses an empty buffer: an empty input is /dev/null.
  if (size == 0) return FilePtr(std::fopen("/dev/null", "rb"));
  return FilePtr(fmemopen(const_cast<std::uint8_t*>(data), size, "rb"));
}

const std::vector<NamedPolicy>& bundled_policies() {
  static const std::vector<NamedPolicy> policies = [] {
    std::vector<NamedPolicy> out;
    for (const auto& entry : std::filesystem::directory_iterator(QUALIFY_POLICIES_DIR)) {
      if (entry.path().extension() != ".qpl") continue;
      sema::LoadResult loaded = sema::load_policy(entry.path().string());
      if (!loaded.ok()) fail("a bundled policy does not load: " + entry.path().string());
      out.push_back({entry.path().stem().string(), std::move(loaded.policy)});
    }
    std::sort(out.begin(), out.end(),
              [](const NamedPolicy& a, const NamedPolicy& b) { return a.name < b.name; });
    if (out.empty()) fail("no policy in " QUALIFY_POLICIES_DIR);
    return out;
  }();
  return policies;
}

const CheckedPolicy& policy_named(std::string_view name) {
  for (const auto& p : bundled_policies())
    if (p.name == name) return *p.policy;
  fail("no bundled policy named " + std::string(name));
}

}  // namespace qpl::fuzz
