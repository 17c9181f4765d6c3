/* libqualify's C API: QPL policies from C or any language with a C FFI.
 *
 * Opaque handles, UTF-8 strings in and out (a length with every input, so embedded text needs
 * no terminator; every output is NUL-terminated and owned by its handle), an explicit free
 * function per handle, status codes plus messages. No C++ exception crosses this API.
 * A qualify_policy is immutable: one may be used by many threads at once.
 *
 *   qualify_diagnostics *diagnostics = NULL;
 *   qualify_policy *policy = NULL;
 *   if (qualify_compile(text, strlen(text), NULL, &policy, &diagnostics) != QUALIFY_OK)
 *     fputs(qualify_diagnostics_text(diagnostics), stderr);
 *   qualify_diagnostics_free(diagnostics);
 *   qualify_result *result = NULL;
 *   if (qualify_evaluate_json(policy, lead, strlen(lead), NULL, &result) == QUALIFY_OK)
 *     puts(qualify_result_json(result));
 *   qualify_result_free(result);
 *   qualify_policy_free(policy);
 */
#ifndef QUALIFY_QUALIFY_H
#define QUALIFY_QUALIFY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum qualify_status {
  QUALIFY_OK = 0,
  QUALIFY_POLICY_ERROR = 1,   /* the policy has errors: see its diagnostics */
  QUALIFY_RECORD_ERROR = 2,   /* the lead does not fit the policy's fields: qualify_result_error */
  QUALIFY_ARGUMENT_ERROR = 3, /* a null handle, or an option that is not valid */
  QUALIFY_INTERNAL_ERROR = 4  /* out of memory or a bug: qualify_last_error() says which */
} qualify_status;

typedef enum qualify_explain {
  QUALIFY_EXPLAIN_NONE = 0,
  QUALIFY_EXPLAIN_JSON = 1,     /* as `eval --explain` puts it in its NDJSON line */
  QUALIFY_EXPLAIN_TEXT = 2,     /* the compact text summary */
  QUALIFY_EXPLAIN_TEXT_TREE = 3 /* every rule used, as text */
} qualify_explain;

typedef struct qualify_policy qualify_policy;
typedef struct qualify_diagnostics qualify_diagnostics;
typedef struct qualify_result qualify_result;

typedef struct qualify_compile_options {
  const char *name;        /* the file name diagnostics show; NULL for "policy.qpl" */
  const char *import_dir;  /* the folder imports are read from; NULL refuses imports */
} qualify_compile_options;

typedef struct qualify_eval_options {
  const char *as_of;        /* "YYYY-MM-DD" or a date-time, or NULL for now in UTC */
  qualify_explain explain;
  uint64_t record_number;   /* 0 counts as 1 */
} qualify_eval_options;

/* "0.1.0" */
const char *qualify_version(void);
/* "ok", "the policy has errors", ...: a constant string for each status. */
const char *qualify_status_text(qualify_status status);
/* The message of this thread's last QUALIFY_ARGUMENT_ERROR or QUALIFY_INTERNAL_ERROR ("" if none). */
const char *qualify_last_error(void);

/* Compiles `text` (`length` bytes); `options` may be NULL. On QUALIFY_OK *policy is set;
 * *diagnostics is set whenever `diagnostics` is not NULL (warnings come with a policy too), and
 * must be freed. */
qualify_status qualify_compile(const char *text, size_t length, const qualify_compile_options *options,
                               qualify_policy **policy, qualify_diagnostics **diagnostics);
/* The same for the policy file at `path` (NUL-terminated), its imports read relative to the
 * importing file. A path that cannot be read is QUALIFY_POLICY_ERROR with one diagnostic,
 * "PATH:1:1: error: cannot read 'PATH': ...". */
qualify_status qualify_compile_file(const char *path, qualify_policy **policy,
                                    qualify_diagnostics **diagnostics);
void qualify_policy_free(qualify_policy *policy);

size_t qualify_diagnostics_count(const qualify_diagnostics *diagnostics);
size_t qualify_diagnostics_error_count(const qualify_diagnostics *diagnostics);
/* All of them, rendered as `qualify lint` prints them. */
const char *qualify_diagnostics_text(const qualify_diagnostics *diagnostics);
/* The i-th one: "error", "warning" or "info"; its code ("" if none); line and column (0 when
 * it has no place); its one-line message. NULL or 0 when i is out of range. */
const char *qualify_diagnostic_severity(const qualify_diagnostics *diagnostics, size_t i);
const char *qualify_diagnostic_code(const qualify_diagnostics *diagnostics, size_t i);
/* The file it is in (the name given to qualify_compile, the path, or an import's path). */
const char *qualify_diagnostic_file(const qualify_diagnostics *diagnostics, size_t i);
uint32_t qualify_diagnostic_line(const qualify_diagnostics *diagnostics, size_t i);
uint32_t qualify_diagnostic_column(const qualify_diagnostics *diagnostics, size_t i);
const char *qualify_diagnostic_message(const qualify_diagnostics *diagnostics, size_t i);
/* The i-th one as `qualify lint` prints it, source line and caret included. */
const char *qualify_diagnostic_rendered(const qualify_diagnostics *diagnostics, size_t i);
void qualify_diagnostics_free(qualify_diagnostics *diagnostics);

/* Evaluates one lead given as a JSON object (`length` bytes). `options` may be NULL. Sets
 * *result on QUALIFY_OK and on QUALIFY_RECORD_ERROR (its json is then the error line). */
qualify_status qualify_evaluate_json(const qualify_policy *policy, const char *json, size_t length,
                                     const qualify_eval_options *options, qualify_result **result);
/* `qualify eval`'s NDJSON line for the lead, without the newline. */
const char *qualify_result_json(const qualify_result *result);
/* The stage and its because text; NULL when no funnel line is true. */
const char *qualify_result_stage(const qualify_result *result);
const char *qualify_result_because(const qualify_result *result);
/* A forward-only funnel: the stage today's lines gave when the lead kept its earlier stage
   (NULL when it was not held), and 1 when a recycle line sent the lead back, else 0. */
const char *qualify_result_held(const qualify_result *result);
int qualify_result_recycled(const qualify_result *result);
/* The explain trace in the form asked; NULL when none was asked. */
const char *qualify_result_explain(const qualify_result *result);
/* Why the record could not be read; NULL for a good record. */
const char *qualify_result_error(const qualify_result *result);
void qualify_result_free(qualify_result *result);

#ifdef __cplusplus
}
#endif

#endif /* QUALIFY_QUALIFY_H */
