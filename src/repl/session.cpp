#include "repl/session.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "eval/evaluator.hpp"
#include "eval/forward_only.hpp"
#include "eval/trace.hpp"
#include "eval/trace_builder.hpp"
#include "present/explain.hpp"
#include "present/ledger.hpp"
#include "present/value_format.hpp"
#include "present/why_not.hpp"
#include "io/lead_reader.hpp"
#include "model/memory.hpp"
#include "model/sla.hpp"
#include "model/types.hpp"
#include "repl/cell_input.hpp"
#include "repl/commands.hpp"
#include "repl/json_input.hpp"
#include "repl/literal_input.hpp"
#include "repl/missing_fields.hpp"
#include "runner/literal_lead.hpp"
#include "sema/load.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/read_file.hpp"
#include "present/render.hpp"
#include "support/suggest.hpp"
#include "support/utf8.hpp"
#include "syntax/parser.hpp"

namespace qpl::repl {

using present::RenderOptions;
using present::render_text;
namespace {

constexpr const char* input_name = "<input>";
constexpr std::size_t max_errors_shown = 5;

RecordValue empty_lead(const Schema& schema) {
  RecordValue lead;
  lead.fields.assign(schema.lead.fields.size(), Value(Unknown{}));
  return lead;
}

std::string quoted(std::string_view text) { return "'" + sanitize_for_terminal(text) + "'"; }

// A value as the REPL prints it: a QPL literal (`35`, `"fr"`, `["a", "b"]`, records as
// `{type: "page_view", day: 2026-10-29}`), sanitized for the terminal. `type` names record fields.
std::string value_text(const Value& value, TypeRef type) {
  return sanitize_for_terminal(present::format_value(value, type, present::literal_format));
}

std::string with_newline(std::string text) {
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

// The byte range of `part` inside `line` (both views of the same buffer).
std::pair<std::size_t, std::size_t> range_in(std::string_view line, std::string_view part) {
  const auto begin = static_cast<std::size_t>(part.data() - line.data());
  return {begin, begin + part.size()};
}

std::vector<std::string> stage_names(const CheckedPolicy& policy) {
  std::vector<std::string> names;
  if (!policy.funnel) return names;
  for (const FunnelLine& line : policy.funnel->lines)
    if (std::find(names.begin(), names.end(), line.stage) == names.end()) names.push_back(line.stage);
  return names;
}

std::vector<std::string> field_names(const CheckedPolicy& policy) {
  std::vector<std::string> names;
  for (const FieldSchema& field : policy.schema.lead.fields) names.push_back(field.name);
  return names;
}

}  // namespace

struct Session::Engine {
  std::unique_ptr<eval::Evaluator> evaluator;
  std::uint32_t built_for = 0;  // policy.expr_count when it was built
};

Session::Session(std::unique_ptr<CheckedPolicy> policy, SessionOptions options)
    : policy_(std::move(policy)), options_(std::move(options)), engine_(std::make_unique<Engine>()) {
  current_ = empty_lead(policy_->schema);
}

Session::~Session() = default;

eval::Evaluator& Session::evaluator() {
  // A checked REPL expression numbers its nodes past the old expr_count: the evaluator sizes
  // its tables from it, so it is rebuilt when the count grew (or the policy was reloaded).
  if (!engine_->evaluator || engine_->built_for != policy_->expr_count) {
    engine_->evaluator = std::make_unique<eval::Evaluator>(*policy_);
    engine_->built_for = policy_->expr_count;
  }
  return *engine_->evaluator;
}

std::string Session::handle(std::string_view raw) {
  const std::string_view line = trim(raw);
  if (line.empty()) return {};
  if (line.front() == ':') {
    std::string_view rest = line.substr(1);
    std::size_t end = 0;
    while (end < rest.size() && !is_white_space(static_cast<unsigned char>(rest[end]))) ++end;
    return run_command(rest.substr(0, end), trim(rest.substr(end)), line);
  }
  return evaluate(line);
}

std::string Session::run_command(std::string_view name, std::string_view args, std::string_view line) {
  if (name == "help") return help();
  if (name == "quit" || name == "q" || name == "exit") {
    finished_ = true;
    return {};
  }
  if (name == "load") return load_leads(args, line);
  if (name == "leads") return list_leads(args, line);
  if (name == "lead") return pick_lead(args, line);
  if (name == "show") return show();
  if (name == "set") return set_field(args, line);
  if (name == "unset") return unset_field(args, line);
  if (name == "stage") return stage_text();
  if (name == "explain") return explain();
  if (name == "ledger") return ledger();
  if (name == "why-not") return why_not(args, line);
  if (name == "as-of") return as_of(args, line);
  if (name == "reload") return reload();
  std::vector<std::string> names;
  for (const CommandHelp& c : command_list())
    if (c.name.front() == ':') names.push_back(c.name.substr(1));
  std::optional<std::string> help;
  if (auto close = did_you_mean(name, names)) help = fmt::format("did you mean ':{}'?", *close);
  else help = "type :help for the list of commands";
  const auto [begin, end] = range_in(line, name);
  return error_at(line, begin - 1, end, fmt::format("unknown command ':{}'", sanitize_for_terminal(name)),
                  help);
}

std::string Session::help() const {
  std::string out;
  std::size_t width = 0;
  for (const CommandHelp& c : command_list()) width = std::max(width, c.usage.size());
  for (const CommandHelp& c : command_list())
    out += fmt::format("{:<{}}  {}\n", c.usage, width, c.summary);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Diagnostics on the input line.

std::string Session::render_diagnostics(const Diagnostics& diagnostics) const {
  RenderOptions render_options;
  render_options.color = options_.color;
  return with_newline(render_text(diagnostics, policy_->sources, render_options));
}

std::string Session::error_at(std::string_view line, std::size_t begin, std::size_t end,
                              std::string message, std::optional<std::string> help) {
  const FileId id = policy_->sources.add(input_name, std::string(line));
  Diagnostics diagnostics;
  Diagnostic& d = diagnostics.error("", Span{id, static_cast<std::uint32_t>(begin),
                                             static_cast<std::uint32_t>(end)},
                                    std::move(message));
  d.help = std::move(help);
  return render_diagnostics(diagnostics);
}

// ---------------------------------------------------------------------------------------------
// Leads.

namespace {

// An id as :leads shows it, as the table writer shows a cell; empty when unknown.
std::string id_text(const Value& id) {
  if (id.is_unknown()) return {};
  return present::format_value(id, nullptr, present::table_cell_format);
}

}  // namespace

std::string RecordInError::heading() const {
  return id.empty() ? fmt::format("record {}", number) : fmt::format("record {} (id {})", number, id);
}

// "record 3 (id 1003)", as for a record in error.
std::string Session::record_heading(const LoadedLead& lead) const {
  const std::string name = lead_name(lead.record, lead.number);
  return RecordInError{lead.number, name == fmt::format("#{}", lead.number) ? "" : name, ""}
      .heading();
}

std::string Session::lead_name(const RecordValue& record, std::uint64_t number) const {
  const int slot = policy_->schema.id_field;
  if (slot >= 0 && static_cast<std::size_t>(slot) < record.fields.size()) {
    std::string id = id_text(record.fields[static_cast<std::size_t>(slot)]);
    if (!id.empty()) return id;
  }
  return fmt::format("#{}", number);
}

std::optional<std::string> Session::read_leads_file(const std::string& path, const Schema& schema,
                                                    std::vector<LoadedLead>& out,
                                                    std::vector<RecordInError>& errors) {
  const auto format = io::format_from_extension(path);
  if (!format)
    return fmt::format("cannot tell the format of {}: name it .csv, .ndjson, .jsonl or .json",
                       quoted(path));
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return fmt::format("cannot read {}: {}", quoted(path), sanitize_for_terminal(system_error_text(errno)));
  std::optional<std::string> failure;
  try {
    auto reader = io::open_lead_reader(*format, file, path, schema);
    io::ReadItem item;
    while (reader->next(item)) {
      if (item.ok) {
        out.push_back({item.number, std::move(item.record), std::move(item.notes)});
      } else {
        errors.push_back({item.number, id_text(item.error_id), sanitize_for_terminal(item.error)});
      }
      item = io::ReadItem{};
    }
  } catch (const io::InputError& e) {
    failure = sanitize_for_terminal(e.what());
  }
  std::fclose(file);
  return failure;
}

std::string Session::load_leads(std::string_view path, std::string_view line) {
  if (path.empty()) return error_at(line, line.size(), line.size(), "expected a file name: :load FILE");
  std::vector<LoadedLead> leads;
  std::vector<RecordInError> errors;
  if (auto failure = read_leads_file(std::string(path), policy_->schema, leads, errors)) {
    const auto [begin, end] = range_in(line, path);
    return error_at(line, begin, end, *failure);
  }
  return adopt_leads(std::string(path), std::move(leads), std::move(errors));
}

bool Session::load_leads_file(const std::string& path, std::string& response) {
  std::vector<LoadedLead> leads;
  std::vector<RecordInError> errors;
  if (auto failure = read_leads_file(path, policy_->schema, leads, errors)) {
    response = *failure + '\n';
    return false;
  }
  response = adopt_leads(path, std::move(leads), std::move(errors));
  return true;
}

std::string Session::adopt_leads(std::string path, std::vector<LoadedLead> leads,
                                 std::vector<RecordInError> errors) {
  leads_ = std::move(leads);
  std::string out = fmt::format("loaded {} lead{} from {}", leads_.size(), leads_.size() == 1 ? "" : "s",
                                quoted(path));
  leads_path_ = std::move(path);
  // Values read as missing because unreadable are never silent (as in eval): counted and shown.
  std::size_t unreadable = 0;
  for (const LoadedLead& lead : leads_) unreadable += lead.notes.size();
  std::vector<std::string> parts;
  if (!errors.empty())
    parts.push_back(fmt::format("{} record{} in error", errors.size(), errors.size() == 1 ? "" : "s"));
  if (unreadable > 0)
    parts.push_back(fmt::format("{} unreadable value{} read as missing", unreadable,
                                unreadable == 1 ? "" : "s"));
  if (!parts.empty()) out += fmt::format(" ({})", fmt::join(parts, ", "));
  out += '\n';
  for (std::size_t i = 0; i < errors.size() && i < max_errors_shown; ++i)
    out += "  " + errors[i].heading() + ": " + errors[i].error + '\n';
  if (errors.size() > max_errors_shown) out += fmt::format("  ... and {} more\n", errors.size() - max_errors_shown);
  std::size_t shown = 0;
  for (const LoadedLead& lead : leads_)
    for (const io::ReadNote& note : lead.notes)
      if (shown++ < max_errors_shown)
        out += fmt::format("  {}: {} (read as missing)\n", record_heading(lead),
                           sanitize_for_terminal(note.message));
  if (shown > max_errors_shown) out += fmt::format("  ... and {} more read as missing\n", shown - max_errors_shown);
  records_in_error_ = std::move(errors);
  return out;
}

std::optional<std::string> Session::unknown_stage(std::string_view stage, std::string_view line) {
  const auto stages = stage_names(*policy_);
  if (std::find(stages.begin(), stages.end(), stage) != stages.end()) return std::nullopt;
  std::optional<std::string> help;
  if (auto close = did_you_mean(stage, stages)) help = fmt::format("did you mean '{}'?", *close);
  else if (!stages.empty()) help = fmt::format("the stages are: {}", fmt::join(stages, ", "));
  const auto [begin, end] = range_in(line, stage);
  return error_at(line, begin, end,
                  policy_->funnel ? fmt::format("no funnel line gives stage {}", quoted(stage))
                                  : std::string("the policy has no funnel"),
                  help);
}

std::string Session::list_leads(std::string_view stage, std::string_view line) {
  if (!stage.empty()) {
    if (auto error = unknown_stage(stage, line)) return *error;
  }
  if (leads_.empty()) return "no leads loaded: use :load FILE\n";
  struct Row {
    std::string number, name, stage;
  };
  std::vector<Row> rows;
  std::size_t number_width = 0, name_width = 0;
  eval::Evaluator& ev = evaluator();
  eval::LeadOutcome outcome;
  for (const LoadedLead& lead : leads_) {
    ev.evaluate(lead.record, options_.today, eval::ExplainLevel::none, outcome);
    const std::string lead_stage = stage_of({outcome.funnel_line, outcome.recycle_line, outcome.held_rank});
    if (!stage.empty() && lead_stage != stage) continue;
    Row row{fmt::format("#{}", lead.number), lead_name(lead.record, lead.number), lead_stage};
    number_width = std::max(number_width, row.number.size());
    name_width = std::max(name_width, display_width(row.name));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return fmt::format("no lead is at stage {}\n", quoted(stage));
  std::string out;
  for (const Row& row : rows) {
    out += fmt::format("{:<{}}  {}", row.number, number_width, row.name);
    out.append(name_width - display_width(row.name) + 2, ' ');
    out += row.stage + '\n';
  }
  return out;
}

std::string Session::pick_lead(std::string_view which, std::string_view line) {
  if (which.empty()) return error_at(line, line.size(), line.size(), "expected a lead: :lead ID or :lead #N");
  std::string_view key = which;
  if (key.size() >= 2 && key.front() == '"' && key.back() == '"') key = key.substr(1, key.size() - 2);
  const LoadedLead* found = nullptr;
  for (const LoadedLead& lead : leads_) {
    if (lead_name(lead.record, lead.number) == key) {
      found = &lead;
      break;
    }
  }
  if (!found && key.size() > 1 && key.front() == '#') {
    std::uint64_t number = 0;
    const std::string digits(key.substr(1));
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (ec == std::errc() && ptr == digits.data() + digits.size()) {
      for (const LoadedLead& lead : leads_)
        if (lead.number == number) found = &lead;
    }
  }
  const auto [begin, end] = range_in(line, which);
  if (!found) {
    for (const RecordInError& record : records_in_error_) {
      if (record.id == key || fmt::format("#{}", record.number) == key)
        return error_at(line, begin, end,
                        fmt::format("{} could not be read: {}", record.heading(), record.error),
                        "fix it in the file and :load it again");
    }
    if (leads_.empty()) return error_at(line, begin, end, "no leads loaded", "use :load FILE first");
    std::vector<std::string> names;
    for (const LoadedLead& lead : leads_) names.push_back(lead_name(lead.record, lead.number));
    std::optional<std::string> help;
    const bool digits = key.find_first_not_of("0123456789") == std::string_view::npos;
    const auto by_number = std::find_if(leads_.begin(), leads_.end(), [&](const LoadedLead& lead) {
      return digits && fmt::format("{}", lead.number) == key;
    });
    if (by_number != leads_.end())
      help = fmt::format("'#{}' picks record {} (id {}); without '#', {} is read as an id", key, key,
                         quoted(lead_name(by_number->record, by_number->number)), key);
    else if (auto close = did_you_mean(key, names)) help = fmt::format("did you mean '{}'?", *close);
    else help = "pick by id or by record number (#N); :leads lists them";
    return error_at(line, begin, end, fmt::format("no lead {}", quoted(key)), help);
  }
  current_ = found->record;
  current_number_ = found->number;
  std::string out =
      fmt::format("lead {} (record {})\n", lead_name(current_, found->number), found->number);
  for (const io::ReadNote& note : found->notes)
    out += fmt::format("  read as missing: {}\n", sanitize_for_terminal(note.message));
  return out + stage_text();
}

std::string Session::show() const {
  std::string out;
  const auto& fields = policy_->schema.lead.fields;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    out += fields[i].name + " = " + value_text(current_.fields[i], fields[i].type) + '\n';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Editing the current lead.

std::optional<std::size_t> Session::field_slot(std::string_view name) const {
  const int slot = policy_->schema.lead.field_index(name);
  if (slot < 0) return std::nullopt;
  return static_cast<std::size_t>(slot);
}

std::string Session::unknown_field(std::string_view name, std::string_view line) {
  std::optional<std::string> help;
  if (auto close = did_you_mean(name, field_names(*policy_))) help = fmt::format("did you mean '{}'?", *close);
  const auto [begin, end] = range_in(line, name);
  return error_at(line, begin, end, fmt::format("unknown field {}", quoted(name)), help);
}

std::string Session::set_field(std::string_view args, std::string_view line) {
  const std::size_t equals = args.find('=');
  if (equals == std::string_view::npos)
    return error_at(line, line.size(), line.size(), "expected '=': :set FIELD = VALUE");
  const std::string_view name = trim(args.substr(0, equals));
  const std::string_view text = trim(args.substr(equals + 1));
  if (name.empty()) {
    const auto [begin, end] = range_in(line, args.substr(equals, 1));
    return error_at(line, begin, end, "expected a field name before '='");
  }
  const auto slot = field_slot(name);
  if (!slot) return unknown_field(name, line);
  if (text.empty()) return error_at(line, line.size(), line.size(), "expected a value after '='");
  const FieldSchema& field = policy_->schema.lead.fields[*slot];
  const auto [value_begin, value_end] = range_in(line, text);

  Value value{Unknown{}};
  if (auto cell = value_as_cell(field, policy_->schema, text)) {
    value = std::move(*cell);
  } else if (looks_like_json_records(text)) {
    std::string error;
    auto bound = value_from_json(field, policy_->schema, text, error);
    // The REPL shows records as QPL writes them ({type: "webinar"}); pasted back, they are not JSON.
    std::optional<std::string> help;
    if (!bound && error.rfind("invalid JSON", 0) == 0)
      help = "a record is set as JSON here, keys and dates in double quotes: {\"day\": \"2026-10-30\"}";
    if (!bound) return error_at(line, value_begin, value_end, sanitize_for_terminal(error), help);
    value = std::move(*bound);
  } else if (text != "unknown") {
    // The value is parsed on its own; its diagnostics are moved onto the whole input line.
    SourceSet scratch;
    const FileId scratch_id = scratch.add(input_name, std::string(text));
    syntax::ExprParseResult parsed = syntax::parse_expression(scratch.file(scratch_id), scratch_id);
    if (!parsed.expr || parsed.diagnostics.has_errors()) {
      const FileId id = policy_->sources.add(input_name, std::string(line));
      // An init-capture: clang before 16 cannot capture a structured binding.
      auto shift = [id, offset = static_cast<std::uint32_t>(value_begin)](Span& s) {
        s = Span{id, s.begin + offset, s.end + offset};
      };
      for (Diagnostic& d : parsed.diagnostics.items()) {
        shift(d.span);
        for (Note& n : d.notes) shift(n.span);
      }
      return render_diagnostics(parsed.diagnostics);
    }
    NotALiteral where;
    auto literal = literal_of(*parsed.expr, &where);
    if (!literal)
      return error_at(line, value_begin + where.span.begin, value_begin + where.span.end,
                      "expected a value (a number, a text, true or false, a date or a list)",
                      "write a literal such as 12000, \"fr\", 2026-11-01, true or [\"a\", \"b\"]");
    std::string error;
    auto converted =
        runner::value_from_literal(*literal, field.type, policy_->schema, &error, &field.reading);
    if (!converted) {
      // "value: expected a number, got ..." names the field instead.
      if (error.rfind("value", 0) == 0) error = field.name + error.substr(5);
      if (error.empty()) error = fmt::format("{}: expected {}", field.name, type_name(field.type));
      return error_at(line, value_begin, value_end, sanitize_for_terminal(error));
    }
    value = std::move(*converted);
  }
  const StageState before = stage_line(current_);
  current_.fields[*slot] = std::move(value);
  return field.name + " = " + value_text(current_.fields[*slot], field.type) + '\n' + stage_change(before);
}

std::string Session::unset_field(std::string_view name, std::string_view line) {
  if (name.empty()) return error_at(line, line.size(), line.size(), "expected a field: :unset FIELD");
  const auto slot = field_slot(name);
  if (!slot) return unknown_field(name, line);
  const StageState before = stage_line(current_);
  current_.fields[*slot] = Value(Unknown{});
  return std::string(name) + " = unknown\n" + stage_change(before);
}

// ---------------------------------------------------------------------------------------------
// Stage, explain, why-not.

Session::StageState Session::stage_line(const RecordValue& lead) {
  eval::LeadOutcome outcome;
  evaluator().evaluate(lead, options_.today, eval::ExplainLevel::none, outcome);
  return {outcome.funnel_line, outcome.recycle_line, outcome.held_rank};
}

std::string Session::stage_of(const StageState& state) const {
  const eval::StageAnswer answer = eval::stage_answer(*policy_, state.line, state.recycle, state.held);
  return answer.stage != nullptr ? *answer.stage : "none";
}

std::string Session::stage_summary(const StageState& state) const {
  if (!policy_->funnel) return "stage: none — the policy has no funnel";
  const eval::StageAnswer answer = eval::stage_answer(*policy_, state.line, state.recycle, state.held);
  if (answer.stage == nullptr) return "stage: none — no funnel line is true";
  std::string text = "stage: " + *answer.stage;
  if (answer.held_from != nullptr) text += " (held: the lines say " + *answer.held_from + ")";
  if (answer.recycled) text += " (recycled)";
  return sanitize_for_terminal(text + " — because \"" + *answer.because + "\"");
}

std::string Session::stage_text() {
  const StageState state = stage_line(current_);
  return stage_summary(state) + '\n' + sla_text(state);
}

// `sla: mql within 1 day — age 2 days, overdue by 1 day`, for a lead at a stage with an SLA.
std::string Session::sla_text(const StageState& state) const {
  const int slot = previous_slot(policy_->schema.lead);
  if (!policy_->funnel || slot < 0) return {};
  const std::string* stage = eval::stage_answer(*policy_, state.line, state.recycle, state.held).stage;
  const auto sla =
      lead_since(policy_->funnel, current_, slot, stage, SlaClock{options_.today, options_.now}, std::nullopt).sla;
  if (!sla) return {};
  return sanitize_for_terminal(sla_line(*sla)) + '\n';
}

std::string Session::stage_change(const StageState& before) {
  if (!policy_->funnel) return {};
  const StageState after = stage_line(current_);
  if (after == before) return stage_summary(after) + " (unchanged)\n";
  return stage_summary(after) + " (was " + stage_of(before) + ")\n";
}

std::string Session::explain() {
  eval::LeadOutcome outcome;
  evaluator().evaluate(current_, options_.today, eval::ExplainLevel::compact, outcome);
  if (!outcome.trace) return stage_text();
  if (const int slot = previous_slot(policy_->schema.lead); slot >= 0)
    outcome.trace->sla = lead_since(policy_->funnel, current_, slot, eval::stage_answer(*policy_, outcome).stage,
                                    SlaClock{options_.today, options_.now}, std::nullopt)
                             .sla;
  return with_newline(present::explain_text(*outcome.trace, *policy_, options_.color));
}

// Each score, `engagement = 25: senior title +10; ...`, as `eval --ledger --format table`.
std::string Session::ledger() {
  eval::LeadOutcome outcome;
  evaluator().keep_ledger(true);
  evaluator().evaluate(current_, options_.today, eval::ExplainLevel::none, outcome);
  evaluator().keep_ledger(false);
  if (policy_->scores.empty()) return "the policy has no score\n";
  const present::LedgerTexts texts(*policy_);
  std::string out;
  for (std::uint32_t i = 0; i < policy_->scores.size(); ++i) {
    std::string line = policy_->scores[i].name + " = " + format_number(outcome.scores.at(i)) + ": ";
    if (i < outcome.ledger.size() && !outcome.ledger[i].empty()) {
      texts.append_text(line, i, outcome.ledger[i]);
    } else {
      line += "no rule counted";
    }
    out += sanitize_for_terminal(line);
    out += '\n';
  }
  return out;
}

std::string Session::why_not(std::string_view stage, std::string_view line) {
  if (stage.empty()) return error_at(line, line.size(), line.size(), "expected a stage: :why-not STAGE");
  if (auto error = unknown_stage(stage, line)) return *error;
  eval::LeadOutcome outcome;
  eval::TraceBuilder every_line(eval::ExplainLevel::compact, eval::TraceBuilder::Lines::every_line);
  evaluator().evaluate(current_, options_.today, &every_line, outcome);
  const std::unique_ptr<eval::Trace> trace = every_line.take();
  return with_newline(present::why_not_text(*trace, *policy_, stage, options_.color));
}

std::string Session::as_of(std::string_view date, std::string_view line) {
  if (date.empty()) return as_of_text();
  const auto moment = parse_moment(date);
  if (!moment) {
    const auto [begin, end] = range_in(line, date);
    return error_at(line, begin, end, fmt::format("invalid date {}", quoted(date)),
                    "write a real date as YYYY-MM-DD");
  }
  const StageState before = stage_line(current_);
  options_.today = moment->days;
  options_.now = moment->instant();
  options_.timed = moment->time.has_value();
  return as_of_text() + stage_change(before);
}

// `as of 2026-11-02`, and the instant hour SLAs are measured at when a time was given.
std::string Session::as_of_text() const {
  if (!options_.timed) return fmt::format("as of {}\n", format_date(options_.today));
  return fmt::format("as of {} ({})\n", format_date(options_.today), format_instant(options_.now));
}

// ---------------------------------------------------------------------------------------------
// Reload: a new policy, the same lead (fields matched by name and type).

std::string Session::reload() {
  sema::LoadResult loaded = sema::load_policy(options_.policy_path);
  if (!loaded.ok()) {
    std::string out;
    if (loaded.policy) {
      RenderOptions render_options;
      render_options.color = options_.color;
      out = with_newline(render_text(loaded.diagnostics, loaded.policy->sources, render_options));
    } else {
      out = fmt::format("cannot read {}\n", quoted(options_.policy_path));
    }
    return out + "the policy has errors: the previous policy stays in use\n";
  }
  std::unique_ptr<CheckedPolicy> next = std::move(loaded.policy);
  const Schema& old_schema = policy_->schema;
  const Schema& new_schema = next->schema;

  std::string notes;
  std::vector<LoadedLead> leads;
  std::vector<RecordInError> errors;
  if (leads_path_) {
    if (auto failure = read_leads_file(*leads_path_, new_schema, leads, errors)) {
      notes += fmt::format("leads not re-read: {}\n", *failure);
      leads.clear();
    } else if (!errors.empty()) {
      notes += fmt::format("{} record{} in error with the new schema\n", errors.size(),
                           errors.size() == 1 ? "" : "s");
    }
  }
  const LoadedLead* reread = nullptr;
  if (current_number_)
    for (const LoadedLead& lead : leads)
      if (lead.number == *current_number_) reread = &lead;

  RecordValue rebound = empty_lead(new_schema);
  for (std::size_t i = 0; i < new_schema.lead.fields.size(); ++i) {
    const FieldSchema& field = new_schema.lead.fields[i];
    const int old_slot = old_schema.lead.field_index(field.name);
    // A field whose options changed (`lower` added) is read again from the file when it can be.
    const FieldSchema* old_field =
        old_slot >= 0 ? &old_schema.lead.fields[static_cast<std::size_t>(old_slot)] : nullptr;
    if (old_field && type_name(old_field->type) == type_name(field.type) &&
        (!reread || same_reading(old_field->reading, field.reading))) {
      rebound.fields[i] = current_.fields[static_cast<std::size_t>(old_slot)];
    } else if (reread) {
      rebound.fields[i] = reread->record.fields[i];
    }
  }
  for (const FieldSchema& field : old_schema.lead.fields) {
    const int slot = new_schema.lead.field_index(field.name);
    if (slot < 0) notes += fmt::format("field {} is gone from the lead\n", quoted(field.name));
    else if (type_name(new_schema.lead.fields[static_cast<std::size_t>(slot)].type) != type_name(field.type))
      notes += fmt::format("field {} changed type: its value was dropped\n", quoted(field.name));
  }
  if (leads_path_ && !leads.empty()) leads_ = std::move(leads);
  else if (leads_path_) leads_.clear();
  if (leads_path_) records_in_error_ = std::move(errors);

  // What the lead was before, so that the stage line says whether the edit moved it.
  const std::optional<std::string> stage_before =
      policy_->funnel ? std::optional(stage_of(stage_line(current_))) : std::nullopt;
  engine_->evaluator.reset();  // it points at the old policy
  policy_ = std::move(next);
  current_ = std::move(rebound);
  std::string out;
  if (!loaded.diagnostics.empty()) out += render_diagnostics(loaded.diagnostics);
  out += fmt::format("reloaded {}\n", quoted(options_.policy_path));
  const StageState after = stage_line(current_);
  std::string stage = stage_summary(after);
  if (policy_->funnel && stage_before)
    stage += stage_of(after) == *stage_before ? " (unchanged)"
                                              : sanitize_for_terminal(" (was " + *stage_before + ")");
  return out + notes + stage + '\n';
}

// ---------------------------------------------------------------------------------------------
// Expressions.

// `stage` or `explain` typed without the colon reads as an unknown name: point at the command.
void Session::add_command_help(std::string_view line, Diagnostics& diagnostics) const {
  const std::string_view word = trim(line);
  const auto& commands = command_list();
  const auto command = std::find_if(commands.begin(), commands.end(), [word](const CommandHelp& c) {
    return c.name.size() == word.size() + 1 && std::string_view(c.name).substr(1) == word;
  });
  if (command == commands.end()) return;
  for (Diagnostic& d : diagnostics.items()) {
    if (d.severity != Severity::error || d.help) continue;
    d.help = fmt::format("the command is '{}': {}", command->usage, command->summary);
    return;
  }
}

std::string Session::evaluate(std::string_view line) {
  const FileId id = policy_->sources.add(input_name, std::string(line));
  syntax::ExprParseResult parsed = syntax::parse_expression(policy_->sources.file(id), id);
  if (!parsed.expr || parsed.diagnostics.has_errors()) return render_diagnostics(parsed.diagnostics);
  Diagnostics diagnostics;
  if (!sema::check_expression(*policy_, *parsed.expr, diagnostics)) {
    add_command_help(line, diagnostics);
    return render_diagnostics(diagnostics);
  }
  const Expr& expr = *parsed.expr;
  const Value value = evaluator().evaluate_expression(expr, current_, options_.today);
  if (evaluator().stopped_too_deep())
    return error_at(line, 0, line.size(), eval::Evaluator::too_deep_message());
  std::string out = value_text(value, expr.type) + " : ";
  if (options_.color) out += "\x1b[2m";
  out += type_name(expr.type);
  if (options_.color) out += "\x1b[0m";
  if (value.is_unknown()) {
    std::vector<std::string> why;
    const Fault fault = value.fault();
    if (fault != Fault::missing && fault != Fault::unknown_operand) why.emplace_back(eval::fault_text(fault));
    const auto missing = missing_fields_of(expr, *policy_, current_);
    if (!missing.empty()) why.push_back(fmt::format("missing: {}", fmt::join(missing, ", ")));
    if (!why.empty()) out += fmt::format(" ({})", fmt::join(why, "; "));
  }
  return out + '\n';
}

}  // namespace qpl::repl
