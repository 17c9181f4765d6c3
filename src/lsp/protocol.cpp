#include "lsp/protocol.hpp"

namespace qpl::lsp {
namespace {

std::uint32_t unsigned_member(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_number_integer() || it->get<long long>() < 0)
    throw RequestError(error_code::invalid_params, std::string("position.") + name + " must be a number");
  const auto value = it->get<long long>();
  return value > 0xFFFFFFFFLL ? 0xFFFFFFFFu : static_cast<std::uint32_t>(value);
}

}  // namespace

json position_json(Position p) { return {{"line", p.line}, {"character", p.character}}; }

json range_json(const LineIndex& lines, Span span) {
  return {{"start", position_json(lines.position(span.begin))},
          {"end", position_json(lines.position(span.end))}};
}

json location_json(const Analysis& analysis, Span span) {
  return {{"uri", analysis.file_uri(span.file)}, {"range", range_json(analysis.lines(span.file), span)}};
}

Position position_param(const json& params) {
  if (!params.is_object() || !params.contains("position") || !params["position"].is_object())
    throw RequestError(error_code::invalid_params, "params.position is missing");
  const json& p = params["position"];
  return {unsigned_member(p, "line"), unsigned_member(p, "character")};
}

std::string uri_param(const json& params) {
  if (!params.is_object()) throw RequestError(error_code::invalid_params, "params must be an object");
  const auto doc = params.find("textDocument");
  if (doc == params.end() || !doc->is_object() || !doc->contains("uri") || !(*doc)["uri"].is_string())
    throw RequestError(error_code::invalid_params, "params.textDocument.uri is missing");
  return (*doc)["uri"].get<std::string>();
}

}  // namespace qpl::lsp
