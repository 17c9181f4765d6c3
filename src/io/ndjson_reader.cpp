#include "io/ndjson_reader.hpp"

#include <cstring>

#include <fmt/format.h>

#include "io/input_buffer.hpp"
#include "io/json_binder.hpp"
#include "io/json_document.hpp"

namespace qpl::io {

namespace {

bool is_blank(std::string_view line) {
  for (const char c : line)
    if (c != ' ' && c != '\t' && c != '\r') return false;
  return true;
}

class NdjsonReader final : public LeadReader {
 public:
  NdjsonReader(std::FILE* stream, std::string name, const Schema& schema,
               std::uint64_t first_number)
      : input_(stream, name),
        binder_(schema),
        presence_(std::make_shared<KeyPresence>(std::move(name), schema, first_number)),
        next_number_(first_number) {}

  std::shared_ptr<KeyPresence> key_presence() const override { return presence_; }
  void leave_records_in_file(bool on) override { leave_in_file_ = on; }

  bool next(ReadItem& item) override {
    std::string_view line;
    if (!frame(item, line)) return false;
    simdjson::dom::element root;
    const bool parsed = parser_.parse(line.data(), line.size(), root, item.error);
    item.ok = parsed && binder_.bind_lead(root, item.record, item.error, item.notes);
    if (!item.ok) binder_.read_id(parsed ? &root : nullptr, item.error_id);
    if (parsed) binder_.note_presence(root, item.number, *presence_);
    input_.consume(pending_consume_);
    return true;
  }

  bool would_block() const override { return input_.line_would_block(); }

  // Only frames the line: the main thread of `eval --jobs` does this, workers parse and bind.
  bool next_unbound(ReadItem& item, UnboundRecord& raw) override {
    std::string_view line;
    if (!frame(item, line)) return false;
    raw.pending = true;
    raw.format = InputFormat::ndjson;
    raw.size = line.size();
    raw.presence = presence_.get();
    if (leave_in_file_ && !file_ && input_.regular_fd() >= 0) {
      file_ = std::make_shared<const RereadableFile>(input_.regular_fd(), input_.name());
      if (!file_->usable()) leave_in_file_ = false;  // no descriptor to spare: copy
    }
    if (leave_in_file_ && file_) {
      // The binding thread reads the bytes itself: copied here, they would be this core's.
      raw.file = file_;
      raw.offset = input_.offset();
    } else {
      raw.file.reset();
      raw.text.resize(line.size() + simdjson::SIMDJSON_PADDING);
      std::memcpy(raw.text.data(), line.data(), line.size());
    }
    input_.consume(pending_consume_);
    return true;
  }

 private:
  // Finds the next non-blank line and numbers it; the caller consumes `pending_consume_` bytes
  // once done with `line` (it points into the input window).
  bool frame(ReadItem& item, std::string_view& line_out) {
    if (!started_) {  // a byte-order mark, as Excel and Notepad write one, is not the record's
      started_ = true;
      while (input_.size() < 3 && input_.fill()) {
      }
      if (input_.view().starts_with("\xEF\xBB\xBF")) input_.consume(3);
    }
    std::size_t searched = 0;  // bytes of the pending line already searched for '\n'
    for (;;) {
      const char* data = input_.data();
      const std::size_t size = input_.size();
      // An empty window may have no storage yet: memchr must not see a null pointer.
      const void* newline =
          size > searched ? std::memchr(data + searched, '\n', size - searched) : nullptr;
      std::size_t length = 0;
      std::size_t consumed = 0;
      if (newline) {
        length = static_cast<std::size_t>(static_cast<const char*>(newline) - data);
        consumed = length + 1;
      } else {
        searched = size;
        if (input_.fill()) continue;
        // fill() may have moved the bytes.
        data = input_.data();
        if (input_.size() == 0) return false;
        length = consumed = input_.size();  // the last line has no line break
      }
      ++line_;
      const std::string_view line(data, length);
      if (is_blank(line)) {
        input_.consume(consumed);
        searched = 0;
        continue;
      }
      if (!shape_checked_) {
        shape_checked_ = true;
        warn_if_not_ndjson(line);
      }
      item.number = next_number_++;
      presence_->count_record();
      item.line = line_;
      item.error.clear();
      line_out = line;
      pending_consume_ = consumed;
      return true;
    }
  }

  // A JSON array or a pretty-printed object in an NDJSON file makes every line an error line:
  // said once, from the first record's line, with the way out.
  void warn_if_not_ndjson(std::string_view line) const {
    std::size_t begin = 0, end = line.size();
    while (begin < end && (line[begin] == ' ' || line[begin] == '\t')) ++begin;
    while (end > begin && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\r')) --end;
    const std::string_view text = line.substr(begin, end - begin);
    if (text.starts_with('['))
      warn(fmt::format("{}:{}: warning: this looks like a JSON array, not NDJSON (one object a line): "
                       "name the file .json, or give --input-format json", input_.name(), line_));
    else if (text == "{")
      warn(fmt::format("{}:{}: warning: this looks like JSON written over several lines; NDJSON is one "
                       "object a line (jq -c '.' turns the one into the other)", input_.name(), line_));
  }

  InputBuffer input_;
  JsonDocumentParser parser_;
  JsonBinder binder_;
  std::shared_ptr<KeyPresence> presence_;
  std::uint64_t next_number_;
  std::uint32_t line_ = 0;
  std::size_t pending_consume_ = 0;
  bool started_ = false;
  bool shape_checked_ = false;
  bool leave_in_file_ = false;
  std::shared_ptr<const RereadableFile> file_;  // with leave_in_file_, for a regular file
};

}  // namespace

std::unique_ptr<LeadReader> make_ndjson_reader(std::FILE* stream, std::string name,
                                               const Schema& schema, std::uint64_t first_number) {
  return std::make_unique<NdjsonReader>(stream, std::move(name), schema, first_number);
}

}  // namespace qpl::io
