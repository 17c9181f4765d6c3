#include "diff/diff_pipeline.hpp"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include <fmt/core.h>

#include "eval/trace.hpp"

namespace qpl::diff {
namespace {

constexpr std::size_t batch_size = 64;

struct Batch {
  std::vector<io::ReadItem> old_items, new_items;
  std::vector<io::UnboundRecord> old_raws, new_raws;
  std::size_t count = 0;
  bool shared = false;  // one schema: old_items serve both policies, new_items are unused
};

// One thread's evaluators, binders and tally.
class Worker {
 public:
  Worker(const CheckedPolicy& old_policy, const CheckedPolicy& new_policy, const DiffShape& shape,
         const DiffSettings& settings)
      : old_policy_(old_policy), new_policy_(new_policy), shape_(shape), settings_(settings),
        old_eval_(old_policy), new_eval_(new_policy), old_binder_(old_policy.schema),
        new_binder_(new_policy.schema), tally(shape_) {}

  void process(Batch& batch) {
    // Records left unbound (--jobs) are read and bound here, each batch in one read per file.
    if (!batch.old_raws.empty()) old_binder_.bind_all(batch.old_raws.data(), batch.old_items.data(), batch.count);
    if (!batch.shared && !batch.new_raws.empty())
      new_binder_.bind_all(batch.new_raws.data(), batch.new_items.data(), batch.count);
    for (std::size_t i = 0; i < batch.count; ++i) {
      io::ReadItem& o = batch.old_items[i];
      count(o, batch.shared ? o : batch.new_items[i]);
    }
  }

 private:
  // The record a policy evaluates: as read, or a copy with its `account` set.
  static const RecordValue& lead_for(const io::ReadItem& item, const std::function<void(RecordValue&)>& account,
                                     RecordValue& scratch) {
    if (!account) return item.record;
    scratch = item.record;
    account(scratch);
    return scratch;
  }

  std::size_t stage(const io::ReadItem& item, eval::Evaluator& evaluator, eval::LeadOutcome& outcome,
                    const std::vector<std::size_t>& stage_of_line, std::size_t none,
                    std::size_t unreadable, const std::function<void(RecordValue&)>& account) {
    if (!item.ok) return unreadable;
    evaluator.evaluate(lead_for(item, account, scratch_), settings_.today, eval::ExplainLevel::none, outcome);
    if (outcome.funnel_line < 0) return none;
    return stage_of_line[static_cast<std::size_t>(outcome.funnel_line)];
  }

  void count(const io::ReadItem& o, const io::ReadItem& n) {
    ++tally.records;
    const std::size_t from = stage(o, old_eval_, old_out_, shape_.old_stage_of_line,
                                   shape_.none_old(), shape_.unreadable_old(), settings_.old_account);
    const std::size_t to = stage(n, new_eval_, new_out_, shape_.new_stage_of_line,
                                 shape_.none_new(), shape_.unreadable_new(), settings_.new_account);
    const std::size_t cell = shape_.cell(from, to);
    ++tally.cells[cell];
    if (o.ok && n.ok) count_results();
    if (!shape_.same_stage(from, to) && tally.wants_example(cell, o.number, settings_.examples)) {
      tally.add_example(cell, example(o, n), settings_.examples);
    }
  }

  void count_results() {
    for (std::size_t i = 0; i < shape_.scores.size(); ++i) {
      const DiffShape::Pair& pair = shape_.scores[i];
      DiffTally::ScoreStats& stats = tally.scores[i];
      const bool both = pair.old_index >= 0 && pair.new_index >= 0;
      double a = 0, b = 0;
      if (pair.old_index >= 0) stats.old_values.add(a = old_out_.scores[static_cast<std::size_t>(pair.old_index)]);
      if (pair.new_index >= 0) stats.new_values.add(b = new_out_.scores[static_cast<std::size_t>(pair.new_index)]);
      if (both && a != b) ++stats.changed;
    }
    for (std::size_t i = 0; i < shape_.results.size(); ++i) {
      const DiffShape::Pair& pair = shape_.results[i];
      const bool icp = pair.kind == "icp";
      const auto& old_values = icp ? old_out_.icps : old_out_.checks;
      const auto& new_values = icp ? new_out_.icps : new_out_.checks;
      const Tristate a = pair.old_index >= 0 ? tristate(old_values[static_cast<std::size_t>(pair.old_index)])
                                             : Tristate::unknown;
      const Tristate b = pair.new_index >= 0 ? tristate(new_values[static_cast<std::size_t>(pair.new_index)])
                                             : Tristate::unknown;
      ++tally.results[i][static_cast<std::size_t>(a) * 3 + static_cast<std::size_t>(b)];
    }
  }

