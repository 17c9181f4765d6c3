#include "stream/account_table.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <memory>
#include <thread>

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

namespace {

// What a thread needs for pass 1.
struct Pass1Worker {
  Pass1Worker(const CheckedPolicy& policy, const Schema& schema) : evaluator(policy), binder(schema) {}
  eval::Evaluator evaluator;
  io::RecordBinder binder;
};

// Records read together; each with its key (when it has one) and its aggregates' parts.
struct Pass1Batch {
  explicit Pass1Batch(std::size_t size) : items(size), raws(size), keys(size), keyed(size), parts(size) {}
  std::vector<io::ReadItem> items;
  std::vector<io::UnboundRecord> raws;
  std::vector<std::string> keys;
  std::vector<char> keyed;
  std::vector<std::vector<Value>> parts;
  std::size_t count = 0;
};

constexpr std::size_t pass1_batch_size = 512;

}  // namespace

AccountTable::AccountTable(const CheckedPolicy& policy, const std::vector<InputSpec>& inputs,
                           const Schema& input_schema, std::int32_t today, unsigned jobs)
    : policy_(policy) {
  const AccountInfo& account = *policy.account;
  const eval::AccountFolder folder(policy);
  const auto key_slot = static_cast<std::size_t>(account.key_slot);
  const unsigned threads = std::max(1u, jobs);
  std::vector<std::unique_ptr<Pass1Worker>> workers;
  std::vector<Pass1Batch> batches;
  for (unsigned i = 0; i < threads; ++i) {
    workers.push_back(std::make_unique<Pass1Worker>(policy, input_schema));
    batches.emplace_back(pass1_batch_size);
  }
  // Binds what the reader left unbound, then the key and the parts of each record with a key.
  const auto process = [&](Pass1Batch& batch, Pass1Worker& worker) {
    worker.binder.bind_all(batch.raws.data(), batch.items.data(), batch.count);
    for (std::size_t i = 0; i < batch.count; ++i) {
      io::ReadItem& item = batch.items[i];
      batch.keyed[i] = item.ok && key_slot < item.record.fields.size() &&
                       account_key_text(item.record.fields[key_slot], batch.keys[i]);
      if (batch.keyed[i]) folder.contact_parts(worker.evaluator, item.record, today, batch.parts[i]);
    }
  };
  std::vector<eval::AccountFolds> folds;
  InputChain chain(inputs, input_schema);  // its warnings are pass 2's to give
  if (threads > 1) chain.leave_records_in_file(true);  // each thread reads its own records
  bool ended = false;
  while (!ended) {
    std::size_t filled = 0;
    for (Pass1Batch& batch : batches) {
      batch.count = 0;
      while (batch.count < pass1_batch_size && !ended) {
        if (chain.next_unbound(batch.items[batch.count], batch.raws[batch.count])) ++batch.count;
        else ended = true;
      }
      ++filled;
      if (ended) break;
    }
    // An exception on a thread (memory) is rethrown here, once every thread is joined.
    std::vector<std::exception_ptr> failures(filled);
    std::vector<std::thread> running;
    for (std::size_t k = 1; k < filled; ++k)
      running.emplace_back([&process, &batches, &workers, &failures, k] {
        try {
          process(batches[k], *workers[k]);
        } catch (...) {
          failures[k] = std::current_exception();
        }
      });
    try {
      process(batches[0], *workers[0]);
    } catch (...) {
      failures[0] = std::current_exception();
    }
    for (std::thread& thread : running) thread.join();
    for (const std::exception_ptr& failure : failures)
      if (failure) std::rethrow_exception(failure);
    // In input order: the first record of an account places it, and the folds add up in order.
    for (std::size_t k = 0; k < filled; ++k) {
      const Pass1Batch& batch = batches[k];
      for (std::size_t i = 0; i < batch.count; ++i) {
        if (!batch.items[i].ok) continue;  // a record in error is no one's contact
        if (!batch.keyed[i]) {
          ++keyless_;
          continue;
        }
        auto [it, fresh] = index_.try_emplace(batch.keys[i], accounts_.size());
        if (fresh) {
          accounts_.push_back({batch.items[i].record.fields[key_slot], 0, {}});
          folds.push_back(folder.start());
        }
        folder.fold(batch.parts[i], folds[it->second]);
      }
    }
  }
  eval::Evaluator& evaluator = workers.front()->evaluator;
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
