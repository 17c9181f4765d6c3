#include "lint/config.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "lint/codes.hpp"
#include "support/utf8.hpp"

namespace qpl::lint {

namespace fs = std::filesystem;

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  for (int guard = 0; guard < 256 && !dir.empty(); ++guard) {
    const fs::path candidate = dir / config_file_name;
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (dir == dir.root_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return std::nullopt;
}

ConfigParse parse_config(const std::string& path, std::string_view text) {
  ConfigParse out;
  out.config.path = path;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) {
      out.errors.push_back(fmt::format("{}:{}: expected 'CODE = off|info|warning|error'", path,
                                       line_number));
      continue;
    }
    const std::string key(trim(line.substr(0, eq)));
    const std::string value = to_lower(trim(line.substr(eq + 1)));
    const CodeInfo* info = find_code(to_upper(key));
    if (!info) {
      const auto codes = all_codes();
      auto by_name = std::find_if(codes.begin(), codes.end(),
                                  [&](const CodeInfo& c) { return c.name == key; });
      if (by_name != codes.end()) info = &*by_name;
    }
    if (!info) {
      out.errors.push_back(fmt::format("{}:{}: unknown code '{}'", path, line_number,
                                       sanitize_for_terminal(key)));
      continue;
    }
    std::optional<Severity> level;
    if (value == "error") level = Severity::error;
    else if (value == "warning") level = Severity::warning;
    else if (value == "info") level = Severity::info;
    else if (value != "off") {
      out.errors.push_back(fmt::format("{}:{}: unknown level '{}' (use off, info, warning or "
                                       "error)", path, line_number, sanitize_for_terminal(value)));
      continue;
    }
    if (info->severity == Severity::error) {
      out.errors.push_back(fmt::format("{}:{}: {} is an error of the policy itself and cannot be "
                                       "changed", path, line_number, info->code));
      continue;
    }
    out.config.levels[std::string(info->code)] = level;
  }
  return out;
}

ConfigParse load_config(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigParse out;
    out.config.path = path.generic_string();
    out.errors.push_back(fmt::format("cannot read '{}'", path.generic_string()));
    return out;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(path.generic_string(), text.str());
}

void apply_config(const LintConfig& config, Diagnostics& diagnostics) {
  if (config.levels.empty()) return;
  auto& items = diagnostics.items();
  std::vector<Diagnostic> kept;
  kept.reserve(items.size());
  for (auto& d : items) {
    auto it = config.levels.find(d.code);
    if (it == config.levels.end() || d.severity == Severity::error) {
      kept.push_back(std::move(d));
    } else if (it->second) {
      d.severity = *it->second;
      kept.push_back(std::move(d));
    }
  }
  items = std::move(kept);
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "error") return Severity::error;
  if (name == "warning") return Severity::warning;
  if (name == "info") return Severity::info;
  return std::nullopt;
}

void drop_below(Severity minimum, Diagnostics& diagnostics) {
  // Severity is ordered from the most severe: error < warning < info.
  std::erase_if(diagnostics.items(), [&](const Diagnostic& d) { return d.severity > minimum; });
}

}  // namespace qpl::lint
