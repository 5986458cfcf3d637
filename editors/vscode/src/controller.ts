// Whether and how the extension starts lessonkit's language server, and what it tells a person
// when it cannot. The editor's API comes in as an argument (extension.ts passes the real one, the
// tests a stub), and so does the language client, so all of this runs outside an editor.

import * as os from "node:os";
import { Command, Place, SETTING, commandsToTry, readSetting, shown } from "./command";
import { findLessons } from "./lessons";
import { Probe, probe } from "./probe";

export const INSTALL_DOCS = "https://github.com/lessonkit/lessonkit/blob/main/editors/vscode/README.md#install-lessonkit";
export const INSTALL_HINT = `Install it with: pipx install 'lessonkit[server]', or set ${SETTING}.`;
export const ACTIONS = { install: "How to install", settings: "Open settings", output: "Show output" } as const;

export interface Disposable {
  dispose(): unknown;
}

export interface Uri {
  readonly scheme: string;
  readonly fsPath: string;
}

export interface OutputChannel {
  appendLine(value: string): void;
  show(preserveFocus?: boolean): void;
}

/** The part of the editor's API (`vscode`) that the extension uses; VS Code, VSCodium and
 * Positron all have it (no proposed or Microsoft-only API). */
export interface Editor<U extends Uri> {
  workspace: {
    readonly workspaceFolders: readonly { readonly uri: U }[] | undefined;
    getConfiguration(section: string, scope?: U): { get<T>(key: string): T | undefined };
    onDidChangeConfiguration(listener: (event: { affectsConfiguration(section: string): boolean }) => unknown): Disposable;
    onDidChangeWorkspaceFolders(listener: () => unknown): Disposable;
    onDidGrantWorkspaceTrust(listener: () => unknown): Disposable;
  };
  window: {
    showErrorMessage(message: string, ...items: string[]): Thenable<string | undefined>;
  };
  commands: {
    registerCommand(command: string, callback: () => unknown): Disposable;
    executeCommand(command: string, ...rest: unknown[]): Thenable<unknown>;
  };
  env: {
    openExternal(target: U): Thenable<boolean>;
  };
  Uri: {
    parse(value: string): U;
    file(path: string): U;
  };
  RelativePattern: new (base: U, pattern: string) => object;
}

/** A document filter as vscode-languageclient takes it: file-scheme documents of a language,
 * or named by pattern, inside one lesson. */
export interface DocumentFilter {
  scheme: "file";
  language?: string;
  pattern: object;
}

/** What the language client is started with. */
export interface ClientSpec {
  command: Command;
  cwd: string;
  documentSelector: DocumentFilter[];
}

/** The language client (vscode-languageclient's LanguageClient, or a test's stand-in). */
export interface Client {
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** What an attempt to start came to; `answered` settles when the person has answered the
 * error notification (or dismissed it) and its action has run. */
export interface Outcome {
  started: boolean;
  why: string;
  spec?: ClientSpec;
  answered?: Promise<void>;
}

export interface Options {
  probe: (command: Command, cwd: string) => Promise<Probe>;
  place: (cwd: string) => Place;
}

const defaults: Options = {
  probe,
  place: (cwd) => ({ cwd, env: process.env, platform: process.platform, home: os.homedir() }),
};

export class Controller<U extends Uri> {
  private client?: Client;
  private running?: string; // what the running client was started for (its lessons and setting), if one runs
  private queue: Promise<unknown> = Promise.resolve();
  private readonly options: Options;

