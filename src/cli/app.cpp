// CLI11 setup and dispatch only: each verb's work is in its cmd_<verb>.cpp.
#include "cli/app.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_code.hpp"
#include "support/suggest.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {
namespace {

struct Options {
  EvalOptions eval;
  LintOptions lint;
  TestOptions test;
  FmtOptions fmt;
  ReplOptions repl;
  DiffOptions diff;
  ReportOptions report;
};

CLI::App* add_eval(CLI::App& app, EvalOptions& o) {
  CLI::App* cmd = app.add_subcommand("eval", "evaluate leads against a policy, one result per lead");
  cmd->add_option("policy", o.policy, "the policy file (.qpl)")->required();
  cmd->add_option("inputs", o.inputs,
                  "lead files: .ndjson/.jsonl, .json (an array), .csv; '-' for stdin (default)");
  cmd->add_option("--format", o.format, "output format")
      ->check(CLI::IsMember({"ndjson", "csv", "table"}))
      ->capture_default_str();
  cmd->add_flag("--explain{compact}", o.explain,
                "add the explain trace: compact (default), tree (every rule used) or full (also "
                "every sub-expression)")
      ->check(CLI::IsMember({"compact", "tree", "full"}));
  cmd->add_option("--why-not", o.why_not, "explain what each lead is missing to reach STAGE")
      ->type_name("STAGE");
  cmd->add_option("--as-of", o.as_of, "the date 'today' means (default: the current UTC date)")
      ->type_name("YYYY-MM-DD");
  cmd->add_option("--keep", o.keep,
                  "input columns (CSV) or keys and dotted paths (JSON) to carry into the results, "
                  "comma-separated: --keep \"Email,Company Name\"")
      ->type_name("COLUMNS");
  cmd->add_option("--previous", o.previous,
                  "an earlier run's results (.ndjson, .jsonl, .json or .csv): each lead's previous "
                  "stage and the date it entered it, joined by id")
      ->type_name("FILE");
  cmd->add_option("--accounts", o.accounts,
                  "write one line per account of the policy's 'account' block to FILE (.ndjson, "
                  ".jsonl or .csv)")
      ->type_name("FILE");
  cmd->add_flag("--summary", o.summary, "print the count and share of each stage on stderr");
  cmd->add_flag("--ledger", o.ledger, "add each score's rules and their points to every result");
  cmd->add_flag("--audit", o.audit,
                "add the policy file, its version and the sha256 of its files to every line");
  cmd->add_flag("--overdue", o.overdue,
                "write only the leads past their stage's sla (and every error line)");
  cmd->add_option("--input-format", o.input_format,
                  "format of the inputs (required for stdin; overrides the file extensions)")
      ->check(CLI::IsMember({"csv", "ndjson", "json"}));
  cmd->add_option("--jobs,-j", o.jobs, "worker threads evaluating leads (0: one per core)")
      ->check(CLI::Range(0u, 256u))
      ->capture_default_str();
  cmd->add_option("--output,-o", o.output, "write results to FILE instead of stdout")
      ->type_name("FILE");
  cmd->add_option("--unreadable", o.unreadable,
                  "an optional field's value that cannot be read: an error line, or missing "
                  "(counted and reported)")
      ->check(CLI::IsMember({"error", "missing"}))
      ->capture_default_str();
  return cmd;
}

CLI::App* add_lint(CLI::App& app, LintOptions& o) {
  CLI::App* cmd = app.add_subcommand("lint", "report every error and warning in policies");
  cmd->add_option("paths", o.paths, "policy files, or folders searched for .qpl files")->required();
  cmd->add_option("--format", o.format, "output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github"}))
      ->capture_default_str();
  cmd->add_flag("--strict", o.strict, "exit 1 on warnings too");
  cmd->add_option("--as-of", o.as_of,
                  "the date an expired score rule is judged by (default: the current UTC date)");
  cmd->add_option("--severity", o.severity, "the least severe diagnostic shown")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  cmd->add_flag("--color", o.color, "colour the text output");
  cmd->add_option("--against", o.against,
                  "a sample .csv, .ndjson or .json: report the columns or keys the policy reads that it lacks");
  cmd->add_flag("--dump-ast", o.dump_ast,
                "print the syntax tree of each policy instead of linting it");
  return cmd;
}

