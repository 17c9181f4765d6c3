#pragma once
// The project configuration: a file named `.qualify-lint`, found in the policy's folder or the
// nearest folder above it. One setting per line, `#` comments:
//     QPL500 = off          # a code ...
//     unused-field = error  # ... or its name; off, info, warning or error
// Only warnings and infos can be changed: the front end's errors always stay errors.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/diagnostic.hpp"

namespace qpl::lint {

inline constexpr const char* config_file_name = ".qualify-lint";

struct LintConfig {
  std::string path;                                    // where it was read, for messages
  std::map<std::string, std::optional<Severity>> levels;  // code -> level; nullopt is off
};

struct ConfigParse {
  LintConfig config;
  std::vector<std::string> errors;  // "path:3: unknown code 'QPL999'"
};

// The nearest `.qualify-lint` at or above `start` (a folder, or a file's folder).
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);
ConfigParse parse_config(const std::string& path, std::string_view text);
// Reads and parses; an unreadable file is an error.
ConfigParse load_config(const std::filesystem::path& path);

// Applies the levels: drops what is off, changes the severity of the rest.
void apply_config(const LintConfig& config, Diagnostics& diagnostics);

// `--severity`: "error", "warning" or "info"; nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view name);
// Keeps what is at least as severe as `minimum` (`warning` keeps errors and warnings).
void drop_below(Severity minimum, Diagnostics& diagnostics);

}  // namespace qpl::lint
