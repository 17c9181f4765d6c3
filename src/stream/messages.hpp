#pragma once
// How the command line speaks on stderr, shared by the eval engine that libqualify builds in.
#include <string_view>

namespace qpl::stream {

// "qualify: <message>" on stderr.
void print_error(std::string_view message);

}  // namespace qpl::stream
