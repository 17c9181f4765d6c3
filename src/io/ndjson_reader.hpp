#pragma once
// R45: one record per non-blank line.
#include <memory>

#include "io/lead_reader.hpp"

namespace qpl::io {

std::unique_ptr<LeadReader> make_ndjson_reader(std::FILE* stream, std::string name,
                                               const Schema& schema, std::uint64_t first_number);

}  // namespace qpl::io
