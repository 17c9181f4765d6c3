// An error record still carries the lead's id when its `id` field reads on its own (issue 20):
// error lines can then say which lead they are about.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "io_test_support.hpp"

using namespace qpl;
using namespace qpl::io_test;

namespace {

struct LeadSchema : TestSchema {
  LeadSchema() {
    field("id", types.number(), false, "Lead Number");
    field("size", types.number());
  }
};

// The error_id of each record, "-" for a record that was read.
std::vector<std::string> error_ids(io::InputFormat format, std::string_view text) {
  LeadSchema s;
  s.schema.id_field = 0;
  std::vector<std::string> ids;
  for (const io::ReadItem& item : read_all(format, text, s.schema))
    ids.push_back(item.ok ? "-" : show(item.error_id));
  return ids;
}

}  // namespace

TEST_CASE("csv: an error row keeps its readable id, an unreadable one is unknown") {
  CHECK(error_ids(io::InputFormat::csv,
                  "Lead Number,size\n"
                  "1022,fifty\n"   // bad size: the id still reads
                  "1023,3\n"       // fine
                  "abc,4\n"        // the id itself is what is wrong
                  ",5\n"           // no id
                  "1026,\"x\"y\n"  // text after a closing quote
                  "1027\n"         // short row: the id cell is still there
                  "1028,\"open\n") ==  // unterminated: the rest of the file, not split
        std::vector<std::string>{"1022", "-", "unknown", "unknown", "1026", "1027", "unknown"});
}

TEST_CASE("ndjson and json: an error record keeps its readable id") {
  CHECK(error_ids(io::InputFormat::ndjson,
                  "{\"Lead Number\":1022,\"size\":\"fifty\"}\n"
                  "{\"Lead Number\":\"1023\",\"size\":2}\n"
                  "{\"Lead Number\":\"x\",\"size\":\"fifty\"}\n"
                  "{\"size\":\"fifty\"}\n"
                  "{\"Lead Number\":1026,\n"
                  "[1027]\n") ==
        std::vector<std::string>{"1022", "-", "unknown", "unknown", "unknown", "unknown"});
  CHECK(error_ids(io::InputFormat::json,
                  "[{\"Lead Number\":\"1022\"}, {\"Lead Number\":1023,\"size\":1}, , 4]") ==
        std::vector<std::string>{"1022", "-", "unknown", "unknown"});
}

TEST_CASE("ndjson: a record bound on a worker's binder keeps its id too") {
  LeadSchema s;
  s.schema.id_field = 0;
  std::FILE* f = file_with("{\"Lead Number\":7,\"size\":\"many\"}\n");
  auto reader = io::open_lead_reader(io::InputFormat::ndjson, f, "test", s.schema);
  io::ReadItem item;
  io::UnboundRecord raw;
  REQUIRE(reader->next_unbound(item, raw));
  std::fclose(f);
  io::RecordBinder binder(s.schema);
  if (raw.pending) binder.bind(raw, item);
  CHECK_FALSE(item.ok);
  CHECK(show(item.error_id) == "7");
}
