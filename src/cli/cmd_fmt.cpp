// `qualify fmt`: rewrite (the default, as qpl.md says), check (--check) or print (--stdout, or a
// policy read from stdin) policies in the canonical layout.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_code.hpp"
#include "format/format.hpp"
#include "format/line_diff.hpp"
#include "support/read_file.hpp"
#include "support/replace_file.hpp"
#include "present/render.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {

using present::render_text;

namespace {

std::optional<std::string> read_file(const std::string& path) {
  auto text = read_text_file(path);
  if (auto* error = std::get_if<ReadFileError>(&text)) {
    print_error(fmt::format("cannot read '{}': {}", sanitize_for_terminal(path), error->message));
    return std::nullopt;
  }
  return std::move(std::get<std::string>(text));
}

// All of stdin; an error, not an empty policy, when stdin is closed (`fmt - <&-`) or unreadable.
std::optional<std::string> read_stdin() {
  std::string text;
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      print_error(fmt::format("cannot read stdin: {}",
                              errno == EBADF ? "it is closed" : system_error_text(errno)));
      return std::nullopt;
    }
    if (got == 0) return text;
    if (text.size() + static_cast<std::size_t>(got) > max_policy_file_bytes) {
      print_error(fmt::format("cannot read stdin: it is larger than {} MiB", max_policy_file_bytes >> 20));
      return std::nullopt;
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
}

bool write_file(const std::string& path, const std::string& text) {
  if (auto error = replace_file(path, text)) {
    print_error(fmt::format("cannot write '{}': {}", sanitize_for_terminal(path), error->message));
    return false;
  }
  return true;
}

enum class Outcome { unchanged, changed, failed };

// Formats one text; on success `formatted` holds the canonical layout.
Outcome format_one(const std::string& name, std::string text, std::string& formatted) {
  SourceSet sources;
  sources.add(name, std::move(text));
  const SourceFile& source = sources.file(0);
  format::FormatResult result = format::format_source(source);
  switch (result.status) {
    case format::FormatStatus::syntax_errors:
      std::cerr << render_text(result.diagnostics, sources);
      return Outcome::failed;
    case format::FormatStatus::unsound:
      print_error(fmt::format("{}: {}", sanitize_for_terminal(name), format::unsound_message));
      return Outcome::failed;
    case format::FormatStatus::formatted:
      break;
  }
  formatted = std::move(result.text);
  return formatted == source.text() ? Outcome::unchanged : Outcome::changed;
}

}  // namespace

int run_fmt(const FmtOptions& options) {
  if (int{options.check} + int{options.write} + int{options.to_stdout} > 1) {
    print_error("--check, --write and --stdout cannot be used together");
    return to_int(ExitCode::failure);
  }

  const bool from_stdin = options.files.size() == 1 && options.files.front() == "-";
  if (!from_stdin && std::find(options.files.begin(), options.files.end(), "-") != options.files.end()) {
    print_error("'-' (stdin) is formatted alone, not with other files");
    return to_int(ExitCode::failure);
  }
  if (from_stdin) {
    if (options.write) {
      print_error("--write needs files, not stdin (a policy read from stdin is printed)");
      return to_int(ExitCode::failure);
    }
    const auto text = read_stdin();
    if (!text) return to_int(ExitCode::failure);
    std::string formatted;
    const Outcome outcome = format_one("<stdin>", *text, formatted);
    if (outcome == Outcome::failed) return to_int(ExitCode::failure);
    if (options.check) {
      std::cout << format::unified_diff(*text, formatted, "<stdin>", "<stdin> (formatted)");
      return to_int(outcome == Outcome::changed ? ExitCode::record_errors : ExitCode::ok);
    }
    std::cout << formatted;
    return to_int(ExitCode::ok);
  }

  const auto files = collect_policy_files(options.files);
  if (!files) return to_int(ExitCode::failure);
  const bool print = options.to_stdout;
  if (print && files->size() != 1) {
    print_error("--stdout takes one file: without it, the files are rewritten in place");
    return to_int(ExitCode::failure);
  }

  bool failed = false;
  std::size_t unformatted = 0;
  for (const std::string& path : *files) {
    const auto text = read_file(path);
    if (!text) {
      failed = true;
      continue;
    }
    std::string formatted;
    const Outcome outcome = format_one(path, *text, formatted);
    if (outcome == Outcome::failed) {
      failed = true;
      continue;
    }
    if (print) {
      std::cout << formatted;
    } else if (outcome == Outcome::changed) {
      ++unformatted;
      if (options.check) {
        std::cout << format::unified_diff(*text, formatted, path, path + " (formatted)");
      } else if (!write_file(path, formatted)) {
        failed = true;
      }
    }
  }
  if (options.check && unformatted > 0)
    print_error(fmt::format("{} of {} {} not formatted (qualify fmt rewrites them)", unformatted,
                            files->size(), files->size() == 1 ? "file" : "files"));
  if (failed) return to_int(ExitCode::failure);
  return to_int(options.check && unformatted > 0 ? ExitCode::record_errors : ExitCode::ok);
}

}  // namespace qpl::cli
