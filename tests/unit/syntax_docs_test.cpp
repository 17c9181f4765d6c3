// The language reference cannot drift from the grammar: every keyword, built-in function,
// operator and declaration of grammar/qpl_grammar.hpp is documented in docs/language.md, the docs
// name no reserved word and no grammar rule the grammar does not have, and every ```qpl block of
// the docs parses (except blocks marked ```qpl error, which show a mistake on purpose).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "grammar/qpl_grammar.hpp"
#include "syntax/parser.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path repository = fs::path(QUALIFY_SOURCE_DIR);

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> all_matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> found;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    found.push_back((*it)[1].str());
  return found;
}

bool documented(const std::string& doc, const std::string& code) {
  return doc.find("`" + code) != std::string::npos;
}

// Every word written inside backquotes (`x is present` gives x, is and present).
std::set<std::string> code_words(const std::string& doc) {
  std::set<std::string> words;
  const std::string inline_code = std::regex_replace(doc, std::regex("```"), "");
  for (const auto& span : all_matches(inline_code, "`([^`]+)`"))
    for (const auto& w : all_matches(span, "([A-Za-z_]+)")) words.insert(w);
  return words;
}

// The text of a markdown section, from its heading to the next heading of the same level.
std::string section(const std::string& doc, const std::string& heading) {
  const auto start = doc.find("\n" + heading + "\n");
  REQUIRE_MESSAGE(start != std::string::npos, "docs/language.md has no '" << heading << "'");
  const std::string level = heading.substr(0, heading.find(' ') + 1);
  const auto end = doc.find("\n" + level, start + heading.size() + 1);
  return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Every word written in backquotes.
std::set<std::string> backquoted_words(const std::string& text) {
  const auto words = all_matches(text, "`([a-z_]+)`");
  return {words.begin(), words.end()};
}

struct Block {
  std::string file;
  int line = 0;
  std::string info;
  std::string text;
};

std::vector<Block> fenced_blocks(const fs::path& path, const std::string& language) {
  std::vector<Block> blocks;
  std::istringstream in(read(path));
  std::string line;
  int number = 0;
  Block* open = nullptr;
  bool in_other = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("```", 0) != 0) {
      if (open) open->text += line + "\n";
      continue;
    }
    if (open || in_other) {
      open = nullptr;
      in_other = false;
      continue;
    }
    const std::string info = line.substr(3);
    if (info == language || info.rfind(language + " ", 0) == 0) {
      blocks.push_back({path.filename().string(), number, info, ""});
      open = &blocks.back();
    } else {
      in_other = true;
    }
  }
  return blocks;
}

std::vector<fs::path> documents() {
  std::vector<fs::path> docs{repository / "README.md"};
  for (const auto& entry : fs::directory_iterator(repository / "docs"))
    if (entry.path().extension() == ".md") docs.push_back(entry.path());
  std::sort(docs.begin(), docs.end());
  return docs;
}

std::string first_error(const qpl::Diagnostics& diagnostics, const qpl::SourceFile& file) {
  for (const auto& d : diagnostics.items()) {
    const auto at = file.position(d.span.begin);
    return std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + d.message;
  }
  return "";
}

}  // namespace

TEST_CASE("docs: every reserved word of the grammar is in the language reference, and no other") {
  const std::string doc = read(repository / "docs" / "language.md");
  const std::string grammar = read(repository / "grammar" / "qpl_grammar.hpp");

  // The list in "Reserved words", against the grammar's own list.
  const auto start = doc.find("**Reserved words**");
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("\n- ", start);
  const std::string listed_text = doc.substr(start, doc.find("Not reserved", start) - start);
  REQUIRE(doc.find("Not reserved", start) < end);
  std::set<std::string> listed;
  for (const auto& group : all_matches(listed_text, "`([a-z \\n]+)`")) {
    std::istringstream words(group);
    for (std::string w; words >> w;) listed.insert(w);
  }
  const std::set<std::string> reserved(qpl::grammar::reserved_words.begin(),
                                       qpl::grammar::reserved_words.end());
  for (const auto& w : reserved) CHECK_MESSAGE(listed.count(w) == 1, "'" << w << "' is reserved but not listed");
  for (const auto& w : listed) CHECK_MESSAGE(reserved.count(w) == 1, "'" << w << "' is listed as reserved but the grammar does not reserve it");

  // Every keyword rule of the grammar (reserved or positional: version, values, days...).
  const auto words = code_words(doc);
  for (const auto& word : all_matches(grammar, R"re(TAO_PEGTL_KEYWORD\( "([a-z_]+)" \))re"))
    CHECK_MESSAGE(words.count(word) == 1, "the grammar keyword '" << word << "' is not in docs/language.md");
}

