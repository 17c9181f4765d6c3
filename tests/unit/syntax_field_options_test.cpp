// Field options (`lower`, `trim`, `format "..."`, `unreadable missing`): parsed in any order,
// before or after `from`, and never mistaken for the next field's name.
#include <doctest/doctest.h>

#include <string>

#include "support/source.hpp"
#include "syntax/ast_dump.hpp"
#include "syntax/parser.hpp"

namespace {

std::string dump_fields(const std::string& text) {
  qpl::SourceFile file("t.qpl", text);
  auto r = qpl::syntax::parse_module(file, 0);
  if (!r.diagnostics.empty()) return "error: " + r.diagnostics.items()[0].message;
  std::string out;
  const std::string dump = qpl::syntax::dump_module(r.module, file);
  std::size_t at = 0;
  while ((at = dump.find("field ", at)) != std::string::npos) {
    const std::size_t end = dump.find(" @", at);
    out += dump.substr(at, (end == std::string::npos ? dump.find('\n', at) : end) - at) + "\n";
    at += 6;
  }
  return out;
}

}  // namespace

TEST_CASE("field options parse in canonical order whatever order they are written in") {
  CHECK(dump_fields("fields {\n  industry: text trim lower from \"Industry\"\n}\n") ==
        "field industry: text lower trim from \"Industry\"\n");
  CHECK(dump_fields("fields { b: number? from \"B\" unreadable missing format \"1,000.00\" }") ==
        "field b: number? format \"1,000.00\" unreadable missing from \"B\"\n");
  CHECK(dump_fields("fields { d: date?\n    format \"DD/MM/YYYY\" }") ==
        "field d: date? format \"DD/MM/YYYY\"\n");
}

TEST_CASE("an option word followed by ':' is the next field, named like the option") {
  CHECK(dump_fields("fields {\n  a: text\n  lower: text\n  trim: text?\n  format: number\n"
                    "  unreadable: bool\n}\n") ==
        "field a: text\nfield lower: text\nfield trim: text?\nfield format: number\n"
        "field unreadable: bool\n");
  CHECK(dump_fields("fields { a: text lower, lower: text lower }") ==
        "field a: text lower\nfield lower: text lower\n");
}

TEST_CASE("a broken option is one error naming what was expected") {
  CHECK(dump_fields("fields { b: number? unreadable }") ==
        "error: expected 'missing' after 'unreadable'");
  CHECK(dump_fields("fields { d: date format DD/MM/YYYY }") ==
        "error: expected a format in quotes after 'format', such as \"DD/MM/YYYY\" or "
        "\"1,000.00\"");
}
