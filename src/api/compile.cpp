// qualify::compile(): the loader `qualify` itself uses (sema/load), with diagnostics turned into
// the public Diagnostic values.
#include <string>

#include "api/policy_impl.hpp"
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

Diagnostic public_diagnostic(const qpl::Diagnostic& diagnostic, const qpl::SourceSet& sources) {
  Diagnostic out;
  out.severity = public_severity(diagnostic.severity);
  out.code = diagnostic.code;
  out.message = diagnostic.message;
  const qpl::present::render_detail::SpanLocation at = qpl::present::render_detail::locate(sources, diagnostic.span);
  if (at.file != nullptr) {
    out.file = at.file->name();
    out.line = at.begin.line;
    out.column = at.begin.column;
  }
  out.text = qpl::present::render_text(diagnostic, sources);
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

Compiled compile(std::string_view text, const CompileOptions& options) {
  qpl::sema::LoadResult loaded =
      options.import_dir
          ? qpl::sema::load_policy_text(options.name, std::string(text), *options.import_dir)
          : qpl::sema::load_policy_text(options.name, std::string(text), ".", refuse_imports());
  Compiled compiled;
  if (loaded.policy) {
    for (const qpl::Diagnostic& diagnostic : loaded.diagnostics.items())
      compiled.diagnostics.push_back(public_diagnostic(diagnostic, loaded.policy->sources));
  }
  if (loaded.ok()) {
    auto impl = std::make_unique<Policy::Impl>(std::move(loaded.policy));
    compiled.policy.reset(new Policy(std::move(impl)));
  } else if (compiled.diagnostics.empty()) {
    Diagnostic failure;
    failure.message = "cannot load policy '" + options.name + "'";
    failure.text = options.name + ": error: " + failure.message + "\n";
    compiled.diagnostics.push_back(std::move(failure));
  }
  return compiled;
}

}  // namespace qualify
