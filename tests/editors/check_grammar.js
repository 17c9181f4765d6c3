// Tokenises QPL with editors/qpl.tmLanguage.json through vscode-textmate and vscode-oniguruma
// (the libraries VS Code highlights with) and fails on what would show wrong in the editor:
// a character no rule of the grammar knows (invalid.illegal), or a region still open at the
// end of a line (QPL has no multi-line token). Also checks that the common tokens get the scopes
// a theme colours.
//   node check_grammar.js GRAMMAR FILE_OR_FOLDER...
// A .qpl file is tokenised whole; a .md file, each of its ```qpl blocks but the `error` ones.
"use strict";
const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

function sources(args) {
  const out = [];
  for (const arg of args) {
    const stat = fs.statSync(arg);
    const files = stat.isDirectory() ? fs.readdirSync(arg).sort().map((f) => path.join(arg, f)) : [arg];
    for (const file of files) {
      if (file.endsWith(".qpl")) out.push({ name: file, line: 1, text: fs.readFileSync(file, "utf8") });
      if (file.endsWith(".md")) {
        const lines = fs.readFileSync(file, "utf8").split("\n");
        for (let i = 0; i < lines.length; i++) {
          const info = lines[i].trim().split(/\s+/);
          if (info[0] !== "```qpl") continue;
          const start = i + 1;
          let end = start;
          while (end < lines.length && lines[end].trim() !== "```") end++;
          // A ```qpl error block shows a mistake on purpose: the grammar marks it invalid too.
          if (!info.includes("error")) out.push({ name: file, line: start + 1, text: lines.slice(start, end).join("\n") });
          i = end;
        }
      }
    }
  }
  return out;
}

async function main() {
  const [grammarPath, ...inputs] = process.argv.slice(2);
  if (!grammarPath || inputs.length === 0) {
    console.error("usage: node check_grammar.js GRAMMAR FILE_OR_FOLDER...");
    process.exit(2);
  }
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath),
  });
  const grammar = await registry.loadGrammar("source.qpl");
  const problems = [];
  const seen = new Set();
  let lineCount = 0;
  const list = sources(inputs);
  for (const source of list) {
    let stack = vsctm.INITIAL;
    source.text.split("\n").forEach((line, i) => {
      lineCount++;
      const result = grammar.tokenizeLine(line, stack);
      const where = `${source.name}:${source.line + i}`;
      for (const token of result.tokens) {
        const text = line.slice(token.startIndex, token.endIndex);
        for (const scope of token.scopes) seen.add(scope.split(".")[0] + "." + scope.split(".")[1]);
        if (token.scopes.some((s) => s.startsWith("invalid")))
          problems.push(`${where}:${token.startIndex + 1}: '${text}' is ${token.scopes.at(-1)}`);
      }
      if (result.ruleStack.depth !== vsctm.INITIAL.depth && result.ruleStack !== vsctm.INITIAL)
        problems.push(`${where}: a region is still open at the end of the line`);
      stack = result.ruleStack;
    });
  }
  // The scopes themes colour: a grammar that lost one would still "tokenise" without problems.
  for (const wanted of ["comment.line", "string.quoted", "constant.numeric", "keyword.control",
                        "keyword.operator", "storage.type", "entity.name", "support.function",
                        "constant.language", "support.type"]) {
    if (!seen.has(wanted)) problems.push(`no token got the scope ${wanted}`);
  }
  if (problems.length) {
    console.error(problems.join("\n"));
    console.error(`${problems.length} problem(s) in ${list.length} sources`);
    process.exit(1);
  }
  console.log(`${list.length} sources, ${lineCount} lines tokenised: no invalid token, no open region`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
