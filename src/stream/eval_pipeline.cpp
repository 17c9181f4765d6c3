#include "stream/eval_pipeline.hpp"

#include "eval/forward_only.hpp"
#include "eval/trace_builder.hpp"
#include "stream/account_table.hpp"
#include "stream/data_watch.hpp"
#include "stream/previous_results.hpp"
#include "model/memory.hpp"
#include "model/sla.hpp"
#include "present/result_fields.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace qpl::stream {
namespace {

struct Batch {
  std::vector<io::ReadItem> items;
  std::vector<io::UnboundRecord> raws;  // with workers: records whose binding is left to them
  std::vector<eval::LeadOutcome> outcomes;
  std::vector<present::ExplainRenderer> explains;  // each renders its lead's outcome's trace
  // For a writer that writes on the main thread only: the explanations rendered beforehand, by
  // the thread that evaluated them.
  std::vector<std::string> explain_texts;
  std::vector<std::string> why_nots;
  std::vector<LeadSince> sinces;  // with stage memory: each lead's since and SLA state
  std::size_t count = 0;
  std::string out;         // formatted results, when the writer allows formatting off-thread
  bool formatted = false;
  bool done = false;       // guarded by the pipeline's mutex
};

// 64 records, with workers too now that they bind the records (256 cost them ~20% more CPU).
// 16 when the results carry an explanation or a why-not: an explained lead's JSON is some 6 KB,
// which a batch of 64 holds past the core's L2 cache while it is rendered into its result line
// and written (8-9% more time on 100k leads than batches of 8 to 32, measured when the JSON was
// rendered apart and then copied into the line).
std::size_t automatic_batch_size(const EvalSettings& settings) {
  return settings.annotations.any() ? 16 : 64;
}

class Pipeline {
 public:
  Pipeline(const CheckedPolicy& policy, present::ResultWriter& writer, const EvalSettings& settings,
           const OutputSinkFn& sink, const ProgressFn& progress)
      : policy_(policy), writer_(writer), settings_(settings), sink_(sink), progress_(progress),
        batch_size_(settings.batch_size > 0 ? settings.batch_size : automatic_batch_size(settings)) {
    if (policy.funnel != nullptr) stats_.per_line.assign(policy.funnel->lines.size(), 0);
    if (settings.watch != nullptr) pristine_watch_.emplace(*settings.watch);
    start_watch(main_worker_);
  }

  ~Pipeline() { stop_workers(); }

  // With jobs > 1, the main thread only frames records (parsing and binding are most of the
  // reading work, so they go to the workers) and is itself one of the `jobs` workers while it
  // waits for the oldest batch: on 2 cores, 2 busy threads rather than 3.
  EvalStats run(io::LeadReader& input) {
    std::string header;
    writer_.begin(header);
    if (!header.empty()) sink_(header);
    const unsigned jobs = settings_.jobs;
    if (jobs > 1) {
      start_workers(jobs - 1);
      input.leave_records_in_file(true);  // each worker reads its records' bytes itself
    }
    // Framed ahead far enough that a worker finishing a batch always finds another queued: with
    // 2 per job, the worker of `--jobs 2` waited 58 ms of a 1.17 s run (1M leads) for the main
    // thread to frame the next batch; with 8, 1 ms.
    const std::size_t max_in_flight = 8 * static_cast<std::size_t>(jobs) + 1;
    // An input that fails for good (a JSON array cut short, an unreadable next file) ends the
    // run, but the records read before it still get their results, whatever the thread count.
    std::exception_ptr input_failure;
    try {
      for (;;) {
        std::unique_ptr<Batch> batch = take_free_batch();
        bool ended = false;
        bool idle = false;  // the input has nothing more for now: write what we have first
        try {
          while (batch->count < batch->items.size()) {
            if (batch->count > 0 && input.would_block()) {
              idle = true;
              break;
            }
            const std::size_t i = batch->count;
            if (!(jobs > 1 ? input.next_unbound(batch->items[i], batch->raws[i])
                           : input.next(batch->items[i]))) {
              ended = true;
              break;
            }
            ++batch->count;
          }
        } catch (const io::InputError&) {
          input_failure = std::current_exception();
        }
        if (batch->count > 0) {
          if (jobs > 1) {
            submit(std::move(batch));
            while (in_flight_.size() >= max_in_flight) emit_front();
          } else {
            process(*batch, main_worker_);
            emit(std::move(batch));
          }
        }
        if (idle) {
          while (!in_flight_.empty()) emit_front();
          sink_({});
        }
        if (ended || input_failure) break;
      }
      while (!in_flight_.empty()) emit_front();
    } catch (...) {
      stop_workers();  // in-flight batches are dropped: the output failed
      throw;
    }
    stop_workers();
    if (main_worker_.watch) settings_.watch->merge(*main_worker_.watch);
    std::string trailer;
    writer_.finish(trailer);
    if (!trailer.empty()) sink_(trailer);
    if (input_failure) std::rethrow_exception(input_failure);
    return stats_;
  }

