// The spec's acme policy (qpl.md, "A whole policy") end to end: its test's values, the explain
// trace as text and JSON, and why-not.
#include <algorithm>
#include <string_view>

#include "eval/trace.hpp"
#include "present/explain.hpp"
#include "present/why_not.hpp"
#include "eval_support.hpp"

namespace qpl::eval_test {
namespace {

const char* const acme = R"qpl(# policies/acme.qpl — Acme's lead qualification policy
policy "Acme B2B" version 4

fields {
  id:                text
  email:             text
  job_title:         text
  seniority:         one of ("ic", "manager", "director", "vp", "c_level")
  company_size:      number
  industry:          text
  country:           text
  lead_source:       text?   from "Lead Source"        # column name in the CRM export
  budget:            number?
  is_decision_maker: bool?
  need:              text?
  timeline_days:     number?
  last_activity_at:  date?
  email_clicks_30d:  number
  demo_requested:    bool
  events:            list of event
  missing values "", "Select", "N/A"                  # cells that mean "not filled in"
}

record event {
  type: one of ("email_open", "email_click", "page_view", "pricing_view",
                "ebook_download", "webinar", "trial_request", "demo_request")
  day:  date
}

let free_mail = ["gmail.com", "yahoo.fr", "hotmail.com", "outlook.com"]

# Level 0 — does the company fit our Ideal Customer Profile?
icp fit {
  require company_size between 50 and 5000
  require industry in ["software", "saas", "fintech", "ecommerce", "media"]
  require country in ["FR", "BE", "CH", "LU", "CA", "DE"]
  exclude domain(email) in free_mail                   as "personal e-mail address"
}

# Level 2 — marketing score: engagement and fit points.
score engagement from 0 to 100 {
  +5  per email_clicks_30d up to 20
  +15 when count(events where type = "pricing_view" and day within 14 days) >= 2
  +10 when seniority in ["director", "vp", "c_level"]   as "senior title"
  +10 when any(events where type = "ebook_download")
  +20 when demo_requested or any(events where type = "trial_request")
  -15 when lower(job_title) contains "student" or lower(job_title) contains "stagiaire"
  -10 when last_activity_at is missing or days_since(last_activity_at) > 90
}

let is_mql = fit and engagement >= 50

# Level 3 — BANT, filled in by the SDR after the call.
gates bant {
  budget    when budget >= 10_000
  authority when is_decision_maker or seniority in ["vp", "c_level"]
  need      when trim(need) != ""
  timeline  when timeline_days <= 90
}

# The funnel: the first line whose condition is true gives the lead's stage.
funnel {
  disqualified when not fit
  sql          when is_mql and at least 3 of bant
  sql          when fit and demo_requested               as "direct demo request"
  nurture      when is_mql and not (at least 3 of bant)  # BANT known to fail
  mql          when is_mql                               # BANT not known yet: SDR to call
  lead         when engagement > 0
  prospect     otherwise
}

test "a CTO of a 200-person SaaS who asked for a demo is an SQL" {
  as of 2026-11-01
  lead {
    id: "L-1", email: "cto@acme.io", job_title: "CTO", seniority: "c_level",
    company_size: 200, industry: "saas", country: "FR",
    email_clicks_30d: 0, demo_requested: true, events: []
  }
  expect stage = sql
  expect engagement = 20          # +10 senior title, +20 demo, -10 no activity on record
  expect bant.authority = true
  expect bant.budget = unknown    # budget is missing
}
)qpl";

struct Acme {
  std::unique_ptr<CheckedPolicy> policy = load(acme);
  std::size_t index_of(const std::string& kind, const std::string& name) const {
    if (kind == "score")
      for (std::size_t i = 0; i < policy->scores.size(); ++i)
        if (policy->scores[i].name == name) return i;
    if (kind == "icp")
      for (std::size_t i = 0; i < policy->icps.size(); ++i)
        if (policy->icps[i].name == name) return i;
    if (kind == "check")
      for (std::size_t i = 0; i < policy->checks.size(); ++i)
        if ("bant." + policy->checks[i].label == name) return i;
    FAIL("no " << kind << " " << name);
    return 0;
  }
  std::string stage(const eval::LeadOutcome& out) const {
    return out.funnel_line < 0 ? "(none)"
                               : policy->funnel->lines[static_cast<std::size_t>(out.funnel_line)].stage;
  }
};

// The lead of the spec's test block.
RecordValue cto(const CheckedPolicy& p) {
  return lead(p, {{"id", text("L-1")}, {"email", text("cto@acme.io")}, {"job_title", text("CTO")},
                  {"seniority", text("c_level")}, {"company_size", number(200)},
                  {"industry", text("saas")}, {"country", text("FR")},
                  {"email_clicks_30d", number(0)}, {"demo_requested", Value(true)},
                  {"events", list({})}});
}

TEST_CASE("acme: the spec's test values") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = cto(*a.policy);
  ev.evaluate(lead_record, as_of, eval::ExplainLevel::none, out);
  CHECK(a.stage(out) == "sql");
  CHECK(a.policy->funnel->lines[static_cast<std::size_t>(out.funnel_line)].because ==
        "direct demo request");
  CHECK(out.scores[a.index_of("score", "engagement")] == 20);
  CHECK(show(out.icps[a.index_of("icp", "fit")]) == "true");
  CHECK(show(out.checks[a.index_of("check", "bant.authority")]) == "true");
  CHECK(show(out.checks[a.index_of("check", "bant.budget")]) == "unknown");
  CHECK(show(out.checks[a.index_of("check", "bant.need")]) == "unknown");
  CHECK(show(out.checks[a.index_of("check", "bant.timeline")]) == "unknown");
}

