#include "cli/input_chain.hpp"

#include <cerrno>

#include <fmt/core.h>

#include "cli/common.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {

InputChain::InputChain(std::vector<InputSpec> inputs, const Schema& schema)
    : inputs_(std::move(inputs)), schema_(schema) {}

InputChain::~InputChain() { close_current(); }

void InputChain::close_current() {
  reader_.reset();
  if (file_ != nullptr && file_ != stdin) std::fclose(file_);
  file_ = nullptr;
}

bool InputChain::next(ReadItem& item) {
  return read(item, [&item](LeadReader& reader) { return reader.next(item); });
}

bool InputChain::next_unbound(ReadItem& item, UnboundRecord& raw) {
  return read(item, [&item, &raw](LeadReader& reader) { return reader.next_unbound(item, raw); });
}

template <typename Read>
bool InputChain::read(ReadItem& item, Read read_one) {
  for (;;) {
    if (reader_) {
      if (read_one(*reader_)) {
        next_number_ = item.number + 1;
        return true;
      }
      if (file_ != nullptr && std::ferror(file_)) {
        const std::string name = inputs_[next_input_ - 1].path;
        close_current();
        throw InputError(fmt::format("cannot read '{}'", sanitize_for_terminal(name)));
      }
      close_current();
    }
    if (next_input_ >= inputs_.size()) return false;
    const InputSpec& input = inputs_[next_input_++];
    if (input.path == "-") {
      file_ = stdin;
    } else {
      file_ = std::fopen(input.path.c_str(), "rb");
      if (file_ == nullptr) {
        throw InputError(fmt::format("cannot open '{}': {}", sanitize_for_terminal(input.path),
                                     system_error_text(errno)));
      }
    }
    reader_ = open_lead_reader(input.format, file_, input.path == "-" ? "<stdin>" : input.path,
                               schema_, next_number_);
    reader_->on_warning(warning_handler_);
  }
}

}  // namespace qpl::cli
