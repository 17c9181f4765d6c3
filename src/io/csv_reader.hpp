#pragma once
// R41, R43, R44: CSV with a header row, `,` or `;`, RFC 4180 quoting.
#include <memory>
#include <string>
#include <vector>

#include "io/lead_reader.hpp"

namespace qpl::io {

// The header row's cells (trimmed) as a reader sees them; empty for a file without one.
// Throws InputError as the reader does for a bad header.
std::vector<std::string> read_csv_header(std::FILE* stream, std::string name);

std::unique_ptr<LeadReader> make_csv_reader(std::FILE* stream, std::string name,
                                            const Schema& schema, std::uint64_t first_number);

}  // namespace qpl::io
