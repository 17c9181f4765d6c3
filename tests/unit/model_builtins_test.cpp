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

TEST_CASE("builtins: each row's implementation computes its builtin") {
  std::string out;
  builtin_of(Builtin::lower).implementation.text(out, "ÉCOLE Inc");
  CHECK(out == "école inc");
  builtin_of(Builtin::upper).implementation.text(out, "acme");
  CHECK(out == "ACME");
  builtin_of(Builtin::trim).implementation.text(out, "  a b \t");
  CHECK(out == "a b");
  CHECK(builtin_of(Builtin::length).implementation.measure("héllo") == 5);  // code points
  CHECK(builtin_of(Builtin::domain).implementation.domain("Ann@Example.COM ") == "example.com");
  CHECK_FALSE(builtin_of(Builtin::domain).implementation.domain("no at sign").has_value());
  CHECK(builtin_of(Builtin::round).implementation.number(-2.5) == -3);  // half away from zero
  CHECK(builtin_of(Builtin::floor).implementation.number(-2.5) == -3);
  CHECK(builtin_of(Builtin::ceil).implementation.number(-2.5) == -2);
  CHECK(builtin_of(Builtin::abs).implementation.number(-2.5) == 2.5);
  CHECK(builtin_of(Builtin::days_since).implementation.days(100, 103) == -3);  // R31
  CHECK(builtin_of(Builtin::min).implementation.sign == -1);
  CHECK(builtin_of(Builtin::max).implementation.sign == 1);
}

TEST_CASE("builtins: every row has the function its shape calls") {
  for (const BuiltinFunction& f : builtin_functions) {
    CAPTURE(f.name);
    const BuiltinImplementation& impl = f.implementation;
    switch (impl.shape) {
      case BuiltinShape::text_to_text: CHECK(static_cast<bool>(impl.text)); break;
      case BuiltinShape::text_to_domain: CHECK(static_cast<bool>(impl.domain)); break;
      case BuiltinShape::length: CHECK(static_cast<bool>(impl.measure)); break;
      case BuiltinShape::number_to_number: CHECK(static_cast<bool>(impl.number)); break;
      case BuiltinShape::days_since: CHECK(static_cast<bool>(impl.days)); break;
      case BuiltinShape::extreme: CHECK(impl.sign != 0); break;
    }
    CHECK(&builtin_of(f.id) == &f);
  }
}
