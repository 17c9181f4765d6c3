/*
 * qualify for PostgreSQL: QPL policies evaluated on jsonb leads, through libqualify's C API.
 *
 * The SQL functions are pg_qualify_* in C: qualify_* is the C API's namespace.
 * Compiled policies are cached per backend (each parallel worker is a backend of its own), keyed
 * by a hash of the policy text and checked against the whole text. Nothing from the library can
 * throw into the backend: the C API returns status codes, turned into ereport() here, after
 * every library call has returned (so no longjmp crosses C++ frames).
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "qualify/qualify.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* qualify.import_dir: the server folder policies' `import` statements read from. Unset (the
 * default), a policy that imports is an error: only a superuser may let queries read files. */
static char *import_dir = NULL;

void
_PG_init(void)
{
	DefineCustomStringVariable("qualify.import_dir",
							   "Folder that QPL policies' imports are read from (unset: no imports).",
							   NULL, &import_dir, NULL, PGC_SUSET, 0, NULL, NULL, NULL);
	MarkGUCPrefixReserved("qualify");
}

PG_FUNCTION_INFO_V1(pg_qualify_eval);
PG_FUNCTION_INFO_V1(pg_qualify_stage);
PG_FUNCTION_INFO_V1(pg_qualify_explain);
PG_FUNCTION_INFO_V1(pg_qualify_error);
PG_FUNCTION_INFO_V1(pg_qualify_check);

/* A handful of policies per backend is the common case (one per query); the least recently
 * used one makes room for a new one. */
#define QUALIFY_CACHE_SIZE 16

typedef struct CachedPolicy
{
	qualify_policy *policy;		/* NULL: an empty slot */
	uint32		hash;
	char	   *text;			/* in TopMemoryContext */
	size_t		length;
	char	   *import_dir;		/* the setting it was compiled with, in TopMemoryContext */
	uint64		last_used;
} CachedPolicy;

static CachedPolicy cache[QUALIFY_CACHE_SIZE];
static uint64 cache_clock = 0;

/* The first line of the diagnostics ("policy.qpl:3:5: error: ..."), for errmsg. */
static char *
first_line(const char *text)
{
	const char *end = strchr(text, '\n');

	return end ? pnstrdup(text, end - text) : pstrdup(text);
}

static void
report_policy_errors(qualify_status status, qualify_diagnostics *diagnostics)
{
	char	   *text = pstrdup(status == QUALIFY_POLICY_ERROR ? qualify_diagnostics_text(diagnostics)
									   : qualify_last_error());
	size_t		errors = qualify_diagnostics_error_count(diagnostics);

	qualify_diagnostics_free(diagnostics);
	if (status != QUALIFY_POLICY_ERROR)
		ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR), errmsg("qualify: %s", text)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("qualify: the policy has %zu error%s: %s", errors, errors == 1 ? "" : "s",
					first_line(text)),
			 errdetail("%s", text)));
}

static bool
same_setting(const char *a, const char *b)
{
	return (a == NULL || *a == '\0') ? (b == NULL || *b == '\0') : (b != NULL && strcmp(a, b) == 0);
}

static qualify_compile_options
compile_options(void)
{
	qualify_compile_options options;

	options.name = "policy.qpl";
	options.import_dir = (import_dir != NULL && *import_dir != '\0') ? import_dir : NULL;
	return options;
}

static const qualify_policy *
cached_policy(text *policy_text)
{
	const char *data = VARDATA_ANY(policy_text);
	size_t		length = VARSIZE_ANY_EXHDR(policy_text);
	uint32		hash = hash_bytes((const unsigned char *) data, (int) length);
	CachedPolicy *slot = &cache[0];
	qualify_policy *policy = NULL;
	qualify_diagnostics *diagnostics = NULL;
	qualify_status status;
	qualify_compile_options options = compile_options();
	char	   *copy;
	char	   *import_copy;
	int			i;

	for (i = 0; i < QUALIFY_CACHE_SIZE; i++)
	{
		CachedPolicy *entry = &cache[i];

		if (entry->policy != NULL && entry->hash == hash && entry->length == length &&
			memcmp(entry->text, data, length) == 0 && same_setting(entry->import_dir, import_dir))
		{
			entry->last_used = ++cache_clock;
			return entry->policy;
		}
		if (entry->policy == NULL || (slot->policy != NULL && entry->last_used < slot->last_used))
			slot = entry;
	}

	/* Allocated before compiling: an out-of-memory error here leaks no policy. */
	copy = MemoryContextAlloc(TopMemoryContext, length + 1);
	memcpy(copy, data, length);
	copy[length] = '\0';
	import_copy = MemoryContextStrdup(TopMemoryContext, options.import_dir ? options.import_dir : "");
	status = qualify_compile(data, length, &options, &policy, &diagnostics);
	if (status != QUALIFY_OK)
	{
		pfree(copy);
		pfree(import_copy);
		report_policy_errors(status, diagnostics);
	}
	qualify_diagnostics_free(diagnostics);

	if (slot->policy != NULL)
	{
		qualify_policy_free(slot->policy);
		pfree(slot->text);
		pfree(slot->import_dir);
	}
	slot->policy = policy;
	slot->hash = hash;
	slot->text = copy;
	slot->length = length;
	slot->import_dir = import_copy;
	slot->last_used = ++cache_clock;
	return policy;
}

