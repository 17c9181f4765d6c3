#include "present/result_writer.hpp"

#include "present/writers.hpp"

namespace qpl::present {

std::unique_ptr<ResultWriter> make_result_writer(OutputFormat format, const CheckedPolicy& policy,
                                                 const WriterOptions& options) {
  switch (format) {
    case OutputFormat::ndjson: return make_ndjson_writer(policy, options);
    case OutputFormat::csv: return make_csv_writer(policy, options);
    case OutputFormat::table: return make_table_writer(policy, options);
  }
  return make_ndjson_writer(policy, options);
}

}  // namespace qpl::present
