// Name resolution and typing: what the checker accepts, rejects, and annotates.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "model/types.hpp"
#include "sema/load.hpp"

namespace {

using namespace qpl;

const char* schema = R"(
fields {
  id: text
  email: text
  seniority: one of ("ic", "manager", "director", "vp", "c_level")
  company_size: number
  budget: number?
  is_decision_maker: bool?
  last_activity_at: date?
  events: list of event
  type: text?
}
record event {
  type: one of ("page_view", "pricing_view")
  day: date
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

// `message` ends with the cycle `chain` names ("s -> fit -> s"), starting at any member: which
// member the checker meets first depends on the order of declaration.
bool same_cycle(const std::string& message, const std::string& chain) {
  auto members = [](std::string text) {
    std::vector<std::string> out;
    for (std::size_t at; (at = text.find(" -> ")) != std::string::npos; text.erase(0, at + 4))
      out.push_back(text.substr(0, at));
    return out;  // the last name repeats the first
  };
  const auto colon = message.rfind(": ");
  if (colon == std::string::npos) return false;
  const auto found = members(message.substr(colon + 2));
  const auto wanted = members(chain);
  if (found.size() != wanted.size()) return false;
  for (std::size_t shift = 0; shift < wanted.size(); ++shift) {
    bool same = true;
    for (std::size_t i = 0; i < wanted.size(); ++i) same = same && found[i] == wanted[(i + shift) % wanted.size()];
    if (same) return true;
  }
  return false;
}

const Expr& let_body(const sema::LoadResult& r, const std::string& name) {
  for (const auto& l : r.policy->lets)
    if (l.name == name) return *l.decl->value;
  FAIL("no let " << name);
  throw 0;
}

}  // namespace

TEST_CASE("a clean policy loads with no diagnostic") {
  auto r = load("let big = company_size > 500 and seniority in [\"vp\", \"c_level\"]\n");
  CHECK(codes(r) == "");
  CHECK(r.ok());
  CHECK(r.policy->lets.at(0).type->kind == TypeKind::boolean);
}

TEST_CASE("names resolve to fields, lets, icps and scores") {
  auto r = load(R"(
let big = company_size > 500
icp fit {
  require big
}
score s {
  +5 when fit
}
let hot = s >= 5 and fit
)");
  REQUIRE(codes(r) == "");
  const auto& big = let_body(r, "big");
  const auto& lhs = std::get<Binary>(big.kind).lhs;
  CHECK(std::get<Name>(lhs->kind).ref.kind == RefKind::lead_field);
  CHECK(std::get<Name>(lhs->kind).ref.index == 3);
  const auto& hot = std::get<Binary>(let_body(r, "hot").kind);
  const auto& s = std::get<Binary>(hot.lhs->kind).lhs;
  CHECK(std::get<Name>(s->kind).ref.kind == RefKind::score);
  CHECK(std::get<Name>(hot.rhs->kind).ref.kind == RefKind::icp);
}

TEST_CASE("inside where, element fields hide lead fields; lead.x reaches the lead [R15]") {
  auto r = load(R"(let n = count(events where type = "pricing_view" and lead.type = "x")
)");
  REQUIRE(codes(r) == "");
  const auto& q = std::get<ListQuery>(let_body(r, "n").kind);
  const auto& cond = std::get<Binary>(q.where->kind);
  const auto& inner = std::get<Binary>(cond.lhs->kind);
  CHECK(std::get<Name>(inner.lhs->kind).ref.kind == RefKind::element_field);
  CHECK(inner.lhs->type->kind == TypeKind::enum_);
  const auto& outer = std::get<Binary>(cond.rhs->kind);
  CHECK(std::get<Member>(outer.lhs->kind).ref.kind == RefKind::lead_field);
}

TEST_CASE("group.label resolves to the check; a bare group is not a value [R14]") {
  auto r = load(R"(
gates bant {
  budget when budget >= 10_000
  authority when is_decision_maker
}
let a = bant.authority
let b = at least 1 of bant
)");
  REQUIRE(codes(r) == "");
  CHECK(std::get<Member>(let_body(r, "a").kind).ref.kind == RefKind::gate_check);
  CHECK(std::get<Member>(let_body(r, "a").kind).ref.index == 1);
  auto bad = load("gates g {\n  a when true\n}\nlet x = g or true\n");
  CHECK(codes(bad) == "QPL117");
}

TEST_CASE("misspelt names get a suggestion") {
  auto r = load("let x = budjet > 3\n");
  CHECK(codes(r) == "QPL110");
  CHECK(first_message(r) == "unknown name 'budjet' (did you mean 'budget'?)");
  auto f = load("let x = lowr(email)\n");
  CHECK(first_message(f) == "unknown function 'lowr' (did you mean 'lower'?)");
}

TEST_CASE("enum literals are checked against their values [R11]") {
  CHECK(codes(load("let x = seniority = \"cxo\"\n")) == "QPL202");
  CHECK(codes(load("let x = \"cxo\" != seniority\n")) == "QPL202");
  CHECK(codes(load("let x = seniority in [\"vp\", \"boss\"]\n")) == "QPL202");
  CHECK(codes(load("let x = seniority otherwise \"boss\"\n")) == "QPL202");
  // Not checked through a let, nor for contains (R11).
  CHECK(codes(load("let l = [\"boss\"]\nlet x = seniority in l\n")) == "");
  CHECK(codes(load("let x = seniority contains \"boss\"\n")) == "");
}

TEST_CASE("ordering: numbers, dates and text; never enums, bools or lists [R10]") {
  CHECK(codes(load("let x = company_size < 3\n")) == "");
  CHECK(codes(load("let x = email < \"m\"\n")) == "");
  CHECK(codes(load("let x = last_activity_at >= 2026-01-01\n")) == "");
  CHECK(codes(load("let x = seniority < \"vp\"\n")) == "QPL203");
  CHECK(codes(load("let x = is_decision_maker < true\n")) == "QPL201");
  CHECK(codes(load("let x = company_size < \"3\"\n")) == "QPL201");
  CHECK(codes(load("let x = company_size = \"3\"\n")) == "QPL201");
}

TEST_CASE("durations only where a date is shifted or after within [R8]") {
  CHECK(codes(load("let x = last_activity_at within 30 days\n")) == "");
  CHECK(codes(load("let x = today - 1 days - 2 weeks\n")) == "");
  CHECK(codes(load("let x = 2 weeks + today\n")) == "");
  CHECK(codes(load("let x = 30 days\n")) == "QPL205");
  CHECK(codes(load("let x = 1 days + 2 days\n")) == "QPL200");
  CHECK(codes(load("let x = today + 3\n")) == "QPL200");
}

TEST_CASE("date - date is a number of days [R13]") {
  auto r = load("let x = today - last_activity_at\n");
  REQUIRE(codes(r) == "");
  CHECK(r.policy->lets[0].type->kind == TypeKind::number);
}

TEST_CASE("enum and text unify to text; identical enums stay enums [R12]") {
  auto r = load(
      "let x = seniority otherwise \"vp\"\nlet y = [seniority, \"intern\"]\n"
      "let z = seniority otherwise seniority\n");
  REQUIRE(codes(r) == "");
  CHECK(r.policy->lets[0].type->kind == TypeKind::text);
  CHECK(type_name(r.policy->lets[1].type) == "list of text");
  CHECK(r.policy->lets[2].type->kind == TypeKind::enum_);
}

TEST_CASE("cycles among definitions are errors [R16]") {
  CHECK(codes(load("let a = b\nlet b = a\n")) == "QPL116");
  CHECK(codes(load("gates g {\n  a when all of g\n}\n")) == "QPL116");
  // A check may use a sibling check.
  CHECK(codes(load("gates g {\n  a when true\n  b when g.a\n}\n")) == "");
}

// Issue 11: a cycle is one error that names it, whatever kinds of definitions make it, in
// whichever order they are declared, and however many times its members use each other.
TEST_CASE("each cycle is reported once, naming its members [R16]") {
  struct Case {
    std::vector<std::string> decls;
    std::string chain;  // the cycle as the message names it, from the definition met first
  };
  const std::vector<Case> cases = {
      {{"let s = t\n", "let t = s\n"}, "s -> t -> s"},
      {{"let s = fit\n", "icp fit {\n  require s\n}\n"}, "s -> fit -> s"},
      {{"let s = fit and fit\n", "icp fit {\n  require s\n  require not s\n}\n"}, "s -> fit -> s"},
      {{"let s = e > 0\n", "score e {\n  +5 when s\n  -5 when not s\n}\n"}, "s -> e -> s"},
      {{"icp fit {\n  require e > 0\n}\n", "score e {\n  +5 when fit\n  +1 when fit\n}\n"},
       "fit -> e -> fit"},
      {{"score a {\n  +1 per b\n}\n", "score b {\n  +1 per a\n  +2 per a\n}\n"}, "a -> b -> a"},
      {{"let s = g.a\n", "gates g {\n  a when s\n  b when s or g.a\n}\n"}, "s -> g.a -> s"},
      {{"gates g {\n  a when g.b\n  b when g.a and g.a\n}\n"}, "g.a -> g.b -> g.a"},
      {{"gates g {\n  a when all of g\n}\n"}, "g.a -> g -> g.a"},
      {{"let s = all of g\n", "gates g {\n  a when s\n}\n"}, "s -> g -> g.a -> s"},
      {{"icp fit {\n  require at least 1 of g\n}\n", "gates g {\n  a when fit\n}\n"},
       "fit -> g -> g.a -> fit"},
      {{"let s = at least 1 of (fit, e > 0)\n", "icp fit {\n  require s\n}\n",
        "score e {\n  +1 when fit\n}\n"},
       "s -> fit -> s"},
      {{"let a = a + a\n"}, "a -> a"},
      {{"score a {\n  +1 per a\n  +2 per a\n}\n"}, "a -> a"},
      {{"let s = fit\n", "icp fit {\n  require e > 0\n}\n", "score e {\n  +1 when s\n  +2 when s\n}\n"},
       "s -> fit -> e -> s"},
  };
  for (const Case& c : cases) {
    for (const bool reversed : {false, true}) {
      std::string body;
      for (std::size_t i = 0; i < c.decls.size(); ++i)
        body += c.decls[reversed ? c.decls.size() - 1 - i : i];
      CAPTURE(body);
      const auto r = load(body);
      CHECK(codes(r) == "QPL116");
      CHECK(same_cycle(first_message(r), c.chain));
    }
  }
  // Two different cycles through one definition are two errors, each naming its own.
  auto r = load("let a = b + c\nlet b = a\nlet c = a\n");
  CHECK(codes(r) == "QPL116 QPL116");
  r = load("icp fit {\n  require e > 0\n}\nscore e {\n  +5 when fit\n  +1 per e\n}\n");
  CHECK(codes(r) == "QPL116 QPL116");  // fit -> e -> fit, and e -> e
}

TEST_CASE("a test has a name of its own") {
  const char* lead = "  lead { id: \"1\" }\n";
  auto r = load(std::string("test \"\" {\n") + lead + "}\n");
  CHECK(codes(r) == "QPL312");
  CHECK(first_message(r) == "this test has no name");
  CHECK(codes(load(std::string("test \" \" {\n") + lead + "}\n")) == "QPL312");
  r = load(std::string("test \"a\" {\n") + lead + "}\ntest \"b\" {\n" + lead + "}\ntest \"a\" {\n" + lead +
           "}\ntest \"a\" {\n" + lead + "}\n");
  CHECK(codes(r) == "QPL312 QPL312");  // the second and the third "a", each with a note at the first
  CHECK(first_message(r) == "another test is named \"a\" too");
  REQUIRE(r.diagnostics.items().front().notes.size() == 1);
}

TEST_CASE("names are one namespace across declarations [R14]") {
  CHECK(codes(load("let budget = 3\n")) == "QPL102");
  CHECK(codes(load("score s {\n}\nicp s {\n}\n")) == "QPL102");
  // Stage names and check labels are separate namespaces.
  CHECK(codes(load("gates g {\n  budget when budget > 3\n}\nfunnel {\n  budget otherwise\n}\n")) == "");
}

TEST_CASE("the funnel ends with exactly one otherwise [R7]") {
  CHECK(codes(load("funnel {\n  a when true\n}\n")) == "QPL300");
  CHECK(codes(load("funnel {\n  a otherwise\n  b when true\n}\n")) == "QPL300");
  CHECK(codes(load("funnel {\n  lead when true\n  a otherwise\n}\n")) == "");
}

TEST_CASE("score ranges [R36]") {
  CHECK(codes(load("score s from 5 to 5 {\n}\n")) == "");
  CHECK(codes(load("score s from -10 to 10 {\n  +1\n}\n")) == "");
  CHECK(codes(load("score s from 10 to -10 {\n}\n")) == "QPL301");
}

TEST_CASE("regular expressions are compiled with the policy [R32]") {
  CHECK(codes(load("let x = email matches \"^[a-z]+@\"\n")) == "");
  CHECK(codes(load("let x = email matches \"(a\"\n")) == "QPL206");
}

TEST_CASE("test blocks: lead keys are field names, expected values are typed [R9]") {
  const char* funnel = "funnel {\n  sql when company_size > 100\n  prospect otherwise\n}\n";
  CHECK(codes(load(std::string(funnel) +
                   "test \"t\" {\n  lead { id: \"1\" }\n  expect stage = sql\n  expect stage = \"prospect\"\n}\n")) == "");
  CHECK(codes(load(std::string(funnel) + "test \"t\" {\n  lead { idd: \"1\" }\n  expect stage = sql\n}\n")) == "QPL310");
  CHECK(codes(load(std::string(funnel) + "test \"t\" {\n  lead { id: \"1\" }\n  expect stage = mql\n}\n")) == "QPL311");
  CHECK(codes(load(std::string(funnel) + "test \"t\" {\n  lead { id: \"1\" }\n  expect company_size = \"x\"\n}\n")) == "QPL311");
  CHECK(codes(load(std::string(funnel) + "test \"t\" {\n  lead { id: \"1\" }\n  expect budget = unknown\n}\n")) == "");
}

TEST_CASE("imports: missing files, cycles and clashes") {
  auto r = load("import \"does/not/exist.qpl\"\n");
  CHECK(codes(r) == "QPL100");
}

TEST_CASE("an import of a device is refused, never read (it could be endless)") {
  auto r = load("import \"/dev/zero\"\n");
  CHECK(codes(r) == "QPL100");
  REQUIRE(!r.diagnostics.items().empty());
  CHECK(r.diagnostics.items()[0].message == "cannot read imported file '/dev/zero': not a regular file");
}