/* `as_of` as YYYY-MM-DD into `buffer`; NULL (today in UTC) when the argument is NULL. */
static const char *
as_of_text(FunctionCallInfo fcinfo, int argument, char *buffer, size_t size)
{
	DateADT		date;
	int			year,
				month,
				day;

	if (PG_NARGS() <= argument || PG_ARGISNULL(argument))
		return NULL;
	date = PG_GETARG_DATEADT(argument);
	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("qualify: as_of must be a finite date")));
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	if (year < 1 || year > 9999)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("qualify: as_of must be a date between years 1 and 9999")));
	snprintf(buffer, size, "%04d-%02d-%02d", year, month, day);
	return buffer;
}

/*
 * Evaluates argument 1 (the lead) with the policy of argument 0. Returns NULL for a lead that
 * does not fit the policy's fields, unless `keep_bad` (then its result holds the error).
 */
static qualify_result *
evaluate(FunctionCallInfo fcinfo, int as_of_argument, qualify_explain explain, bool keep_bad)
{
	const qualify_policy *policy = cached_policy(PG_GETARG_TEXT_PP(0));
	Jsonb	   *lead = PG_GETARG_JSONB_P(1);
	char		date_buffer[16];
	qualify_eval_options options;
	qualify_result *result = NULL;
	qualify_status status;
	char	   *json;

	options.as_of = as_of_text(fcinfo, as_of_argument, date_buffer, sizeof date_buffer);
	options.explain = explain;
	options.record_number = 1;
	json = JsonbToCString(NULL, &lead->root, VARSIZE(lead));
	status = qualify_evaluate_json(policy, json, strlen(json), &options, &result);
	pfree(json);
	if (status == QUALIFY_OK)
		return result;
	if (status == QUALIFY_RECORD_ERROR)
	{
		if (keep_bad)
			return result;
		qualify_result_free(result);
		return NULL;
	}
	{
		char	   *message = pstrdup(qualify_last_error());

		ereport(ERROR,
				(errcode(status == QUALIFY_ARGUMENT_ERROR ? ERRCODE_INVALID_PARAMETER_VALUE
						 : ERRCODE_INTERNAL_ERROR),
				 errmsg("qualify: %s", message)));
	}
	return NULL;
}

/* A result string as text, the result freed. */
static Datum
text_and_free(qualify_result *result, const char *value)
{
	text	   *out = cstring_to_text(value);

	qualify_result_free(result);
	return PointerGetDatum(out);
}

Datum
pg_qualify_eval(PG_FUNCTION_ARGS)
{
	qualify_result *result = evaluate(fcinfo, 2, QUALIFY_EXPLAIN_NONE, false);
	char	   *json;
	Datum		out;

	if (result == NULL)
		PG_RETURN_NULL();
	json = pstrdup(qualify_result_json(result));
	qualify_result_free(result);
	out = DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
	PG_RETURN_DATUM(out);
}

Datum
pg_qualify_stage(PG_FUNCTION_ARGS)
{
	qualify_result *result = evaluate(fcinfo, 2, QUALIFY_EXPLAIN_NONE, false);

	if (result == NULL || qualify_result_stage(result) == NULL)
	{
		qualify_result_free(result);
		PG_RETURN_NULL();
	}
	return text_and_free(result, qualify_result_stage(result));
}

Datum
pg_qualify_explain(PG_FUNCTION_ARGS)
{
	bool		tree = PG_NARGS() > 3 && !PG_ARGISNULL(3) && PG_GETARG_BOOL(3);
	qualify_result *result = evaluate(fcinfo, 2, tree ? QUALIFY_EXPLAIN_TEXT_TREE : QUALIFY_EXPLAIN_TEXT,
									  false);

	if (result == NULL || qualify_result_explain(result) == NULL)
	{
		qualify_result_free(result);
		PG_RETURN_NULL();
	}
	return text_and_free(result, qualify_result_explain(result));
}

Datum
pg_qualify_error(PG_FUNCTION_ARGS)
{
	qualify_result *result = evaluate(fcinfo, -1, QUALIFY_EXPLAIN_NONE, true);

	if (qualify_result_error(result) == NULL)
	{
		qualify_result_free(result);
		PG_RETURN_NULL();
	}
	return text_and_free(result, qualify_result_error(result));
}

Datum
pg_qualify_check(PG_FUNCTION_ARGS)
{
	text	   *policy_text = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	qualify_policy *policy = NULL;
	qualify_diagnostics *diagnostics = NULL;
	qualify_compile_options options = compile_options();
	qualify_status status;
	size_t		count,
				i;

	InitMaterializedSRF(fcinfo, 0);
	status = qualify_compile(VARDATA_ANY(policy_text), VARSIZE_ANY_EXHDR(policy_text), &options,
							 &policy, &diagnostics);
	qualify_policy_free(policy);
	if (status != QUALIFY_OK && status != QUALIFY_POLICY_ERROR)
		report_policy_errors(status, diagnostics);

	count = qualify_diagnostics_count(diagnostics);
	for (i = 0; i < count; i++)
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		uint32		line = qualify_diagnostic_line(diagnostics, i);
		values[0] = CStringGetTextDatum(qualify_diagnostic_severity(diagnostics, i));
		values[1] = CStringGetTextDatum(qualify_diagnostic_code(diagnostics, i));
		values[2] = Int32GetDatum((int32) line);
		values[3] = Int32GetDatum((int32) qualify_diagnostic_column(diagnostics, i));
		nulls[2] = nulls[3] = line == 0;
		values[4] = CStringGetTextDatum(qualify_diagnostic_message(diagnostics, i));
		values[5] = CStringGetTextDatum(qualify_diagnostic_rendered(diagnostics, i));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	qualify_diagnostics_free(diagnostics);
	return (Datum) 0;
}
