// libqualify's C++ API (include/qualify/qualify.hpp): compiling with diagnostics as values,
// evaluating JSON and maps to the CLI's result line, and sharing one Policy across threads.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "qualify/qualify.hpp"

namespace {

const char* const policy_text = R"(policy "api test" version 1

fields {
  id:     text
  budget: number?
  email:  text
  since:  date?
}

icp fit {
  require budget >= 1000 as "has a budget"
}

score interest from 0 to 100 {
  +40 when budget >= 10000 as "big budget"
  +10 when since within 30 days
}

gates bant {
  budget when budget >= 1000
}

funnel {
  hot  when fit and interest >= 40 as "fits, big budget"
  cold otherwise
}
)";

qualify::Compiled compiled() {
  qualify::Compiled result = qualify::compile(policy_text);
  REQUIRE_MESSAGE(result.ok(), result.diagnostics_text());
  return result;
}

qualify::EvalOptions as_of() {
  qualify::EvalOptions options;
  options.as_of = "2026-11-01";
  return options;
}

}  // namespace

TEST_CASE("a policy with errors gives its diagnostics as values, with the compiler's text") {
  qualify::CompileOptions options;
  options.name = "mine.qpl";
  const qualify::Compiled result =
      qualify::compile("policy \"p\"\nfields {\n  id: text\n}\nfunnel {\n  a when budjet > 1\n  b otherwise\n}\n", options);
  CHECK_FALSE(result.ok());
  REQUIRE(result.diagnostics.size() == 1);
  const qualify::Diagnostic& d = result.diagnostics[0];
  CHECK(d.severity == qualify::Severity::error);
  CHECK(d.file == "mine.qpl");
  CHECK(d.line == 6);
  CHECK(d.column == 10);
  CHECK(d.message.find("budjet") != std::string::npos);
  CHECK(d.text.rfind("mine.qpl:6:10: error: ", 0) == 0);
  CHECK(result.diagnostics_text() == d.text);
}

TEST_CASE("imports are refused unless an import folder is given") {
  const qualify::Compiled result = qualify::compile("import \"shared/x.qpl\"\npolicy \"p\"\nfields {\n  id: text\n}\n");
  CHECK_FALSE(result.ok());
  CHECK(result.diagnostics_text().find("imports are not available") != std::string::npos);
}

TEST_CASE("a JSON lead gives the CLI's result line and the answers one by one") {
  const auto policy = compiled().policy;
  CHECK(policy->name() == "api test");
  CHECK(policy->stages() == std::vector<std::string>{"hot", "cold"});
  const qualify::Result result =
      policy->evaluate_json(R"({"id": "A-1", "budget": 20000, "email": "a@b.c", "since": "2026-10-20"})", as_of());
  REQUIRE(result.ok());
  CHECK(result.json ==
        R"({"id":"A-1","stage":"hot","because":"fits, big budget","scores":{"interest":50},)"
        R"("icp":{"fit":true},"gates":{"bant":{"budget":true}}})");
  CHECK(result.stage == "hot");
  CHECK(result.because == "fits, big budget");
  REQUIRE(result.scores.size() == 1);
  CHECK(result.scores[0] == std::pair<std::string, double>("interest", 50));
  REQUIRE(result.icp.size() == 1);
  CHECK(result.icp[0].second == true);
  REQUIRE(result.gates.size() == 1);
  CHECK(result.gates[0].group == "bant");
  CHECK(result.gates[0].check == "budget");
  CHECK(result.gates[0].value == true);
  CHECK(result.explain.empty());
}

TEST_CASE("a forward-only funnel says which leads it held and which a recycle line sent back") {
  const qualify::Compiled compiled_forward = qualify::compile(R"(policy "forward"
fields {
  id:     text
  clicks: number
}
funnel forward-only {
  order prospect < mql < sql
  sql      when clicks >= 50
  mql      when clicks >= 10
  prospect otherwise
  recycle to prospect when clicks = 0  as "gone cold"
}
)");
  REQUIRE(compiled_forward.ok());
  const auto& policy = compiled_forward.policy;
  const char* const was_sql = R"("previous": {"stage": "sql", "since": "2026-10-01"})";

  const qualify::Result held = policy->evaluate_json(
      std::string(R"({"id": "F-1", "clicks": 20, )") + was_sql + "}", as_of());
  REQUIRE(held.ok());
  CHECK(held.stage == "sql");
  CHECK(held.held == "mql");
  CHECK_FALSE(held.recycled);

  const qualify::Result recycled = policy->evaluate_json(
      std::string(R"({"id": "F-2", "clicks": 0, )") + was_sql + "}", as_of());
  REQUIRE(recycled.ok());
  CHECK(recycled.stage == "prospect");
  CHECK(recycled.because == "gone cold");
  CHECK_FALSE(recycled.held);
  CHECK(recycled.recycled);

  const qualify::Result fresh = policy->evaluate_json(R"({"id": "F-3", "clicks": 20})", as_of());
  REQUIRE(fresh.ok());
  CHECK(fresh.stage == "mql");
  CHECK_FALSE(fresh.held);
  CHECK_FALSE(fresh.recycled);
}