 private:
  std::unique_ptr<Batch> take_free_batch() {
    if (!free_.empty()) {
      std::unique_ptr<Batch> batch = std::move(free_.back());
      free_.pop_back();
      return batch;
    }
    auto batch = std::make_unique<Batch>();
    batch->items.resize(batch_size_);
    if (settings_.jobs > 1) batch->raws.resize(batch_size_);
    batch->outcomes.resize(batch_size_);
    if (settings_.annotations.explain) {
      batch->explains.resize(batch_size_, present::ExplainRenderer(policy_, settings_.annotations));
      if (!writer_.stateless()) batch->explain_texts.resize(batch_size_);
    }
    if (settings_.annotations.why_not_stage) batch->why_nots.resize(batch_size_);
    if (settings_.previous_slot >= 0) batch->sinces.resize(batch_size_);
    return batch;
  }

  present::ResultView view(const Batch& batch, std::size_t i) const {
    const io::ReadItem& item = batch.items[i];
    present::ResultView result;
    result.record = item.number;
    if (!item.ok) {
      result.error = item.error;
      if (!std::holds_alternative<Unknown>(item.error_id.data)) result.error_id = &item.error_id;
      return result;
    }
    result.lead = &item.record;
    result.outcome = &batch.outcomes[i];
    if (settings_.previous_slot >= 0) {
      const LeadSince& where = batch.sinces[i];
      result.since = where.since;
      result.since_at = where.since_at;
      result.sla = where.sla;
    }
    if (settings_.annotations.any()) annotate(batch, i, result);
    return result;
  }

  static void annotate(const Batch& batch, std::size_t i, present::ResultView& result) {
    if (!batch.explain_texts.empty()) result.explain.text = batch.explain_texts[i];
    else if (!batch.explains.empty() && batch.explains[i].trace) result.explain.renderer = &batch.explains[i];
    if (!batch.why_nots.empty()) result.why_not.text = batch.why_nots[i];
  }

  // The lead's since and SLA state at its final stage (model/sla.hpp).
  LeadSince lead_since(const RecordValue& lead, const eval::LeadOutcome& outcome, std::uint64_t number) const {
    const eval::StageAnswer answer = eval::stage_answer(policy_, outcome);
    std::optional<std::int64_t> remembered;
    if (settings_.previous != nullptr && has_hour_sla(policy_.funnel, answer.stage))
      remembered = settings_.previous->since_time(lead, policy_.schema.id_field, number);
    return qpl::lead_since(policy_.funnel, lead, settings_.previous_slot, answer.stage,
                           SlaClock{settings_.today, settings_.now}, remembered);
  }

  // What a thread needs to process batches.
  struct Worker {
    Worker(const CheckedPolicy& policy, const Schema& schema, bool ledger, eval::ExplainLevel level)
        : evaluator(policy), binder(schema), every_line(level, eval::TraceBuilder::Lines::every_line) {
      evaluator.keep_ledger(ledger);
    }
    eval::Evaluator evaluator;
    io::RecordBinder binder;
    // Why-not's trace: every funnel line, also after the lead's stage.
    eval::TraceBuilder every_line;
    // This thread's copy of the data watch: the records it binds are read here, where they are
    // in its cache, and the copies are merged once the run ends.
    std::optional<DataWatch> watch;
  };

