#pragma once
// Shared by the repl tests: the repository root (found from this file's path) and sessions on
// its bundled policies.
#include <filesystem>
#include <memory>
#include <string>

#include "repl/session.hpp"
#include "sema/load.hpp"
#include "support/date.hpp"

namespace qpl::repl::testing {

inline std::filesystem::path repo_root() {
  return std::filesystem::path(QUALIFY_SOURCE_DIR);
}

// A session on `policy_path` (relative to the repository root, which becomes the working folder
// so paths in messages read as in the docs), as of 2026-11-01.
inline std::unique_ptr<Session> open_session(const std::string& policy_path = "policies/acme.qpl") {
  std::filesystem::current_path(repo_root());
  sema::LoadResult loaded = sema::load_policy(policy_path);
  if (!loaded.ok()) return nullptr;
  SessionOptions options;
  options.policy_path = policy_path;
  options.today = *parse_iso_date("2026-11-01");
  options.now = std::int64_t(options.today) * seconds_per_day;  // 00:00 UTC, as --as-of 2026-11-01
  return std::make_unique<Session>(std::move(loaded.policy), options);
}

}  // namespace qpl::repl::testing
