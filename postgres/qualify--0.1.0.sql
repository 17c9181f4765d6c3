-- qualify 0.1.0: QPL policies on jsonb leads. See docs/embedding.md.
\echo Use "CREATE EXTENSION qualify" to load this file. \quit

-- Each function compiles `policy` once per backend (cached by a hash of its text) and reads
-- `lead` as `qualify eval` reads one NDJSON line. A policy with errors raises an error carrying
-- the diagnostics; a lead that does not fit the policy's fields gives NULL (qualify_error says
-- why). `as_of` is the date rules see as today (`eval --as-of`); NULL means today in UTC, which
-- is why the functions are STABLE, not IMMUTABLE.

CREATE FUNCTION qualify_eval(policy text, lead jsonb, as_of date DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'pg_qualify_eval'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION qualify_eval(text, jsonb, date) IS
  'the result `qualify eval` gives the lead: id, stage, because, scores, icp, gates';

CREATE FUNCTION qualify_stage(policy text, lead jsonb, as_of date DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'pg_qualify_stage'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION qualify_stage(text, jsonb, date) IS
  'the lead''s funnel stage; NULL when no funnel line is true or the lead does not fit the policy';

CREATE FUNCTION qualify_explain(policy text, lead jsonb, as_of date DEFAULT NULL,
                                tree boolean DEFAULT false)
RETURNS text
AS 'MODULE_PATHNAME', 'pg_qualify_explain'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION qualify_explain(text, jsonb, date, boolean) IS
  'why the lead got its result: the compact summary, or every rule used with tree => true';

CREATE FUNCTION qualify_error(policy text, lead jsonb)
RETURNS text
AS 'MODULE_PATHNAME', 'pg_qualify_error'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION qualify_error(text, jsonb) IS
  'why the lead does not fit the policy''s fields (the error `qualify eval` reports); NULL when it does';

CREATE TYPE qualify_diagnostic AS (
  severity text,   -- error, warning or info
  code text,       -- QPL101...; empty for an error
  line integer,    -- 1-based; NULL when it has no place in the policy
  "column" integer,
  message text,    -- one line
  rendered text    -- as `qualify lint` prints it, source line and caret included
);

CREATE FUNCTION qualify_check(policy text)
RETURNS SETOF qualify_diagnostic
AS 'MODULE_PATHNAME', 'pg_qualify_check'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION qualify_check(text) IS
  'the policy''s errors and warnings, one row each; no rows for a clean policy';
