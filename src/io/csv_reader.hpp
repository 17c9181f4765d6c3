#pragma once
// R41, R43, R44: CSV with a header row, `,` or `;`, RFC 4180 quoting.
#include <memory>

#include "io/lead_reader.hpp"

namespace qpl {

std::unique_ptr<LeadReader> make_csv_reader(std::FILE* stream, std::string name,
                                            const Schema& schema, std::uint64_t first_number);

}  // namespace qpl
