// The checker on sum / avg / min / max (VALUE of LIST where COND): types, scopes, errors.
#include <doctest/doctest.h>

#include <string>

#include "model/types.hpp"
#include "sema/load.hpp"

namespace {

using namespace qpl;

const char* schema = R"(
fields {
  id: text
  bonus: number?
  tags: list of text
  events: list of event
}
record event {
  type: text
  day: date
  points: number?
}
)";

sema::LoadResult load(const std::string& body) { return sema::load_policy_text("t.qpl", schema + body); }

std::string codes(const sema::LoadResult& r) {
  std::string s;
  for (const auto& d : r.diagnostics.items()) s += (s.empty() ? "" : " ") + d.code;
  return s;
}

std::string first_message(const sema::LoadResult& r) {
  return r.diagnostics.empty() ? std::string() : r.diagnostics.items().front().message;
}

TEST_CASE("aggregates: accepted forms and their types") {
  const auto r = load(
      "let a = sum(points of events where type = \"webinar\")\n"
      "let b = avg(points + bonus of events)\n"
      "let c = max(day of events) > 2026-01-01\n"
      "let d = min(points of events) + 1\n"
      "let e = sum(points of events where day within 30 days and lead.bonus > 0)\n");
  CHECK(codes(r) == "");
}

TEST_CASE("aggregates: errors") {
  auto r = load("let a = sum(type of events)\n");
  CHECK(codes(r) == "QPL200");
  CHECK(first_message(r) == "'sum' needs a number of each element, but this is text");
  r = load("let a = avg(day of events)\n");
  CHECK(codes(r) == "QPL200");
  r = load("let a = max(type of events)\n");
  CHECK(first_message(r) == "'max' needs a number or a date of each element, but this is text");
  r = load("let a = sum(1 of tags)\n");
  CHECK(codes(r) == "QPL207");
  r = load("let a = sum(points of events where points)\n");
  CHECK(codes(r) == "QPL200");
  r = load("let a = sum(pointz of events)\n");
  CHECK(codes(r) == "QPL110");
  r = load("let a = length(points of events)\n");
  CHECK(codes(r) == "QPL017");
  CHECK(first_message(r) ==
        "'length(... of LIST)' is not an aggregate: only sum, avg, min and max take 'of'");
  r = load("let a = sum(points of )\n");
  CHECK(codes(r) == "QPL011");
  r = load("let a = sum(points of events x)\n");
  CHECK(codes(r) == "QPL011");
  CHECK(first_message(r) == "expected 'where' or ')' after the list");
}

}  // namespace