TEST_CASE("acme: an MQL through events, pricing views within 14 days, capped clicks") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  RecordValue l = cto(*a.policy);
  const auto set = [&](const char* name, Value v) {
    l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index(name))] = std::move(v);
  };
  const auto event = [](const char* type, int y, unsigned m, unsigned d) {
    return record({text(type), date(y, m, d)});
  };
  set("demo_requested", Value(false));
  set("email_clicks_30d", number(7));  // +5 per click up to 20: 20
  set("last_activity_at", date(2026, 10, 30));
  set("events", list({event("pricing_view", 2026, 10, 20), event("pricing_view", 2026, 10, 25),
                      event("pricing_view", 2026, 9, 1), event("ebook_download", 2026, 9, 1)}));
  ev.evaluate(l, as_of, eval::ExplainLevel::none, out);
  // 20 clicks + 15 pricing + 10 senior + 10 ebook = 55
  CHECK(out.scores[a.index_of("score", "engagement")] == 55);
  CHECK(a.stage(out) == "mql");  // BANT unknown: neither sql nor nurture

  set("budget", number(50'000));
  set("need", text("crm"));
  ev.evaluate(l, as_of, eval::ExplainLevel::none, out);
  CHECK(a.stage(out) == "sql");

  set("budget", number(5'000));
  set("timeline_days", number(400));
  ev.evaluate(l, as_of, eval::ExplainLevel::none, out);
  CHECK(a.stage(out) == "nurture");

  set("email", text("cto@gmail.com"));
  ev.evaluate(l, as_of, eval::ExplainLevel::none, out);
  CHECK(a.stage(out) == "disqualified");

  set("email", text("no address"));  // domain() unknown: fit unknown, `not fit` does not fire
  ev.evaluate(l, as_of, eval::ExplainLevel::none, out);
  CHECK(show(out.icps[a.index_of("icp", "fit")]) == "unknown");
  CHECK(a.stage(out) == "lead");
}

TEST_CASE("acme: explain text shows the lines tried, marks, values and locations") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = cto(*a.policy);
  ev.evaluate(lead_record, as_of, eval::ExplainLevel::compact, out);
  REQUIRE(out.trace);
  const std::string text = present::explain_text(*out.trace, *a.policy, false);
  INFO(text);
  CHECK(text.starts_with("stage: sql — because \"direct demo request\"\n"));
  CHECK(text.find("✗ disqualified when not fit") != std::string::npos);
  CHECK(text.find("t.qpl:63:3") != std::string::npos);  // the first funnel line
  CHECK(text.find("✓ icp fit") != std::string::npos);
  CHECK(text.find("company_size = 200") != std::string::npos);
  CHECK(text.find("✗ sql when is_mql and at least 3 of bant") != std::string::npos);
  CHECK(text.find("✗ is_mql = false: engagement = 20 (needs >= 50)") != std::string::npos);
  CHECK(text.find("· score engagement = 20") != std::string::npos);
  CHECK(text.find("→ +10") != std::string::npos);
  CHECK(text.find("✓ sql when fit and demo_requested  as \"direct demo request\"") != std::string::npos);
  // Lines after the chosen one are not tried: named as not reached, without a result.
  CHECK(text.find("\n– nurture when is_mql and not (at least 3 of bant)  (not reached)") != std::string::npos);
  CHECK(text.find("✗ nurture") == std::string::npos);
  CHECK(text.find("✓ nurture") == std::string::npos);
  // A colored form adds ANSI codes, the plain one none.
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(present::explain_text(*out.trace, *a.policy, true).find("\x1b[32m✓") != std::string::npos);
}

TEST_CASE("acme: explain names the missing fields behind an unknown") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  RecordValue l = cto(*a.policy);
  l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index("demo_requested"))] = Value(false);
  l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index("email_clicks_30d"))] = number(10);
  l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index("last_activity_at"))] =
      date(2026, 10, 30);
  ev.evaluate(l, as_of, eval::ExplainLevel::compact, out);
  CHECK(a.stage(out) == "lead");  // 20 (clicks, capped) + 10 senior = 30
  const std::string text = present::explain_text(*out.trace, *a.policy, false);
  INFO(text);
  CHECK(text.find("? bant.budget") != std::string::npos);
  CHECK(text.find("(missing: budget)") != std::string::npos);
}

