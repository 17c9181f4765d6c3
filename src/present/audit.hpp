#pragma once
// The audit stamp of `eval --audit` (docs/commands.md, "The audit stamp"): which policy, which
// version, which bytes produced a result line.
#include <cstdint>
#include <optional>
#include <string>

#include "model/policy.hpp"

namespace qpl::present {

struct AuditStamp {
  std::string policy;                    // the policy file, as the loader named it
  std::optional<std::int64_t> version;   // the main file's `policy "..." version N`
  std::string sha256;                    // lowercase hex
};

// Without imports, the SHA-256 of the policy file's bytes (what `sha256sum` prints); with
// imports, the SHA-256 of every file's own hex digest and a newline, in load order.
std::string policy_files_sha256(const CheckedPolicy& policy);

AuditStamp audit_stamp(const CheckedPolicy& policy);

}  // namespace qpl::present
