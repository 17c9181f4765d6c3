#pragma once
// SHA-256 (FIPS 180-4) of a byte string, as lowercase hex: what `sha256sum` prints, so a report
// can name the exact policy file it was made with.
#include <string>
#include <string_view>

namespace qpl {

std::string sha256_hex(std::string_view bytes);

}  // namespace qpl
