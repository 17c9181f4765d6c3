#pragma once
// JSON shapes of the protocol that several handlers share: positions, ranges, locations, and the
// error a request answers with.
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "lsp/analysis.hpp"
#include "lsp/text_position.hpp"
#include "support/source.hpp"

namespace qpl::lsp {

using json = nlohmann::json;

// JSON-RPC and LSP error codes.
namespace error_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_failed = -32803;
}  // namespace error_code

// Thrown by a handler: the request is answered with this error.
struct RequestError : std::runtime_error {
  RequestError(int code_, const std::string& message) : std::runtime_error(message), code(code_) {}
  int code;
};

json position_json(Position p);
json range_json(const LineIndex& lines, Span span);
json location_json(const Analysis& analysis, Span span);
// `params.position`; a missing or malformed one is invalid_params.
Position position_param(const json& params);
std::string uri_param(const json& params);  // params.textDocument.uri

}  // namespace qpl::lsp
