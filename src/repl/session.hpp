#pragma once
// The REPL's state and commands, with no I/O of its own: a line in, the response text out, so
// the terminal front end, the pipe mode and the tests all drive the same object.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/read_note.hpp"
#include "model/policy.hpp"
#include "model/value.hpp"
#include "support/diagnostic.hpp"

namespace qpl::eval {
class Evaluator;
}

namespace qpl::repl {

struct SessionOptions {
  std::string policy_path;     // re-read by :reload
  std::int32_t today = 0;      // the as-of date, days since 1970-01-01
  std::int64_t now = 0;        // the as-of instant hour SLAs are measured at (support/date.hpp)
  bool timed = false;          // the as-of was given with a time of day (`:as-of` shows it)
  bool color = false;          // ANSI colours in diagnostics, explain and why-not
};

// A lead read from a :load file.
struct LoadedLead {
  std::uint64_t number = 0;  // 1-based record number
  RecordValue record;
  io::ReadNotes notes;  // its values read as missing because unreadable (`unreadable missing`)
};

// A record of the leads file that could not be read: `:lead` still finds it, to show why.
struct RecordInError {
  std::uint64_t number = 0;
  std::string id;     // the lead's id when it could still be read, else empty
  std::string error;  // the reader's message
  std::string heading() const;  // "record 22 (id 1022)"
};

class Session {
 public:
  // `policy` must be loaded without errors.
  Session(std::unique_ptr<CheckedPolicy> policy, SessionOptions options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // One input line (without its line break) to its response: "" or text ending with '\n'.
  std::string handle(std::string_view line);
  // Reads leads as :load does (for --leads at start); false, with the reason, when the file
  // cannot be read. `response` is what :load would answer.
  bool load_leads_file(const std::string& path, std::string& response);
  // After :quit.
  bool finished() const { return finished_; }

  // What can follow `text` (the line up to the cursor): each candidate is a whole word that
  // starts with the word under the cursor (commands, field names, lets, icps, scores, gates
  // groups, `group.label`, stage names, `lead.field`), sorted, without duplicates.
  std::vector<std::string> completions(std::string_view text) const;

  const CheckedPolicy& policy() const { return *policy_; }
  const RecordValue& current_lead() const { return current_; }
  std::int32_t today() const { return options_.today; }

 private:
  struct Engine;
  eval::Evaluator& evaluator();
  std::string run_command(std::string_view name, std::string_view args, std::string_view line);
  std::string help() const;
  std::string load_leads(std::string_view path, std::string_view line);
  std::string adopt_leads(std::string path, std::vector<LoadedLead> leads,
                          std::vector<RecordInError> errors);
  std::string list_leads(std::string_view stage, std::string_view line);
  std::string pick_lead(std::string_view which, std::string_view line);
  std::string show() const;
  std::string set_field(std::string_view args, std::string_view line);
  std::string unset_field(std::string_view name, std::string_view line);
  std::string stage_text();
  std::string explain();
  std::string ledger();
  std::string why_not(std::string_view stage, std::string_view line);
  std::string as_of(std::string_view date, std::string_view line);
  std::string reload();
  std::string evaluate(std::string_view line);
  void add_command_help(std::string_view line, Diagnostics& diagnostics) const;

  // The funnel's answer for a lead: LeadOutcome's funnel_line, recycle_line and held_rank.
  struct StageState {
    int line = -1, recycle = -1, held = -1;
    bool operator==(const StageState&) const = default;
  };
  StageState stage_line(const RecordValue& lead);
  std::string stage_of(const StageState& state) const;  // its stage name, "none" without one
  std::string stage_summary(const StageState& state) const;
  std::string sla_text(const StageState& state) const;
  std::string as_of_text() const;  // empty without an SLA for the stage
  std::string stage_change(const StageState& before);
  std::string lead_name(const RecordValue& record, std::uint64_t number) const;
  std::string record_heading(const LoadedLead& lead) const;
  std::optional<std::size_t> field_slot(std::string_view name) const;
  std::string unknown_field(std::string_view name, std::string_view line);
  std::optional<std::string> unknown_stage(std::string_view stage, std::string_view line);
  // Diagnostics rendered with a code frame; error_at puts one under line[begin, end).
  std::string render_diagnostics(const Diagnostics& diagnostics) const;
  std::string error_at(std::string_view line, std::size_t begin, std::size_t end,
                       std::string message, std::optional<std::string> help = std::nullopt);
  // The error that stopped the file (unreadable, unknown format), if any.
  std::optional<std::string> read_leads_file(const std::string& path, const Schema& schema,
                                             std::vector<LoadedLead>& out,
                                             std::vector<RecordInError>& errors);

  std::unique_ptr<CheckedPolicy> policy_;
  SessionOptions options_;
  std::vector<LoadedLead> leads_;
  std::vector<RecordInError> records_in_error_;  // of the leads file, in input order
  std::optional<std::string> leads_path_;
  RecordValue current_;                     // a copy: :set and :unset edit it
  std::optional<std::uint64_t> current_number_;  // the record it came from
  bool finished_ = false;
  std::unique_ptr<Engine> engine_;
};

}  // namespace qpl::repl
