#include "stream/input_chain.hpp"

#include <unistd.h>

#include <cerrno>
#include <filesystem>

#include <fmt/core.h>

#include "stream/messages.hpp"
#include "io/key_presence.hpp"
#include "support/read_file.hpp"
#include "support/utf8.hpp"

namespace qpl::stream {
namespace {

std::optional<io::InputFormat> parse_input_format(const std::string& name) {
  if (name == "csv") return io::InputFormat::csv;
  if (name == "ndjson") return io::InputFormat::ndjson;
  if (name == "json") return io::InputFormat::json;
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<InputSpec>> plan_inputs(std::vector<std::string> paths,
                                                  const std::optional<std::string>& input_format) {
  if (paths.empty()) paths.push_back("-");
  const std::optional<io::InputFormat> forced =
      input_format ? parse_input_format(*input_format) : std::nullopt;
  std::vector<InputSpec> inputs;
  for (const std::string& path : paths) {
    const std::string shown = sanitize_for_terminal(path);
    if (path == "-") {
      if (!forced) {
        print_error("reading leads from stdin needs --input-format csv, ndjson or json");
        return std::nullopt;
      }
      inputs.push_back({path, *forced});
      continue;
    }
    const std::optional<io::InputFormat> format = forced ? forced : io::format_from_extension(path);
    if (!format) {
      print_error(fmt::format("cannot tell the format of '{}': name it .csv, .ndjson, .jsonl or "
                              ".json, or use --input-format",
                              shown));
      return std::nullopt;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      print_error(fmt::format("cannot read '{}': it is a folder", shown));
      return std::nullopt;
    }
    if (access(path.c_str(), R_OK) != 0) {
      print_error(fmt::format("cannot open '{}': {}", shown, system_error_text(errno)));
      return std::nullopt;
    }
    inputs.push_back({path, *format});
  }
  return inputs;
}

InputChain::InputChain(std::vector<InputSpec> inputs, const Schema& schema)
    : inputs_(std::move(inputs)), schema_(schema) {}

InputChain::~InputChain() { close_current(); }

void InputChain::close_current() {
  reader_.reset();
  if (file_ != nullptr && file_ != stdin) std::fclose(file_);
  file_ = nullptr;
}

bool InputChain::next(io::ReadItem& item) {
  return read(item, [&item](io::LeadReader& reader) { return reader.next(item); });
}

bool InputChain::next_unbound(io::ReadItem& item, io::UnboundRecord& raw) {
  return read(item, [&item, &raw](io::LeadReader& reader) { return reader.next_unbound(item, raw); });
}

template <typename Read>
bool InputChain::read(io::ReadItem& item, Read read_one) {
  for (;;) {
    if (reader_) {
      if (read_one(*reader_)) {
        next_number_ = item.number + 1;
        return true;
      }
      if (file_ != nullptr && std::ferror(file_)) {
        const std::string name = inputs_[next_input_ - 1].path;
        close_current();
        throw io::InputError(fmt::format("cannot read '{}'", sanitize_for_terminal(name)));
      }
      // An export that came out empty is a mistake upstream, not a funnel with no leads: say so
      // (not for stdin, where an empty stream is how a quiet pipe ends).
      const std::string& path = inputs_[next_input_ - 1].path;
      if (next_number_ == first_number_of_input_ && path != "-" && warning_handler_)
        warning_handler_(fmt::format("{}: warning: no records in this file", sanitize_for_terminal(path)));
      close_current();
    }
    if (next_input_ >= inputs_.size()) return false;
    const InputSpec& input = inputs_[next_input_++];
    first_number_of_input_ = next_number_;
    if (input.path == "-") {
      file_ = stdin;
    } else {
      file_ = std::fopen(input.path.c_str(), "rb");
      if (file_ == nullptr) {
        throw io::InputError(fmt::format("cannot open '{}': {}", sanitize_for_terminal(input.path),
                                     system_error_text(errno)));
      }
    }
    reader_ = io::open_lead_reader(input.format, file_, input.path == "-" ? "<stdin>" : input.path,
                               schema_, next_number_);
    reader_->on_warning(warning_handler_);
    reader_->leave_records_in_file(leave_in_file_);
    if (auto presence = reader_->key_presence()) presences_.push_back(std::move(presence));
  }
}

std::vector<std::string> InputChain::absent_key_warnings() const {
  std::vector<std::string> warnings;
  for (const auto& presence : presences_) {
    // An empty file, or one whose records could none be read (each has its error line), lacks
    // no key: nothing to say.
    if (presence->readable() == 0) continue;
    for (const io::AbsentColumn& absent : presence->absent())
      warnings.push_back(fmt::format("{}: {}: {}", sanitize_for_terminal(presence->name()),
                                     absent.required ? "error" : "warning",
                                     io::absent_key_message(absent, *presence)));
  }
  return warnings;
}

}  // namespace qpl::stream
