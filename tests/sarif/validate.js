#!/usr/bin/env node
// Runs `qualify lint --format sarif ARGS...` and validates its output against the official
// SARIF 2.1.0 JSON schema (the OASIS schema, 2.1.0-rtm.5, as @microsoft/jest-sarif ships it),
// then checks what GitHub code scanning requires beyond the schema.
//   node validate.js QUALIFY_EXE LINT_ARGS...
// Exits 0 when valid, 1 with the reasons otherwise.
'use strict';

const { execFileSync } = require('node:child_process');
const path = require('node:path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');
const schema = require(path.join(require.resolve('@microsoft/jest-sarif/package.json'), '..',
                                 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'));

function runLint(exe, args) {
  try {
    return execFileSync(exe, ['lint', '--format', 'sarif', ...args], { encoding: 'utf8' });
  } catch (e) {
    // Exit 1 means "errors or warnings found": the SARIF on stdout is still the report.
    if (e.status === 1 && e.stdout) return e.stdout;
    throw new Error(`cannot run qualify lint ${args.join(' ')}: ${e.stderr || e.message}`);
  }
}

// What code scanning needs on top of the schema: every result names a rule of
// tool.driver.rules (ruleIndex pointing at it), and has a physical location with a region.
function codeScanningProblems(log) {
  const problems = [];
  if (log.version !== '2.1.0') problems.push(`version is ${log.version}`);
  for (const [r, run] of (log.runs || []).entries()) {
    const rules = run.tool.driver.rules || [];
    const ids = rules.map((rule) => rule.id);
    for (const [i, rule] of rules.entries()) {
      if (!rule.shortDescription || !rule.shortDescription.text) problems.push(`rule ${i} has no shortDescription`);
      if (!rule.helpUri && !(rule.help && rule.help.text)) problems.push(`rule ${rule.id} has no help`);
    }
    for (const [i, result] of (run.results || []).entries()) {
      const where = `runs[${r}].results[${i}]`;
      const index = ids.indexOf(result.ruleId);
      if (index < 0) problems.push(`${where}: ruleId ${result.ruleId} is not in tool.driver.rules`);
      else if (result.ruleIndex !== undefined && result.ruleIndex !== index)
        problems.push(`${where}: ruleIndex ${result.ruleIndex} is not ${index}`);
      if (!result.message || !result.message.text) problems.push(`${where}: no message text`);
      const loc = result.locations && result.locations[0] && result.locations[0].physicalLocation;
      if (!loc || !loc.artifactLocation || !loc.artifactLocation.uri) problems.push(`${where}: no artifact uri`);
      else if (!loc.region || !(loc.region.startLine >= 1)) problems.push(`${where}: no region startLine`);
    }
  }
  return problems;
}

function main() {
  const [exe, ...args] = process.argv.slice(2);
  if (!exe) {
    console.error('usage: node validate.js QUALIFY_EXE LINT_ARGS...');
    return 2;
  }
  const output = runLint(exe, args);
  const log = JSON.parse(output);
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })  // the schema's 'language' pattern is not valid with the u flag;
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const problems = [];
  if (!validate(log)) for (const e of validate.errors) problems.push(`schema: ${e.instancePath} ${e.message}`);
  problems.push(...codeScanningProblems(log));
  const results = log.runs.reduce((n, run) => n + (run.results || []).length, 0);
  if (problems.length > 0) {
    console.error(`invalid SARIF from qualify lint ${args.join(' ')}:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  console.log(`valid SARIF 2.1.0: ${results} results, ${log.runs[0].tool.driver.rules.length} rules`);
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
}
