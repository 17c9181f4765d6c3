#include <doctest/doctest.h>

#include "lsp/uri.hpp"

TEST_CASE("file URIs and paths") {
  using namespace qpl::lsp;
  CHECK(uri_to_path("file:///a/b%20c.qpl") == "/a/b c.qpl");
  CHECK(uri_to_path("file://localhost/a.qpl") == "/a.qpl");
  CHECK_FALSE(uri_to_path("untitled:Untitled-1").has_value());
  CHECK_FALSE(uri_to_path("file:///a%00b").has_value());
  CHECK(path_to_uri("/a/b c.qpl") == "file:///a/b%20c.qpl");
}
