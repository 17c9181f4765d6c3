#include "lint/codes.hpp"

#include <algorithm>
#include <iterator>
#include <string>

namespace qpl::lint {
namespace {

constexpr CodeInfo codes[] = {
#define QPL_CODE(layer, constant, code, name, severity, summary) \
  {code, name, Severity::severity, summary, diagnostic_codes::Layer::layer},
#include "support/diagnostic_codes.def"
#undef QPL_CODE
};

// The registry is in code order with no code twice, so docs/diagnostics.md can follow it.
constexpr bool in_code_order() {
  for (std::size_t i = 1; i < std::size(codes); ++i)
    if (!(codes[i - 1].code < codes[i].code)) return false;
  return true;
}
static_assert(in_code_order(), "support/diagnostic_codes.def: keep the codes in order, each once");

// Where docs/diagnostics.md is published; SARIF viewers link each rule to its section.
constexpr std::string_view docs_uri = "https://github.com/qualify-lang/qualify/blob/main/docs/diagnostics.md";

}  // namespace

std::span<const CodeInfo> all_codes() { return codes; }

const CodeInfo* find_code(std::string_view code) {
  auto it = std::find_if(std::begin(codes), std::end(codes),
                         [&](const CodeInfo& c) { return c.code == code; });
  return it == std::end(codes) ? nullptr : &*it;
}

std::string help_uri(std::string_view code) {
  std::string uri(docs_uri);
  uri += "#";
  for (char c : code) uri += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return uri;
}

}  // namespace qpl::lint