  // The lead's id, from whichever policy could read it, and the first rule that differs.
  DiffExample example(const io::ReadItem& o, const io::ReadItem& n) {
    DiffExample e;
    e.record = o.number;
    const io::ReadItem& readable = o.ok ? o : n;
    const CheckedPolicy& policy = o.ok ? old_policy_ : new_policy_;
    if (readable.ok && policy.schema.id_field >= 0) {
      const Value& id = readable.record.fields[static_cast<std::size_t>(policy.schema.id_field)];
      const auto* text = std::get_if<std::string>(&id.data);
      e.id = text != nullptr ? *text : present::value_as_text(id);
      e.id_json = present::value_as_json(id);
    } else {
      e.id = fmt::format("record {}", o.number);
      e.id_json = fmt::format("{}", o.number);
    }
    if (!o.ok) e.old_error = o.error;
    if (!n.ok) e.new_error = n.error;
    eval::LeadOutcome old_traced, new_traced;
    if (o.ok) old_eval_.evaluate(lead_for(o, settings_.old_account, scratch_), settings_.today, eval::ExplainLevel::compact, old_traced);
    // A record of its own for the new side: the old trace refers to the old one's values.
    if (n.ok) new_eval_.evaluate(lead_for(n, settings_.new_account, new_scratch_), settings_.today, eval::ExplainLevel::compact, new_traced);
    if (old_traced.trace && new_traced.trace) {
      e.why = present::first_rule_difference(*old_traced.trace, old_policy_, *new_traced.trace, new_policy_);
    } else if (old_traced.trace) {  // the new policy cannot read it: how the old one placed it
      e.why.old_side = present::deciding_line(*old_traced.trace, old_policy_);
    } else if (new_traced.trace) {
      e.why.new_side = present::deciding_line(*new_traced.trace, new_policy_);
    }
    return e;
  }

  const CheckedPolicy& old_policy_;
  const CheckedPolicy& new_policy_;
  const DiffShape& shape_;
  const DiffSettings& settings_;
  eval::Evaluator old_eval_, new_eval_;
  io::RecordBinder old_binder_, new_binder_;
  RecordValue scratch_;  // a record with its `account` set (lead_for)
  RecordValue new_scratch_;  // the same for the new policy, while the old one's trace is kept
  eval::LeadOutcome old_out_, new_out_;

 public:
  DiffTally tally;  // initialized last: it needs shape_
};

class Pipeline {
 public:
  Pipeline(const CheckedPolicy& old_policy, const CheckedPolicy& new_policy, const DiffShape& shape,
           const DiffSettings& settings)
      : old_policy_(old_policy), new_policy_(new_policy), shape_(shape), settings_(settings) {}

  ~Pipeline() { stop_workers(); }

