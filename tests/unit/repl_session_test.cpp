#include <doctest/doctest.h>

#include <fstream>

#include "repl/session.hpp"
#include "repl_support.hpp"
#include "tests/support/scratch_dir.hpp"

namespace qpl::repl {
namespace {

using testing::open_session;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("expressions print their value and type against an empty lead") {
  auto s = open_session();
  REQUIRE(s);
  CHECK(s->handle("1 + 2") == "3 : number\n");
  CHECK(s->handle("\"fr\"") == "\"fr\" : text\n");
  CHECK(s->handle("2026-11-01") == "2026-11-01 : date\n");
  CHECK(s->handle("today - 1 days") == "2026-10-31 : date\n");
  CHECK(s->handle("[\"a\", \"b\"]") == "[\"a\", \"b\"] : list of text\n");
  CHECK(s->handle("1 / 3") == "0.3333333333333333 : number\n");
  CHECK(s->handle("budget") == "unknown : number (missing: budget)\n");
  CHECK(s->handle("bant.budget") == "unknown : bool (missing: budget)\n");
  CHECK(s->handle("(1 / 0) is missing") == "true : bool\n");
  CHECK(s->handle("1 / 0") == "unknown : number (division by zero)\n");
  CHECK(s->handle("engagement") == "0 : number\n");
}

TEST_CASE("a text prints as fmt writes it: invisible characters as \\u{HEX}, not hidden") {
  auto s = open_session();
  REQUIRE(s);
  CHECK(s->handle("\"a\\u{202E}b\"") == "\"a\\u{202E}b\" : text\n");  // right-to-left override
  CHECK(s->handle("\"a\\u{200B}b\"") == "\"a\\u{200B}b\" : text\n");  // zero width space
  CHECK(s->handle("\"tab\\there\"") == "\"tab\\there\" : text\n");
}

TEST_CASE("a bad line prints a diagnostic with a caret under the input and the session goes on") {
  auto s = open_session();
  REQUIRE(s);
  const std::string unknown = s->handle("budjet + 1");
  CHECK(contains(unknown, "<input>:1:1: error"));
  CHECK(contains(unknown, "unknown name 'budjet' (did you mean 'budget'?)"));
  CHECK(contains(unknown, "1 | budjet + 1\n  | ^~~~~~"));
  const std::string syntax = s->handle("1 +");
  CHECK(contains(syntax, "<input>:1:4: error"));
  const std::string type = s->handle("company_size = \"big\"");
  CHECK(contains(type, "<input>:1:"));
  CHECK(contains(type, "error"));
  CHECK(s->handle("2 * 3") == "6 : number\n");
  CHECK_FALSE(s->finished());
}

TEST_CASE(":help lists every command on one line each") {
  auto s = open_session();
  REQUIRE(s);
  const std::string help = "\n" + s->handle(":help");
  for (const char* command : {":help", ":load FILE", ":leads [STAGE]", ":lead ID", ":show",
                              ":set FIELD = VALUE", ":unset FIELD", ":stage", ":explain",
                              ":why-not STAGE", ":as-of DATE", ":reload", ":quit"}) {
    CHECK_MESSAGE(contains(help, std::string("\n") + command), command);
  }
  const std::string unknown = s->handle(":shwo");
  CHECK(contains(unknown, "unknown command ':shwo'"));
  CHECK(contains(unknown, "did you mean ':show'?"));
}

TEST_CASE(":load, :leads, :lead by id and by record number") {
  auto s = open_session();
  REQUIRE(s);
  CHECK(contains(s->handle(":leads"), "no leads loaded"));
  CHECK(contains(s->handle(":load examples/acme_leads.ndjson"), "loaded "));
  const std::string all = s->handle(":leads");
  CHECK(all.rfind("#1   A-1001  sql\n#2   A-1002  sql\n", 0) == 0);
  CHECK(contains(all, "#28  A-1024  mql\n"));
  CHECK(contains(all, "A-1003"));
  const std::string sql = s->handle(":leads sql");
  CHECK(contains(sql, "A-1001"));
  CHECK_FALSE(contains(sql, "A-1008"));
  CHECK(contains(s->handle(":leads sqll"), "did you mean 'sql'?"));

  CHECK(contains(s->handle(":lead A-1003"), "lead A-1003 (record 3)"));
  CHECK(s->handle("budget") == "40000 : number\n");
  CHECK(contains(s->handle(":lead #1"), "lead A-1001 (record 1)"));
  CHECK(s->handle("id") == "\"A-1001\" : text\n");
  CHECK(contains(s->handle(":lead A-9999"), "no lead 'A-9999'"));
  CHECK(contains(s->handle(":load no/such/file.ndjson"), "cannot read 'no/such/file.ndjson'"));
  CHECK(contains(s->handle(":load policies/acme.qpl"), "cannot tell the format"));
  CHECK(s->handle("id") == "\"A-1001\" : text\n");  // a failed load keeps the lead
}

TEST_CASE("a command typed without its colon, and a record number without its hash, get the fix") {
  auto s = open_session();
  REQUIRE(s);
  const std::string stage = s->handle("stage");
  CHECK(contains(stage, "unknown name 'stage'"));
  CHECK(contains(stage, "help: the command is ':stage'"));
  CHECK(contains(s->handle("explain"), "help: the command is ':explain'"));
  CHECK_FALSE(contains(s->handle("stage + 1"), "the command is"));
  s->handle(":load examples/acme_leads.ndjson");
  const std::string number = s->handle(":lead 3");
  CHECK(contains(number, "no lead '3'"));
  CHECK(contains(number, "help: '#3' picks record 3 (id 'A-1003'); without '#', 3 is read as an id"));
  CHECK(contains(s->handle(":lead 999"), "no lead '999'"));
  CHECK_FALSE(contains(s->handle(":lead 999"), "picks record"));
}

TEST_CASE(":show lists every field, unknown for missing ones") {
  auto s = open_session();
  REQUIRE(s);
  s->handle(":load examples/acme_leads.ndjson");
  s->handle(":lead A-1001");
  const std::string fields = s->handle(":show");
  CHECK(contains(fields, "id = \"A-1001\"\n"));
  CHECK(contains(fields, "company_size = 200\n"));
  CHECK(contains(fields, "budget = unknown\n"));
  CHECK(contains(fields, "demo_requested = true\n"));
  CHECK(contains(fields, "last_activity_at = 2026-10-30\n"));
  CHECK(contains(fields, "events = [{type: \"page_view\", day: 2026-10-29}, "));
}

TEST_CASE(":set parses the value by the field's type and shows the new stage") {
  auto s = open_session();
  REQUIRE(s);
  s->handle(":load examples/acme_leads.ndjson");
  s->handle(":lead A-1008");
  CHECK(s->handle(":stage") == "stage: mql — because \"is_mql\"\n");
  CHECK(s->handle(":set budget = 12_000") == "budget = 12000\nstage: mql — because \"is_mql\" (unchanged)\n");
  const std::string set = s->handle(":set need = \"replace the CRM\"");
  CHECK(contains(set, "need = \"replace the CRM\"\n"));
  CHECK(contains(set, "stage: sql — because \"is_mql and at least 3 of bant\" (was mql)"));
  CHECK(contains(s->handle(":set country = \"DE\""), "country = \"DE\""));
  CHECK(contains(s->handle(":set last_activity_at = 2026-10-01"), "last_activity_at = 2026-10-01"));
  CHECK(contains(s->handle(":set is_decision_maker = false"), "is_decision_maker = false"));
  CHECK(contains(s->handle(":set timeline_days = -3"), "timeline_days = -3"));
  CHECK(contains(s->handle(":set seniority = \"director\""), "seniority = \"director\""));
  CHECK(contains(s->handle(":set budget = unknown"), "budget = unknown"));
  CHECK(s->handle("budget") == "unknown : number (missing: budget)\n");
}

TEST_CASE(":stage of a forward-only funnel says held or recycled, and :set moves the lead") {
  auto s = open_session("tests/e2e/data/forward.qpl");
  REQUIRE(s);
  CHECK(contains(s->handle(":set fit = true"), "fit = true"));
  CHECK(contains(s->handle(":set clicks = 20"), "stage: mql — because \"warm\""));
  CHECK(contains(s->handle(":set events = []"), "events = []"));
  const std::string held = s->handle(":set previous = {\"stage\":\"sql\",\"since\":\"2026-10-01\"}");
  CHECK(contains(held, "stage: sql (held: the lines say mql) — because \"warm\" (was mql)"));
  const std::string recycled = s->handle(":set previous = {\"stage\":\"sql\",\"since\":\"2026-07-01\"}");
  CHECK(contains(recycled, "stage: nurture (recycled) — because \"went quiet\" (was sql)"));
  CHECK(s->handle(":stage") == "stage: nurture (recycled) — because \"went quiet\"\n");
}

TEST_CASE(":stage of a funnel with an sla says the lead's age and whether it is overdue") {
  auto s = open_session("tests/e2e/data/sla.qpl");
  REQUIRE(s);
  CHECK(contains(s->handle(":set demo_requested = false"), "demo_requested = false"));
  CHECK(contains(s->handle(":set clicks = 12"), "stage: mql"));
  // A new lead enters its stage today (2026-11-01).
  CHECK(s->handle(":stage") == "stage: mql — because \"engaged\"\nsla: mql within 1 day — age 0 days, ok\n");
  s->handle(":set previous = {\"stage\":\"mql\",\"since\":\"2026-10-31\"}");
  CHECK(s->handle(":stage") == "stage: mql — because \"engaged\"\nsla: mql within 1 day — age 1 day, ok\n");
  s->handle(":set previous = {\"stage\":\"mql\",\"since\":\"2026-10-28\"}");
  CHECK(s->handle(":stage") ==
        "stage: mql — because \"engaged\"\nsla: mql within 1 day — age 4 days, overdue by 3 days\n");
  // :explain says it too, under the stage.
  CHECK(contains(s->handle(":explain"),
                 "stage: mql — because \"engaged\"\nsla: mql within 1 day — age 4 days, overdue by 3 days\n"));
  // A prospect's stage has no sla.
  s->handle(":set clicks = 1");
  CHECK(s->handle(":stage") == "stage: prospect — because \"otherwise\"\n");
}

TEST_CASE(":stage of an hour sla counts whole hours from since to the :as-of date-time") {
  auto s = open_session("tests/e2e/data/sla_hours.qpl");
  REQUIRE(s);
  s->handle(":set clicks = 0");
  CHECK(contains(s->handle(":set demo_requested = true"), "stage: sql"));
  // A new lead enters its stage now: 00:00 UTC of the session's date.
  CHECK(s->handle(":stage") == "stage: sql — because \"demo request\"\nsla: sql within 4 hours — age 0 hours, ok\n");
  CHECK(contains(s->handle(":as-of 2026-11-02T03:59:00Z"), "as of 2026-11-02 (2026-11-02T03:59:00Z)\n"));
  s->handle(":set previous = {\"stage\":\"sql\",\"since\":\"2026-11-02\"}");
  CHECK(s->handle(":stage") == "stage: sql — because \"demo request\"\nsla: sql within 4 hours — age 3 hours, ok\n");
  s->handle(":as-of 2026-11-02T06:14:00+01:00");
  CHECK(s->handle(":stage") ==
        "stage: sql — because \"demo request\"\nsla: sql within 4 hours — age 5 hours, overdue by 1 hour\n");
  CHECK(s->handle(":as-of") == "as of 2026-11-02 (2026-11-02T05:14:00Z)\n");
  // The MQL's sla stays in days.
  s->handle(":set demo_requested = false");
  s->handle(":set clicks = 12");
  CHECK(s->handle(":stage") == "stage: mql — because \"engaged\"\nsla: mql within 2 days — age 0 days, ok\n");
}

TEST_CASE(":set errors: unknown field, wrong type, value not in the enum, not a literal") {
  auto s = open_session();
  REQUIRE(s);
  const std::string field = s->handle(":set budjet = 5");
  CHECK(contains(field, "unknown field 'budjet'"));
  CHECK(contains(field, "did you mean 'budget'?"));
  const std::string type = s->handle(":set budget = \"lots\"");
  CHECK(contains(type, "<input>:1:15: error"));
  CHECK(contains(type, "budget: expected a number, got \"lots\""));
  CHECK(contains(type, "1 | :set budget = \"lots\"\n  |               ^~~~~~"));
  const std::string one_of = s->handle(":set seniority = \"cxo\"");
  CHECK(contains(one_of, "seniority: expected one of \"ic\", \"manager\", \"director\", \"vp\", \"c_level\", got \"cxo\""));
  CHECK(contains(s->handle(":set budget = 1 + 2"), "expected a value"));
  CHECK(contains(s->handle(":set budget = 1 +"), "<input>:1:18: error"));
  CHECK(contains(s->handle(":set budget 12"), "expected '='"));
  CHECK(s->handle("budget") == "unknown : number (missing: budget)\n");  // nothing was changed
}

TEST_CASE(":set takes JSON for a field of records, bound as a lead file's JSON") {
  auto s = open_session();
  REQUIRE(s);
  s->handle(":as-of 2026-11-01");
  const std::string set = s->handle(
      ":set events = [{\"type\": \"pricing_view\", \"day\": \"2026-10-30\"},"
      " {\"type\": \"pricing_view\", \"day\": \"2026-10-31\"}]");
  CHECK(contains(set, "events = [{type: \"pricing_view\", day: 2026-10-30}, {type: \"pricing_view\", day: 2026-10-31}]\n"));
  CHECK(s->handle("count(events where type = \"pricing_view\")") == "2 : number\n");
  const std::string bad = s->handle(":set events = [{\"type\": \"nope\", \"day\": \"2026-10-30\"}]");
  CHECK(contains(bad, "<input>:1:15: error: events[0].type: expected one of"));
  CHECK(contains(s->handle(":set events = [{\"type\": \"webinar\"}]"), "events[0].day: required field is missing"));
  CHECK(contains(s->handle(":set events = [{"), "invalid JSON"));
  // What the REPL shows, pasted back: told how to write it.
  const std::string pasted = s->handle(":set events = [{type: \"webinar\", day: 2026-10-30}]");
  CHECK(contains(pasted, "invalid JSON"));
  CHECK(contains(pasted, "help: a record is set as JSON here, keys and dates in double quotes"));
  CHECK(s->handle("count(events)") == "2 : number\n");  // the failed edits changed nothing
}

TEST_CASE(":unset makes a field missing") {
  auto s = open_session();
  REQUIRE(s);
  s->handle(":load examples/acme_leads.ndjson");
  s->handle(":lead A-1003");
  CHECK(contains(s->handle(":unset budget"), "budget = unknown\n"));
  CHECK(s->handle("bant.budget") == "unknown : bool (missing: budget)\n");
  CHECK(contains(s->handle(":unset nope"), "unknown field 'nope'"));
}

TEST_CASE(":explain and :why-not use the current lead") {
  auto s = open_session();
  REQUIRE(s);
  s->handle(":load examples/acme_leads.ndjson");
  s->handle(":lead A-1008");
  const std::string explain = s->handle(":explain");
  CHECK(explain.rfind("stage: mql — because \"is_mql\"\n", 0) == 0);
  CHECK(contains(explain, "policies/acme.qpl:"));
  const std::string why = s->handle(":why-not sql");
  CHECK(contains(why, "why not sql: the lead is at mql"));
  CHECK(contains(why, "at least 3 of bant: 1 true, 0 false, 3 unknown"));
  CHECK(contains(why, "(missing: budget)"));
  s->handle(":set budget = 20000");
  s->handle(":set need = \"x\"");
  CHECK(contains(s->handle(":why-not sql"), "the lead is at stage sql"));
  CHECK(contains(s->handle(":why-not sqll"), "did you mean 'sql'?"));
  CHECK(contains(s->handle(":why-not"), "expected a stage"));
}

TEST_CASE(":ledger shows the rules that gave the current lead's points") {
  auto s = open_session();
  REQUIRE(s);
  // An empty lead: every rule is unknown but the last, which takes 10; the clamp gives them back.
  const std::string empty = s->handle(":ledger");
  CHECK(empty.rfind("engagement = 0: +5 per email_clicks_30d up to 20 ?; ", 0) == 0);
  CHECK(contains(empty, "; senior title ?; "));
  CHECK(contains(empty, "; -10 when last_activity_at is missing or days_since(last_activity_at) > 90 -10; "
                        "recent webinars ?; from 0 to 100 +10\n"));
  s->handle(":load examples/acme_leads.ndjson");
  s->handle(":lead A-1008");
  // 5 clicks: 25, capped to 20; a c_level title; an ebook; a trial request: 60; a webinar 25 days
  // old: 5 x 0.5^(25/45) = 3.401975000435942 (hand-computed).
  CHECK(s->handle(":ledger") ==
        "engagement = 63.40197500043594: +5 per email_clicks_30d up to 20 +20; senior title +10; "
        "+10 when any(events where type = \"ebook_download\") +10; "
        "+20 when demo_requested or any(events where type = \"trial_request\") +20; "
        "recent webinars +3.401975000435942\n");
  s->handle(":set email_clicks_30d = 1");
  CHECK(s->handle(":ledger").rfind("engagement = 48.40197500043594: +5 per email_clicks_30d up to 20 +5; ", 0) == 0);
  CHECK(contains(s->handle(":help"), ":ledger"));
}

TEST_CASE(":as-of changes today") {
  auto s = open_session();
  REQUIRE(s);
  CHECK(s->handle(":as-of") == "as of 2026-11-01\n");
  CHECK(contains(s->handle(":as-of 2027-01-31"), "as of 2027-01-31\n"));
  CHECK(s->handle("today") == "2027-01-31 : date\n");
  CHECK(contains(s->handle(":as-of 2027-02-30"), "invalid date '2027-02-30'"));
  CHECK(s->handle("today") == "2027-01-31 : date\n");
}

TEST_CASE(":quit ends the session") {
  auto s = open_session();
  REQUIRE(s);
  CHECK(s->handle(":quit").empty());
  CHECK(s->finished());
}

TEST_CASE("blank lines get no response") {
  auto s = open_session();
  REQUIRE(s);
  CHECK(s->handle("").empty());
  CHECK(s->handle("   ").empty());
}

// :reload works on a copy of a policy in a temporary folder, edited between reloads.
struct TempPolicy {
  qpl::testing::ScratchDir folder{"repl-session"};
  std::filesystem::path file = folder / "p.qpl";
  void write(const std::string& text) const { std::ofstream(file) << text; }
};

const char* const small_policy = R"qpl(
fields {
  id: text
  budget: number?
  size: number
}
gates bant { budget when budget >= 10_000 }
funnel {
  sql when bant.budget
  lead otherwise
}
)qpl";

TEST_CASE(":reload keeps the current lead and its edits; errors keep the previous policy") {
  TempPolicy temp;
  temp.write(small_policy);
  auto s = testing::open_session(temp.file.string());
  REQUIRE(s);
  s->handle(":set size = 120");
  CHECK(contains(s->handle(":set budget = 20000"), "stage: sql"));

  // A stricter gate: the edited lead is re-evaluated against it.
  std::string stricter = small_policy;
  stricter.replace(stricter.find("10_000"), 6, "50_000");
  temp.write(stricter);
  const std::string reloaded = s->handle(":reload");
  CHECK(contains(reloaded, "reloaded "));
  CHECK(contains(reloaded, "stage: lead — because \"otherwise\" (was sql)\n"));  // issue 20
  CHECK(s->handle("budget") == "20000 : number\n");
  CHECK(s->handle("size") == "120 : number\n");

  // A broken policy: the errors are shown and the previous policy stays in use.
  std::string broken = stricter;
  broken.replace(broken.find("budget >= 50_000"), 16, "budjet >= 50_000");
  temp.write(broken);
  const std::string failed = s->handle(":reload");
  CHECK(contains(failed, "unknown name 'budjet'"));
  CHECK(contains(failed, "previous policy stays in use"));
  CHECK(s->handle(":stage") == "stage: lead — because \"otherwise\"\n");
  CHECK(s->handle("bant.budget") == "false : bool\n");

  // A field that changed type loses its value; the others are matched by name.
  std::string retyped = stricter;
  retyped.replace(retyped.find("size: number"), 12, "size: text?");
  temp.write(retyped);
  const std::string notes = s->handle(":reload");
  CHECK(contains(notes, "field 'size' changed type"));
  CHECK(contains(notes, "(unchanged)\n"));
  CHECK(s->handle("size") == "unknown : text (missing: size)\n");
  CHECK(s->handle("budget") == "20000 : number\n");
}

TEST_CASE(":set takes what the CSV reader takes for a number, bool or date field (issue 20)") {
  TempPolicy temp;
  temp.write(R"qpl(
fields {
  id: text
  webinar: bool?
  size: number?
  seen: date?
  missing values "N/A"
}
funnel {
  hot when webinar
  cold otherwise
}
)qpl");
  auto s = testing::open_session(temp.file.string());
  REQUIRE(s);
  CHECK(contains(s->handle(":set webinar = \"Yes\""), "webinar = true\n"));
  CHECK(contains(s->handle(":set webinar = no"), "webinar = false\n"));
  CHECK(contains(s->handle(":set webinar = 1"), "webinar = true\n"));
  CHECK(contains(s->handle(":set webinar = \"N/A\""), "webinar = unknown\n"));
  CHECK(contains(s->handle(":set size = \"250\""), "size = 250\n"));
  CHECK(contains(s->handle(":set size = 10_000"), "size = 10000\n"));  // a QPL literal still
  CHECK(contains(s->handle(":set seen = \"2026-10-12T09:31:00Z\""), "seen = 2026-10-12\n"));
  CHECK(contains(s->handle(":set webinar = \"Oui\""), "error"));  // the CSV reader refuses it too
}

TEST_CASE("completion offers commands, names, group labels, stages and fields") {
  auto s = open_session();
  REQUIRE(s);
  using V = std::vector<std::string>;
  CHECK(s->completions(":wh") == V{":why-not"});
  CHECK(s->completions(":l") == V{":lead", ":leads", ":ledger", ":load"});
  CHECK(s->completions("enga") == V{"engagement"});
  CHECK(s->completions("bant.") == V{"bant.authority", "bant.budget", "bant.need", "bant.timeline"});
  CHECK(s->completions("ban") == V{"bant."});
  CHECK(s->completions("is_") == V{"is_decision_maker", "is_mql"});
  CHECK(s->completions("fi") == V{"fit"});
  CHECK(s->completions(":why-not n") == V{"nurture"});
  CHECK(s->completions(":set bud") == V{"budget"});
  CHECK(s->completions("lead.comp") == V{"lead.company_size"});
  CHECK(s->completions("1 + email_c") == V{"email_clicks_30d"});
}

}  // namespace