TEST_CASE("unknown values are null, as in the CLI's line") {
  const auto policy = compiled().policy;
  const qualify::Result result = policy->evaluate_json(R"({"id": "A-2", "email": "x@y.z"})", as_of());
  REQUIRE(result.ok());
  CHECK(result.icp[0].second == std::nullopt);
  CHECK(result.gates[0].value == std::nullopt);
  CHECK(result.json.find(R"("icp":{"fit":null})") != std::string::npos);
}

TEST_CASE("a map gives what the same lead as JSON gives") {
  const auto policy = compiled().policy;
  const qualify::Record record{{"id", std::string("A-1")}, {"budget", 20000.0},
                               {"email", std::string("a@b.c")}, {"since", nullptr}};
  const qualify::Result from_map = policy->evaluate(record, as_of());
  const qualify::Result from_json =
      policy->evaluate_json(R"({"id":"A-1","budget":20000,"email":"a@b.c","since":null})", as_of());
  REQUIRE(from_map.ok());
  CHECK(from_map.json == from_json.json);
}

TEST_CASE("a bad record is a result with the reader's error, and the CLI's error line") {
  const auto policy = compiled().policy;
  qualify::EvalOptions options = as_of();
  options.record_number = 7;
  const qualify::Result result = policy->evaluate_json(R"({"id": "A-3", "budget": "lots", "email": "e"})", options);
  CHECK(result.status == qualify::Status::bad_record);
  CHECK(result.error.find("budget") != std::string::npos);
  CHECK(result.json.rfind(R"({"record":7,"id":"A-3","error":")", 0) == 0);
  CHECK_FALSE(result.stage.has_value());

  const qualify::Result not_json = policy->evaluate_json("{\"id\": ", options);
  CHECK(not_json.status == qualify::Status::bad_record);
  CHECK(not_json.error.find("invalid JSON") != std::string::npos);
}

TEST_CASE("an as_of that is not a date is a bad argument, not a crash") {
  const auto policy = compiled().policy;
  qualify::EvalOptions options;
  options.as_of = "yesterday";
  const qualify::Result result = policy->evaluate_json(R"({"id":"A"})", options);
  CHECK(result.status == qualify::Status::bad_argument);
  CHECK(result.error == "as_of: 'yesterday' is not a YYYY-MM-DD date");
}

TEST_CASE("the explain trace comes in the form asked") {
  const auto policy = compiled().policy;
  qualify::EvalOptions options = as_of();
  const std::string lead = R"({"id": "A-1", "budget": 20000, "email": "a@b.c"})";
  options.explain = qualify::Explain::json;
  const qualify::Result json = policy->evaluate_json(lead, options);
  REQUIRE(json.ok());
  CHECK(json.explain.front() == '{');
  CHECK(json.json.find(",\"explain\":" + json.explain + "}") != std::string::npos);
  options.explain = qualify::Explain::text;
  const qualify::Result text = policy->evaluate_json(lead, options);
  CHECK(text.explain.find("hot") != std::string::npos);
  CHECK(text.json.find("explain") == std::string::npos);
}

TEST_CASE("one policy evaluated by many threads at once gives every thread the same answers") {
  const auto policy = compiled().policy;
  const std::string lead = R"({"id": "A-1", "budget": 20000, "email": "a@b.c"})";
  const std::string expected = policy->evaluate_json(lead, as_of()).json;
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        const std::string bad = R"({"id": "B", "budget": true, "email": "e"})";
        if (policy->evaluate_json(lead, as_of()).json != expected) ++mismatches[static_cast<std::size_t>(t)];
        if (policy->evaluate_json(bad, as_of()).ok()) ++mismatches[static_cast<std::size_t>(t)];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(mismatches == std::vector<int>(4, 0));
}