  constructor(
    private readonly editor: Editor<U>,
    private readonly output: OutputChannel,
    private readonly newClient: (spec: ClientSpec) => Client,
    options: Partial<Options> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  /** Register the commands and listeners, then start the server if the workspace has a lesson. */
  activate(subscriptions: Disposable[]): Promise<Outcome> {
    const { commands, workspace } = this.editor;
    subscriptions.push(
      commands.registerCommand("lessonkit.restartServer", () => this.restart(true)),
      commands.registerCommand("lessonkit.showOutput", () => this.output.show()),
      workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTING)) {
          void this.restart(false);
        }
      }),
      workspace.onDidChangeWorkspaceFolders(() => void this.restart(false)),
      workspace.onDidGrantWorkspaceTrust(() => void this.restart(false)), // the folder's own setting now counts
      { dispose: () => this.stop() },
    );
    return this.restart(false);
  }

  /** Start the server again for the workspace's lessons and the setting as they are now; unless
   * forced, a server already running for the same lessons and setting is left alone. */
  restart(force: boolean): Promise<Outcome> {
    return this.serially(async () => {
      const lessons = await findLessons((this.editor.workspace.workspaceFolders ?? [])
        .filter((folder) => folder.uri.scheme === "file").map((folder) => folder.uri.fsPath));
      const value = lessons.length
        ? this.editor.workspace.getConfiguration("lessonkit", this.editor.Uri.file(lessons[0])).get<unknown>("server.command")
        : undefined;
      const wanted = JSON.stringify([lessons, value]);
      if (!force && this.running === wanted) {
        return { started: true, why: "already running for these lessons" };
      }
      await this.stopClient();
      const outcome = await this.start(lessons, value);
      this.running = outcome.started ? wanted : undefined;
      return outcome;
    });
  }

  stop(): Promise<void> {
    return this.serially(() => this.stopClient());
  }

  private async start(lessons: string[], value: unknown): Promise<Outcome> {
    if (lessons.length === 0) {
      return this.log("No folder of this workspace is a Workbench lesson (a folder with config.yaml and episodes/): "
        + "the lessonkit server is not started.");
    }
    const setting = readSetting(value);
    if ("problem" in setting) {
      return this.fail(setting.problem, [ACTIONS.settings, ACTIONS.output]);
    }
    const cwd = lessons[0];
    const found = commandsToTry(setting.command, this.options.place(cwd));
    if ("problem" in found) {
      return this.fail(`lessonkit could not start its language server: ${found.problem}. ${INSTALL_HINT}`);
    }
    const failures: Failure[] = [];
    for (const command of found.tries) {
      const checked = await this.options.probe(command, cwd);
      this.output.appendLine(checked.detail);
      if (!checked.ok) {
        failures.push({ command, detail: checked.detail });
        continue;
      }
      const spec = { command, cwd, documentSelector: this.documentSelector(lessons) };
      const client = this.newClient(spec);
      this.output.appendLine(`Starting ${shown(command)} for ${lessons.join(", ")}`);
      try {
        await client.start();
      } catch (error) {
        await client.dispose().catch(() => undefined);
        return this.fail(`lessonkit's language server stopped while starting (${shown(command)}): ${describe(error)}`);
      }
      this.client = client;
      return { started: true, why: `started ${shown(command)}`, spec };
    }
    return this.fail(`lessonkit could not start its language server: ${whyNot(failures, found.instead)}`);
  }

  /** The lessons' Markdown and R Markdown files, and their config.yaml (for the lesson-wide
   * findings), on disk: the server reads the lesson around them from disk. */
  private documentSelector(lessons: string[]): DocumentFilter[] {
    const { RelativePattern, Uri } = this.editor;
    return lessons.flatMap((lesson) => {
      const base = Uri.file(lesson);
      return [
        { scheme: "file" as const, language: "markdown", pattern: new RelativePattern(base, "**/*") },
        { scheme: "file" as const, language: "rmd", pattern: new RelativePattern(base, "**/*") },
        { scheme: "file" as const, pattern: new RelativePattern(base, "config.yaml") },
      ];
    });
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.running = undefined;
    if (client) {
      await client.dispose().catch((error) => this.output.appendLine(`Stopping the server: ${describe(error)}`));
    }
  }

  private log(why: string): Outcome {
    this.output.appendLine(why);
    return { started: false, why };
  }

  /** Say why in the output and in an error notification whose actions help to fix it. */
  private fail(why: string, actions: string[] = [ACTIONS.install, ACTIONS.settings, ACTIONS.output]): Outcome {
    this.output.appendLine(why);
    const answered = Promise.resolve(this.editor.window.showErrorMessage(why, ...actions)).then(async (chosen) => {
      if (chosen === ACTIONS.install) {
        await this.editor.env.openExternal(this.editor.Uri.parse(INSTALL_DOCS));
      } else if (chosen === ACTIONS.settings) {
        await this.editor.commands.executeCommand("workbench.action.openSettings", SETTING);
      } else if (chosen === ACTIONS.output) {
        this.output.show();
      }
    });
    return { started: false, why, answered };
  }

  private serially<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

interface Failure {
  command: Command;
  detail: string;
}

const NO_MODULE = /No module named '?lessonkit'?$/; // Python's words for "lessonkit is not installed here"

/** Why none of the commands served, in a sentence: Pythons without lessonkit named together
 * (python3 and python are often one Python), other failures in their own words. */
function whyNot(failures: Failure[], instead: string | undefined): string {
  const without = failures.filter((failure) => NO_MODULE.test(failure.detail)).map((failure) => failure.command.program);
  const parts = [
    ...(instead ? [instead] : []),
    ...(without.length ? [`${without.join(" and ")} ${without.length > 1 ? "have" : "has"} no lessonkit module`] : []),
    ...failures.filter((failure) => !NO_MODULE.test(failure.detail)).map((failure) => failure.detail),
  ];
  return `${parts.join("; ")}.${instead || without.length ? ` ${INSTALL_HINT}` : ""}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