  DiffTally run(io::LeadReader& old_input, io::LeadReader* new_input) {
    const unsigned jobs = std::max(1u, settings_.jobs);
    const bool deferred = jobs > 1;
    if (deferred) {  // each thread reads the bytes of the records it binds
      old_input.leave_records_in_file(true);
      if (new_input != nullptr) new_input->leave_records_in_file(true);
    }
    main_ = make_worker();
    for (unsigned i = 1; i < jobs; ++i) {
      workers_.push_back(make_worker());
      threads_.emplace_back([this, w = workers_.back().get()] { work(*w); });
    }
    const std::size_t max_queued = 2 * static_cast<std::size_t>(jobs);
    try {
      for (bool ended = false; !ended;) {
        std::unique_ptr<Batch> batch = take_free_batch(deferred);
        ended = fill(*batch, old_input, new_input, deferred);
        if (batch->count == 0) {
          recycle(std::move(batch));
          continue;
        }
        if (!deferred) {
          main_->process(*batch);
          recycle(std::move(batch));
          continue;
        }
        submit(std::move(batch));
        // Too much queued: the main thread lends a hand rather than reading ahead.
        while (std::unique_ptr<Batch> own = take_queued_if_over(max_queued)) {
          main_->process(*own);
          recycle(std::move(own));
        }
      }
    } catch (...) {
      stop_workers();
      throw;
    }
    stop_workers();
    DiffTally tally = std::move(main_->tally);
    for (auto& worker : workers_) tally.merge(std::move(worker->tally), settings_.examples);
    return tally;
  }

 private:
  std::unique_ptr<Worker> make_worker() const {
    return std::make_unique<Worker>(old_policy_, new_policy_, shape_, settings_);
  }

  // Reads up to a batch of records from both inputs; true at the end of the input.
  static bool fill(Batch& batch, io::LeadReader& old_input, io::LeadReader* new_input, bool deferred) {
    batch.shared = new_input == nullptr;
    while (batch.count < batch.old_items.size()) {
      const std::size_t i = batch.count;
      const bool got_old = deferred ? old_input.next_unbound(batch.old_items[i], batch.old_raws[i])
                                    : old_input.next(batch.old_items[i]);
      if (batch.shared) {
        if (!got_old) return true;
        ++batch.count;
        continue;
      }
      const bool got_new = deferred ? new_input->next_unbound(batch.new_items[i], batch.new_raws[i])
                                    : new_input->next(batch.new_items[i]);
      if (got_old != got_new ||
          (got_old && batch.old_items[i].number != batch.new_items[i].number)) {
        throw io::InputError("the two policies read a different number of records from the inputs");
      }
      if (!got_old) return true;
      ++batch.count;
    }
    return false;
  }

  std::unique_ptr<Batch> take_free_batch(bool deferred) {
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        std::unique_ptr<Batch> batch = std::move(free_.back());
        free_.pop_back();
        return batch;
      }
    }
    auto batch = std::make_unique<Batch>();
    batch->old_items.resize(batch_size);
    batch->new_items.resize(batch_size);
    if (deferred) {
      batch->old_raws.resize(batch_size);
      batch->new_raws.resize(batch_size);
    }
    return batch;
  }

  void recycle(std::unique_ptr<Batch> batch) {
    batch->count = 0;
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(batch));
  }

  void submit(std::unique_ptr<Batch> batch) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(batch));
    }
    ready_.notify_one();
  }

  std::unique_ptr<Batch> take_queued_if_over(std::size_t limit) {
    std::lock_guard lock(mutex_);
    if (queue_.size() <= limit) return nullptr;
    std::unique_ptr<Batch> batch = std::move(queue_.front());
    queue_.pop_front();
    return batch;
  }

  void work(Worker& worker) {
    for (;;) {
      std::unique_ptr<Batch> batch;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return closing_ || !queue_.empty(); });
        if (queue_.empty()) return;  // closing and nothing left
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      worker.process(*batch);
      recycle(std::move(batch));
    }
  }

  void stop_workers() {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

  const CheckedPolicy& old_policy_;
  const CheckedPolicy& new_policy_;
  const DiffShape& shape_;
  const DiffSettings& settings_;
  std::unique_ptr<Worker> main_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::unique_ptr<Batch>> queue_;
  std::vector<std::unique_ptr<Batch>> free_;
  bool closing_ = false;
};

}  // namespace

DiffTally run_diff_pipeline(const CheckedPolicy& old_policy, const CheckedPolicy& new_policy,
                            const DiffShape& shape, io::LeadReader& old_input, io::LeadReader* new_input,
                            const DiffSettings& settings) {
  Pipeline pipeline(old_policy, new_policy, shape, settings);
  return pipeline.run(old_input, new_input);
}

}  // namespace qpl::diff
