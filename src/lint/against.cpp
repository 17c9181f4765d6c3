#include "lint/against.hpp"

#include <cerrno>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "io/absent_columns.hpp"
#include "io/csv_reader.hpp"
#include "io/key_presence.hpp"
#include "lint/codes.hpp"
#include "support/read_file.hpp"
#include "support/utf8.hpp"

namespace qpl::lint {

namespace {

void report(const CheckedPolicy& policy, const AbsentColumn& absent, const std::string& message,
            Diagnostics& out) {
  const int slot = policy.schema.lead.field_index(absent.field);
  const Span span =
      slot >= 0 ? policy.schema.lead.fields[static_cast<std::size_t>(slot)].span : Span{};
  if (absent.required) {
    out.error(code::required_column_not_in_sample, span, message).help =
        "eval would read none of this file's records; fix the `from` or the export";
  } else {
    out.warning(code::column_not_in_sample, span, message).help =
        "eval would read this field as missing in every record";
  }
}

// A JSON sample has no header: its records are read as eval reads them, noting the keys.
void check_json_sample(const CheckedPolicy& policy, InputFormat format, std::FILE* file,
                       const std::string& sample_path, const std::string& shown,
                       Diagnostics& out) {
  const std::unique_ptr<LeadReader> reader =
      open_lead_reader(format, file, sample_path, policy.schema);
  ReadItem item;
  while (reader->next(item)) {
  }
  const std::shared_ptr<KeyPresence> presence = reader->key_presence();
  if (!presence || presence->records() == 0) return;
  const std::string where = fmt::format("in {}", shown);
  for (const AbsentColumn& absent : presence->absent()) {
    report(policy, absent, absent_key_message(absent, presence->records(), where), out);
  }
}

}  // namespace

void check_against_sample(const CheckedPolicy& policy, const std::string& sample_path,
                          Diagnostics& out) {
  const std::string shown = sanitize_for_terminal(sample_path);
  const std::optional<InputFormat> format = format_from_extension(sample_path);
  if (!format)
    throw InputError(fmt::format(
        "--against '{}': name the sample .csv, .ndjson, .jsonl or .json", shown));
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(sample_path.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) throw InputError(fmt::format("cannot open '{}': {}", shown, system_error_text(errno)));
  if (*format != InputFormat::csv) {
    check_json_sample(policy, *format, file.get(), sample_path, shown, out);
    return;
  }
  const std::vector<std::string> header = read_csv_header(file.get(), sample_path);
  const std::string where = fmt::format("in the header of {}", shown);
  for (const AbsentColumn& absent : absent_csv_columns(policy.schema, header))
    report(policy, absent, absent_column_message(absent, where), out);
}

}  // namespace qpl::lint
