#pragma once
// The verbs of `qualify`: their options as parsed by app.cpp, and one entry point per verb
// (one file each: cmd_eval.cpp, cmd_lint.cpp, ...). Each returns the process exit status.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace qpl::cli {

struct EvalOptions {
  std::string policy;
  std::vector<std::string> inputs;            // "-" is stdin; none means stdin
  std::string format = "ndjson";              // ndjson, csv, table
  std::optional<std::string> explain;         // compact, tree, full
  std::optional<std::string> why_not;         // a stage of the funnel
  std::optional<std::string> as_of;           // YYYY-MM-DD
  bool summary = false;
  bool ledger = false;                        // each score's rules and points
  bool audit = false;                         // policy, version, sha256 on every line
  bool overdue = false;                       // only the leads past their stage's sla
  std::optional<std::string> input_format;    // csv, ndjson, json
  unsigned jobs = 1;                          // 0: one per core
  std::optional<std::string> output;          // default stdout
  std::string unreadable = "error";           // error, missing: for every optional field
  std::optional<std::string> keep;            // input columns to carry through: "Email,Company Name"
  std::optional<std::string> previous;        // an earlier run's results: stage memory
  std::optional<std::string> accounts;        // one line per account (.ndjson/.jsonl or .csv)
};
int run_eval(const EvalOptions& options);

struct LintOptions {
  std::vector<std::string> paths;
  std::string format = "text";  // text, json
  bool strict = false;
  bool color = false;
  bool dump_ast = false;  // print the syntax tree instead of linting
  std::string severity = "info";  // the least severe diagnostic shown: error, warning or info
  std::optional<std::string> against;  // a sample CSV whose header the policy is checked against
  std::optional<std::string> as_of;    // what an expired score rule (QPL451) is relative to
};
int run_lint(const LintOptions& options);
int run_dump_ast(const LintOptions& options);  // cmd_dump.cpp

struct TestOptions {
  std::vector<std::string> paths;
  std::optional<std::string> as_of;
  std::optional<std::string> run;  // a regular expression on test names
  bool coverage = false;
  std::string format = "text";     // text, json, junit
  std::optional<double> threshold;  // --coverage below this percentage: exit 1
};
int run_test(const TestOptions& options);

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;
  bool write = false;      // the default; kept so that scripts written with it still run
  bool to_stdout = false;
};
int run_fmt(const FmtOptions& options);

struct ReplOptions {
  std::string policy;
  std::optional<std::string> leads;
  std::optional<std::string> as_of;  // YYYY-MM-DD
};
int run_repl(const ReplOptions& options);

struct DiffOptions {
  std::string old_policy, new_policy;      // a file, or FILE@REVISION
  std::vector<std::string> inputs;
  std::string format = "text";             // text, markdown, json
  std::size_t examples = 3;                // per changed cell
  std::optional<std::string> fail_on;      // "mql->disqualified,sql->*"
  std::optional<std::string> as_of;        // YYYY-MM-DD
  std::optional<std::string> input_format;  // csv, ndjson, json
  unsigned jobs = 1;                       // 0: one per core
};
int run_diff(const DiffOptions& options);

struct ReportOptions {
  std::string policy;
  std::vector<std::string> inputs;          // "-" is stdin; none means stdin
  std::optional<std::string> outcome;       // COLUMN or COLUMN=VALUE
  std::string format = "html";              // html, json
  std::optional<std::string> output;        // default stdout
  std::optional<std::string> as_of;         // YYYY-MM-DD, or a date-time
  std::optional<std::string> previous;      // an earlier run's results: the leads' memory
  std::optional<std::string> input_format;  // csv, ndjson, json
  unsigned jobs = 1;                        // 0: one per core
};
int run_report(const ReportOptions& options);

// The language server on stdin and stdout, until the editor says `exit`.
int run_lsp();

}  // namespace qpl::cli