  // Binds the records left unbound, evaluates the batch, and formats it too when the writer
  // keeps no state (safe on any thread).
  void process(Batch& batch, Worker& worker) const {
    const present::AnnotationRequest& ask = settings_.annotations;
    eval::Evaluator& evaluator = worker.evaluator;
    if (!batch.raws.empty()) worker.binder.bind_all(batch.raws.data(), batch.items.data(), batch.count);
    for (std::size_t i = 0; i < batch.count; ++i) {
      io::ReadItem& item = batch.items[i];
      if (!item.ok) continue;
      if (settings_.previous) settings_.previous->attach(item.record, policy_.schema.id_field, settings_.previous_slot, item.number);
      if (settings_.accounts) settings_.accounts->attach(item.record);
      eval::LeadOutcome& outcome = batch.outcomes[i];
      if (ask.explain) {
        batch.explains[i].trace = nullptr;
        if (!batch.explain_texts.empty()) batch.explain_texts[i].clear();
      }
      if (ask.why_not_stage) batch.why_nots[i].clear();
      // Why-not needs every funnel line; the explanation only those up to the decision, so that
      // it shows the same whether or not --why-not is asked too.
      if (ask.why_not_stage) {
        evaluator.evaluate(item.record, settings_.today, &worker.every_line, outcome);
        std::unique_ptr<eval::Trace> trace = worker.every_line.take();
        if (!outcome.too_deep)
          present::render_why_not(policy_, *trace, *ask.why_not_stage, ask.style, batch.why_nots[i]);
        worker.every_line.recycle(std::move(trace));
      }
      if (!outcome.too_deep && (!ask.why_not_stage || ask.explain))
        evaluator.evaluate(item.record, settings_.today, settings_.level, outcome);
      if (outcome.too_deep) {
        item.ok = false;
        item.error = eval::Evaluator::too_deep_message();
        continue;
      }
      if (!batch.sinces.empty()) {  // once, for the result line and the explanation
        batch.sinces[i] = lead_since(item.record, outcome, item.number);
        if (ask.explain && outcome.trace) outcome.trace->sla = batch.sinces[i].sla;
      }
      if (ask.explain) {  // rendered by the writer, straight into the result line
        batch.explains[i].trace = outcome.trace.get();
        if (!batch.explain_texts.empty() && outcome.trace) batch.explains[i].append(batch.explain_texts[i]);
      }
    }
    if (worker.watch)
      for (std::size_t i = 0; i < batch.count; ++i) worker.watch->observe(batch.items[i]);
    batch.formatted = writer_.stateless();
    if (batch.formatted) {
      for (std::size_t i = 0; i < batch.count; ++i) write(view(batch, i), batch.out);
    }
  }

  void write(const present::ResultView& result, std::string& out) const {
    const bool overdue = result.sla && result.sla->overdue();
    if (settings_.overdue_only && result.outcome != nullptr && !overdue) return;
    writer_.write(result, out);
  }

  // Writes a processed batch (main thread only) and recycles it.
  void emit(std::unique_ptr<Batch> batch) {
    if (!batch->formatted) {
      for (std::size_t i = 0; i < batch->count; ++i) write(view(*batch, i), batch->out);
    }
    count(*batch);
    if (!batch->out.empty()) sink_(batch->out);
    batch->out.clear();
    batch->count = 0;
    batch->formatted = false;
    batch->done = false;
    free_.push_back(std::move(batch));
    if (progress_) progress_(stats_);
  }

