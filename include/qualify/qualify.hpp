#pragma once
// libqualify: QPL policies inside another program.
//
//   qualify::Compiled compiled = qualify::compile(policy_text);
//   if (!compiled.ok()) { std::cerr << compiled.diagnostics_text(); return 1; }
//   qualify::Result result = compiled.policy->evaluate_json(R"({"id": "A-1", "budget": 40000})");
//   if (result.ok()) std::cout << result.stage.value_or("(none)") << '\n';
//
// A policy file (imports read relative to it): qualify::compile_file("policies/acme.qpl").
// A whole stream of leads, written as `qualify eval` writes it: Policy::evaluate_stream().
//
// Compiling gives diagnostics as values, never an exception. A compiled Policy is immutable:
// share it (it is held by a shared_ptr) and evaluate with it from any number of threads at once.
// A result's `json` is exactly the line `qualify eval` writes for the same lead.
// The C API over this one is qualify.h. Nothing here exposes the interpreter's own headers.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace qualify {

// "0.1.0": the version of the library (and of the `qualify` command built with it).
std::string_view version();

enum class Severity { error, warning, info };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;          // "QPL101"; empty for an error without one
  std::string file;          // the name given to compile() (or an import's path)
  std::uint32_t line = 0;    // 1-based; 0 when the diagnostic has no place in a file
  std::uint32_t column = 0;  // 1-based, in code points
  std::uint32_t end_line = 0;    // just after the place the diagnostic is about
  std::uint32_t end_column = 0;
  std::string message;       // one line: "unknown name 'budjet' (did you mean 'budget'?)"
  std::string text;          // rendered as `qualify lint` prints it, source line and caret included
};

struct CompileOptions {
  std::string name = "policy.qpl";  // the file name diagnostics show
  // The folder `import` statements are read from. Unset: a policy that imports is an error (a
  // database server should not read files because a query said so).
  std::optional<std::string> import_dir;
  bool color = false;  // each Diagnostic::text with ANSI colours, as a terminal shows them
};

class Policy;

struct Compiled {
  std::shared_ptr<const Policy> policy;  // null when there were errors
  std::vector<Diagnostic> diagnostics;   // errors and warnings, in file order
  bool ok() const { return policy != nullptr; }
  // Every diagnostic as `qualify lint` prints them, one block each.
  std::string diagnostics_text() const;
};

// Compiles a policy from its text. Never throws on bad input.
Compiled compile(std::string_view text, const CompileOptions& options = {});

struct FileCompileOptions {
  bool color = false;  // as CompileOptions::color
};
// Compiles the policy file at `path`, its imports read relative to the importing file's folder,
// as `qualify eval` reads a policy. A file that cannot be read is an error diagnostic
// ("path:1:1: error: cannot read 'path': no such file or directory"), never an exception.
Compiled compile_file(const std::string& path, const FileCompileOptions& options = {});

// A lead as a map from the policy's field names (or their `from` names) to values; use JSON text
// (evaluate_json) for lists and nested records.
using FieldValue = std::variant<std::nullptr_t, bool, double, std::string>;
using Record = std::map<std::string, FieldValue>;

enum class Explain {
  none,
  json,       // the trace as `eval --explain` puts it in its NDJSON line
  text,       // the compact text summary, as `eval --explain --format table` shows it
  text_tree,  // every rule used, as `eval --explain tree --format table`
};

struct EvalOptions {
  // The date rules see as today (`eval --as-of`), YYYY-MM-DD, or an ISO date-time (its date is
  // today, the instant the time hour SLAs are measured at); the UTC clock when unset.
  std::optional<std::string> as_of;
  Explain explain = Explain::none;
  // The record number of the result's "record" (an error) or "id" (a policy without an `id`
  // field), as `eval` numbers its input records.
  std::uint64_t record_number = 1;
  // The points ledger (`eval --ledger`): Result::ledger, and a "ledger" member in Result::json.
  bool ledger = false;
};

// One rule of a score's points ledger (docs/commands.md, "The ledger").
struct LedgerEntry {
  std::string rule;            // its `as "..."` label, else its text as written
  std::uint32_t line = 0;      // its first line, 1-based
  std::string file;            // an imported file it is written in; empty for the policy's own
  std::optional<double> points;  // what it added; null: unknown (it added nothing)
};

enum class Status {
  ok,
  bad_record,    // the lead could not be read against the policy's fields: see `error`
  bad_argument,  // an EvalOptions value is invalid (an as_of that is not a date): see `error`
};

struct Gate {
  std::string group;
  std::string check;
  std::optional<bool> value;  // null: unknown
};

struct Result {
  Status status = Status::ok;
  std::string error;  // why, when status is not ok
  std::optional<std::string> stage;    // null: no funnel, or no funnel line true
  std::optional<std::string> because;
  // A forward-only funnel (`funnel forward-only`) with the lead's previous stage: `held` is the
  // stage today's lines gave when the lead kept its earlier `stage` instead; `recycled` is true
  // when a recycle line sent it back (`because` is then that line's).
  std::optional<std::string> held;
  bool recycled = false;
  std::vector<std::pair<std::string, double>> scores;               // in declaration order
  std::vector<std::pair<std::string, std::optional<std::string>>> grades;  // grades and bands; null: unknown
  std::vector<std::pair<std::string, std::optional<bool>>> icp;     // null: unknown
  std::vector<Gate> gates;
  // With EvalOptions::ledger: for every score, in declaration order, the rules that counted.
  std::vector<std::pair<std::string, std::vector<LedgerEntry>>> ledger;
  // `qualify eval`'s NDJSON line for the lead (no final newline), "explain" member included
  // when Explain::json was asked. For a bad record: its error line, {"record":N,"error":...}.
  std::string json;
  std::string explain;  // the trace, in the form asked; empty for Explain::none
  bool ok() const { return status == Status::ok; }
};

