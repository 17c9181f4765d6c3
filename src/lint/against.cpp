#include "lint/against.hpp"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "io/absent_columns.hpp"
#include "io/csv_reader.hpp"
#include "lint/codes.hpp"
#include "runner/table_test.hpp"
#include "sema/checker.hpp"
#include "support/read_file.hpp"
#include "support/utf8.hpp"

namespace qpl::lint {

namespace {

struct AbsentHelp {
  const char* required;
  const char* optional;
};

// One diagnostic per column the header lacks, at `at` (nullopt: at the field's declaration).
void report_absent_columns(const CheckedPolicy& policy, const std::vector<std::string>& header,
                           const std::string& where, std::optional<Span> at, AbsentHelp help,
                           Diagnostics& out) {
  for (const AbsentColumn& absent : absent_csv_columns(policy.schema, header)) {
    const int slot = policy.schema.lead.field_index(absent.field);
    const Span span = at ? *at
                         : slot >= 0 ? policy.schema.lead.fields[static_cast<std::size_t>(slot)].span
                                     : Span{};
    const std::string message = absent_column_message(absent, where);
    if (absent.required) {
      out.error(code::required_column_not_in_sample, span, message).help = help.required;
    } else {
      out.warning(code::column_not_in_sample, span, message).help = help.optional;
    }
  }
}

}  // namespace

void check_against_sample(const CheckedPolicy& policy, const std::string& sample_path,
                          Diagnostics& out) {
  const std::string shown = sanitize_for_terminal(sample_path);
  if (format_from_extension(sample_path) != InputFormat::csv)
    throw InputError(fmt::format("--against '{}': only a .csv sample can be checked for now", shown));
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(sample_path.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) throw InputError(fmt::format("cannot open '{}': {}", shown, system_error_text(errno)));
  const std::vector<std::string> header = read_csv_header(file.get(), sample_path);
  report_absent_columns(policy, header, fmt::format("in the header of {}", shown), std::nullopt,
                        {"eval would read none of this file's records; fix the `from` or the export",
                         "eval would read this field as missing in every record"},
                        out);
}

void check_test_tables(CheckedPolicy& policy, Diagnostics& out) {
  std::set<std::string> seen;  // a file several tests read is checked once
  for (const TestDecl* test : policy.tests) {
    if (!test->leads_from) continue;
    TablePlan plan = prepare_table(policy, *test);
    if (!seen.insert(plan.path).second) continue;
    if (plan.error) {
      out.error(sema::code::test_table_unreadable, test->leads_span, *plan.error).help =
          "the path is relative to the policy's folder";
      continue;
    }
    out.append(plan.problems);
    for (const ExpectationColumn& column : plan.columns)
      if (column.error)
        out.error(sema::code::test_table, test->leads_span, *column.error).help =
            "an expectation column's header after 'expected_' or 'expect ' is an expression of "
            "the policy, such as 'stage' or 'bant.budget'";
    if (plan.format != InputFormat::csv) continue;
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(plan.path.c_str(), "rb"),
                                                               &std::fclose);
    if (!file) continue;  // read a moment ago
    try {
      const std::vector<std::string> header = read_csv_header(file.get(), plan.path);
      report_absent_columns(
          policy, header, fmt::format("in the header of {}", sanitize_for_terminal(*test->leads_from)),
          test->leads_span,
          {"the test cannot read any row of this file; fix the column's name or the field's `from`",
           "the test reads this field as missing in every row; add the column (its cells may be "
           "empty) if that is not meant"},
          out);
    } catch (const InputError& e) {
      out.error(sema::code::test_table_unreadable, test->leads_span, e.what());
    }
  }
}

}  // namespace qpl::lint
