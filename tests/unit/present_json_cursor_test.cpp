// The explain JSON's raw writer: pieces go to a kept buffer, then to the string in one append.
#include <doctest/doctest.h>

#include <string>

#include "present/json_cursor.hpp"

using qpl::present::JsonCursor;

TEST_CASE("a cursor appends its pieces after the string's text, growing its buffer as asked") {
  std::string out = "before:";
  std::string buffer;  // empty: the first room() makes it
  std::string expected = out;
  {
    JsonCursor cursor(out, buffer);
    for (int i = 0; i < 2000; ++i) {  // far beyond the first room made
      cursor.room(8);
      cursor.put("[");
      cursor.put(std::string_view("ab"));
      cursor.put(',');
      cursor.number(i);
      cursor.json_string("q\"");
      cursor.text("]");
      expected += "[ab," + std::to_string(i) + "\"q\\\"\"]";
    }
    CHECK(cursor.back() == ']');
    cursor.pop_back();
    expected.pop_back();
    CHECK(out == "before:");  // nothing reaches the string before finish()
    cursor.finish();
    CHECK(out == expected);
    cursor.text("after");  // a cursor goes on after finish(), from an empty buffer
  }  // and its destructor finishes
  CHECK(out == expected + "after");

  JsonCursor again(out, buffer);  // the buffer kept: no room needed for what fits
  again.text("!");
  again.finish();
  CHECK(out == expected + "after!");
}
