// `qualify lint --dump-ast FILE...`: the syntax tree of each policy as the parser sees it, for
// users who want to know how a line was read (precedence, R2 line breaks) and for golden tests.
// Only the parser runs: names and types are not checked, so a policy that does not compile yet
// can still be inspected.
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_code.hpp"
#include "support/read_file.hpp"
#include "present/render.hpp"
#include "support/utf8.hpp"
#include "syntax/ast_dump.hpp"
#include "syntax/parser.hpp"

namespace qpl::cli {

using present::render_text;
namespace {

std::optional<std::string> read_policy_text(const std::string& path) {
  auto text = read_text_file(path);
  if (auto* error = std::get_if<ReadFileError>(&text)) {
    print_error(fmt::format("cannot read '{}': {}", sanitize_for_terminal(path), error->message));
    return std::nullopt;
  }
  return std::move(std::get<std::string>(text));
}

}  // namespace

int run_dump_ast(const LintOptions& options) {
  const auto files = collect_policy_files(options.paths);
  if (!files) return to_int(ExitCode::failure);
  bool syntax_errors = false;
  for (const std::string& path : *files) {
    auto text = read_policy_text(path);
    if (!text) return to_int(ExitCode::failure);
    SourceSet sources;
    const FileId id = sources.add(path, std::move(*text));
    const syntax::ParseResult parsed = syntax::parse_module(sources.file(id), id);
    if (parsed.diagnostics.has_errors()) {
      std::fputs(render_text(parsed.diagnostics, sources).c_str(), stderr);
      syntax_errors = true;
      continue;
    }
    if (files->size() > 1) std::fputs(fmt::format("# {}\n", sanitize_for_terminal(path)).c_str(), stdout);
    const std::string dump = syntax::dump_module(parsed.module, sources.file(id));
    std::fwrite(dump.data(), 1, dump.size(), stdout);
  }
  return to_int(syntax_errors ? ExitCode::record_errors : ExitCode::ok);  // as lint: 1 on errors
}

}  // namespace qpl::cli
