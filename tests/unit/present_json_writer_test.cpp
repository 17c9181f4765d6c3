// The small JSON writer: commas, colons and escapes are its job, never the caller's.
#include <doctest/doctest.h>

#include "present/json_writer.hpp"

using qpl::present::JsonWriter;

TEST_CASE("members and elements are separated by commas, the first of each container is not") {
  JsonWriter json;
  json.begin_object()
      .field("name", "acme")
      .key("version").integer(3)
      .key("tags").begin_array().string("a").string("b").end_array()
      .key("empty").begin_array().end_array()
      .key("nested").begin_object().key("ok").boolean(true).key("none").null().end_object()
      .key("percent").json_value("37.5")
      .end_object();
  CHECK(json.text() ==
        R"({"name":"acme","version":3,"tags":["a","b"],"empty":[],"nested":{"ok":true,"none":null},"percent":37.5})");
}

TEST_CASE("keys and strings are escaped as JSON") {
  JsonWriter json;
  json.begin_array().string("say \"hi\"\n").begin_object().field("a\\b", "\t").end_object().end_array();
  CHECK(json.text() == R"(["say \"hi\"\n",{"a\\b":"\t"}])");
}

TEST_CASE("numbers are written as the rest of qualify writes them, integers of any width exactly") {
  JsonWriter json;
  json.begin_array().number(25).number(0.5).number(-3.25).integer(std::uint64_t{18446744073709551615u}).integer(-7).end_array();
  CHECK(json.text() == "[25,0.5,-3.25,18446744073709551615,-7]");
}
