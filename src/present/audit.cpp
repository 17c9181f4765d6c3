#include "present/audit.hpp"

#include "support/sha256.hpp"

namespace qpl::present {

std::string policy_files_sha256(const CheckedPolicy& policy) {
  if (policy.sources.size() == 0) return sha256_hex("");
  if (policy.sources.size() == 1) return sha256_hex(policy.sources.file(0).text());
  // The sources are in load order: the main file, then each import depth first, once.
  std::string digests;
  for (std::size_t id = 0; id < policy.sources.size(); ++id) {
    digests += sha256_hex(policy.sources.file(static_cast<FileId>(id)).text());
    digests += '\n';
  }
  return sha256_hex(digests);
}

AuditStamp audit_stamp(const CheckedPolicy& policy) {
  AuditStamp stamp;
  if (policy.sources.size() > 0) stamp.policy = policy.sources.file(0).name();
  if (policy.header) stamp.version = policy.header->version;
  stamp.sha256 = policy_files_sha256(policy);
  return stamp;
}

}  // namespace qpl::present
