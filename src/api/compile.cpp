// qualify::compile() and compile_file(): the loader (sema/load), with diagnostics turned into the
// public Diagnostic values.
#include <filesystem>
#include <string>

#include "api/policy_access.hpp"
#include "sema/load.hpp"
#include "present/render.hpp"
#include "present/render_location.hpp"

namespace qualify {
namespace {

Severity public_severity(qpl::Severity severity) {
  switch (severity) {
    case qpl::Severity::error: return Severity::error;
    case qpl::Severity::warning: return Severity::warning;
    case qpl::Severity::info: return Severity::info;
  }
  return Severity::error;
}

Diagnostic public_diagnostic(const qpl::Diagnostic& diagnostic, const qpl::SourceSet& sources,
                             bool color) {
  Diagnostic out;
  out.severity = public_severity(diagnostic.severity);
  out.code = diagnostic.code;
  out.message = diagnostic.message;
  const qpl::present::render_detail::SpanLocation at = qpl::present::render_detail::locate(sources, diagnostic.span);
  if (at.file != nullptr) {
    out.file = at.file->name();
    out.line = at.begin.line;
    out.column = at.begin.column;
    out.end_line = at.end.line;
    out.end_column = at.end.column;
  }
  qpl::present::RenderOptions render;
  render.color = color;
  out.text = qpl::present::render_text(diagnostic, sources, render);
  return out;
}

// Without an import folder, `import` is refused with the loader's usual "cannot read" error.
qpl::sema::ImportReader refuse_imports() {
  return [](const std::string&) -> std::variant<std::string, qpl::ReadFileError> {
    return qpl::ReadFileError{"imports are not available to an embedded policy (no import folder given)"};
  };
}

}  // namespace

std::string_view version() { return QUALIFY_VERSION; }

std::string Compiled::diagnostics_text() const {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics) {
    if (!text.empty()) text += '\n';
    text += diagnostic.text;
  }
  return text;
}

namespace {

// `folder` is where the policy's test tables are read from.
Compiled compiled_from(qpl::sema::LoadResult loaded, const std::string& name, std::string folder, bool color) {
  Compiled compiled;
  if (loaded.policy) {
    for (const qpl::Diagnostic& diagnostic : loaded.diagnostics.items())
      compiled.diagnostics.push_back(public_diagnostic(diagnostic, loaded.policy->sources, color));
  }
  if (loaded.ok()) {
    compiled.policy =
        PolicyAccess::make(std::make_unique<Policy::Impl>(std::move(loaded.policy), std::move(folder)));
  } else if (compiled.diagnostics.empty()) {
    Diagnostic failure;
    failure.message = "cannot load policy '" + name + "'";
    failure.text = name + ": error: " + failure.message + "\n";
    compiled.diagnostics.push_back(std::move(failure));
  }
  return compiled;
}

}  // namespace

Compiled compile(std::string_view text, const CompileOptions& options) {
  qpl::sema::LoadResult loaded =
      options.import_dir
          ? qpl::sema::load_policy_text(options.name, std::string(text), *options.import_dir)
          : qpl::sema::load_policy_text(options.name, std::string(text), ".", refuse_imports());
  return compiled_from(std::move(loaded), options.name, options.import_dir.value_or("."), options.color);
}

Compiled compile_file(const std::string& path, const FileCompileOptions& options) {
  return compiled_from(qpl::sema::load_policy(path), path,
                       std::filesystem::path(path).parent_path().string(), options.color);
}

}  // namespace qualify