TEST_CASE("docs: every built-in function is documented") {
  const std::string doc = read(repository / "docs" / "language.md");
  const std::string ast = read(repository / "src" / "model" / "ast.hpp");
  const auto names = all_matches(ast, R"(enum class Builtin[^{]*\{([^}]*)\})");
  REQUIRE(names.size() == 1);
  std::istringstream list(std::regex_replace(names[0], std::regex(","), " "));
  int count = 0;
  for (std::string name; list >> name;) {
    if (name == "unresolved") continue;
    ++count;
    CHECK_MESSAGE(documented(doc, name + "("), "built-in '" << name << "' is not in docs/language.md");
  }
  CHECK(count >= 12);  // qpl.md's list
}

TEST_CASE("docs: every operator of the grammar is documented") {
  const std::string doc = read(repository / "docs" / "language.md");
  const std::string grammar = read(repository / "grammar" / "qpl_grammar.hpp");
  // `string< 'a', 'b' >` is one operator "ab"; `one< 'a', 'b' >` is two operators.
  const std::regex rule(R"(struct (op_[a-z]+|mul_op|add_op) : ([^{]*)\{)");
  int count = 0;
  for (auto it = std::sregex_iterator(grammar.begin(), grammar.end(), rule); it != std::sregex_iterator(); ++it) {
    std::string body = (*it)[2].str();
    body = body.substr(0, body.find("not_at"));
    const auto chars = all_matches(body, "'(.)'");
    std::vector<std::string> operators;
    if (body.find("string<") != std::string::npos) {
      std::string op;
      for (const auto& c : chars) op += c;
      operators.push_back(op);
    } else {
      operators = chars;
    }
    for (const auto& op : operators) {
      ++count;
      const bool found = doc.find("`" + op + "`") != std::string::npos ||
                         doc.find(" " + op + " ") != std::string::npos;
      CHECK_MESSAGE(found, "operator '" << op << "' is not in docs/language.md");
    }
  }
  CHECK(count == 11);  // = != <= < >= > * / % + -
}

TEST_CASE("docs: every declaration has its section, and the Grammar section names real rules") {
  const std::string doc = read(repository / "docs" / "language.md");
  const std::string grammar = read(repository / "grammar" / "qpl_grammar.hpp");

  const auto keywords = all_matches(grammar, R"(struct declaration_keyword : sor< ([^>]*) >)");
  REQUIRE(keywords.size() == 1);
  for (const auto& kw : all_matches(keywords[0], R"(kw_([a-z]+))"))
    CHECK_MESSAGE(doc.find("\n### `" + kw) != std::string::npos,
                  "declaration '" << kw << "' has no '### `" << kw << "...`' section");

  const std::string rules_section = section(doc, "## Grammar");
  const auto rule_names = all_matches(grammar, R"((?:struct|auto) ([a-z_]+)\b)");
  const std::set<std::string> rules(rule_names.begin(), rule_names.end());
  const auto named = backquoted_words(rules_section);
  int rule_count = 0;
  for (const auto& name : named) {
    if (name.find('_') == std::string::npos && rules.count(name) == 0) continue;  // a plain keyword
    ++rule_count;
    CHECK_MESSAGE(rules.count(name) == 1, "the Grammar section names '" << name << "', which is not a rule of the grammar");
  }
  const auto declarations = all_matches(grammar, R"(struct declaration : sor< ([^>]*raise)<)");
  REQUIRE(declarations.size() == 1);
  for (const auto& decl : all_matches(declarations[0], R"(([a-z]+_decl))"))
    CHECK_MESSAGE(named.count(decl) == 1, "the Grammar section does not give the rule of '" << decl << "'");
  CHECK(rule_count >= 30);
}

TEST_CASE("docs: every qpl block of the docs parses") {
  int blocks = 0;
  for (const auto& path : documents()) {
    for (const auto& block : fenced_blocks(path, "qpl")) {
      // A block marked `qpl error` shows a mistake on purpose.
      if (block.info.find("error") != std::string::npos) continue;
      ++blocks;
      const std::string where = block.file + ":" + std::to_string(block.line) + " (```" + block.info + ")";
      qpl::SourceSet sources;
      const auto id = sources.add(where, block.text);
      const auto& file = sources.file(id);
      const qpl::syntax::ParseResult module = qpl::syntax::parse_module(file, id);
      if (!module.diagnostics.has_errors()) continue;
      // A fragment may also be one expression, or one expression a line.
      const bool fragment = block.info.find("fragment") != std::string::npos;
      CHECK_MESSAGE(fragment, where << ": " << first_error(module.diagnostics, file));
      if (!fragment) continue;
      if (!qpl::syntax::parse_expression(file, id).diagnostics.has_errors()) continue;
      std::istringstream lines(block.text);
      int number = 0;
      for (std::string line; std::getline(lines, line);) {
        ++number;
        if (line.find_first_not_of(" ") == std::string::npos || line.find_first_not_of(" ") == line.find('#')) continue;
        qpl::SourceSet one;
        const auto line_id = one.add(where, line);
        const auto parsed = qpl::syntax::parse_expression(one.file(line_id), line_id);
        CHECK_MESSAGE(!parsed.diagnostics.has_errors(), where << " line " << number << ": '" << line
                          << "' is neither declarations nor expressions: " << first_error(parsed.diagnostics, one.file(line_id)));
      }
    }
  }
  CHECK(blocks >= 10);
}
