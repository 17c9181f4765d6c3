// A `.json` input that is not an array: what it most likely is, said with the error.
#include <doctest/doctest.h>

#include "io/json_shape_hint.hpp"

using qpl::io::json_shape_hint;

TEST_CASE("json shape hint: NDJSON under a .json name") {
  CHECK(json_shape_hint("{\"id\":\"a\"}\n{\"id\":\"b\"}\n", "leads.json") ==
        "it looks like NDJSON, one object a line: name it .ndjson, or give --input-format ndjson");
  CHECK(json_shape_hint("{\"id\":\"a\"}\r\n\r\n  {\"id\":\"b\"}", "leads.json").starts_with("it looks like NDJSON"));
}

TEST_CASE("json shape hint: an API export wrapping its leads in an object") {
  CHECK(json_shape_hint("{\"total\": 2, \"meta\": {\"x\": [1]}, \"results\": [{\"id\": \"a\"}]}",
                        "export.json") ==
        "it is one object; if its leads are the list under \"results\", take them out first: "
        "jq '.[\"results\"]' export.json > leads.json");
  // A key that is a value's text is no key; an escaped quote does not end a text.
  CHECK(json_shape_hint("{\"a\": \"x\\\"y\", \"b\": [1]}", "f.json").find("under \"b\"") != std::string::npos);
}

TEST_CASE("json shape hint: one object, or nothing better to say") {
  CHECK(json_shape_hint("{\"id\": \"a\",\n \"size\": 5}\n", "one.json") ==
        "it is one object: a file of leads is an array of objects, [{...}, {...}]");
  CHECK(json_shape_hint("\"text\"", "t.json").empty());
  CHECK(json_shape_hint("", "t.json").empty());
  CHECK(json_shape_hint("{\"unclosed\": \"", "t.json") ==
        "it is one object: a file of leads is an array of objects, [{...}, {...}]");
}
