// "file:line:column": the one way a place is written (checker notes, explain, qualify test).
#include <doctest/doctest.h>

#include "support/source_location.hpp"

TEST_CASE("location_text is the file, the line and the column in characters where a span begins") {
  qpl::SourceSet sources;
  const auto id = sources.add("policies/acme.qpl", "let a = 1\nlet é = \"x\"\n");
  CHECK(qpl::location_text(sources, qpl::Span{id, 10, 13}) == "policies/acme.qpl:2:1");
  CHECK(qpl::location_text(sources, qpl::Span{id, 17, 20}) == "policies/acme.qpl:2:7");
  CHECK(qpl::location_text("cases.csv", qpl::LineColumn{3, 1}) == "cases.csv:3:1");
}

TEST_CASE("a span of no file of the set has no location") {
  const qpl::SourceSet sources;
  CHECK(qpl::location_text(sources, qpl::Span{2, 0, 1}).empty());
}
