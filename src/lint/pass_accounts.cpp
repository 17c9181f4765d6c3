// QPL470: an `account by` key declared optional (`?`): every record without it belongs to no
// account and reads its account values as unknown.
#include <fmt/format.h>

#include "lint/codes.hpp"
#include "lint/passes.hpp"

namespace qpl::lint {

void check_accounts(LintContext& ctx) {
  const auto& account = ctx.policy.account;
  if (!account || account->key_slot < 0) return;
  const FieldSchema& key = ctx.policy.schema.lead.fields[static_cast<std::size_t>(account->key_slot)];
  if (!key.optional) return;
  auto& d = ctx.out.warning(
      code::account_key_optional, key.span,
      fmt::format("the account key '{}' is optional: a record without it is no one's contact, and "
                  "every account.* it reads is unknown",
                  key.name));
  d.help = fmt::format("make '{}' required, or decide for keyless records: 'account.NAME otherwise false'",
                       key.name);
}

}  // namespace qpl::lint
