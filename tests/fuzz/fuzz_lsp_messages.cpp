// Bytes as the stdin of `qualify lsp`, after an `initialize`: framed JSON-RPC messages, whole or
// broken (bad headers, wrong lengths, invalid JSON, missing or mistyped params, half-typed
// policies, positions past the text). The server answers in well-formed frames of JSON and
// never crashes or hangs.
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_support.hpp"
#include "lsp/framing.hpp"
#include "lsp/server.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qpl::lsp;
  std::string stream = frame(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}})");
  stream.append(reinterpret_cast<const char*>(data), size);
  std::istringstream in(stream);
  std::ostringstream out, log;
  (void)serve(in, out, log);

  std::istringstream answers(out.str());
  while (true) {
    Frame f = read_frame(answers);
    if (f.status == Frame::Status::end_of_input) break;
    qpl::fuzz::require(f.status == Frame::Status::message, "the server writes well-formed frames");
    const json message = json::parse(f.body, nullptr, false);
    qpl::fuzz::require(!message.is_discarded() && message.is_object(), "each answer is a JSON object");
    qpl::fuzz::require(message.value("jsonrpc", "") == "2.0", "each answer says jsonrpc 2.0");
  }
  return 0;
}
