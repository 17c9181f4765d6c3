#include "repl/commands.hpp"

namespace qpl::repl {

const std::vector<CommandHelp>& command_list() {
  static const std::vector<CommandHelp> commands{
      {":help", ":help", "this list"},
      {":load", ":load FILE", "read leads from a CSV, NDJSON or JSON file"},
      {":leads", ":leads [STAGE]", "the loaded leads: record number, id and stage (only STAGE's)"},
      {":lead", ":lead ID | #N", "pick a lead by its id or its record number"},
      {":show", ":show", "the current lead's fields (unknown when missing)"},
      {":set", ":set FIELD = VALUE", "change a field: 12000, \"fr\", 2026-11-01, true, [\"a\"]"},
      {":unset", ":unset FIELD", "make a field missing"},
      {":stage", ":stage", "the current lead's stage and because"},
      {":explain", ":explain", "the trace: funnel lines tried and what each used"},
      {":ledger", ":ledger", "each score's points: the rules that gave them, in source order"},
      {":why-not", ":why-not STAGE", "what keeps the current lead from STAGE"},
      {":as-of", ":as-of DATE", "evaluate as of DATE (YYYY-MM-DD); alone: show it"},
      {":reload", ":reload", "re-read the policy file; on errors the previous one stays"},
      {":quit", ":quit", "leave (Ctrl-D too)"},
      {"EXPR", "EXPR", "any QPL expression, evaluated against the current lead"},
  };
  return commands;
}

}  // namespace qpl::repl
