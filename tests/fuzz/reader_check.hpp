#pragma once
// The reader targets' shared body: read every record of the bytes in one format against a
// schema rich in types (acme: optional fields, one-of, dates, a list of records).
#include <cstdint>

#include "io/lead_reader.hpp"

namespace qpl::fuzz {

void check_reader(io::InputFormat format, const std::uint8_t* data, std::size_t size);

}  // namespace qpl::fuzz
