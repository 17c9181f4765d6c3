#include "stream/account_table.hpp"

#include <filesystem>
#include <memory>

#include "eval/account_folds.hpp"
#include "eval/evaluator.hpp"
#include "present/csv_cell.hpp"
#include "present/value_format.hpp"
#include "support/number_format.hpp"

namespace qpl::stream {

using eval::account_key_text;

std::optional<std::string> inputs_read_twice_problem(const std::vector<InputSpec>& inputs,
                                                     std::string_view policy_shown) {
  for (const InputSpec& input : inputs) {
    std::error_code ec;
    if (input.path == "-" || !std::filesystem::is_regular_file(input.path, ec))
      return std::string(policy_shown) +
             " declares 'account', so its leads are read twice: give them as files, not stdin (save the "
             "feed to a file first)";
  }
  return std::nullopt;
}

Schema schema_without_account_input(const Schema& schema, const CheckedPolicy& policy) {
  Schema copy = schema;
  if (policy.account && policy.account->field_slot >= 0 &&
      static_cast<std::size_t>(policy.account->field_slot) < copy.lead.fields.size()) {
    FieldSchema& field = copy.lead.fields[static_cast<std::size_t>(policy.account->field_slot)];
    // No column or key can be named so: the inputs' own `account`, if any, is not this field.
    field.source = "\x1f" "account";
    field.path = {field.source};
  }
  return copy;
}

AccountTable::AccountTable(const CheckedPolicy& policy, const std::vector<InputSpec>& inputs,
                           const Schema& input_schema, std::int32_t today)
    : policy_(policy) {
  const AccountInfo& account = *policy.account;
  eval::Evaluator evaluator(policy);
  const eval::AccountFolder folder(policy);
  std::vector<eval::AccountFolds> folds;
  InputChain chain(inputs, input_schema);  // its warnings are pass 2's to give
  io::ReadItem item;
  std::string key;
  const auto key_slot = static_cast<std::size_t>(account.key_slot);
  while (chain.next(item)) {
    if (!item.ok) continue;  // a record in error is no one's contact
    if (key_slot >= item.record.fields.size() || !account_key_text(item.record.fields[key_slot], key)) {
      ++keyless_;
      continue;
    }
    auto [it, fresh] = index_.try_emplace(key, accounts_.size());
    if (fresh) {
      accounts_.push_back({item.record.fields[key_slot], 0, {}});
      folds.push_back(folder.start());
    }
    folder.add_contact(evaluator, item.record, today, folds[it->second]);
  }
  for (std::size_t i = 0; i < accounts_.size(); ++i) {
    accounts_[i].contacts = folds[i].contacts;
    accounts_[i].values = folder.account_value(evaluator, folds[i], today);
    folds[i] = {};
  }
}

void AccountTable::attach(RecordValue& lead) const {
  const AccountInfo& account = *policy_.account;
  const auto slot = static_cast<std::size_t>(account.field_slot);
  if (slot >= lead.fields.size()) return;
  lead.fields[slot] = Value();
  std::string key;
  const auto key_slot = static_cast<std::size_t>(account.key_slot);
  if (key_slot >= lead.fields.size() || !account_key_text(lead.fields[key_slot], key)) return;
  if (auto it = index_.find(key); it != index_.end()) lead.fields[slot] = accounts_[it->second].values;
}

std::uint64_t AccountTable::with_several_contacts() const {
  std::uint64_t n = 0;
  for (const Account& a : accounts_) n += a.contacts >= 2 ? 1 : 0;
  return n;
}

void AccountTable::write_ndjson(std::string& out) const {
  const AccountInfo& account = *policy_.account;
  const TypeRef key_type = policy_.schema.lead.fields[static_cast<std::size_t>(account.key_slot)].type;
  for (const Account& a : accounts_) {
    out += "{\"account\":";
    present::append_value(out, a.key, key_type, present::trace_json_format);
    out += ",\"contacts\":" + std::to_string(a.contacts) + ",\"values\":{";
    const auto* values = std::get_if<RecordPtr>(&a.values.data);
    for (std::size_t i = 0; i < account.lets.size(); ++i) {
      if (i > 0) out += ',';
      present::append_value(out, Value(account.lets[i].name), nullptr, present::trace_json_format);
      out += ':';
      const Value v = values != nullptr && *values && i < (*values)->fields.size() ? (*values)->fields[i] : Value();
      present::append_value(out, v, account.lets[i].type, present::trace_json_format);
    }
    out += "}}\n";
  }
}

void AccountTable::write_csv(std::string& out) const {
  const AccountInfo& account = *policy_.account;
  const TypeRef key_type = policy_.schema.lead.fields[static_cast<std::size_t>(account.key_slot)].type;
  out += "account,contacts";
  for (const AccountLetInfo& let : account.lets) {
    out += ',';
    present::append_csv_text(out, let.name);
  }
  out += '\n';
  for (const Account& a : accounts_) {
    present::append_value(out, a.key, key_type, present::csv_cell_format);
    out += ',' + std::to_string(a.contacts);
    const auto* values = std::get_if<RecordPtr>(&a.values.data);
    for (std::size_t i = 0; i < account.lets.size(); ++i) {
      out += ',';
      const Value v = values != nullptr && *values && i < (*values)->fields.size() ? (*values)->fields[i] : Value();
      present::append_value(out, v, account.lets[i].type, present::csv_cell_format);
    }
    out += '\n';
  }
}

std::string AccountTable::summary_line() const {
  return "accounts: " + std::to_string(size()) + " (with 2 or more contacts: " +
         std::to_string(with_several_contacts()) + "; records without a key: " + std::to_string(keyless_) + ")";
}

}  // namespace qpl::stream
