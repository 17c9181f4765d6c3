/* libqualify's C API from a C program: compile, evaluate, errors as codes and messages. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qualify/qualify.h"

static int failures = 0;

#define EXPECT(condition)                                                   \
  do {                                                                      \
    if (!(condition)) {                                                     \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                           \
    }                                                                       \
  } while (0)

static const char policy_text[] =
    "policy \"c test\"\n"
    "fields {\n"
    "  id: text\n"
    "  budget: number?\n"
    "}\n"
    "funnel {\n"
    "  big   when budget >= 10000 as \"big budget\"\n"
    "  small otherwise\n"
    "}\n";

int main(void) {
  qualify_policy *policy = NULL;
  qualify_diagnostics *diagnostics = NULL;
  qualify_result *result = NULL;
  qualify_eval_options options = {"2026-11-01", QUALIFY_EXPLAIN_NONE, 0};
  const char *lead = "{\"id\": \"C-1\", \"budget\": 50000}";
  const char *bad_lead = "{\"id\": \"C-2\", \"budget\": \"lots\"}";
  const char *bad_policy = "policy \"p\"\nfields {\n  id: text\n}\nfunnel {\n  a when nope\n  b otherwise\n}\n";
  qualify_compile_options compile_options = {"bad.qpl", NULL};

  EXPECT(strcmp(qualify_version(), "") != 0);
  EXPECT(qualify_compile(policy_text, strlen(policy_text), NULL, &policy, &diagnostics) == QUALIFY_OK);
  EXPECT(policy != NULL);
  EXPECT(qualify_diagnostics_count(diagnostics) == 0);
  qualify_diagnostics_free(diagnostics);

  EXPECT(qualify_evaluate_json(policy, lead, strlen(lead), &options, &result) == QUALIFY_OK);
  EXPECT(strcmp(qualify_result_json(result),
                "{\"id\":\"C-1\",\"stage\":\"big\",\"because\":\"big budget\",\"scores\":{},"
                "\"icp\":{},\"gates\":{}}") == 0);
  EXPECT(strcmp(qualify_result_stage(result), "big") == 0);
  EXPECT(strcmp(qualify_result_because(result), "big budget") == 0);
  EXPECT(qualify_result_explain(result) == NULL);
  EXPECT(qualify_result_error(result) == NULL);
  qualify_result_free(result);

  options.explain = QUALIFY_EXPLAIN_TEXT;
  EXPECT(qualify_evaluate_json(policy, lead, strlen(lead), &options, &result) == QUALIFY_OK);
  EXPECT(qualify_result_explain(result) != NULL && strstr(qualify_result_explain(result), "big") != NULL);
  qualify_result_free(result);

  /* A bad record: a result holding the error, and the CLI's error line. */
  EXPECT(qualify_evaluate_json(policy, bad_lead, strlen(bad_lead), NULL, &result) == QUALIFY_RECORD_ERROR);
  EXPECT(qualify_result_error(result) != NULL && strstr(qualify_result_error(result), "budget") != NULL);
  EXPECT(strncmp(qualify_result_json(result), "{\"record\":1,\"id\":\"C-2\",\"error\":", 31) == 0);
  EXPECT(qualify_result_stage(result) == NULL);
  qualify_result_free(result);

  /* A forward-only funnel: a lead that kept its earlier stage, one a recycle line sent back. */
  {
    static const char forward_text[] =
        "policy \"c forward\"\n"
        "fields {\n"
        "  id: text\n"
        "  clicks: number\n"
        "}\n"
        "funnel forward-only {\n"
        "  order prospect < mql < sql\n"
        "  sql      when clicks >= 50\n"
        "  mql      when clicks >= 10\n"
        "  prospect otherwise\n"
        "  recycle to prospect when clicks = 0 as \"gone cold\"\n"
        "}\n";
    const char *held_lead = "{\"id\": \"F-1\", \"clicks\": 20, \"previous\": {\"stage\": \"sql\", \"since\": \"2026-10-01\"}}";
    const char *cold_lead = "{\"id\": \"F-2\", \"clicks\": 0, \"previous\": {\"stage\": \"sql\", \"since\": \"2026-10-01\"}}";
    const char *new_lead = "{\"id\": \"F-3\", \"clicks\": 20}";
    qualify_policy *forward = NULL;
    EXPECT(qualify_compile(forward_text, strlen(forward_text), NULL, &forward, &diagnostics) == QUALIFY_OK);
    qualify_diagnostics_free(diagnostics);
    EXPECT(qualify_evaluate_json(forward, held_lead, strlen(held_lead), NULL, &result) == QUALIFY_OK);
    EXPECT(strcmp(qualify_result_stage(result), "sql") == 0);
    EXPECT(qualify_result_held(result) != NULL && strcmp(qualify_result_held(result), "mql") == 0);
    EXPECT(qualify_result_recycled(result) == 0);
    qualify_result_free(result);
    EXPECT(qualify_evaluate_json(forward, cold_lead, strlen(cold_lead), NULL, &result) == QUALIFY_OK);
    EXPECT(strcmp(qualify_result_stage(result), "prospect") == 0);
    EXPECT(strcmp(qualify_result_because(result), "gone cold") == 0);
    EXPECT(qualify_result_held(result) == NULL);
    EXPECT(qualify_result_recycled(result) == 1);
    qualify_result_free(result);
    EXPECT(qualify_evaluate_json(forward, new_lead, strlen(new_lead), NULL, &result) == QUALIFY_OK);
    EXPECT(strcmp(qualify_result_stage(result), "mql") == 0);
    EXPECT(qualify_result_held(result) == NULL);
    EXPECT(qualify_result_recycled(result) == 0);
    qualify_result_free(result);
    qualify_policy_free(forward);
  }

  /* Bad arguments: codes and messages, no crash. */
  options.as_of = "2026-13-45";
  result = NULL;
  EXPECT(qualify_evaluate_json(policy, lead, strlen(lead), &options, &result) == QUALIFY_ARGUMENT_ERROR);
  EXPECT(result == NULL);
  EXPECT(strstr(qualify_last_error(), "2026-13-45") != NULL);
  EXPECT(qualify_evaluate_json(NULL, lead, strlen(lead), NULL, &result) == QUALIFY_ARGUMENT_ERROR);
  EXPECT(strcmp(qualify_status_text(QUALIFY_POLICY_ERROR), "the policy has errors") == 0);
  qualify_policy_free(policy);

  /* A bad policy: no handle, diagnostics with places and the compiler's text. */
  policy = NULL;
  EXPECT(qualify_compile(bad_policy, strlen(bad_policy), &compile_options, &policy, &diagnostics) ==
         QUALIFY_POLICY_ERROR);
  EXPECT(policy == NULL);
  EXPECT(qualify_diagnostics_count(diagnostics) == 1);
  EXPECT(qualify_diagnostics_error_count(diagnostics) == 1);
  EXPECT(strcmp(qualify_diagnostic_severity(diagnostics, 0), "error") == 0);
  EXPECT(qualify_diagnostic_line(diagnostics, 0) == 6);
  EXPECT(qualify_diagnostic_column(diagnostics, 0) == 10);
  EXPECT(strstr(qualify_diagnostic_message(diagnostics, 0), "nope") != NULL);
  EXPECT(strncmp(qualify_diagnostics_text(diagnostics), "bad.qpl:6:10: error: ", 21) == 0);
  EXPECT(qualify_diagnostic_message(diagnostics, 1) == NULL);
  qualify_diagnostics_free(diagnostics);

  /* A policy file: compiled from disk, or a compiler-style error for a path that is not there. */
  {
    char path[] = "/tmp/qualify-c-api-XXXXXX";
    qualify_eval_options file_options = {"2026-11-01", QUALIFY_EXPLAIN_NONE, 0};
    int fd = mkstemp(path);
    FILE *file = fd >= 0 ? fdopen(fd, "w") : NULL;
    EXPECT(file != NULL);
    if (file != NULL) {
      fputs(policy_text, file);
      fclose(file);
      EXPECT(qualify_compile_file(path, &policy, &diagnostics) == QUALIFY_OK);
      EXPECT(policy != NULL);
      qualify_diagnostics_free(diagnostics);
      EXPECT(qualify_evaluate_json(policy, lead, strlen(lead), &file_options, &result) == QUALIFY_OK);
      EXPECT(qualify_result_stage(result) != NULL && strcmp(qualify_result_stage(result), "big") == 0);
      qualify_result_free(result);
      qualify_policy_free(policy);
      remove(path);
      EXPECT(qualify_compile_file(path, &policy, &diagnostics) == QUALIFY_POLICY_ERROR);
      EXPECT(policy == NULL);
      EXPECT(qualify_diagnostics_error_count(diagnostics) == 1);
      EXPECT(strcmp(qualify_diagnostic_file(diagnostics, 0), path) == 0);
      EXPECT(qualify_diagnostic_line(diagnostics, 0) == 1);
      EXPECT(strncmp(qualify_diagnostics_text(diagnostics), path, strlen(path)) == 0);
      EXPECT(strstr(qualify_diagnostic_message(diagnostics, 0), "cannot read") != NULL);
      qualify_diagnostics_free(diagnostics);
    }
    EXPECT(qualify_compile_file(NULL, &policy, &diagnostics) == QUALIFY_ARGUMENT_ERROR);
    EXPECT(strstr(qualify_last_error(), "path is NULL") != NULL);
  }

  qualify_policy_free(NULL);
  qualify_result_free(NULL);
  qualify_diagnostics_free(NULL);
  if (failures == 0) puts("c api: all checks passed");
  return failures == 0 ? 0 : 1;
}
