// A key the policy reads that no record of an NDJSON or JSON file has: noted while the records
// are bound (by the reader, or by RecordBinder on a worker thread), said at the end (issue 20).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "io/key_presence.hpp"
#include "io_test_support.hpp"

using namespace qpl;
using namespace qpl::io_test;

namespace {

// Reads every record, through next() or next_unbound() + RecordBinder; the file's presence.
std::shared_ptr<io::KeyPresence> presence_after(io::InputFormat format, std::string_view text,
                                            const Schema& schema, bool unbound = false) {
  std::FILE* f = file_with(text);
  auto reader = io::open_lead_reader(format, f, "leads.ndjson", schema, 7);
  io::RecordBinder binder(schema);
  io::ReadItem item;
  io::UnboundRecord raw;
  while (unbound ? reader->next_unbound(item, raw) : reader->next(item))
    if (unbound && raw.pending) binder.bind(raw, item);
  std::shared_ptr<io::KeyPresence> presence = reader->key_presence();
  std::fclose(f);
  return presence;
}

std::vector<std::string> messages(const io::KeyPresence& presence) {
  std::vector<std::string> out;
  for (const io::AbsentColumn& absent : presence.absent())
    out.push_back(io::absent_key_message(absent, presence));
  return out;
}

TestSchema crm_schema() {
  TestSchema s;
  s.field("id", s.types.text());
  s.field("last_pricing_visit", s.types.date(), true);
  s.field("size", s.types.number(), true, "company.size");
  s.field("budget", s.types.number(), true);
  return s;
}

// Ten records: enough for an optional field's key to be reported.
std::string crm_leads() {
  std::string text =
      "{\"id\":\"a\",\"last_pricing_visit_at\":\"2026-01-01\",\"company\":{\"sise\":5}}\n"
      "{\"id\":\"b\",\"budget\":null,\"company\":{\"sise\":50}}\n";
  for (int i = 0; i < 8; ++i) text += "{\"id\":\"c\",\"budget\":3}\n";
  return text;
}

}  // namespace

TEST_CASE("ndjson: a key in no record is named once, with the closest key the records have") {
  const TestSchema s = crm_schema();
  for (const bool unbound : {false, true}) {
    CAPTURE(unbound);
    const auto presence = presence_after(io::InputFormat::ndjson, crm_leads(), s.schema, unbound);
    REQUIRE(presence);
    CHECK(presence->records() == 10);
    // budget is in two records (null counts: the key is there), id in all: not reported.
    CHECK(messages(*presence) ==
          std::vector<std::string>{
              "key \"last_pricing_visit\" (field last_pricing_visit) appeared in none of 10 "
              "records (did you mean \"last_pricing_visit_at\"?)",
              "key \"company.size\" (field size) appeared in none of 10 records (did you mean "
              "\"company.sise\"?)"});
  }
}

TEST_CASE("json array: the same, and a required field reads as such") {
  TestSchema s;
  s.field("id", s.types.text());
  s.field("region", s.types.text(), false, "Region");
  const auto presence =
      presence_after(io::InputFormat::json, "[{\"id\":\"a\",\"region\":\"EU\"}]", s.schema);
  REQUIRE(presence);
  CHECK(messages(*presence) ==
        std::vector<std::string>{"key \"Region\" (required field region) is not in the one "
                                 "record (did you mean \"region\"?)"});
}

TEST_CASE("in fewer than ten records, an optional field's absent key is ordinary data") {
  const TestSchema s = crm_schema();
  const auto presence = presence_after(io::InputFormat::ndjson, "{\"id\":\"a\"}\n", s.schema);
  REQUIRE(presence);
  CHECK(presence->absent().empty());
}

TEST_CASE("a key found in a record that is otherwise in error still counts as seen") {
  TestSchema s;
  s.field("size", s.types.number());  // required, first: every record below fails on it
  s.field("country", s.types.text(), true);
  const auto presence =
      presence_after(io::InputFormat::ndjson, "{\"country\":\"FR\"}\n{\"size\":\"many\"}\n", s.schema);
  REQUIRE(presence);
  CHECK(presence->absent().empty());
}

TEST_CASE("a record that could not be read lacks no key") {
  TestSchema s;
  s.field("id", s.types.text());
  s.field("email", s.types.text());
  for (const bool unbound : {false, true}) {
    CAPTURE(unbound);
    // Broken JSON only: no record was read, so no key can be said to be missing (each record
    // has its error line).
    const auto broken = presence_after(io::InputFormat::ndjson,
                                       "{\"id\":\"a\",\"email\":tru}\n[1 2]\n", s.schema, unbound);
    REQUIRE(broken);
    CHECK(broken->records() == 2);
    CHECK(broken->readable() == 0);
    // One readable record lacking "email" beside two broken ones: counted as one, not three.
    const auto mixed = presence_after(
        io::InputFormat::ndjson, "{\"id\":\"a\",\"x\":tru}\n{\"id\":\"b\"}\n{\"id\":\n", s.schema, unbound);
    REQUIRE(mixed);
    CHECK(mixed->readable() == 1);
    CHECK(messages(*mixed) ==
          std::vector<std::string>{"key \"email\" (required field email) is not in the one record "
                                   "that could be read (2 could not)"});
  }
}

TEST_CASE("once every key was seen and the sample taken, a record costs one comparison") {
  const TestSchema s = crm_schema();
  io::KeyPresence presence("x", s.schema, 1);
  CHECK_FALSE(presence.done(1));
  for (std::size_t slot = 0; slot < s.schema.lead.fields.size(); ++slot) presence.mark(slot);
  CHECK_FALSE(presence.done(io::KeyPresence::sampled_records));  // still in the sample
  CHECK(presence.done(io::KeyPresence::sampled_records + 1));
}

TEST_CASE("csv has a header: no key presence") {
  const TestSchema s = crm_schema();
  std::FILE* f = file_with("id\na\n");
  auto reader = io::open_lead_reader(io::InputFormat::csv, f, "leads.csv", s.schema);
  CHECK(reader->key_presence() == nullptr);
  std::fclose(f);
}
