#pragma once
// R45: a `.json` file holds one array; each element is a record, read one at a time.
#include <memory>

#include "io/lead_reader.hpp"

namespace qpl::io {

std::unique_ptr<LeadReader> make_json_array_reader(std::FILE* stream, std::string name,
                                                   const Schema& schema,
                                                   std::uint64_t first_number);

}  // namespace qpl::io