CLI::App* add_test(CLI::App& app, TestOptions& o) {
  CLI::App* cmd = app.add_subcommand("test", "run the test blocks of policies");
  cmd->add_option("paths", o.paths, "policy files, or folders searched for .qpl files")->required();
  cmd->add_option("--as-of", o.as_of, "the date of tests without 'as of' (default: today, UTC)")
      ->type_name("YYYY-MM-DD");
  cmd->add_option("--run", o.run, "run only the tests whose name matches REGEX")
      ->type_name("REGEX");
  cmd->add_flag("--coverage", o.coverage,
                "list the funnel lines, rules and checks no test exercised");
  cmd->add_option("--format", o.format, "text, json or junit (XML for CI)")
      ->check(CLI::IsMember({"text", "json", "junit"}))
      ->capture_default_str();
  cmd->add_option("--threshold", o.threshold, "with --coverage: exit 1 below N percent covered")
      ->type_name("N")
      ->check(CLI::Range(0.0, 100.0));
  return cmd;
}

CLI::App* add_fmt(CLI::App& app, FmtOptions& o) {
  CLI::App* cmd = app.add_subcommand("fmt", "rewrite policies in the canonical layout");
  cmd->add_option("files", o.files, "policy files")->required();
  cmd->add_flag("--check", o.check, "change nothing: exit 1 and show a diff when not formatted");
  cmd->add_flag("--stdout", o.to_stdout, "print the formatted policy instead of rewriting the file");
  cmd->add_flag("--write", o.write, "rewrite the files in place (the default)");
  return cmd;
}

CLI::App* add_repl(CLI::App& app, ReplOptions& o) {
  CLI::App* cmd = app.add_subcommand("repl", "evaluate expressions against leads interactively");
  cmd->add_option("policy", o.policy, "the policy file (.qpl)")->required();
  cmd->add_option("--leads", o.leads, "leads to pick from")->type_name("FILE");
  cmd->add_option("--as-of", o.as_of, "the date `today` means (default: the current UTC date)")
      ->type_name("DATE");
  return cmd;
}

CLI::App* add_diff(CLI::App& app, DiffOptions& o) {
  CLI::App* cmd = app.add_subcommand("diff", "what a policy change does to real leads: who changes stage, and why");
  cmd->add_option("old", o.old_policy, "the policy before the change: a file, or FILE@REVISION (git)")->required();
  cmd->add_option("new", o.new_policy, "the policy after the change: a file, or FILE@REVISION (git)")->required();
  cmd->add_option("inputs", o.inputs, "lead files: .ndjson/.jsonl, .json (an array), .csv")->required();
  cmd->add_option("--format", o.format, "output format")
      ->check(CLI::IsMember({"text", "markdown", "json"}))
      ->capture_default_str();
  cmd->add_option("--examples", o.examples, "leads shown per changed cell")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000}))
      ->capture_default_str();
  cmd->add_option("--fail-on", o.fail_on, "exit 1 when one of these moves happens: 'mql->disqualified,sql->*'")
      ->type_name("MOVES");
  cmd->add_option("--as-of", o.as_of, "the date 'today' means (default: the current UTC date)")
      ->type_name("YYYY-MM-DD");
  cmd->add_option("--input-format", o.input_format, "format of the inputs (overrides the file extensions)")
      ->check(CLI::IsMember({"csv", "ndjson", "json"}));
  cmd->add_option("--jobs,-j", o.jobs, "worker threads (0: one per core)")
      ->check(CLI::Range(0u, 256u))
      ->capture_default_str();
  return cmd;
}

