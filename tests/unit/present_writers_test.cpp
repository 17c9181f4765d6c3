// The result writers on a hand-built policy: exact lines for typical and edge values.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>

#include "present/csv_cell.hpp"
#include "present/result_writer.hpp"
#include "present/writers.hpp"

using namespace qpl;
using namespace qpl::present;
using qpl::present::append_csv_text;

namespace {

// A policy shaped like qpl.md's: fields id (text) and name, one score, one icp, gates bant
// with two checks, a funnel of two lines.
struct Fixture {
  CheckedPolicy policy;
  FunnelDecl funnel;

  explicit Fixture(bool with_id = true, bool with_funnel = true) {
    if (with_id) {
      policy.schema.lead.fields.push_back(FieldSchema{"id", "id", {"id"}, nullptr, false, {}, {}});
      policy.schema.id_field = 0;
    }
    policy.scores.push_back({"engagement", nullptr});
    policy.icps.push_back({"fit", nullptr});
    policy.checks.push_back({"bant", "budget", nullptr, 0});
    policy.checks.push_back({"bant", "authority", nullptr, 0});
    policy.gates.push_back({"bant", nullptr, {0, 1}});
    FunnelLine sql;
    sql.stage = "sql";
    sql.because = "direct demo request";
    FunnelLine prospect;
    prospect.stage = "prospect";
    prospect.because = "otherwise";
    funnel.lines.push_back(std::move(sql));
    funnel.lines.push_back(std::move(prospect));
    if (with_funnel) policy.funnel = &funnel;
  }
};

eval::LeadOutcome outcome(int line, double score, Value icp, Value budget, Value authority) {
  eval::LeadOutcome o;
  o.funnel_line = line;
  o.scores = {score};
  o.icps = {std::move(icp)};
  o.checks = {std::move(budget), std::move(authority)};
  return o;
}

RecordValue lead_with_id(Value id) {
  RecordValue r;
  r.fields.push_back(std::move(id));
  return r;
}

std::string write_one(ResultWriter& writer, const ResultView& view, bool header = false) {
  std::string out;
  if (header) writer.begin(out);
  writer.write(view, out);
  writer.finish(out);
  return out;
}

}  // namespace

TEST_CASE("ndjson: the spec's result line, unknown as null") {
  Fixture f;
  auto writer = make_ndjson_writer(f.policy, {});
  const RecordValue lead = lead_with_id(std::string("L-1"));
  const eval::LeadOutcome o = outcome(0, 20, true, Unknown{}, true);
  CHECK(write_one(*writer, {1, &lead, &o, {}, {}, {}}) ==
        "{\"id\":\"L-1\",\"stage\":\"sql\",\"because\":\"direct demo request\","
        "\"scores\":{\"engagement\":20},\"icp\":{\"fit\":true},"
        "\"gates\":{\"bant\":{\"budget\":null,\"authority\":true}}}\n");
}

TEST_CASE("ndjson: numbers per R47 (-0, 0.1+0.2, fractions)") {
  Fixture f;
  auto writer = make_ndjson_writer(f.policy, {});
  const RecordValue lead = lead_with_id(-0.0);
  const eval::LeadOutcome o = outcome(1, 0.1 + 0.2, false, false, Unknown{Fault::division_by_zero});
  CHECK(write_one(*writer, {3, &lead, &o, {}, {}, {}}) ==
        "{\"id\":0,\"stage\":\"prospect\",\"because\":\"otherwise\","
        "\"scores\":{\"engagement\":0.30000000000000004},\"icp\":{\"fit\":false},"
        "\"gates\":{\"bant\":{\"budget\":false,\"authority\":null}}}\n");
  const eval::LeadOutcome o2 = outcome(1, -0.0, true, true, true);
  CHECK(write_one(*writer, {3, &lead, &o2, {}, {}, {}}).find("\"engagement\":0}") !=
        std::string::npos);
}

TEST_CASE("ndjson: id per R46: missing id is null, date id is a string, no id field") {
  Fixture f;
  auto writer = make_ndjson_writer(f.policy, {});
  const eval::LeadOutcome o = outcome(0, 1, true, true, true);
  const RecordValue missing = lead_with_id(Unknown{});
  CHECK(write_one(*writer, {7, &missing, &o, {}, {}, {}}).rfind("{\"id\":null,", 0) == 0);
  const RecordValue dated = lead_with_id(Date{20758});  // 2026-11-01
  CHECK(write_one(*writer, {7, &dated, &o, {}, {}, {}}).rfind("{\"id\":\"2026-11-01\",", 0) == 0);

  Fixture no_id(false);
  auto numbered = make_ndjson_writer(no_id.policy, {});
  const RecordValue empty;
  CHECK(write_one(*numbered, {42, &empty, &o, {}, {}, {}}).rfind("{\"id\":42,", 0) == 0);
}

