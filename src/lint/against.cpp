#include "lint/against.hpp"

#include <cerrno>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "io/absent_columns.hpp"
#include "io/csv_reader.hpp"
#include "lint/codes.hpp"
#include "support/read_file.hpp"
#include "support/utf8.hpp"

namespace qpl::lint {

void check_against_sample(const CheckedPolicy& policy, const std::string& sample_path,
                          Diagnostics& out) {
  const std::string shown = sanitize_for_terminal(sample_path);
  if (format_from_extension(sample_path) != InputFormat::csv)
    throw InputError(fmt::format("--against '{}': only a .csv sample can be checked for now", shown));
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(sample_path.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) throw InputError(fmt::format("cannot open '{}': {}", shown, system_error_text(errno)));
  const std::vector<std::string> header = read_csv_header(file.get(), sample_path);
  const std::string where = fmt::format("in the header of {}", shown);
  for (const AbsentColumn& absent : absent_csv_columns(policy.schema, header)) {
    const int slot = policy.schema.lead.field_index(absent.field);
    const Span span = slot >= 0 ? policy.schema.lead.fields[static_cast<std::size_t>(slot)].span
                                : Span{};
    const std::string message = absent_column_message(absent, where);
    if (absent.required) {
      out.error(code::required_column_not_in_sample, span, message).help =
          "eval would read none of this file's records; fix the `from` or the export";
    } else {
      out.warning(code::column_not_in_sample, span, message).help =
          "eval would read this field as missing in every record";
    }
  }
}

}  // namespace qpl::lint