CLI::App* add_report(CLI::App& app, ReportOptions& o) {
  CLI::App* cmd = app.add_subcommand("report", "a funnel report (HTML or JSON), tied to real outcomes");
  cmd->add_option("policy", o.policy, "the policy file (.qpl)")->required();
  cmd->add_option("inputs", o.inputs,
                  "lead files: .ndjson/.jsonl, .json (an array), .csv; '-' for stdin (default)");
  cmd->add_option("--outcome", o.outcome,
                  "the column saying what happened to each lead: 1/0, yes/no, true/false, or "
                  "COLUMN=VALUE for a text outcome")
      ->type_name("COLUMN[=VALUE]");
  cmd->add_option("--format", o.format, "output format")
      ->check(CLI::IsMember({"html", "json"}))
      ->capture_default_str();
  cmd->add_option("--output,-o", o.output, "write the report to FILE instead of stdout")
      ->type_name("FILE");
  cmd->add_option("--as-of", o.as_of, "the date 'today' means (default: the current UTC date)")
      ->type_name("YYYY-MM-DD");
  cmd->add_option("--previous", o.previous,
                  "an earlier run's results, as for eval: each lead's memory, for the overdue leads "
                  "of the stages with an sla")
      ->type_name("FILE");
  cmd->add_option("--input-format", o.input_format,
                  "format of the inputs (required for stdin; overrides the file extensions)")
      ->check(CLI::IsMember({"csv", "ndjson", "json"}));
  cmd->add_option("--jobs,-j", o.jobs, "worker threads evaluating leads (0: one per core)")
      ->check(CLI::Range(0u, 256u))
      ->capture_default_str();
  return cmd;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"qualify: lead qualification policies (QPL), checked, tested and evaluated",
               "qualify"};
  app.set_version_flag("--version", "qualify " QUALIFY_VERSION);
  app.require_subcommand(1);
  Options o;
  CLI::App* eval = add_eval(app, o.eval);
  CLI::App* lint = add_lint(app, o.lint);
  CLI::App* test = add_test(app, o.test);
  CLI::App* fmt = add_fmt(app, o.fmt);
  CLI::App* repl = add_repl(app, o.repl);
  CLI::App* diff = add_diff(app, o.diff);
  CLI::App* report = add_report(app, o.report);
  CLI::App* lsp = app.add_subcommand("lsp", "the language server for editors (LSP over stdin and stdout)");
  std::vector<std::string> verbs;
  for (const CLI::App* sub : app.get_subcommands({})) verbs.push_back(sub->get_name());
  const std::string listed = fmt::format("the commands are {} (qualify --help)", fmt::join(verbs, ", "));
  if (argc < 2) {
    print_error("a command is needed; " + listed);
    return to_int(ExitCode::failure);
  }
  if (argv[1][0] != '-') {
    const std::string verb = argv[1];
    if (verb == "help") {  // `qualify help [VERB]`, as `qualify [VERB] --help`
      if (argc == 2) {
        fmt::print("{}", app.help());
        return to_int(ExitCode::ok);
      }
      const std::string topic = argv[2];
      if (std::find(verbs.begin(), verbs.end(), topic) == verbs.end() || argc > 3) {
        print_error(fmt::format("no help on '{}': {}", sanitize_for_terminal(topic), listed));
        return to_int(ExitCode::failure);
      }
      fmt::print("{}", app.get_subcommand(topic)->help());
      return to_int(ExitCode::ok);
    }
    if (std::find(verbs.begin(), verbs.end(), verb) == verbs.end()) {
      std::string message = fmt::format("unknown command '{}'", sanitize_for_terminal(verb));
      if (auto close = did_you_mean(verb, verbs)) message += fmt::format(" (did you mean '{}'?)", *close);
      print_error(message + "; " + listed);
      return to_int(ExitCode::failure);
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help, --version
      app.exit(e);
      return to_int(ExitCode::ok);
    }
    const std::string verb = argc >= 2 && argv[1][0] != '-' ? std::string(argv[1]) + " " : "";
    print_error(e.what());
    // A missing file argument is best answered by the command's shape.
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr && !verb.empty()) {
      const CLI::App* sub = app.get_subcommand(argv[1]);
      std::string usage = CLI::Formatter().make_usage(sub, "qualify " + sub->get_name());
      while (!usage.empty() && usage.back() == '\n') usage.pop_back();
      fmt::print(stderr, "{}\n", usage);
    }
    fmt::print(stderr, "Run 'qualify {}--help' for the options.\n", verb);
    return to_int(ExitCode::failure);
  }
  if (eval->parsed()) return run_eval(o.eval);
  if (lint->parsed()) return o.lint.dump_ast ? run_dump_ast(o.lint) : run_lint(o.lint);
  if (test->parsed()) return run_test(o.test);
  if (fmt->parsed()) return run_fmt(o.fmt);
  if (repl->parsed()) return run_repl(o.repl);
  if (diff->parsed()) return run_diff(o.diff);
  if (report->parsed()) return run_report(o.report);
  if (lsp->parsed()) return run_lsp();
  return to_int(ExitCode::failure);
}

}  // namespace qpl::cli
