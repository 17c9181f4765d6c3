#include "lsp/analysis.hpp"

#include <filesystem>

#include "lint/config.hpp"
#include "lsp/uri.hpp"

namespace qpl::lsp {
namespace {

// The project configuration of a policy, as `qualify lint` finds it; none when it does not
// read (`qualify lint` reports that, the editor keeps the defaults).
std::optional<lint::LintConfig> config_for(const std::optional<std::string>& path) {
  if (!path) return std::nullopt;
  auto found = lint::find_config(std::filesystem::path(*path).parent_path());
  if (!found) return std::nullopt;
  auto parsed = lint::load_config(*found);
  if (!parsed.errors.empty()) return std::nullopt;
  return std::move(parsed.config);
}

// Where imports resolve from: the file's folder, else the server's.
std::string folder_of(const std::optional<std::string>& path) {
  if (!path) return ".";
  std::string folder = std::filesystem::path(*path).parent_path().string();
  return folder.empty() ? std::string(".") : folder;
}

}  // namespace

Analysis::Analysis(std::string uri, std::optional<std::string> path, std::string text)
    : uri_(std::move(uri)), text_(std::move(text)) {
  const auto config = config_for(path);
  run_ = lint::lint_text(path ? *path : uri_, text_, config ? &*config : nullptr, folder_of(path));
  if (run_.policy) {
    symbols_ = build_symbol_index(*run_.policy);
    for (std::size_t f = 0; f < run_.policy->sources.size(); ++f)
      lines_.emplace_back(run_.policy->sources.file(static_cast<FileId>(f)).text());
  }
  if (lines_.empty()) lines_.emplace_back(text_);
}

const LineIndex& Analysis::lines(FileId file) const {
  return file < lines_.size() ? lines_[file] : lines_[0];
}

std::string Analysis::file_uri(FileId file) const {
  if (file == 0 || !run_.policy || file >= run_.policy->sources.size()) return uri_;
  return path_to_uri(run_.policy->sources.file(file).name());
}

}  // namespace qpl::lsp