TEST_CASE("acme: explain JSON is one object with stable keys") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = cto(*a.policy);
  ev.evaluate(lead_record, as_of, eval::ExplainLevel::compact, out);
  std::string json;
  present::explain_json(*out.trace, *a.policy, json);
  INFO(json);
  CHECK(json.starts_with(R"j({"stage":"sql","because":"direct demo request","as_of":"2026-11-01","lines":[{"id":0,"kind":"funnel_line","stage":"disqualified","text":"disqualified when not fit","at":"t.qpl:63:3","result":false,"passed":false,"reads":{},"children":[)j"));
  CHECK(json.find(R"j("kind":"icp","name":"fit")j") != std::string::npos);
  CHECK(json.find(R"j("failed":["engagement = 20 (needs >= 50)"])j") != std::string::npos);
  CHECK(json.find(R"j("missing":["budget"])j") != std::string::npos);
  CHECK(json.back() == '}');
  int depth = 0;
  for (const char c : json) depth += c == '{' || c == '[' ? 1 : (c == '}' || c == ']' ? -1 : 0);
  CHECK(depth == 0);
}

TEST_CASE("acme: full level adds sub-expressions") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome compact, full;
  const RecordValue lead_record = cto(*a.policy);
  ev.evaluate(lead_record, as_of, eval::ExplainLevel::compact, compact);
  const RecordValue lead_record_2 = cto(*a.policy);
  ev.evaluate(lead_record_2, as_of, eval::ExplainLevel::full, full);
  CHECK(full.trace->nodes.size() > compact.trace->nodes.size());
  CHECK(full.funnel_line == compact.funnel_line);
  const std::string text = present::explain_text(*full.trace, *a.policy, false);
  INFO(text);
  CHECK(text.find("✗ engagement >= 50") != std::string::npos);
}

