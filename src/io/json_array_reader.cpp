#include "io/json_array_reader.hpp"

#include <fmt/format.h>

#include "io/input_buffer.hpp"
#include "io/json_binder.hpp"
#include "io/json_document.hpp"
#include "io/json_shape_hint.hpp"

namespace qpl::io {

namespace {

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Finds element boundaries by tracking strings, escapes and bracket depth, so a huge array is
// never in memory at once; each element is then parsed on its own.
class JsonArrayReader final : public LeadReader {
 public:
  JsonArrayReader(std::FILE* stream, std::string name, const Schema& schema,
                  std::uint64_t first_number)
      : input_(stream, name),
        binder_(schema),
        presence_(std::make_shared<KeyPresence>(std::move(name), schema, first_number)),
        next_number_(first_number) {}

  std::shared_ptr<KeyPresence> key_presence() const override { return presence_; }

  bool would_block() const override { return input_.line_would_block(); }

  bool next(ReadItem& item) override {
    if (!started_) open_array();
    if (finished_) return false;
    skip_space();
    if (!ensure(1)) throw not_closed();
    char c = input_.data()[0];
    if (c == ']') return close_array();
    if (expect_comma_) {
      // The scanner stops elements only at ',' or ']' at depth 0.
      input_.consume(1);
      expect_comma_ = false;
      skip_space();
      if (!ensure(1)) throw not_closed();
      c = input_.data()[0];
    }
    item.number = next_number_++;
    presence_->count_record();
    item.line = line_;
    item.error.clear();
    if (c == ',' || c == ']') {
      item.ok = false;
      item.error = "invalid JSON: an empty array element";
      item.error_id = Value{};
      expect_comma_ = c == ',';
      return true;
    }
    const std::size_t length = scan_element(item);
    std::size_t trimmed = length;
    while (trimmed > 0 && is_json_space(input_.data()[trimmed - 1])) --trimmed;
    simdjson::dom::element root;
    const bool parsed = parser_.parse(input_.data(), trimmed, root, item.error);
    item.ok = parsed && binder_.bind_lead(root, item.record, item.error, item.notes);
    if (!item.ok) binder_.read_id(parsed ? &root : nullptr, item.error_id);
    if (parsed) binder_.note_presence(root, item.number, *presence_);
    input_.consume(length);
    expect_comma_ = true;
    return true;
  }

 private:
  InputError not_closed() const {
    return InputError(fmt::format("'{}': the JSON array is not closed (missing ']' at the end, "
                                  "line {})", input_.name(), line_));
  }

  // At least `count` bytes pending, reading more as needed; false at the end of the input.
  bool ensure(std::size_t count) {
    while (input_.size() < count)
      if (!input_.fill()) return input_.size() >= count;
    return true;
  }

  void skip_space() {
    for (;;) {
      if (!ensure(1)) return;
      const char c = input_.data()[0];
      if (!is_json_space(c)) return;
      if (c == '\n') ++line_;
      input_.consume(1);
    }
  }

  void open_array() {
    started_ = true;
    if (ensure(3) && input_.view().starts_with("\xEF\xBB\xBF")) input_.consume(3);
    skip_space();
    if (!ensure(1))
      throw InputError(fmt::format("'{}': expected a JSON array, the input is empty",
                                   input_.name()));
    if (input_.data()[0] != '[') {
      ensure(64 * 1024);  // enough of the file to tell what it is instead
      const std::string hint = json_shape_hint(input_.view(), input_.name());
      throw InputError(fmt::format("'{}': expected a JSON array ('[' first){}{}", input_.name(),
                                   hint.empty() ? "" : "; ", hint));
    }
    input_.consume(1);
  }

  bool close_array() {
    input_.consume(1);
    finished_ = true;
    skip_space();
    if (ensure(1))
      throw InputError(fmt::format("'{}': unexpected text after the JSON array", input_.name()));
    return false;
  }

  // The byte length of the element at the front, up to (not including) its ',' or ']'.
  std::size_t scan_element(const ReadItem& item) {
    std::size_t i = 0;
    long depth = 0;
    bool in_string = false;
    for (;;) {
      const char* data = input_.data();
      const std::size_t size = input_.size();
      for (; i < size; ++i) {
        const char c = data[i];
        if (in_string) {
          if (c == '\\') {
            if (i + 1 >= size) break;  // read on before deciding what it escapes
            ++i;
          } else if (c == '"') {
            in_string = false;
          } else if (c == '\n') {
            ++line_;
          }
          continue;
        }
        switch (c) {
          case '"': in_string = true; break;
          case '[':
          case '{': ++depth; break;
          case ']':
            if (depth == 0) return i;
            --depth;
            break;
          case '}':
            // A stray '}' stays inside the element, whose parse then fails.
            if (depth > 0) --depth;
            break;
          case ',':
            if (depth == 0) return i;
            break;
          case '\n': ++line_; break;
          default: break;
        }
      }
      if (!input_.fill()) {
        if (depth > 0 || in_string) throw cut_inside(item);
        // A whole element, then the end of the input: it is read, and the next call says
        // that the array is not closed.
        return i;
      }
    }
  }

  // The file ends inside an element: a truncated export, most likely.
  InputError cut_inside(const ReadItem& item) const {
    return InputError(fmt::format("'{}': the input ends inside record {} (from line {}), before "
                                  "the JSON array is closed: the file looks cut short",
                                  input_.name(), item.number, item.line));
  }

  InputBuffer input_;
  JsonDocumentParser parser_;
  JsonBinder binder_;
  std::shared_ptr<KeyPresence> presence_;
  std::uint64_t next_number_;
  std::uint32_t line_ = 1;
  bool started_ = false;
  bool finished_ = false;
  bool expect_comma_ = false;
};

}  // namespace

std::unique_ptr<LeadReader> make_json_array_reader(std::FILE* stream, std::string name,
                                                   const Schema& schema,
                                                   std::uint64_t first_number) {
  return std::make_unique<JsonArrayReader>(stream, std::move(name), schema, first_number);
}

}  // namespace qpl::io
