// The C API (qualify.h) over the C++ one: every entry point catches everything, so that no
// exception reaches a C caller (a PostgreSQL backend would not survive one).
#include <exception>
#include <new>
#include <string>

#include "qualify/qualify.h"
#include "qualify/qualify.hpp"

struct qualify_policy {
  std::shared_ptr<const qualify::Policy> policy;
};

struct qualify_diagnostics {
  std::vector<qualify::Diagnostic> items;
  std::string text;
  std::size_t errors = 0;
};

struct qualify_result {
  qualify::Result result;
};

namespace {

thread_local std::string last_error;

qualify_status fail(qualify_status status, std::string message) {
  try {
    last_error = std::move(message);
  } catch (...) {
  }
  return status;
}

// Runs `body`, turning any exception into QUALIFY_INTERNAL_ERROR.
template <typename Body>
qualify_status guarded(Body&& body) noexcept {
  try {
    last_error.clear();
    return body();
  } catch (const std::bad_alloc&) {
    return fail(QUALIFY_INTERNAL_ERROR, "out of memory");
  } catch (const std::exception& e) {
    return fail(QUALIFY_INTERNAL_ERROR, std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(QUALIFY_INTERNAL_ERROR, "internal error");
  }
}

const qualify::Diagnostic* diagnostic_at(const qualify_diagnostics* diagnostics, size_t i) {
  if (diagnostics == nullptr || i >= diagnostics->items.size()) return nullptr;
  return &diagnostics->items[i];
}

const char* severity_text(qualify::Severity severity) {
  switch (severity) {
    case qualify::Severity::error: return "error";
    case qualify::Severity::warning: return "warning";
    case qualify::Severity::info: return "info";
  }
  return "error";
}

// Hands a compilation's outcome to a C caller: the diagnostics (when asked) and the policy.
qualify_status hand_over(qualify::Compiled compiled, qualify_policy** policy,
                         qualify_diagnostics** diagnostics) {
  if (diagnostics != nullptr) {
    auto out = std::make_unique<qualify_diagnostics>();
    out->text = compiled.diagnostics_text();
    for (const qualify::Diagnostic& d : compiled.diagnostics)
      if (d.severity == qualify::Severity::error) ++out->errors;
    out->items = std::move(compiled.diagnostics);
    *diagnostics = out.release();
  }
  if (!compiled.ok()) return QUALIFY_POLICY_ERROR;
  *policy = new qualify_policy{std::move(compiled.policy)};
  return QUALIFY_OK;
}

}  // namespace

extern "C" {

const char* qualify_version(void) { return QUALIFY_VERSION; }

const char* qualify_status_text(qualify_status status) {
  switch (status) {
    case QUALIFY_OK: return "ok";
    case QUALIFY_POLICY_ERROR: return "the policy has errors";
    case QUALIFY_RECORD_ERROR: return "the record does not fit the policy's fields";
    case QUALIFY_ARGUMENT_ERROR: return "invalid argument";
    case QUALIFY_INTERNAL_ERROR: return "internal error";
  }
  return "unknown status";
}

const char* qualify_last_error(void) { return last_error.c_str(); }

qualify_status qualify_compile(const char* text, size_t length, const qualify_compile_options* options,
                               qualify_policy** policy, qualify_diagnostics** diagnostics) {
  return guarded([&] {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (policy == nullptr) return fail(QUALIFY_ARGUMENT_ERROR, "qualify_compile: policy is NULL");
    *policy = nullptr;
    if (text == nullptr && length > 0)
      return fail(QUALIFY_ARGUMENT_ERROR, "qualify_compile: text is NULL");
    qualify::CompileOptions compile_options;
    if (options != nullptr && options->name != nullptr) compile_options.name = options->name;
    if (options != nullptr && options->import_dir != nullptr) compile_options.import_dir = options->import_dir;
    return hand_over(qualify::compile(std::string_view(text ? text : "", length), compile_options),
                     policy, diagnostics);
  });
}

qualify_status qualify_compile_file(const char* path, qualify_policy** policy,
                                    qualify_diagnostics** diagnostics) {
  return guarded([&] {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    if (policy == nullptr) return fail(QUALIFY_ARGUMENT_ERROR, "qualify_compile_file: policy is NULL");
    *policy = nullptr;
    if (path == nullptr) return fail(QUALIFY_ARGUMENT_ERROR, "qualify_compile_file: path is NULL");
    return hand_over(qualify::compile_file(path), policy, diagnostics);
  });
}

void qualify_policy_free(qualify_policy* policy) { delete policy; }

size_t qualify_diagnostics_count(const qualify_diagnostics* diagnostics) {
  return diagnostics ? diagnostics->items.size() : 0;
}
size_t qualify_diagnostics_error_count(const qualify_diagnostics* diagnostics) {
  return diagnostics ? diagnostics->errors : 0;
}
const char* qualify_diagnostics_text(const qualify_diagnostics* diagnostics) {
  return diagnostics ? diagnostics->text.c_str() : "";
}
const char* qualify_diagnostic_severity(const qualify_diagnostics* diagnostics, size_t i) {
  const qualify::Diagnostic* d = diagnostic_at(diagnostics, i);
  return d ? severity_text(d->severity) : nullptr;
}
const char* qualify_diagnostic_code(const qualify_diagnostics* diagnostics, size_t i) {
  const qualify::Diagnostic* d = diagnostic_at(diagnostics, i);
  return d ? d->code.c_str() : nullptr;
}
const char* qualify_diagnostic_file(const qualify_diagnostics* diagnostics, size_t i) {
  const qualify::Diagnostic* d = diagnostic_at(diagnostics, i);
  return d ? d->file.c_str() : nullptr;
}
uint32_t qualify_diagnostic_line(const qualify_diagnostics* diagnostics, size_t i) {
  const qualify::Diagnostic* d = diagnostic_at(diagnostics, i);
  return d ? d->line : 0;
}
uint32_t qualify_diagnostic_column(const qualify_diagnostics* diagnostics, size_t i) {
  const qualify::Diagnostic* d = diagnostic_at(diagnostics, i);
  return d ? d->column : 0;
}
const char* qualify_diagnostic_message(const qualify_diagnostics* diagnostics, size_t i) {
  const qualify::Diagnostic* d = diagnostic_at(diagnostics, i);
  return d ? d->message.c_str() : nullptr;
}
const char* qualify_diagnostic_rendered(const qualify_diagnostics* diagnostics, size_t i) {
  const qualify::Diagnostic* d = diagnostic_at(diagnostics, i);
  return d ? d->text.c_str() : nullptr;
}
void qualify_diagnostics_free(qualify_diagnostics* diagnostics) { delete diagnostics; }

qualify_status qualify_evaluate_json(const qualify_policy* policy, const char* json, size_t length,
                                     const qualify_eval_options* options, qualify_result** result) {
  return guarded([&] {
    if (result == nullptr) return fail(QUALIFY_ARGUMENT_ERROR, "qualify_evaluate_json: result is NULL");
    *result = nullptr;
    if (policy == nullptr || !policy->policy)
      return fail(QUALIFY_ARGUMENT_ERROR, "qualify_evaluate_json: policy is NULL");
    if (json == nullptr && length > 0)
      return fail(QUALIFY_ARGUMENT_ERROR, "qualify_evaluate_json: json is NULL");
    qualify::EvalOptions eval_options;
    if (options != nullptr) {
      if (options->as_of != nullptr) eval_options.as_of = options->as_of;
      switch (options->explain) {
        case QUALIFY_EXPLAIN_NONE: break;
        case QUALIFY_EXPLAIN_JSON: eval_options.explain = qualify::Explain::json; break;
        case QUALIFY_EXPLAIN_TEXT: eval_options.explain = qualify::Explain::text; break;
        case QUALIFY_EXPLAIN_TEXT_TREE: eval_options.explain = qualify::Explain::text_tree; break;
        default: return fail(QUALIFY_ARGUMENT_ERROR, "qualify_evaluate_json: unknown explain form");
      }
      if (options->record_number != 0) eval_options.record_number = options->record_number;
    }
    auto out = std::make_unique<qualify_result>();
    out->result = policy->policy->evaluate_json(std::string_view(json ? json : "", length), eval_options);
    switch (out->result.status) {
      case qualify::Status::ok: *result = out.release(); return QUALIFY_OK;
      case qualify::Status::bad_record: *result = out.release(); return QUALIFY_RECORD_ERROR;
      case qualify::Status::bad_argument: return fail(QUALIFY_ARGUMENT_ERROR, out->result.error);
    }
    return fail(QUALIFY_INTERNAL_ERROR, "unknown result status");
  });
}

const char* qualify_result_json(const qualify_result* result) {
  return result ? result->result.json.c_str() : nullptr;
}
const char* qualify_result_stage(const qualify_result* result) {
  return result && result->result.stage ? result->result.stage->c_str() : nullptr;
}
const char* qualify_result_because(const qualify_result* result) {
  return result && result->result.because ? result->result.because->c_str() : nullptr;
}
const char* qualify_result_held(const qualify_result* result) {
  return result && result->result.held ? result->result.held->c_str() : nullptr;
}
int qualify_result_recycled(const qualify_result* result) {
  return result && result->result.recycled ? 1 : 0;
}
const char* qualify_result_explain(const qualify_result* result) {
  return result && !result->result.explain.empty() ? result->result.explain.c_str() : nullptr;
}
const char* qualify_result_error(const qualify_result* result) {
  return result && !result->result.ok() ? result->result.error.c_str() : nullptr;
}
void qualify_result_free(qualify_result* result) { delete result; }

}  // extern "C"
