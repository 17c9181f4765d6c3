// `qualify fmt`: rewrite (the default, as qpl.md says), check (--check) or print (--stdout, or a
// policy read from stdin) policies in the canonical layout.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/exit_code.hpp"
#include "format/format.hpp"
#include "format/line_diff.hpp"
#include "support/read_file.hpp"
#include "support/render.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {

namespace {

std::optional<std::string> read_file(const std::string& path) {
  auto text = read_text_file(path);
  if (auto* error = std::get_if<ReadFileError>(&text)) {
    print_error(fmt::format("cannot read '{}': {}", sanitize_for_terminal(path), error->message));
    return std::nullopt;
  }
  return std::move(std::get<std::string>(text));
}

bool cannot_write(const std::string& path, std::string_view why) {
  print_error(fmt::format("cannot write '{}': {}", sanitize_for_terminal(path), why));
  return false;
}

// In place: keeps the file's owner and mode when they are not ours to give a new file.
bool overwrite(const std::string& shown, const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) return cannot_write(shown, system_error_text(errno));
  return true;
}

// Through a temporary file and a rename, so an interrupted write never leaves half a policy.
// A symbolic link is followed (the file it names is rewritten, the link stays); a file we may
// not write is left alone; the new file keeps the old one's mode and owner.
bool write_file(const std::string& shown, const std::string& text) {
  std::error_code ec;
  const std::string path = std::filesystem::canonical(shown, ec).string();
  if (ec) return cannot_write(shown, ec.message());
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return cannot_write(shown, system_error_text(errno));
  // Read-only even for root, who may write anything: someone wants it left as it is.
  if ((info.st_mode & 0222) == 0) return cannot_write(shown, "the file is read-only");
  if (::access(path.c_str(), W_OK) != 0) return cannot_write(shown, system_error_text(errno));
  if (::geteuid() != 0 && info.st_uid != ::geteuid()) return overwrite(shown, path, text);

  const std::string temporary = path + ".qualify-fmt.tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      std::remove(temporary.c_str());
      // A folder we may not write to: the file itself is writable, so write it in place.
      if (errno == EACCES || errno == EROFS) return overwrite(shown, path, text);
      return cannot_write(shown, system_error_text(errno));
    }
  }
  if (::chmod(temporary.c_str(), info.st_mode & 07777) != 0 ||
      ::chown(temporary.c_str(), info.st_uid, info.st_gid) != 0) {
    std::remove(temporary.c_str());
    return overwrite(shown, path, text);
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::remove(temporary.c_str());
    return cannot_write(shown, ec.message());
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
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    std::string formatted;
    const Outcome outcome = format_one("<stdin>", text, formatted);
    if (outcome == Outcome::failed) return to_int(ExitCode::failure);
    if (options.check) {
      std::cout << format::unified_diff(text, formatted, "<stdin>", "<stdin> (formatted)");
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