TEST_CASE("ndjson: text with quotes and control characters is escaped") {
  Fixture f;
  auto writer = make_ndjson_writer(f.policy, {});
  const RecordValue lead = lead_with_id(std::string("a\"b\\c\nd\x01\x1b[31m"));
  const eval::LeadOutcome o = outcome(0, 1, true, true, true);
  CHECK(write_one(*writer, {1, &lead, &o, {}, {}, {}})
            .rfind("{\"id\":\"a\\\"b\\\\c\\nd\\u0001\\u001b[31m\",", 0) == 0);
}

TEST_CASE("ndjson: no funnel gives null stage and because; empty groups give {}") {
  Fixture f(true, false);
  f.policy.scores.clear();
  f.policy.icps.clear();
  f.policy.gates.clear();
  f.policy.checks.clear();
  auto writer = make_ndjson_writer(f.policy, {});
  const RecordValue lead = lead_with_id(std::string("x"));
  eval::LeadOutcome o;
  CHECK(write_one(*writer, {1, &lead, &o, {}, {}, {}}) ==
        "{\"id\":\"x\",\"stage\":null,\"because\":null,\"scores\":{},\"icp\":{},\"gates\":{}}\n");
}

TEST_CASE("ndjson: error records are exactly record and error") {
  Fixture f;
  auto writer = make_ndjson_writer(f.policy, {true, true, {}});
  CHECK(write_one(*writer, {17, nullptr, nullptr, "company_size: expected a number, got \"fifty\"",
                            {}, {}}) ==
        "{\"record\":17,\"error\":\"company_size: expected a number, got \\\"fifty\\\"\"}\n");
}

TEST_CASE("ndjson: an error record with a readable id has it between record and error") {
  Fixture f;
  auto writer = make_ndjson_writer(f.policy, {});
  const Value id{std::string("1022")};
  ResultView view{22, nullptr, nullptr, "size: expected a number, got \"x\"", {}, {}};
  view.error_id = &id;
  CHECK(write_one(*writer, view) ==
        "{\"record\":22,\"id\":\"1022\",\"error\":\"size: expected a number, got \\\"x\\\"\"}\n");
}

TEST_CASE("ndjson: explain and why_not members hold the given JSON") {
  Fixture f;
  auto writer = make_ndjson_writer(f.policy, {true, true, {}});
  const RecordValue lead = lead_with_id(std::string("L"));
  const eval::LeadOutcome o = outcome(0, 1, true, true, true);
  const std::string line = write_one(*writer, {1, &lead, &o, {}, Annotation{"{\"lines\":[]}"}, Annotation{"[1]"}});
  CHECK(line.find(",\"explain\":{\"lines\":[]},\"why_not\":[1]}\n") != std::string::npos);
  CHECK(writer->annotation_style() == AnnotationStyle::json);
}

