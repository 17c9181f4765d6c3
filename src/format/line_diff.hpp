#pragma once
// A unified diff of two texts, line by line (Myers' O(ND) shortest edit script), for
// `qualify fmt --check`: no external `diff` process.
#include <string>
#include <string_view>

namespace qpl::format {

// `diff -u` style: `--- old_name`, `+++ new_name`, hunks with `context` lines around each
// change. Empty when the texts are equal.
std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         std::string_view old_name, std::string_view new_name,
                         std::size_t context = 3);

}  // namespace qpl::format
