#pragma once
// The writers behind make_result_writer(), one file each.
#include "cli/output/result_writer.hpp"

namespace qpl::cli {

std::unique_ptr<ResultWriter> make_ndjson_writer(const CheckedPolicy& policy,
                                                 const WriterOptions& options);
std::unique_ptr<ResultWriter> make_csv_writer(const CheckedPolicy& policy,
                                              const WriterOptions& options);
// rows_per_block: how many rows are held back to size the columns (the first block sets them).
std::unique_ptr<ResultWriter> make_table_writer(const CheckedPolicy& policy,
                                                const WriterOptions& options,
                                                std::size_t rows_per_block = 256);

}  // namespace qpl::cli
