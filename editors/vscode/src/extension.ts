// The extension's entry point: the real editor API and vscode-languageclient, wired to the
// controller, which decides whether and how to start `lessonkit server`.

import * as vscode from "vscode";
import { DocumentSelector, LanguageClient } from "vscode-languageclient/node";
import { Controller } from "./controller";

let controller: Controller<vscode.Uri> | undefined;

export function activate(context: vscode.ExtensionContext): Promise<unknown> {
  const output = vscode.window.createOutputChannel("lessonkit");
  context.subscriptions.push(output);
  const started = new Controller<vscode.Uri>(vscode, output, ({ command, cwd, documentSelector }) => new LanguageClient(
    "lessonkit",
    "lessonkit",
    { command: command.program, args: command.args, options: { cwd } },
    {
      // vscode-languageclient hands each filter to the editor as it is, and the editor's filters
      // take a RelativePattern: the protocol's type says only string.
      documentSelector: documentSelector as unknown as DocumentSelector,
      outputChannel: output,
      diagnosticCollectionName: "lessonkit",
    },
  ));
  controller = started;
  return started.activate(context.subscriptions);
}

export function deactivate(): Promise<void> | undefined {
  return controller?.stop();
}
