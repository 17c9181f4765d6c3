#pragma once
// The inputs of `eval` read one after the other as one stream of records, numbers continuing
// from file to file (R45). Files are opened when reached.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/lead_reader.hpp"

namespace qpl::stream {

struct InputSpec {
  std::string path;  // "-" is stdin
  io::InputFormat format = io::InputFormat::ndjson;
};

// Every input with its format (from --input-format, else the extension), each file checked
// readable; none means stdin. nullopt after printing why not.
std::optional<std::vector<InputSpec>> plan_inputs(std::vector<std::string> paths,
                                                  const std::optional<std::string>& input_format);

class InputChain final : public io::LeadReader {
 public:
  InputChain(std::vector<InputSpec> inputs, const Schema& schema);
  ~InputChain() override;
  InputChain(const InputChain&) = delete;
  InputChain& operator=(const InputChain&) = delete;

  // Throws InputError when a file cannot be opened or read.
  bool next(io::ReadItem& item) override;
  bool next_unbound(io::ReadItem& item, io::UnboundRecord& raw) override;
  bool would_block() const override { return reader_ && reader_->would_block(); }
  void on_warning(io::InputWarningFn handler) override { warning_handler_ = std::move(handler); }
  void leave_records_in_file(bool on) override {
    leave_in_file_ = on;
    if (reader_) reader_->leave_records_in_file(on);
  }
  // Once every record is bound: for each JSON file read, the keys the policy names that none of
  // its records had, as `leads.ndjson: warning: key "x" (field x) appeared in none of 30 records`
  // (`error` for a required field, whose records were all error lines already).
  std::vector<std::string> absent_key_warnings() const;

 private:
  void close_current();
  template <typename Read>
  bool read(io::ReadItem& item, Read read_one);

  std::vector<InputSpec> inputs_;
  const Schema& schema_;
  std::size_t next_input_ = 0;
  std::FILE* file_ = nullptr;
  std::unique_ptr<io::LeadReader> reader_;
  std::uint64_t next_number_ = 1;
  std::uint64_t first_number_of_input_ = 1;  // next_number_ when the current input was opened
  io::InputWarningFn warning_handler_;  // given to each file's reader
  bool leave_in_file_ = false;          // given to each file's reader too
  std::vector<std::shared_ptr<io::KeyPresence>> presences_;  // of the JSON files opened so far
};

}  // namespace qpl::stream