TEST_CASE("csv cell: RFC 4180 quoting and formula neutralisation") {
  auto cell = [](std::string_view text) {
    std::string out;
    append_csv_text(out, text);
    return out;
  };
  CHECK(cell("plain") == "plain");
  CHECK(cell("") == "");
  CHECK(cell("a,b") == "\"a,b\"");
  CHECK(cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(cell("two\nlines") == "\"two\nlines\"");
  CHECK(cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(cell("+1") == "'+1");
  CHECK(cell("-cmd") == "'-cmd");
  CHECK(cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(cell("\tx") == "'\tx");
  CHECK(cell("\rx") == "\"'\rx\"");
  CHECK(cell("a=b") == "a=b");
}

TEST_CASE("csv cell: a formula after invisible characters is neutralised, NUL and ESC never raw") {
  using namespace std::string_literals;
  auto cell = [](std::string_view text) {
    std::string out;
    append_csv_text(out, text);
    return out;
  };
  // The first visible character counts: a spreadsheet may skip what comes before it.
  CHECK(cell("\0=cmd()"s) == "'\uFFFD=cmd()");
  CHECK(cell("\x1b=1+1") == "'\uFFFD=1+1");
  CHECK(cell("\n@SUM(A1)") == "\"'\n@SUM(A1)\"");
  CHECK(cell("  +1") == "'  +1");
  CHECK(cell("\x01\x7f-2") == "'\x01\x7f-2");
  CHECK(cell("\n plain") == "\"\n plain\"");
  CHECK(cell(" ") == " ");
  // NUL and ESC are never written raw, wherever they are.
  CHECK(cell("red \x1b[31malert\x1b[0m") == "red \uFFFD[31malert\uFFFD[0m");
  CHECK(cell("a\0b"s) == "a\uFFFDb");
}

TEST_CASE("csv: header, rows, unknown as empty cell, numbers not neutralised") {
  Fixture f;
  auto writer = make_csv_writer(f.policy, {});
  const RecordValue lead = lead_with_id(std::string("=cmd"));
  const eval::LeadOutcome o = outcome(0, -15, Unknown{}, true, false);
  CHECK(write_one(*writer, {1, &lead, &o, {}, {}, {}}, true) ==
        "id,stage,because,engagement,fit,bant.budget,bant.authority,error\n"
        "'=cmd,sql,direct demo request,-15,,true,false,\n");
}

TEST_CASE("csv: a score or icp named like a fixed column is headed with its kind") {
  Fixture f;
  f.policy.scores[0].name = "stage";
  f.policy.icps[0].name = "error";
  auto writer = make_csv_writer(f.policy, {});
  const RecordValue lead = lead_with_id(std::string("L-1"));
  const eval::LeadOutcome o = outcome(0, 5, true, true, false);
  CHECK(write_one(*writer, {1, &lead, &o, {}, {}, {}}, true) ==
        "id,stage,because,score.stage,icp.error,bant.budget,bant.authority,error\n"
        "L-1,sql,direct demo request,5,true,true,false,\n");
}

TEST_CASE("csv: an error record keeps its row with the error in its own column") {
  Fixture f;
  auto writer = make_csv_writer(f.policy, {});
  CHECK(write_one(*writer, {17, nullptr, nullptr, "size: required field is missing", {}, {}}) ==
        ",,,,,,,record 17: size: required field is missing\n");
}

TEST_CASE("csv: an error row fills the id column when the id is known") {
  Fixture with_id;
  auto writer = make_csv_writer(with_id.policy, {});
  const Value id{1022.0};
  ResultView view{22, nullptr, nullptr, "size: required field is missing", {}, {}};
  view.error_id = &id;
  CHECK(write_one(*writer, view) == "1022,,,,,,,record 22: size: required field is missing\n");
  Fixture numbered(false);  // no id field: the id is the record number (R46)
  auto by_number = make_csv_writer(numbered.policy, {});
  CHECK(write_one(*by_number, {22, nullptr, nullptr, "x", {}, {}}) == "22,,,,,,,record 22: x\n");
}

namespace {
struct FixedText final : AnnotationRenderer {
  explicit FixedText(std::string t) : text(std::move(t)) {}
  std::string text;
  void append(std::string& out) const override { out += text; }
};
}  // namespace

TEST_CASE("ndjson and csv: an annotation given by a renderer is written as its text would be") {
  Fixture f;
  const RecordValue lead = lead_with_id(std::string("L"));
  const eval::LeadOutcome o = outcome(0, 1, true, true, true);
  const FixedText json("{\"lines\":[]}");
  Annotation by_renderer;
  by_renderer.renderer = &json;
  auto ndjson = make_ndjson_writer(f.policy, {true, false, {}});
  CHECK(write_one(*ndjson, {1, &lead, &o, {}, by_renderer, {}}) ==
        write_one(*ndjson, {1, &lead, &o, {}, Annotation{json.text}, {}}));
  const FixedText text("line 1\nline \"2\"");
  by_renderer.renderer = &text;
  auto csv = make_csv_writer(f.policy, {true, false, {}});
  CHECK(write_one(*csv, {1, &lead, &o, {}, by_renderer, {}}) ==
        write_one(*csv, {1, &lead, &o, {}, Annotation{text.text}, {}}));
}

TEST_CASE("csv: explain column quoted, no funnel gives empty stage") {
  Fixture f(false, false);
  auto writer = make_csv_writer(f.policy, {true, false, {}});
  const RecordValue lead;
  const eval::LeadOutcome o = outcome(-1, 0.5, true, true, true);
  CHECK(write_one(*writer, {2, &lead, &o, {}, Annotation{"line 1\nline 2"}, {}}, true) ==
        "id,stage,because,engagement,fit,bant.budget,bant.authority,error,explain\n"
        "2,,,0.5,true,true,true,,\"line 1\nline 2\"\n");
}

TEST_CASE("table: aligned columns, unknown spelt out, control characters shown as escapes") {
  Fixture f;
  auto writer = make_table_writer(f.policy, {});
  const RecordValue a = lead_with_id(std::string("L-1"));
  const RecordValue b = lead_with_id(std::string("\x1b[31mred\x1b[0m"));
  const eval::LeadOutcome oa = outcome(0, 20, true, Unknown{}, true);
  const eval::LeadOutcome ob = outcome(1, 5, false, false, false);
  std::string out;
  writer->begin(out);
  writer->write({1, &a, &oa, {}, {}, {}}, out);
  writer->write({2, &b, &ob, {}, {}, {}}, out);
  writer->write({3, nullptr, nullptr, "id: expected a text, got \"\x1b]0;x\x07\"", {}, {}}, out);
  const Value id{std::string("L-4")};
  ResultView with_id{4, nullptr, nullptr, "size: expected a number", {}, {}};
  with_id.error_id = &id;
  writer->write(with_id, out);
  CHECK(out.empty());  // held back until the run ends, to measure every row
  writer->finish(out);
  // A colour sequence in lead data neither colours the terminal nor vanishes: it is shown.
  CHECK(out ==
        "id              stage     because              engagement  fit    bant.budget  bant.authority\n"
        "L-1             sql       direct demo request          20  true   unknown      true\n"
        "\\e[31mred\\e[0m  prospect  otherwise                     5  false  false        false\n"
        "record 3: error: id: expected a text, got \"\\e]0;x\\x07\"\n"
        "record 4 (id L-4): error: size: expected a number\n");
}

TEST_CASE("table: a lead without a stage shows 'none', as the explain trace says") {
  Fixture f(true, false);
  auto writer = make_table_writer(f.policy, {});
  const RecordValue a = lead_with_id(std::string("L1"));
  const eval::LeadOutcome o = outcome(-1, 1, true, true, true);
  const std::string out = write_one(*writer, {1, &a, &o, {}, {}, {}});
  CHECK(out.find("L1  none") != std::string::npos);
  CHECK(out.find("unknown") == std::string::npos);
}

TEST_CASE("table: no cell is ever cut, the columns fit the widest cell of the whole run") {
  // Columns used to be sized on the first 256 rows, and a longer cell after them was cut to
  // '…': a score of 123456 printed as '…' (issue 11).
  Fixture f;
  auto writer = make_table_writer(f.policy, {});
  const RecordValue small = lead_with_id(std::string("L1"));
  const std::string long_id = "L-" + std::string(100, '7');
  const RecordValue big = lead_with_id(long_id);
  const eval::LeadOutcome low = outcome(1, 1, true, true, true);
  const eval::LeadOutcome high = outcome(1, 123456, true, true, true);
  std::string out;
  for (std::uint64_t i = 1; i <= 300; ++i) writer->write({i, &small, &low, {}, {}, {}}, out);
  writer->write({301, &big, &high, {}, {}, {}}, out);
  writer->finish(out);
  CHECK(out.find("…") == std::string::npos);
  const std::string id_column(long_id.size(), ' ');
  CHECK(out.rfind("id" + id_column.substr(2) + "  stage", 0) == 0);
  // "engagement" is 10 columns wide, the scores are aligned right under it.
  CHECK(out.find("\nL1" + id_column.substr(2) + "  prospect  otherwise           1  true") !=
        std::string::npos);
  CHECK(out.find("\n" + long_id + "  prospect  otherwise      123456  true") != std::string::npos);
}

TEST_CASE("table: explain text indented under its lead, sanitized") {
  Fixture f;
  auto writer = make_table_writer(f.policy, {true, false, {}});
  const RecordValue a = lead_with_id(std::string("L1"));
  const eval::LeadOutcome o = outcome(1, 1, true, true, true);
  const std::string out =
      write_one(*writer, {1, &a, &o, {}, Annotation{"stage prospect\n  fit: true \x1b]0;x\x07"}, {}});
  CHECK(out.find("\n    stage prospect\n      fit: true \n") != std::string::npos);
  CHECK(out.find('\x1b') == std::string::npos);
}
