#pragma once
// Accounts (docs/language.md, "Accounts"): the running folds of an account's aggregates over
// `contacts`, fed one contact at a time in input order, and the account lets computed from them.
// A contact's COND and VALUE are lead-level expressions, evaluated on the contact's record by the
// Evaluator; an account let is evaluated once per account by the tree walk, each aggregate over
// `contacts` answering from its fold. The Kleene readings are those of "Aggregates".
#include <cstdint>
#include <string>
#include <vector>

#include "eval/aggregates.hpp"
#include "eval/evaluator.hpp"
#include "model/policy.hpp"

namespace qpl::eval {

// The text a key groups by: a text as it is (after the field's options), a number as results
// print it; false for a missing or blank key (the record is no one's contact).
bool account_key_text(const Value& key, std::string& out);

// One aggregate's running value over one account's contacts.
class ContactFold {
 public:
  explicit ContactFold(Quantifier q) : quantifier_(q), aggregate_(q) {}
  // A contact whose COND is `selected` (true without `where`), and its VALUE (for sum, avg, min
  // and max; null for count, any and all).
  void add(const Value& selected, const Value* value);
  Value result() const;

 private:
  Quantifier quantifier_;
  double count_ = 0;
  bool seen_true_ = false, seen_false_ = false, seen_unknown_ = false;
  AggregateFold aggregate_;
};

// The folds of one account: one per AccountInfo::aggregates entry, and its number of contacts.
struct AccountFolds {
  std::vector<ContactFold> folds;
  std::uint64_t contacts = 0;
};

// Requires policy.account. One per thread (it uses the Evaluator it is given).
class AccountFolder {
 public:
  explicit AccountFolder(const CheckedPolicy& policy);
  AccountFolds start() const;
  // A contact, in two steps, so that the evaluation may run on any thread and the folding in
  // input order: `parts` gets two values per aggregate (its COND, true without `where`; its
  // VALUE, or unknown when not read), then fold() adds them to the account.
  void contact_parts(Evaluator& evaluator, const RecordValue& lead, std::int32_t today,
                     std::vector<Value>& parts) const;
  void fold(const std::vector<Value>& parts, AccountFolds& into) const;
  // The account's values: the record the remembered field `account` holds (one field per
  // account let, in declaration order).
  Value account_value(Evaluator& evaluator, const AccountFolds& folds, std::int32_t today) const;

 private:
  const CheckedPolicy& policy_;
  const AccountInfo& account_;
};

}  // namespace qpl::eval
