#include "cli/common.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fmt/core.h>

#include "cli/exit_code.hpp"
#include "support/date.hpp"
#include "present/render.hpp"
#include "support/utf8.hpp"

namespace qpl::cli {

using present::RenderOptions;
using present::render_text;

namespace {

void print_missing(const std::string& path) {
  print_error(fmt::format("cannot read '{}': {}", sanitize_for_terminal(path), system_error_text(ENOENT)));
}

// A policy that is not there has no source line to show: a plain message, as lint gives.
bool policy_path_usable(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    print_missing(path);
    return false;
  }
  if (std::filesystem::is_directory(status)) {
    print_error(fmt::format("cannot read '{}': it is a folder, and this command takes one policy file",
                            sanitize_for_terminal(path)));
    return false;
  }
  return true;
}

}  // namespace

int not_implemented(std::string_view verb) {
  print_error(fmt::format("'{}' is not implemented yet", verb));
  return to_int(ExitCode::failure);
}

std::optional<std::int32_t> resolve_as_of(const std::optional<std::string>& as_of) {
  const auto moment = resolve_as_of_moment(as_of);
  if (!moment) return std::nullopt;
  return moment->days;
}

std::optional<Moment> resolve_as_of_moment(const std::optional<std::string>& as_of) {
  if (!as_of) {
    const std::int64_t now = now_utc();
    return Moment{static_cast<std::int32_t>(whole_units_between(0, now, seconds_per_day)), now};
  }
  if (auto moment = parse_moment(*as_of)) return *moment;
  print_error(fmt::format("invalid --as-of date '{}': expected a real date as YYYY-MM-DD, or a date-time as YYYY-MM-DDTHH:MM:SSZ",
                          sanitize_for_terminal(*as_of)));
  return std::nullopt;
}

void print_diagnostics(const sema::LoadResult& loaded, bool color, std::FILE* stream) {
  if (loaded.diagnostics.empty()) return;
  static const SourceSet no_sources;
  const SourceSet& sources = loaded.policy ? loaded.policy->sources : no_sources;
  RenderOptions options;
  options.color = color;
  std::string text = render_text(loaded.diagnostics, sources, options);
  if (!text.empty() && text.back() != '\n') text += '\n';
  std::fwrite(text.data(), 1, text.size(), stream);
}

bool ShownPolicyDiagnostics::first_time(const qualify::Diagnostic& d) {
  std::string key = d.file + '\0' +
                    fmt::format("{}:{}-{}:{}", d.line, d.column, d.end_line, d.end_column) + '\0' +
                    d.code + '\0' + d.message;
  return keys_.insert(std::move(key)).second;
}

std::shared_ptr<const qualify::Policy> compile_policy_or_report(const std::string& path,
                                                                ShownPolicyDiagnostics* shown) {
  if (!policy_path_usable(path)) return nullptr;
  qualify::FileCompileOptions options;
  options.color = isatty(fileno(stderr)) != 0;
  const qualify::Compiled compiled = qualify::compile_file(path, options);
  std::string text;
  for (const qualify::Diagnostic& diagnostic : compiled.diagnostics) {
    if (shown && !shown->first_time(diagnostic)) continue;
    if (!text.empty()) text += '\n';
    text += diagnostic.text;
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  std::fwrite(text.data(), 1, text.size(), stderr);
  return compiled.policy;
}

std::unique_ptr<CheckedPolicy> load_policy_or_report(const std::string& path,
                                                     ShownDiagnostics* shown) {
  if (!policy_path_usable(path)) return nullptr;
  sema::LoadResult loaded = sema::load_policy(path);
  const bool failed = !loaded.ok();
  if (shown && loaded.policy) shown->drop_repeated(loaded.diagnostics, loaded.policy->sources);
  const bool color = isatty(fileno(stderr)) != 0;
  print_diagnostics(loaded, color);
  if (failed) {
    if (loaded.diagnostics.empty() && !shown) {
      print_error(fmt::format("cannot load policy '{}'", sanitize_for_terminal(path)));
    }
    return nullptr;
  }
  return std::move(loaded.policy);
}

std::optional<std::vector<std::string>> collect_policy_files(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      print_missing(path);
      return std::nullopt;
    }
    if (!fs::is_directory(status)) {
      files.push_back(path);  // named explicitly: taken whatever its extension
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".qpl") {
        found.push_back(it->path().string());
      }
    }
    if (ec) {
      print_error(fmt::format("cannot read folder '{}': {}", sanitize_for_terminal(path), ec.message()));
      return std::nullopt;
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace qpl::cli
