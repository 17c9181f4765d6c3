#include "lsp/server.hpp"

#include "lsp/framing.hpp"
#include "lsp/handlers.hpp"

namespace qpl::lsp {
namespace {

// Deeper JSON than this is refused before parsing: no LSP message nests more than a few levels,
// and the parser must not be walked into the stack's end.
constexpr int max_json_depth = 64;

bool nesting_within_limit(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_json_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

json capabilities() {
  return {
      {"textDocumentSync", {{"openClose", true}, {"change", 2}}},  // 2: incremental
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"completionProvider", {{"triggerCharacters", json::array({".", "\""})}}},
      {"documentFormattingProvider", true},
      {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}},
      {"documentSymbolProvider", true},
  };
}

TextChange text_change(const json& change) {
  if (!change.is_object() || !change.contains("text") || !change["text"].is_string())
    throw RequestError(error_code::invalid_params, "a content change without text");
  TextChange out{std::nullopt, change["text"].get<std::string>()};
  if (auto range = change.find("range"); range != change.end() && range->is_object()) {
    const Position start = position_param(json{{"position", range->value("start", json::object())}});
    const Position end = position_param(json{{"position", range->value("end", json::object())}});
    out.range = std::pair{start, end};
  }
  return out;
}

}  // namespace

void Server::handle(std::string_view body) {
  json message;
  if (!nesting_within_limit(body)) {
    respond_error(nullptr, error_code::parse_error, "the message nests too deeply");
    return;
  }
  message = json::parse(body, nullptr, false);
  if (message.is_discarded()) {
    respond_error(nullptr, error_code::parse_error, "the message is not JSON");
    return;
  }
  if (!message.is_object()) {
    respond_error(nullptr, error_code::invalid_request, "a message must be a JSON object");
    return;
  }
  const auto id_it = message.find("id");
  const bool is_request = id_it != message.end();
  const json id = is_request ? *id_it : json(nullptr);
  if (is_request && !id.is_string() && !id.is_number_integer()) {
    respond_error(nullptr, error_code::invalid_request, "a request's id must be a number or a string");
    return;
  }
  const auto method_it = message.find("method");
  if (method_it == message.end() || !method_it->is_string()) {
    // A response to a request of ours (we send none): nothing to do.
    if (is_request && !message.contains("result") && !message.contains("error"))
      respond_error(id, error_code::invalid_request, "a request needs a method");
    return;
  }
  const std::string method = method_it->get<std::string>();
  const json params = message.value("params", json::object());
  try {
    json result = dispatch(method, params, is_request);
    if (is_request) respond(id, std::move(result));
  } catch (const RequestError& e) {
    if (is_request) respond_error(id, e.code, e.what());
  } catch (const json::exception& e) {
    if (is_request) respond_error(id, error_code::invalid_params, std::string("invalid params: ") + e.what());
  } catch (const std::exception& e) {
    if (is_request) respond_error(id, error_code::internal_error, e.what());
  }
}

json Server::dispatch(const std::string& method, const json& params, bool is_request) {
  if (method == "exit") {
    exited_ = true;
    return nullptr;
  }
  if (method == "initialize") {
    if (initialized_) throw RequestError(error_code::invalid_request, "initialize was already received");
    initialized_ = true;
    return {{"capabilities", capabilities()},
            {"serverInfo", {{"name", "qualify"}, {"version", QUALIFY_VERSION}}}};
  }
  if (!initialized_) {
    if (is_request) throw RequestError(error_code::server_not_initialized, "initialize must come first");
    return nullptr;
  }
  if (shutdown_ && is_request) throw RequestError(error_code::invalid_request, "the server is shutting down");
  if (method == "shutdown") {
    shutdown_ = true;
    return nullptr;
  }
  if (method == "textDocument/didOpen") did_open(params);
  else if (method == "textDocument/didChange") did_change(params);
  else if (method == "textDocument/didClose") did_close(params);
  else if (method == "textDocument/hover") return hover(*document(params).analysis, position_param(params));
  else if (method == "textDocument/definition") return definition(*document(params).analysis, position_param(params));
  else if (method == "textDocument/references") {
    bool include = true;
    if (auto c = params.find("context"); c != params.end() && c->is_object())
      include = c->value("includeDeclaration", true);
    return references(*document(params).analysis, position_param(params), include);
  } else if (method == "textDocument/completion") {
    const Document& d = document(params);
    return completion(*d.analysis, d.last_good.get(), position_param(params));
  } else if (method == "textDocument/formatting") return formatting(*document(params).analysis);
  else if (method == "textDocument/codeAction") return code_actions(*document(params).analysis, params);
  else if (method == "textDocument/documentSymbol") return document_symbols(*document(params).analysis);
  else if (is_request) throw RequestError(error_code::method_not_found, "unknown method '" + method + "'");
  return nullptr;
}

const Document& Server::document(const json& params) {
  const std::string uri = uri_param(params);
  const Document* d = documents_.find(uri);
  if (!d) throw RequestError(error_code::invalid_params, "'" + uri + "' is not open");
  return *d;
}

void Server::did_open(const json& params) {
  const std::string uri = uri_param(params);
  const json& doc = params["textDocument"];
  if (!doc.contains("text") || !doc["text"].is_string())
    throw RequestError(error_code::invalid_params, "params.textDocument.text is missing");
  const long long version = doc.value("version", 0LL);
  publish(uri, documents_.open(uri, doc["text"].get<std::string>(), version));
}

void Server::did_change(const json& params) {
  const std::string uri = uri_param(params);
  Document* document = documents_.find(uri);
  if (!document) return;
  const auto changes = params.find("contentChanges");
  if (changes == params.end() || !changes->is_array()) throw RequestError(error_code::invalid_params, "params.contentChanges is missing");
  std::string text = document->text;
  for (const json& change : *changes) apply_change(text, text_change(change));
  document->text = std::move(text);
  if (auto v = params["textDocument"].find("version"); v != params["textDocument"].end() && v->is_number_integer())
    document->version = v->get<long long>();
  documents_.analyse(uri, *document);
  publish(uri, *document);
}

void Server::did_close(const json& params) {
  const std::string uri = uri_param(params);
  documents_.close(uri);
  send_(json{{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"},
             {"params", {{"uri", uri}, {"diagnostics", json::array()}}}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::publish(const std::string& uri, const Document& document) {
  send_(json{{"jsonrpc", "2.0"}, {"method", "textDocument/publishDiagnostics"},
             {"params", {{"uri", uri}, {"version", document.version},
                         {"diagnostics", diagnostics_json(*document.analysis)}}}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::respond(const json& id, json result) {
  send_(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

void Server::respond_error(const json& id, int code, const std::string& message) {
  send_(json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}}
            .dump(-1, ' ', false, json::error_handler_t::replace));
}

int serve(std::istream& in, std::ostream& out, std::ostream& log) {
  Server server([&](const std::string& body) { out << frame(body) << std::flush; });
  while (!server.exited()) {
    Frame f = read_frame(in);
    if (f.status == Frame::Status::end_of_input) return 1;  // the editor went away without `exit`
    if (f.status == Frame::Status::bad_header) {
      log << "qualify lsp: a message was dropped: " << f.error << '\n';
      continue;
    }
    server.handle(f.body);
  }
  return server.exit_code();
}

}  // namespace qpl::lsp
