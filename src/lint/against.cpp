#include "lint/against.hpp"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "io/absent_columns.hpp"
#include "io/csv_reader.hpp"
#include "io/key_presence.hpp"
#include "lint/codes.hpp"
#include "runner/table_cases.hpp"
#include "sema/checker.hpp"
#include "support/read_file.hpp"
#include "support/utf8.hpp"

namespace qpl::lint {

namespace {

struct AbsentHelp {
  const char* required;
  const char* optional;
};

constexpr AbsentHelp sample_help{
    "eval would read none of this file's records; fix the `from` or the export",
    "eval would read this field as missing in every record"};

// One diagnostic for a column (or key) the file lacks, at `at` (nullopt: at the field's
// declaration).
void report(const CheckedPolicy& policy, const io::AbsentColumn& absent, const std::string& message,
            std::optional<Span> at, AbsentHelp help, Diagnostics& out) {
  const int slot = policy.schema.lead.field_index(absent.field);
  const Span span = at ? *at
                    : slot >= 0 ? policy.schema.lead.fields[static_cast<std::size_t>(slot)].span
                                : Span{};
  if (absent.required) {
    out.error(code::required_column_not_in_sample, span, message).help = help.required;
  } else {
    out.warning(code::column_not_in_sample, span, message).help = help.optional;
  }
}

void report_absent_columns(const CheckedPolicy& policy, const std::vector<std::string>& header,
                           const std::string& where, std::optional<Span> at, AbsentHelp help,
                           Diagnostics& out) {
  for (const io::AbsentColumn& absent : io::absent_csv_columns(policy.schema, header))
    report(policy, absent, io::absent_column_message(absent, where), at, help, out);
}

// A JSON sample has no header: its records are read as eval reads them, noting the keys.
void check_json_sample(const CheckedPolicy& policy, io::InputFormat format, std::FILE* file,
                       const std::string& sample_path, const std::string& shown,
                       Diagnostics& out) {
  const std::unique_ptr<io::LeadReader> reader =
      io::open_lead_reader(format, file, sample_path, policy.schema);
  io::ReadItem item;
  while (reader->next(item)) {
  }
  const std::shared_ptr<io::KeyPresence> presence = reader->key_presence();
  if (!presence || presence->readable() == 0) return;
  const std::string where = fmt::format("in {}", shown);
  for (const io::AbsentColumn& absent : presence->absent()) {
    report(policy, absent, io::absent_key_message(absent, *presence, where), std::nullopt,
           sample_help, out);
  }
}

}  // namespace

void check_against_sample(const CheckedPolicy& policy, const std::string& sample_path,
                          Diagnostics& out) {
  const std::string shown = sanitize_for_terminal(sample_path);
  const std::optional<io::InputFormat> format = io::format_from_extension(sample_path);
  if (!format)
    throw io::InputError(fmt::format(
        "--against '{}': name the sample .csv, .ndjson, .jsonl or .json", shown));
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(sample_path.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) throw io::InputError(fmt::format("cannot open '{}': {}", shown, system_error_text(errno)));
  if (*format != io::InputFormat::csv) {
    check_json_sample(policy, *format, file.get(), sample_path, shown, out);
    return;
  }
  const std::vector<std::string> header = io::read_csv_header(file.get(), sample_path);
  report_absent_columns(policy, header, fmt::format("in the header of {}", shown), std::nullopt,
                        sample_help, out);
}

void check_test_tables(CheckedPolicy& policy, Diagnostics& out) {
  std::set<std::string> seen;  // a file several tests read is checked once
  for (const TestDecl* test : policy.tests) {
    if (!test->leads_from) continue;
    runner::TablePlan plan = runner::prepare_table(policy, *test);
    if (!seen.insert(plan.path).second) continue;
    if (plan.error) {
      out.error(sema::code::test_table_unreadable, test->leads_span, *plan.error).help =
          "the path is relative to the policy's folder";
      continue;
    }
    out.append(plan.problems);
    for (const runner::ExpectationColumn& column : plan.columns)
      if (column.error)
        out.error(sema::code::test_table, test->leads_span, *column.error).help =
            "an expectation column's header after 'expected_' or 'expect ' is an expression of "
            "the policy, such as 'stage' or 'bant.budget'";
    if (plan.format != io::InputFormat::csv) continue;
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(plan.path.c_str(), "rb"),
                                                               &std::fclose);
    if (!file) continue;  // read a moment ago
    try {
      const std::vector<std::string> header = io::read_csv_header(file.get(), plan.path);
      report_absent_columns(
          policy, header, fmt::format("in the header of {}", sanitize_for_terminal(*test->leads_from)),
          test->leads_span,
          {"the test cannot read any row of this file; fix the column's name or the field's `from`",
           "the test reads this field as missing in every row; add the column (its cells may be "
           "empty) if that is not meant"},
          out);
    } catch (const io::InputError& e) {
      out.error(sema::code::test_table_unreadable, test->leads_span, e.what());
    }
  }
}

}  // namespace qpl::lint
