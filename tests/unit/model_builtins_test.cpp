// The builtin table: one row per Builtin, found by name, with the signature the checker enforces.
#include <doctest/doctest.h>

#include "model/builtins.hpp"
#include "sema/load.hpp"

using namespace qpl;

TEST_CASE("builtins: every function is found by its name, and only those") {
  for (const BuiltinFunction& f : builtin_functions) {
    const BuiltinFunction* found = find_builtin(f.name);
    REQUIRE(found);
    CHECK(found->id == f.id);
  }
  CHECK(find_builtin("days_since")->signature.parameter == BuiltinParameter::date);
  CHECK(find_builtin("max")->signature.variadic);
  CHECK_FALSE(find_builtin("lower")->signature.variadic);
  CHECK(find_builtin("today") == nullptr);
  CHECK(find_builtin("Lower") == nullptr);
}

TEST_CASE("builtins: the checker resolves a call through the table and applies its signature") {
  const char* fields = "fields {\n  id: text\n  d: date\n  n: number\n}\n";
  auto load = [&](const std::string& let) { return sema::load_policy_text("t.qpl", fields + let); };
  const sema::LoadResult ok = load("let a = days_since(d) + abs(n)\nlet b = max(d, d)\n");
  CHECK(ok.ok());
  const sema::LoadResult wrong = load("let a = days_since(n)\n");
  REQUIRE(wrong.diagnostics.items().size() == 1);
  CHECK(wrong.diagnostics.items()[0].message == "'days_since' needs a date, but this is number");
  const sema::LoadResult mixed = load("let a = min(n, d)\n");
  REQUIRE(mixed.diagnostics.items().size() == 1);
  CHECK(mixed.diagnostics.items()[0].message.starts_with("'min' needs arguments of one type"));
}
