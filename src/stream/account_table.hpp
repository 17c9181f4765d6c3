#pragma once
// Accounts in a run of `eval` (docs/commands.md, "Accounts"): the first of the run's two passes.
// It reads every input, folds each record with a key into its account's aggregates, then computes
// each account's lets once. With jobs > 1, batches of records are bound and their aggregates'
// parts evaluated on `jobs` threads, and folded on the calling thread in input order, so the sums
// are the same to the last bit whatever --jobs. The second pass, the usual pipeline, sets each record's `account` from the table.
// Memory: one entry per account (its key and values), however many records.
#include <cstdint>
#include <optional>
#include <string_view>
#include <string>
#include <unordered_map>
#include <vector>

#include "stream/input_chain.hpp"
#include "model/policy.hpp"

namespace qpl::stream {

class AccountTable {
 public:
  // Pass 1 over `inputs`, read with `input_schema` (the one pass 2 uses). Requires
  // policy.account. Throws io::InputError when an input cannot be read.
  AccountTable(const CheckedPolicy& policy, const std::vector<InputSpec>& inputs, const Schema& input_schema,
               std::int32_t today, unsigned jobs = 1);

  // Sets the lead's `account` (at AccountInfo::field_slot) to its account's values; missing for
  // a record without a key. Safe from several threads.
  void attach(RecordValue& lead) const;

  std::size_t size() const { return accounts_.size(); }
  std::uint64_t with_several_contacts() const;
  std::uint64_t keyless() const { return keyless_; }

  // `eval --accounts FILE`: one line per account, in the order of each account's first record.
  // NDJSON: {"account":KEY,"contacts":N,"values":{NAME: VALUE, ...}}; CSV: account,contacts,NAME...
  void write_ndjson(std::string& out) const;
  void write_csv(std::string& out) const;

  // `--summary`'s line: "accounts: 41230 (with 2 or more contacts: 12004; records without a key: 312)".
  std::string summary_line() const;

 private:
  struct Account {
    Value key;
    std::uint64_t contacts = 0;
    Value values;  // the record `account` holds
  };
  const CheckedPolicy& policy_;
  std::unordered_map<std::string, std::size_t> index_;  // key text -> accounts_
  std::vector<Account> accounts_;
  std::uint64_t keyless_ = 0;
};

// A policy with an `account` block reads its inputs twice: the message refusing stdin, a pipe or
// a FIFO among `inputs` ("POLICY declares 'account', so ..."), or nullopt when all are files.
std::optional<std::string> inputs_read_twice_problem(const std::vector<InputSpec>& inputs,
                                                     std::string_view policy_shown);

// `schema` with the remembered `account` read from no input column: the table sets it.
Schema schema_without_account_input(const Schema& schema, const CheckedPolicy& policy);

}  // namespace qpl::stream
