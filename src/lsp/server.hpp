#pragma once
// `qualify lsp`: the Language Server Protocol over a byte stream. One message at a time, each
// answered before the next is read: a policy lints in milliseconds, so nothing runs behind.
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "lsp/documents.hpp"
#include "lsp/protocol.hpp"

namespace qpl::lsp {

class Server {
 public:
  // `send` receives each outgoing message's JSON (unframed).
  explicit Server(std::function<void(const std::string&)> send) : send_(std::move(send)) {}

  // Handles one incoming message's JSON, whatever it holds.
  void handle(std::string_view body);
  bool exited() const { return exited_; }
  // After `exit`: 0 when `shutdown` came first, else 1 (as the protocol says).
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  json dispatch(const std::string& method, const json& params, bool is_request);
  void did_open(const json& params);
  void did_change(const json& params);
  void did_close(const json& params);
  void publish(const std::string& uri, const Document& document);
  const Document& document(const json& params);
  void respond(const json& id, json result);
  void respond_error(const json& id, int code, const std::string& message);

  std::function<void(const std::string&)> send_;
  DocumentStore documents_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
};

// Reads framed messages from `in` until `exit` or the end of input, answers on `out`; problems
// with the stream go to `log`. Returns the process exit status.
int serve(std::istream& in, std::ostream& out, std::ostream& log);

}  // namespace qpl::lsp
