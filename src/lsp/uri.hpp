#pragma once
// file:// URIs and paths. Anything else (an editor's `untitled:` buffer) has no path.
#include <optional>
#include <string>
#include <string_view>

namespace qpl::lsp {

std::optional<std::string> uri_to_path(std::string_view uri);
std::string path_to_uri(std::string_view path);

}  // namespace qpl::lsp
