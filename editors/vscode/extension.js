// The client side of the charterlogic language server: start `charterlogic lsp` over stdio for
// charter (.dsl) and scenario (.scenario) files. Everything else is the server's.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace
    .getConfiguration("charterlogic")
    .get("server.command", ["charterlogic", "lsp"]);
  const server = { command, args };
  client = new LanguageClient(
    "charterlogic",
    "charterlogic",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "charterdsl" }] },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