  // The line a lead is counted under: the one that fired, or for a lead a forward-only funnel
  // held or recycled, the first line of its final stage (the summary counts stages).
  int summary_line(const eval::LeadOutcome& outcome) const {
    if (outcome.recycle_line < 0 && outcome.held_rank < 0) return outcome.funnel_line;
    const eval::StageAnswer answer = eval::stage_answer(policy_, outcome);
    const auto& lines = policy_.funnel->lines;
    for (std::size_t i = 0; answer.stage != nullptr && i < lines.size(); ++i)
      if (lines[i].stage == *answer.stage) return static_cast<int>(i);
    return outcome.funnel_line;
  }

  void count(const Batch& batch) {
    for (std::size_t i = 0; i < batch.count; ++i) {
      ++stats_.records;
      if (!batch.items[i].ok) {
        ++stats_.errors;
        continue;
      }
      const int line = summary_line(batch.outcomes[i]);
      if (line >= 0 && static_cast<std::size_t>(line) < stats_.per_line.size()) {
        ++stats_.per_line[static_cast<std::size_t>(line)];
      } else {
        ++stats_.no_stage;
      }
    }
  }

  // Each thread watches a copy of the watch as it was before any record.
  void start_watch(Worker& worker) const {
    if (pristine_watch_) worker.watch.emplace(*pristine_watch_);
  }

  void start_workers(unsigned count) {
    for (unsigned i = 0; i < count; ++i) {
      workers_.emplace_back([this] { work(); });
    }
  }

  void stop_workers() {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& worker : workers_) worker.join();
    workers_.clear();
  }

  void work() {
    Worker worker(policy_, input_schema(), settings_.ledger, settings_.level);
    start_watch(worker);
    for (;;) {
      Batch* batch = nullptr;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [this] { return closing_ || !queue_.empty(); });
        if (queue_.empty()) {  // closing and nothing left
          if (worker.watch) settings_.watch->merge(*worker.watch);
          return;
        }
        batch = queue_.front();
        queue_.pop_front();
      }
      process(*batch, worker);
      finish(*batch);
    }
  }

  void finish(Batch& batch) {
    {
      std::lock_guard lock(mutex_);
      batch.done = true;
    }
    batch_done_.notify_all();
  }

  void submit(std::unique_ptr<Batch> batch) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(batch.get());
    }
    in_flight_.push_back(std::move(batch));
    work_ready_.notify_one();
  }

  // Waits for the oldest batch, processing queued ones meanwhile, then writes it.
  void emit_front() {
    Batch* front = in_flight_.front().get();
    for (;;) {
      Batch* batch = nullptr;
      {
        std::unique_lock lock(mutex_);
        batch_done_.wait(lock, [this, front] { return front->done || !queue_.empty(); });
        if (front->done) break;
        batch = queue_.front();
        queue_.pop_front();
      }
      process(*batch, main_worker_);
      finish(*batch);
    }
    std::unique_ptr<Batch> batch = std::move(in_flight_.front());
    in_flight_.pop_front();
    emit(std::move(batch));
  }

  const Schema& input_schema() const {
    return settings_.input_schema ? *settings_.input_schema : policy_.schema;
  }

  const CheckedPolicy& policy_;
  present::ResultWriter& writer_;
  const EvalSettings& settings_;
  const OutputSinkFn& sink_;
  const ProgressFn& progress_;
  const std::size_t batch_size_;
  EvalStats stats_;
  std::optional<DataWatch> pristine_watch_;
  Worker main_worker_{policy_, input_schema(), settings_.ledger, settings_.level};

  std::vector<std::unique_ptr<Batch>> free_;
  std::deque<std::unique_ptr<Batch>> in_flight_;  // in input order
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable work_ready_, batch_done_;
  std::deque<Batch*> queue_;  // submitted, not yet taken by a worker
  bool closing_ = false;
};

}  // namespace

EvalStats run_eval_pipeline(const CheckedPolicy& policy, io::LeadReader& input, present::ResultWriter& writer,
                            const EvalSettings& settings, const OutputSinkFn& sink,
                            const ProgressFn& progress) {
  Pipeline pipeline(policy, writer, settings, sink, progress);
  return pipeline.run(input);
}

}  // namespace qpl::stream
