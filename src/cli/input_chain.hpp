#pragma once
// The inputs of `eval` read one after the other as one stream of records, numbers continuing
// from file to file (R45). Files are opened when reached.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/lead_reader.hpp"

namespace qpl::cli {

struct InputSpec {
  std::string path;  // "-" is stdin
  InputFormat format = InputFormat::ndjson;
};

// Every input with its format (from --input-format, else the extension), each file checked
// readable; none means stdin. nullopt after printing why not.
std::optional<std::vector<InputSpec>> plan_inputs(std::vector<std::string> paths,
                                                  const std::optional<std::string>& input_format);

class InputChain final : public LeadReader {
 public:
  InputChain(std::vector<InputSpec> inputs, const Schema& schema);
  ~InputChain() override;
  InputChain(const InputChain&) = delete;
  InputChain& operator=(const InputChain&) = delete;

  // Throws InputError when a file cannot be opened or read.
  bool next(ReadItem& item) override;
  bool next_unbound(ReadItem& item, UnboundRecord& raw) override;
  bool would_block() const override { return reader_ && reader_->would_block(); }
  void on_warning(InputWarningFn handler) override { warning_handler_ = std::move(handler); }

 private:
  void close_current();
  template <typename Read>
  bool read(ReadItem& item, Read read_one);

  std::vector<InputSpec> inputs_;
  const Schema& schema_;
  std::size_t next_input_ = 0;
  std::FILE* file_ = nullptr;
  std::unique_ptr<LeadReader> reader_;
  std::uint64_t next_number_ = 1;
  InputWarningFn warning_handler_;  // given to each file's reader
};

}  // namespace qpl::cli
