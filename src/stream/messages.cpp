#include "stream/messages.hpp"

#include <cstdio>

#include <fmt/core.h>

namespace qpl::stream {

void print_error(std::string_view message) { fmt::print(stderr, "qualify: {}\n", message); }

}  // namespace qpl::stream