TEST_CASE("acme: why not sql / mql, with points short and missing fields") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  RecordValue l = cto(*a.policy);
  l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index("demo_requested"))] = Value(false);
  l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index("email_clicks_30d"))] = number(5);
  l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index("last_activity_at"))] =
      date(2026, 10, 30);
  evaluate_every_line(ev, l, as_of, out);
  // 20 (clicks, capped) + 10 senior = 30: a lead, 20 points short of an MQL.
  REQUIRE(out.scores[a.index_of("score", "engagement")] == 30);
  CHECK(a.stage(out) == "lead");

  const present::WhyNot w = present::why_not(*out.trace, *a.policy, "mql");
  CHECK(w.in_funnel);
  CHECK_FALSE(w.at_stage);
  REQUIRE(w.lines.size() == 1);
  bool found_short = false;
  for (const auto& r : w.lines[0].reasons)
    if (r.short_by && *r.short_by == 20 && r.points) found_short = true;
  CHECK(found_short);

  const std::string text = present::why_not_text(*out.trace, *a.policy, "mql", false);
  INFO(text);
  CHECK(text.starts_with("why not mql: the lead is at lead"));
  CHECK(text.find("engagement = 30 (needs >= 50): 20 points short") != std::string::npos);

  const std::string sql = present::why_not_text(*out.trace, *a.policy, "sql", false);
  INFO(sql);
  CHECK(sql.find("demo_requested = false") != std::string::npos);
  CHECK(sql.find("at least 3 of bant: 1 true, 0 false, 3 unknown") != std::string::npos);
  CHECK(sql.find("(missing: budget)") != std::string::npos);

  CHECK(present::why_not_text(*out.trace, *a.policy, "lead", false).starts_with("the lead is at stage lead"));
  CHECK(present::why_not_text(*out.trace, *a.policy, "vip", false) == "no funnel line gives stage 'vip'\n");

  std::string json;
  present::why_not_json(*out.trace, *a.policy, "mql", json);
  INFO(json);
  CHECK(json.starts_with(R"j({"stage":"mql","current":"lead","in_funnel":true,"at_stage":false,"blocked":false,"lines":[{"line":4,)j"));
  CHECK(json.find(R"j("short_by":20,"unit":"points")j") != std::string::npos);
}

TEST_CASE("acme: why not sql for a lead out of the icp names the requirement, not a true read") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  RecordValue l = cto(*a.policy);
  l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index("industry"))] = text("retail");
  evaluate_every_line(ev, l, as_of, out);
  REQUIRE(a.stage(out) == "disqualified");
  const std::string sql = present::why_not_text(*out.trace, *a.policy, "sql", false);
  INFO(sql);
  CHECK(sql.find("✗ require industry in") != std::string::npos);
  CHECK(sql.find("industry = \"retail\"") != std::string::npos);
  CHECK(sql.find("demo_requested = true") == std::string::npos);
  CHECK(sql.find("→ it can be undone only by a change to industry\n") != std::string::npos);
}

TEST_CASE("acme: why not says how far a value is outside a 'between' range") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  RecordValue l = cto(*a.policy);
  l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index("company_size"))] = number(20);
  evaluate_every_line(ev, l, as_of, out);
  const std::string small = present::why_not_text(*out.trace, *a.policy, "sql", false);
  INFO(small);
  CHECK(small.find("require company_size between 50 and 5000: company_size = 20 (30 short)") != std::string::npos);
  l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index("company_size"))] = number(9000);
  evaluate_every_line(ev, l, as_of, out);
  const std::string big = present::why_not_text(*out.trace, *a.policy, "sql", false);
  INFO(big);
  CHECK(big.find("require company_size between 50 and 5000: company_size = 9000 (4000 over)") != std::string::npos);
}

