// What the tests share: folders on disk shaped like lessons, programs on a PATH of their own, and
// a stub of the editor's API that records what the extension asked of it.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client, ClientSpec, Editor, OutputChannel, Uri } from "../src/controller";

export function tempFolder(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "lessonkit-vscode-")));
}

/** A Workbench lesson on disk: config.yaml and episodes/. */
export function makeLesson(folder: string): string {
  fs.mkdirSync(path.join(folder, "episodes"), { recursive: true });
  fs.writeFileSync(path.join(folder, "config.yaml"), "title: A lesson\ncarpentry: swc\nepisodes:\n- intro.md\n");
  fs.writeFileSync(path.join(folder, "episodes", "intro.md"), "---\ntitle: Introduction\n---\n\nText.\n");
  return folder;
}

/** An executable shell script named name in folder. */
export function makeProgram(folder: string, name: string, body: string): string {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** A script that behaves as lessonkit's server does when its editor goes away: it reads its
 * input to the end, then exits with 0. */
export const SERVES = "cat >/dev/null\nexit 0";

export class StubUri implements Uri {
  constructor(readonly scheme: string, readonly fsPath: string, private readonly text?: string) {}
  toString(): string {
    return this.text ?? `${this.scheme}://${this.fsPath}`;
  }
}

export class StubPattern {
  constructor(readonly base: StubUri, readonly pattern: string) {}
}

type Listener = (...args: never[]) => unknown;

/** The settings' defaults, as the manifest declares them (and the editor reads them). */
export function manifestDefaults(): Map<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8"));
  const properties: Record<string, { default: unknown }> = manifest.contributes.configuration.properties;
  return new Map(Object.entries(properties).map(([key, property]) => [key, property.default]));
}

/** The editor's API as the extension uses it. Settings are `settings` ("lessonkit.server.command"
 * and so on, the manifest's defaults to begin with); the answer to an error notification is
 * `answer`; events fire with `fire`. */
export class StubEditor {
  settings = manifestDefaults();
  folders: StubUri[] = [];
  answer: string | undefined = undefined;
  readonly errors: { message: string; actions: string[] }[] = [];
  readonly opened: string[] = [];
  readonly executed: unknown[][] = [];
  readonly commands = new Map<string, () => unknown>();
  readonly listeners = new Map<string, Listener[]>();
  readonly configurationScopes: (StubUri | undefined)[] = [];

  fire(event: "configuration" | "folders" | "trust", ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (...a: unknown[]) => unknown)(...args);
    }
  }

  private on(event: string) {
    return (listener: Listener) => {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return { dispose: () => this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener)) };
    };
  }

  editor(): Editor<StubUri> {
    const folders = () => this.folders.map((uri) => ({ uri }));
    return {
      workspace: {
        get workspaceFolders() {
          return folders();
        },
        getConfiguration: (section: string, scope?: StubUri) => {
          this.configurationScopes.push(scope);
          return { get: <T>(key: string) => (this.settings.has(`${section}.${key}`) ? this.settings.get(`${section}.${key}`) : undefined) as T | undefined };
        },
        onDidChangeConfiguration: this.on("configuration"),
        onDidChangeWorkspaceFolders: this.on("folders"),
        onDidGrantWorkspaceTrust: this.on("trust"),
      },
      window: {
        showErrorMessage: (message: string, ...actions: string[]) => {
          this.errors.push({ message, actions });
          return Promise.resolve(this.answer);
        },
      },
      commands: {
        registerCommand: (command: string, callback: () => unknown) => {
          this.commands.set(command, callback);
          return { dispose: () => this.commands.delete(command) };
        },
        executeCommand: (...args: unknown[]) => {
          this.executed.push(args);
          return Promise.resolve(undefined);
        },
      },
      env: {
        openExternal: (target: StubUri) => {
          this.opened.push(target.toString());
          return Promise.resolve(true);
        },
      },
      Uri: {
        parse: (value: string) => new StubUri(value.split(":")[0], "", value),
        file: (file: string) => new StubUri("file", file),
      },
      RelativePattern: StubPattern,
    };
  }
}

export class StubOutput implements OutputChannel {
  readonly lines: string[] = [];
  shown = 0;
  appendLine(value: string): void {
    this.lines.push(value);
  }
  show(): void {
    this.shown += 1;
  }
}

/** A language client that records how it was made; start() fails when `failWith` is set. */
export class StubClient implements Client {
  started = 0;
  disposed = 0;
  constructor(readonly spec: ClientSpec, private readonly failWith?: Error) {}
  start(): Promise<void> {
    this.started += 1;
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve();
  }
  dispose(): Promise<void> {
    this.disposed += 1;
    return Promise.resolve();
  }
}
