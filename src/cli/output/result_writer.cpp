#include "cli/output/result_writer.hpp"

#include "cli/output/writers.hpp"

namespace qpl::cli {

std::unique_ptr<ResultWriter> make_result_writer(OutputFormat format, const CheckedPolicy& policy,
                                                 const WriterOptions& options) {
  switch (format) {
    case OutputFormat::ndjson: return make_ndjson_writer(policy, options);
    case OutputFormat::csv: return make_csv_writer(policy, options);
    case OutputFormat::table: return make_table_writer(policy, options);
  }
  return make_ndjson_writer(policy, options);
}

}  // namespace qpl::cli
