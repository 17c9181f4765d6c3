#pragma once
// libqualify: QPL policies inside another program.
//
//   qualify::Compiled compiled = qualify::compile(policy_text);
//   if (!compiled.ok()) { std::cerr << compiled.diagnostics_text(); return 1; }
//   qualify::Result result = compiled.policy->evaluate_json(R"({"id": "A-1", "budget": 40000})");
//   if (result.ok()) std::cout << result.stage.value_or("(none)") << '\n';
//
// Compiling gives diagnostics as values, never an exception. A compiled Policy is immutable:
// share it (it is held by a shared_ptr) and evaluate with it from any number of threads at once.
// A result's `json` is exactly the line `qualify eval` writes for the same lead.
// The C API over this one is qualify.h. Nothing here exposes the interpreter's own headers.
#include <cstdint>
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
  std::string message;       // one line: "unknown name 'budjet' (did you mean 'budget'?)"
  std::string text;          // rendered as `qualify lint` prints it, source line and caret included
};

struct CompileOptions {
  std::string name = "policy.qpl";  // the file name diagnostics show
  // The folder `import` statements are read from. Unset: a policy that imports is an error (a
  // database server should not read files because a query said so).
  std::optional<std::string> import_dir;
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
  // The date rules see as today (`eval --as-of`), YYYY-MM-DD; today in UTC when unset.
  std::optional<std::string> as_of;
  Explain explain = Explain::none;
  // The record number of the result's "record" (an error) or "id" (a policy without an `id`
  // field), as `eval` numbers its input records.
  std::uint64_t record_number = 1;
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
  std::vector<std::pair<std::string, double>> scores;               // in declaration order
  std::vector<std::pair<std::string, std::optional<bool>>> icp;     // null: unknown
  std::vector<Gate> gates;
  // `qualify eval`'s NDJSON line for the lead (no final newline), "explain" member included
  // when Explain::json was asked. For a bad record: its error line, {"record":N,"error":...}.
  std::string json;
  std::string explain;  // the trace, in the form asked; empty for Explain::none
  bool ok() const { return status == Status::ok; }
};

class Policy {
 public:
  ~Policy();
  Policy(const Policy&) = delete;
  Policy& operator=(const Policy&) = delete;

  // The lead as one JSON object, read as `eval` reads a line of NDJSON.
  Result evaluate_json(std::string_view json, const EvalOptions& options = {}) const;
  Result evaluate(const Record& record, const EvalOptions& options = {}) const;

  std::string_view name() const;            // the policy's declared name
  std::vector<std::string> stages() const;  // the funnel's stages, in order

  struct Impl;  // defined by the library

 private:
  explicit Policy(std::unique_ptr<Impl> impl);
  friend Compiled compile(std::string_view text, const CompileOptions& options);
  std::unique_ptr<Impl> impl_;
};

}  // namespace qualify