TEST_CASE(":set and :lead read values as the field's options say") {
  auto s = open_session("tests/e2e/data/messy.qpl");
  REQUIRE(s);
  CHECK(s->handle(":set industry = \" FinTech \"").starts_with("industry = \"fintech\"\n"));
  CHECK(s->handle(":set seniority = \"Director\"").starts_with("seniority = \"director\"\n"));
  CHECK(s->handle("industry = \"fintech\" and seniority = \"director\"") == "true : bool\n");
  // A typed text with upper-case letters against a 'lower' field is the checker's QPL210.
  CHECK(contains(s->handle("industry = \"Fintech\""), "can never match"));

  const std::string loaded = s->handle(":load tests/e2e/data/messy.csv");
  CHECK(contains(loaded, "(1 record in error, 2 unreadable values read as missing)"));
  CHECK(contains(loaded, "  record 3 (id 1003): budget (column 'Budget'): expected a number (1,000), "
                         "got \"soon\" "
                         "(read as missing)\n"));
  CHECK(s->handle(":lead 1003") ==
        "lead 1003 (record 3)\n"
        "  read as missing: budget (column 'Budget'): expected a number (1,000), got \"soon\"\n"
        "stage: lead \u2014 because \"otherwise\"\n");
  CHECK(s->handle("industry") == "\"fintech\" : text\n");  // " fintech" in the file
  CHECK(s->handle("budget") == "unknown : number (missing: budget)\n");
  s->handle(":lead 1001");
  CHECK(s->handle("budget") == "50000 : number\n");               // "50,000"
  CHECK(s->handle("last_seen") == "2026-10-20 : date\n");         // "20/10/2026"
}

}  // namespace qpl::repl
