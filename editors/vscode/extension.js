// Starts `qualify lsp` for .qpl files. The language client is the only dependency
// (`npm install` in this folder); highlighting works without it.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("qpl").get("server.path") || "qualify";
  client = new LanguageClient(
    "qpl",
    "qualify lsp",
    { command, args: ["lsp"] },
    { documentSelector: [{ scheme: "file", language: "qpl" }, { scheme: "untitled", language: "qpl" }] }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
