// qualify::compile_file(): a policy read from disk with its imports resolved relative to the
// importing file, files that cannot be read as compiler-style diagnostics, and Policy::files().
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "qualify/qualify.hpp"

namespace fs = std::filesystem;

namespace {

// A fresh folder for one test case, removed afterwards.
struct TempFolder {
  fs::path path;
  explicit TempFolder(const std::string& name)
      : path(fs::temp_directory_path() / ("qualify-api-" + name + "-" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& relative, const std::string& text) const {
    const fs::path file = path / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
};

const char* const main_policy = R"(policy "main" version 1
import "lib/fields.qpl"

funnel {
  big   when budget >= 1000 as "big"
  small otherwise
}
)";

const char* const fields_file = R"(import "scores.qpl"

fields {
  id:     text
  budget: number?
}
)";

const char* const scores_file = R"(score interest from 0 to 100 {
  +50 when budget >= 500
}
)";

}  // namespace

TEST_CASE("compile_file reads imports relative to the importing file, not the working folder") {
  TempFolder folder("imports");
  const std::string path = folder.write("policies/main.qpl", main_policy);
  folder.write("policies/lib/fields.qpl", fields_file);
  folder.write("policies/lib/scores.qpl", scores_file);  // next to fields.qpl, its importer

  const qualify::Compiled compiled = qualify::compile_file(path);
  REQUIRE_MESSAGE(compiled.ok(), compiled.diagnostics_text());
  CHECK(compiled.policy->name() == "main");
  qualify::EvalOptions options;
  options.as_of = "2026-11-01";
  const qualify::Result result = compiled.policy->evaluate_json(R"({"id": "L1", "budget": 2000})", options);
  REQUIRE(result.ok());
  CHECK(result.stage == "big");
  REQUIRE(result.scores.size() == 1);
  CHECK(result.scores[0].second == 50);

  const std::vector<qualify::SourceFile> files = compiled.policy->files();
  REQUIRE(files.size() == 3);
  CHECK(files[0].kind == qualify::SourceFile::Kind::policy);
  CHECK(files[0].path == path);
  CHECK(files[1].kind == qualify::SourceFile::Kind::import);
  CHECK(fs::equivalent(files[1].path, folder.path / "policies/lib/fields.qpl"));
  CHECK(files[2].kind == qualify::SourceFile::Kind::import);
  CHECK(fs::equivalent(files[2].path, folder.path / "policies/lib/scores.qpl"));
}

TEST_CASE("compile_file of a path that does not exist is an error diagnostic at file:1:1") {
  TempFolder folder("missing");
  const std::string path = (folder.path / "nowhere.qpl").string();
  qualify::Compiled compiled;
  CHECK_NOTHROW(compiled = qualify::compile_file(path));
  CHECK_FALSE(compiled.ok());
  REQUIRE(compiled.diagnostics.size() == 1);
  const qualify::Diagnostic& d = compiled.diagnostics[0];
  CHECK(d.severity == qualify::Severity::error);
  CHECK(d.file == path);
  CHECK(d.line == 1);
  CHECK(d.column == 1);
  CHECK(d.message == "cannot read '" + path + "': no such file or directory");
  CHECK(d.text.rfind(path + ":1:1: error: cannot read '" + path + "'", 0) == 0);
}

TEST_CASE("compile_file of a folder is an error diagnostic, not an exception") {
  TempFolder folder("folder");
  const qualify::Compiled compiled = qualify::compile_file(folder.path.string());
  CHECK_FALSE(compiled.ok());
  REQUIRE_FALSE(compiled.diagnostics.empty());
  CHECK(compiled.diagnostics[0].file == folder.path.string());
  CHECK(compiled.diagnostics[0].message.find("cannot read") != std::string::npos);
}