// Evaluating a stream of leads (Policy::evaluate_stream), as `qualify eval` does.
enum class InputFormat { ndjson, json, csv };
enum class OutputFormat { ndjson, csv, table };  // `eval --format`
enum class ExplainDetail {
  none,
  compact,  // `eval --explain` (compact): the rules that decided
  tree,     // `eval --explain tree`: every rule used, as a tree in csv and table
  full,     // `eval --explain full`: the tree with every value computed on the way
};

struct LeadInput {
  std::string path;  // "-" is standard input
  InputFormat format = InputFormat::ndjson;
};

struct StreamOptions {
  std::optional<std::string> as_of;  // YYYY-MM-DD or a date-time (EvalOptions::as_of); the UTC clock when unset
  OutputFormat format = OutputFormat::ndjson;
  ExplainDetail explain = ExplainDetail::none;
  std::optional<std::string> why_not;  // a stage of the funnel: what each lead lacks to reach it
  // Input columns (CSV) or keys and dotted paths (JSON) carried into each result (`eval --keep`):
  // csv and ndjson only.
  std::vector<std::string> keep;
  bool unreadable_missing = false;  // `eval --unreadable missing`, for every optional field
  unsigned jobs = 1;                // threads evaluating; 0: one per hardware thread
  bool summary = false;             // fill StreamReport::summary (`eval --summary`)
  // An earlier run's results (`eval --previous`): each lead's previous stage and since, joined by
  // id; the results then carry "since". Its warnings go to StreamOutput::warning as it is read.
  std::optional<LeadInput> previous;
  bool ledger = false;  // `eval --ledger`: each score's rules and points on every result
  bool audit = false;   // `eval --audit`: the policy's file, version and sha256 on every line
  // `eval --overdue`: write only the leads past their stage's `sla` (and every error line); a
  // policy without an `sla` is a bad_argument.
  bool overdue = false;
  // A policy with an `account` block: each account's line (`eval --accounts FILE`), in the order
  // of its first record, written through StreamOutput::accounts after the results, as ndjson or
  // csv (table is a bad_argument). A policy without an account block is a bad_argument.
  std::optional<OutputFormat> accounts;
};

struct StreamStats {
  std::uint64_t records = 0;
  std::uint64_t errors = 0;    // records that could not be read (their lines are error lines)
  std::uint64_t no_stage = 0;  // evaluated, but no funnel or no funnel line true
  std::vector<std::pair<std::string, std::uint64_t>> stages;  // in funnel order
};

// Where a stream's results go. Every call is made on the thread that called evaluate_stream.
struct StreamOutput {
  // Result bytes, in input order (a csv header and a table's closing lines included). An
  // exception thrown here stops the run (its threads joined) and leaves evaluate_stream.
  std::function<void(std::string_view)> write;
  std::function<void()> flush;  // the input is about to wait: pass on what was written (a live feed)
  std::function<void(const std::string&)> warning;      // a reader's warning, when it happens
  std::function<void(const StreamStats&)> progress;     // after each batch of results
  std::function<void(std::string_view)> accounts;       // StreamOptions::accounts' lines
};

enum class StreamStatus {
  ok,
  input_error,   // an input could not be opened or read on: `error`; the results before it were written
  bad_argument,  // a StreamOptions value is invalid: `error`; nothing was read
};

struct StreamReport {
  StreamStatus status = StreamStatus::ok;
  std::string error;
  StreamStats stats;
  // After the run, as `eval` prints them on stderr: the keys no record of a JSON file had, then
  // what the data watch noticed (unreadable values read as missing, text matching a literal only
  // when case is ignored).
  std::vector<std::string> input_warnings;
  std::vector<std::string> data_warnings;
  std::string summary;  // `eval --summary`'s table, when StreamOptions::summary
  bool ok() const { return status == StreamStatus::ok; }
};

// A file a compiled policy was read from, or reads when its tests run.
struct SourceFile {
  enum class Kind { policy, import, test_table };
  Kind kind = Kind::policy;
  std::string path;  // as opened: an import's path joined to its importer's folder
  std::string test;  // for a test table: the name of the test that reads it
};

class Policy {
 public:
  ~Policy();
  Policy(const Policy&) = delete;
  Policy& operator=(const Policy&) = delete;

  // The lead as one JSON object, read as `eval` reads a line of NDJSON.
  Result evaluate_json(std::string_view json, const EvalOptions& options = {}) const;
  Result evaluate(const Record& record, const EvalOptions& options = {}) const;

  // Reads `inputs` one after the other as one stream of records (numbers continuing from file
  // to file) and writes one result per record to `output`, in input order, exactly as
  // `qualify eval` does with the same options. Memory stays flat however long the input. Several
  // streams may run on one Policy at once.
  StreamReport evaluate_stream(const std::vector<LeadInput>& inputs, const StreamOutput& output,
                               const StreamOptions& options = {}) const;

  std::vector<SourceFile> files() const;    // the policy's file (or name), its imports, its test tables

  std::string_view name() const;            // the policy's declared name
  std::vector<std::string> stages() const;  // the funnel's stages, in order
  // Whether the policy declares `account by`: its streams read their inputs twice, so they must
  // be files (not stdin or a pipe).
  bool declares_accounts() const;

  struct Impl;  // defined by the library

 private:
  explicit Policy(std::unique_ptr<Impl> impl);
  friend struct PolicyAccess;  // the library's own (src/api/policy_access.hpp)
  std::unique_ptr<Impl> impl_;
};

}  // namespace qualify