TEST_CASE("explain and why-not text is sanitized: lead data cannot drive a terminal") {
  const auto policy = load(R"(
fields { t: text? }
funnel {
  hit when t = "x"
  miss otherwise
}
)");
  eval::Evaluator ev(*policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = lead(*policy, {{"t", text("\x1b[31mevil\n")}});
  ev.evaluate(lead_record, as_of, eval::ExplainLevel::compact, out);
  const std::string text_out = present::explain_text(*out.trace, *policy, false);
  CHECK(text_out.find('\x1b') == std::string::npos);
  std::string json;
  present::explain_json(*out.trace, *policy, json);
  CHECK(json.find("\\u001b") != std::string::npos);
}


TEST_CASE("acme: a disqualified lead's why-not names what disqualified it and what undoes it") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  RecordValue l = cto(*a.policy);
  l.fields[static_cast<std::size_t>(a.policy->schema.lead.field_index("company_size"))] = number(12000);
  evaluate_every_line(ev, l, as_of, out);
  REQUIRE(a.stage(out) == "disqualified");

  const present::WhyNot w = present::why_not(*out.trace, *a.policy, "sql");
  CHECK(w.blocked);
  CHECK(w.undo_fields == std::vector<std::string>{"company_size"});
  for (const auto& line : w.lines) CHECK_FALSE(line.reached);

  const std::string text = present::why_not_text(*out.trace, *a.policy, "sql", false);
  INFO(text);
  CHECK(text.find("✓ decided first: disqualified when not fit") != std::string::npos);
  CHECK(text.find("✗ require company_size between 50 and 5000: company_size = 12000 (7000 over)") !=
        std::string::npos);
  CHECK(text.find("→ it can be undone only by a change to company_size\n") != std::string::npos);
  CHECK(text.find("– not reached: sql (line 64), sql (line 65)\n") != std::string::npos);
  // Short: the sql lines' own conditions (BANT unknown...) are not listed.
  CHECK(text.find("bant") == std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\n') == 5);

  std::string json;
  present::why_not_json(*out.trace, *a.policy, "sql", json);
  INFO(json);
  CHECK(json.find(R"j("blocked":true)j") != std::string::npos);
  CHECK(json.find(R"j("reached":false,"result":null)j") != std::string::npos);
  CHECK(json.find(R"j("undo_fields":["company_size"])j") != std::string::npos);
}

TEST_CASE("acme: why-not marks a line after the deciding one as not reached, not as true") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = cto(*a.policy);
  evaluate_every_line(ev, lead_record, as_of, out);
  REQUIRE(a.stage(out) == "sql");  // by the demo request line, before the mql line
  const std::string text = present::why_not_text(*out.trace, *a.policy, "lead", false);
  INFO(text);
  CHECK(text.find("✓ lead") == std::string::npos);
  CHECK(text.find("✓ decided first: sql when fit and demo_requested") != std::string::npos);
  CHECK(text.find("not reached: lead") != std::string::npos);
}

TEST_CASE("acme: explain shows the lines after the deciding one as not reached, without values") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  // A trace of every line (as why-not takes) still explains only up to the decision.
  const RecordValue lead_record = cto(*a.policy);
  evaluate_every_line(ev, lead_record, as_of, out);
  const std::string tree = present::explain_text(*out.trace, *a.policy, false);
  INFO(tree);
  CHECK(tree.find("– nurture when is_mql and not (at least 3 of bant)  (not reached)") != std::string::npos);
  CHECK(tree.find("– prospect otherwise  (not reached)") != std::string::npos);
  CHECK(tree.find("✓ prospect") == std::string::npos);
  CHECK(tree.find("✓ mql") == std::string::npos);

  std::string json;
  present::explain_json(*out.trace, *a.policy, json);
  INFO(json);
  CHECK(json.find(R"j({"kind":"funnel_line","stage":"prospect","text":"prospect otherwise","at":"t.qpl:)j") !=
        std::string::npos);
  CHECK(json.find(R"j("reached":false}]})j") == std::string::npos);
  CHECK(json.find(R"j("stage":"mql","text":"mql when is_mql","at":)j") != std::string::npos);
  CHECK(json.find(R"j("stage":"mql","text":"mql when is_mql","at":"t.qpl:67:3","reached":false})j") !=
        std::string::npos);
}

TEST_CASE("acme: the compact explain fits a screen: one line per line tried, a few reasons each") {
  Acme a;
  eval::Evaluator ev(*a.policy);
  eval::LeadOutcome out;
  const RecordValue lead_record = cto(*a.policy);
  ev.evaluate(lead_record, as_of, eval::ExplainLevel::compact, out);
  const std::string text = present::explain_compact_text(*out.trace, *a.policy, false);
  INFO(text);
  CHECK(text.starts_with("stage: sql — because \"direct demo request\"\n"
                         "✗ disqualified when not fit "));
  CHECK(text.find("\n    ✓ icp fit: company_size = 200") != std::string::npos);  // why `not fit` is false
  CHECK(text.find("\n    ✗ engagement = 20 (needs >= 50): 30 points short") != std::string::npos);
  CHECK(text.find("… 2 more (--explain=tree shows them)") != std::string::npos);
  CHECK(text.find("\n✓ sql when fit and demo_requested") != std::string::npos);
  CHECK(text.find("\n– not reached: nurture (line 66), mql (line 67), lead (line 68), prospect (line 69)\n") !=
        std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\n') <= 14);
  CHECK(present::explain_text(*out.trace, *a.policy, false).size() > text.size());
}

}  // namespace
}  // namespace qpl::eval_test