TEST_CASE("a missing import is reported at the import statement, file:line:col, source line shown") {
  TempFolder folder("bad-import");
  const std::string path = folder.write("main.qpl", main_policy);  // lib/fields.qpl is not there
  const qualify::Compiled compiled = qualify::compile_file(path);
  CHECK_FALSE(compiled.ok());
  REQUIRE_FALSE(compiled.diagnostics.empty());
  const qualify::Diagnostic& d = compiled.diagnostics[0];
  CHECK(d.file == path);
  CHECK(d.line == 2);
  CHECK(d.column >= 1);
  CHECK(d.message.find("lib/fields.qpl") != std::string::npos);
  CHECK(d.text.rfind(path + ":2:" + std::to_string(d.column) + ": error: ", 0) == 0);
  CHECK(d.text.find("import \"lib/fields.qpl\"") != std::string::npos);  // the source line
  CHECK(d.text.find('^') != std::string::npos);                          // and its caret
}

TEST_CASE("an error inside an import names the imported file and its own line") {
  TempFolder folder("error-in-import");
  const std::string path = folder.write("main.qpl", main_policy);
  folder.write("lib/fields.qpl", "fields {\n  id:     text\n  budget: numbr?\n}\n");
  const qualify::Compiled compiled = qualify::compile_file(path);
  CHECK_FALSE(compiled.ok());
  REQUIRE_FALSE(compiled.diagnostics.empty());
  const qualify::Diagnostic& d = compiled.diagnostics[0];
  CHECK(fs::equivalent(d.file, folder.path / "lib/fields.qpl"));
  CHECK(d.line == 3);
  CHECK(d.end_line == 3);
  CHECK(d.end_column > d.column);
}

TEST_CASE("compile_file with colour renders ANSI escapes in the text, the message stays plain") {
  TempFolder folder("color");
  const std::string path = folder.write("main.qpl", main_policy);
  qualify::FileCompileOptions options;
  options.color = true;
  const qualify::Compiled coloured = qualify::compile_file(path, options);
  const qualify::Compiled plain = qualify::compile_file(path);
  REQUIRE_FALSE(coloured.diagnostics.empty());
  CHECK(coloured.diagnostics[0].text.find("\x1b[") != std::string::npos);
  CHECK(plain.diagnostics[0].text.find("\x1b[") == std::string::npos);
  CHECK(coloured.diagnostics[0].message == plain.diagnostics[0].message);
}

TEST_CASE("files() names the tables a policy's tests read, from the policy's folder") {
  TempFolder folder("tables");
  std::string text = main_policy;
  text += "\ntest \"sizes\" {\n  leads from \"cases/sizes.csv\"\n  expect (budget > 0) = true\n}\n";
  const std::string path = folder.write("p/main.qpl", text);
  folder.write("p/lib/fields.qpl", fields_file);
  folder.write("p/lib/scores.qpl", scores_file);
  const qualify::Compiled compiled = qualify::compile_file(path);
  REQUIRE_MESSAGE(compiled.ok(), compiled.diagnostics_text());
  const std::vector<qualify::SourceFile> files = compiled.policy->files();
  REQUIRE(files.size() == 4);
  CHECK(files[3].kind == qualify::SourceFile::Kind::test_table);
  CHECK(files[3].test == "sizes");
  CHECK(fs::path(files[3].path) == fs::path(path).parent_path() / "cases/sizes.csv");
}

TEST_CASE("compile_file from several threads at once: each gets its own policy, all the same answers") {
  TempFolder folder("threads");
  const std::string path = folder.write("main.qpl", main_policy);
  folder.write("lib/fields.qpl", fields_file);
  folder.write("lib/scores.qpl", scores_file);
  std::vector<std::string> lines(4);
  std::vector<int> ok(lines.size(), 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < lines.size(); ++t) {
    threads.emplace_back([&, t] {
      const qualify::Compiled compiled = qualify::compile_file(path);
      if (!compiled.ok()) return;
      ok[t] = 1;
      qualify::EvalOptions options;
      options.as_of = "2026-11-01";
      lines[t] = compiled.policy->evaluate_json(R"({"id": "L", "budget": 700})", options).json;
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t t = 0; t < lines.size(); ++t) {
    CHECK(ok[t] == 1);
    CHECK(lines[t] == lines[0]);
  }
  CHECK(lines[0].find("\"interest\":50") != std::string::npos);
}
