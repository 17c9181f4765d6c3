#pragma once
// The writers behind make_result_writer(), one file each.
#include "present/result_writer.hpp"

namespace qpl::present {

std::unique_ptr<ResultWriter> make_ndjson_writer(const CheckedPolicy& policy,
                                                 const WriterOptions& options);
std::unique_ptr<ResultWriter> make_csv_writer(const CheckedPolicy& policy,
                                              const WriterOptions& options);
// Writes everything at finish(): the columns are as wide as their widest cell in the run.
std::unique_ptr<ResultWriter> make_table_writer(const CheckedPolicy& policy,
                                                const WriterOptions& options);

}  // namespace qpl::present
