// next_unbound() + RecordBinder (how `eval --jobs` reads: one thread frames, others bind) must
// give exactly what next() gives: numbers, lines, values and error texts.
#include <doctest/doctest.h>

#include <unistd.h>

#include <string>
#include <vector>

#include "io/lead_reader.hpp"
#include "io_test_support.hpp"

using namespace qpl;
using namespace qpl::io_test;

namespace {

struct LeadSchema : TestSchema {
  LeadSchema() {
    field("id", types.text());
    field("size", types.number(), true);
    field("tags", types.list_of(types.text()), true);
  }
};

std::string shown_with_place(const io::ReadItem& item) {
  return std::to_string(item.number) + "@" + std::to_string(item.line) + " " + show(item);
}

std::vector<std::string> read_bound(io::InputFormat format, std::string_view text,
                                    const Schema& schema) {
  std::FILE* f = file_with(text);
  auto reader = io::open_lead_reader(format, f, "test", schema, 5);
  std::vector<std::string> shown;
  io::ReadItem item;
  while (reader->next(item)) shown.push_back(shown_with_place(item));
  std::fclose(f);
  return shown;
}

// Frames everything first, then binds, as a worker would after the main thread moved on.
std::vector<std::string> read_unbound(io::InputFormat format, std::string_view text,
                                      const Schema& schema, std::size_t* pending = nullptr) {
  std::FILE* f = file_with(text);
  auto reader = io::open_lead_reader(format, f, "test", schema, 5);
  std::vector<io::ReadItem> items(1);
  std::vector<io::UnboundRecord> raws(1);
  while (reader->next_unbound(items.back(), raws.back())) {
    items.emplace_back();
    raws.emplace_back();
  }
  std::fclose(f);
  io::RecordBinder binder(schema);
  std::vector<std::string> shown;
  io::ReadItem reused;  // one item rebound again and again, like a batch slot
  for (std::size_t i = 0; i + 1 < items.size(); ++i) {
    reused.number = items[i].number;
    reused.line = items[i].line;
    if (raws[i].pending) {
      binder.bind(raws[i], reused);
      if (pending != nullptr) ++*pending;
    } else {
      reused = items[i];
    }
    shown.push_back(shown_with_place(reused));
  }
  return shown;
}

// Frames everything with the records left in their file (eval --jobs), closes the file, then
// binds them all at once as a worker binds a batch; `cut` truncates the file before that.
std::vector<std::string> read_left_in_file(std::string_view text, const Schema& schema,
                                           std::size_t* in_file, long cut = -1) {
  std::FILE* f = file_with(text);
  auto reader = io::open_lead_reader(io::InputFormat::ndjson, f, "test", schema, 5);
  reader->leave_records_in_file(true);
  std::vector<io::ReadItem> items(1);
  std::vector<io::UnboundRecord> raws(1);
  while (reader->next_unbound(items.back(), raws.back())) {
    items.emplace_back();
    raws.emplace_back();
  }
  items.pop_back();
  raws.pop_back();
  if (cut >= 0) REQUIRE(ftruncate(fileno(f), cut) == 0);
  // As InputChain does on to the next file: the reader and its stream go, the file's key
  // presence stays (the records point to it), and so does the file, for its records.
  const std::shared_ptr<io::KeyPresence> presence = reader->key_presence();
  reader.reset();
  std::fclose(f);
  for (const io::UnboundRecord& raw : raws) *in_file += raw.file != nullptr;
  io::RecordBinder binder(schema);
  binder.bind_all(raws.data(), items.data(), items.size());
  std::vector<std::string> shown;
  for (const io::ReadItem& item : items) shown.push_back(shown_with_place(item));
  return shown;
}

}  // namespace

TEST_CASE("ndjson: records left in their file and bound in one read equal the records next() binds") {
  LeadSchema s;
  const std::string input = "\xEF\xBB\xBF"  // a byte-order mark, skipped
                            R"({"id":"a","size":"250","tags":["x","y"]})"
                            "\r\n\n  \t\n"
                            R"({"id":"b","size":"big"})"
                            "\n"
                            R"({"id":"c", oops})"
                            "\n\xff\xfe\n"
                            R"({"id":"f"})";  // the last line without a line break
  const auto expected = read_bound(io::InputFormat::ndjson, input, s.schema);
  REQUIRE(expected.size() == 5);
  std::size_t in_file = 0;
  CHECK(read_left_in_file(input, s.schema, &in_file) == expected);
  CHECK(in_file == 5);
}

TEST_CASE("ndjson: a file cut while its records wait to be bound gives error lines, not garbage") {
  LeadSchema s;
  const std::string input = "{\"id\":\"a\"}\n{\"id\":\"b\"}\n";
  std::size_t in_file = 0;
  const auto shown = read_left_in_file(input, s.schema, &in_file, 3);
  REQUIRE(shown.size() == 2);
  for (const std::string& line : shown)
    CHECK(line.find("'test' changed while it was read") != std::string::npos);
}

TEST_CASE("ndjson: records bound later on another binder equal the records next() binds") {
  LeadSchema s;
  const std::string input = R"({"id":"a","size":"250","tags":["x","y"]})"
                            "\n\n  \t\n"
                            R"({"id":"b","size":"big"})"
                            "\n"
                            R"({"id":"c", oops})"
                            "\n"
                            R"({"size":3})"
                            "\n"
                            R"({"id":"d","size":1e999})"
                            "\n"
                            R"({"id":"e","size":123456789012345678901234567890,"tags":[]})"
                            "\n"
                            "\xff\xfe\n"
                            R"({"id":"f"})";  // the last line without a line break
  const auto expected = read_bound(io::InputFormat::ndjson, input, s.schema);
  REQUIRE(expected.size() == 8);
  CHECK(expected[0].rfind("5@1 ", 0) == 0);
  CHECK(expected[1].rfind("6@4 error: ", 0) == 0);
  std::size_t pending = 0;
  CHECK(read_unbound(io::InputFormat::ndjson, input, s.schema, &pending) == expected);
  CHECK(pending == 8);
}

TEST_CASE("csv and json arrays still bind in next_unbound (nothing left pending)") {
  LeadSchema s;
  const std::string csv = "id,size\na,1\nb,big\n\nc,\n";
  std::size_t pending = 0;
  CHECK(read_unbound(io::InputFormat::csv, csv, s.schema, &pending) ==
        read_bound(io::InputFormat::csv, csv, s.schema));
  CHECK(pending == 0);
  const std::string json = R"([{"id":"a"},{"size":2},{"id":"c","tags":[1]}])";
  CHECK(read_unbound(io::InputFormat::json, json, s.schema, &pending) ==
        read_bound(io::InputFormat::json, json, s.schema));
  CHECK(pending == 0);
}
