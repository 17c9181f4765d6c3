#pragma once
// Texts are printed from their value, re-escaped one canonical way: by `fmt` in a policy and by
// the REPL in a value.
#include <string>
#include <string_view>

namespace qpl::present {

// A QPL text literal, quotes included: `"` and `\` escaped, `\n` and `\t` by name; other control
// characters and the bidirectional controls (which would show the source in another order than
// it is read) as `\u{HEX}`. Everything else is kept as UTF-8.
std::string quote(std::string_view value);

}  // namespace qpl::present
