import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeEach, describe, it } from "node:test";
import { ACTIONS, Controller, Disposable, INSTALL_DOCS, Outcome } from "../src/controller";
import { SERVES, StubClient, StubEditor, StubOutput, StubPattern, StubUri, makeLesson, makeProgram, tempFolder } from "./helpers";

// The programs are shell scripts on a PATH of the test's own; the probe runs them for real.
const skip = process.platform === "win32" ? "the programs here are shell scripts" : false;

describe("starting the server", { skip }, () => {
  let stub: StubEditor;
  let output: StubOutput;
  let clients: StubClient[];
  let bin: string;
  let failStart: Error | undefined;
  let subscriptions: Disposable[];

  function controller(): Controller<StubUri> {
    return new Controller(stub.editor(), output, (spec) => {
      const client = new StubClient(spec, failStart);
      clients.push(client);
      return client;
    }, { place: (cwd) => ({ cwd, env: { PATH: bin }, platform: process.platform, home: tempFolder() }) });
  }

  function activate(): Promise<Outcome> {
    return controller().activate(subscriptions);
  }

  /** The workspace's folders, each a folder on disk. */
  function open(...folders: string[]): void {
    stub.folders = folders.map((folder) => new StubUri("file", folder));
  }

  beforeEach(() => {
    stub = new StubEditor();
    output = new StubOutput();
    clients = [];
    bin = tempFolder();
    failStart = undefined;
    subscriptions = [];
  });

  it("starts `lessonkit server` for a workspace that is a lesson, for its Markdown, R Markdown and config.yaml", async () => {
    const lesson = makeLesson(tempFolder());
    const program = makeProgram(bin, "lessonkit", SERVES);
    open(lesson);
    const outcome = await activate();
    assert.equal(outcome.started, true, outcome.why);
    assert.equal(clients.length, 1);
    const [client] = clients;
    assert.equal(client.started, 1);
    assert.deepEqual(client.spec.command, { program, args: ["server"] });
    assert.equal(client.spec.cwd, lesson);
    assert.deepEqual(client.spec.documentSelector, [
      { scheme: "file", language: "markdown", pattern: new StubPattern(new StubUri("file", lesson), "**/*") },
      { scheme: "file", language: "rmd", pattern: new StubPattern(new StubUri("file", lesson), "**/*") },
      { scheme: "file", pattern: new StubPattern(new StubUri("file", lesson), "config.yaml") },
    ]);
    assert.deepEqual(stub.errors, []);
    assert.deepEqual(stub.configurationScopes, [new StubUri("file", lesson)]); // the lesson folder's own settings count
  });

  it("leaves a workspace alone that is not a lesson: config.yaml without episodes/ is many another tool's", async () => {
    const hugo = tempFolder();
    fs.writeFileSync(path.join(hugo, "config.yaml"), "baseURL: https://example.org/\n");
    makeProgram(bin, "lessonkit", SERVES);
    open(hugo, tempFolder());
    const outcome = await activate();
    assert.equal(outcome.started, false);
    assert.match(outcome.why, /No folder of this workspace is a Workbench lesson \(a folder with config.yaml and episodes\/\)/);
    assert.deepEqual(clients, []);
    assert.deepEqual(stub.errors, []); // nothing to tell: the extension is not for this workspace
    assert.deepEqual(output.lines, [outcome.why]);
  });

  it("finds the lessons of a workspace that is a folder of lessons, and of every workspace folder", async () => {
    const parent = tempFolder();
    const first = makeLesson(path.join(parent, "a-lesson"));
    const second = makeLesson(path.join(parent, "b-lesson"));
    makeLesson(path.join(parent, ".hidden"));
    fs.mkdirSync(path.join(parent, "notes"));
    const third = makeLesson(tempFolder());
    makeProgram(bin, "lessonkit", SERVES);
    open(parent, third);
    const outcome = await activate();
    assert.equal(outcome.started, true, outcome.why);
    const bases = clients[0].spec.documentSelector.map((filter) => (filter.pattern as StubPattern).base.fsPath);
    assert.deepEqual([...new Set(bases)], [first, second, third]);
    assert.equal(clients[0].spec.cwd, first);
  });

  it("ignores workspace folders that are not on disk (virtual workspaces)", async () => {
    makeProgram(bin, "lessonkit", SERVES);
    stub.folders = [new StubUri("vscode-vfs", makeLesson(tempFolder()))];
    const outcome = await activate();
    assert.equal(outcome.started, false);
    assert.deepEqual(clients, []);
  });

  it("says lessonkit is not installed, with a way to install it, when neither lessonkit nor a Python is on PATH", async () => {
    open(makeLesson(tempFolder()));
    const outcome = await activate();
    assert.equal(outcome.started, false);
    assert.deepEqual(clients, []);
    assert.deepEqual(stub.errors, [{
      message: "lessonkit could not start its language server: lessonkit is not on PATH, and neither is python3 nor python. "
        + "Install it with: pipx install 'lessonkit[server]', or set lessonkit.server.command.",
      actions: [ACTIONS.install, ACTIONS.settings, ACTIONS.output],
    }]);
  });

  for (const [action, check] of [
    [ACTIONS.install, (s: StubEditor) => assert.deepEqual(s.opened, [INSTALL_DOCS])],
    [ACTIONS.settings, (s: StubEditor) => assert.deepEqual(s.executed, [["workbench.action.openSettings", "lessonkit.server.command"]])],
    [ACTIONS.output, () => assert.equal(output.shown, 1)],
  ] as const) {
    it(`does what the error's action "${action}" says`, async () => {
      open(makeLesson(tempFolder()));
      stub.answer = action;
      const outcome = await activate();
      await outcome.answered;
      check(stub);
    });
  }

  it("does nothing more when the error is dismissed", async () => {
    open(makeLesson(tempFolder()));
    const outcome = await activate();
    await outcome.answered;
    assert.deepEqual([stub.opened, stub.executed, output.shown], [[], [], 0]);
  });

  it("passes on the server's own reason when it cannot serve (the server extra is missing)", async () => {
    open(makeLesson(tempFolder()));
    const program = makeProgram(bin, "lessonkit",
      "echo \"lessonkit: error: lessonkit server needs pygls and lsprotocol (pygls is missing): pip install 'lessonkit[server]'\" >&2\nexit 2");
    const outcome = await activate();
    assert.equal(outcome.started, false);
    assert.deepEqual(clients, []);
    assert.equal(stub.errors.length, 1);
    assert.equal(stub.errors[0].message, `lessonkit could not start its language server: ${program} server exited with code 2: `
      + "lessonkit: error: lessonkit server needs pygls and lsprotocol (pygls is missing): pip install 'lessonkit[server]'.");
  });

  it("runs `python3 -m lessonkit server` when the lessonkit script is not on PATH", async () => {
    open(makeLesson(tempFolder()));
    const python3 = makeProgram(bin, "python3", `[ "$1 $2" = "-m lessonkit" ] || exit 9\n${SERVES}`);
    const outcome = await activate();
    assert.equal(outcome.started, true, outcome.why);
    assert.deepEqual(clients[0].spec.command, { program: python3, args: ["-m", "lessonkit", "server"] });
  });

  it("tries python after python3, and says why each failed", async () => {
    open(makeLesson(tempFolder()));
    const python3 = makeProgram(bin, "python3", "echo \"$0: No module named lessonkit\" >&2\nexit 1");
    const python = makeProgram(bin, "python", "echo 'lessonkit needs Python 3.10 or newer' >&2\nexit 1");
    const outcome = await activate();
    assert.equal(outcome.started, false);
    assert.equal(stub.errors[0].message, `lessonkit could not start its language server: lessonkit is not on PATH; ${python3} `
      + `has no lessonkit module; ${python} -m lessonkit server exited with code 1: lessonkit needs Python 3.10 or newer. `
      + "Install it with: pipx install 'lessonkit[server]', or set lessonkit.server.command.");
  });

  it("names the Pythons without lessonkit together", async () => {
    open(makeLesson(tempFolder()));
    const python3 = makeProgram(bin, "python3", "echo \"$0: No module named lessonkit\" >&2\nexit 1");
    const python = makeProgram(bin, "python", "echo \"$0: No module named lessonkit\" >&2\nexit 1");
    const outcome = await activate();
    assert.equal(outcome.started, false);
    assert.equal(stub.errors[0].message, `lessonkit could not start its language server: lessonkit is not on PATH; ${python3} `
      + `and ${python} have no lessonkit module. Install it with: pipx install 'lessonkit[server]', or set lessonkit.server.command.`);
    assert.ok(output.lines.includes(`${python3} -m lessonkit server exited with code 1: ${python3}: No module named lessonkit`),
      "the output keeps each command's own words");
  });

  const python = process.env.LESSONKIT_PYTHON;
  it("says so when the Python on PATH has no lessonkit (a real Python)", { skip: python ? false : "LESSONKIT_PYTHON is not set" }, async () => {
    open(makeLesson(tempFolder()));
    makeProgram(bin, "python3", `exec "${python}" -S "$@"`); // -S: without site-packages, where lessonkit is
    const outcome = await activate();
    assert.equal(outcome.started, false);
    assert.match(stub.errors[0].message, /^lessonkit could not start its language server: lessonkit is not on PATH; \S+\/python3 has no lessonkit module\. Install it with: pipx install 'lessonkit\[server\]', or set lessonkit\.server\.command\.$/);
  });

  it("takes the command from the setting", async () => {
    const lesson = makeLesson(tempFolder());
    const program = makeProgram(path.join(lesson, ".venv", "bin"), "python", SERVES);
    open(lesson);
    stub.settings.set("lessonkit.server.command", [".venv/bin/python", "-m", "lessonkit", "server"]);
    const outcome = await activate();
    assert.equal(outcome.started, true, outcome.why);
    assert.deepEqual(clients[0].spec.command, { program, args: ["-m", "lessonkit", "server"] });
  });

  it("says what is wrong with a setting that is not a list, and offers the settings", async () => {
    open(makeLesson(tempFolder()));
    makeProgram(bin, "lessonkit", SERVES);
    stub.settings.set("lessonkit.server.command", "lessonkit server");
    const outcome = await activate();
    assert.equal(outcome.started, false);
    assert.deepEqual(stub.errors, [{
      message: 'lessonkit.server.command must be a list of strings, the program first, then its arguments, such as ["lessonkit", "server"] (it is "lessonkit server")',
      actions: [ACTIONS.settings, ACTIONS.output],
    }]);
  });

  it("names the setting when its program is not there", async () => {
    open(makeLesson(tempFolder()));
    stub.settings.set("lessonkit.server.command", ["uvx", "--from", "lessonkit[server]", "lessonkit", "server"]);
    const outcome = await activate();
    assert.equal(outcome.started, false);
    assert.equal(stub.errors[0].message, "lessonkit could not start its language server: uvx (lessonkit.server.command) is "
      + "not an executable file on PATH. Install it with: pipx install 'lessonkit[server]', or set lessonkit.server.command.");
  });

  it("says so, and lets the client go, when the language client fails to start", async () => {
    open(makeLesson(tempFolder()));
    const program = makeProgram(bin, "lessonkit", SERVES);
    failStart = new Error("Connection to server got closed.");
    const outcome = await activate();
    assert.equal(outcome.started, false);
    assert.equal(clients[0].disposed, 1);
    assert.equal(stub.errors[0].message,
      `lessonkit's language server stopped while starting (${program} server): Connection to server got closed.`);
  });

  it("starts again with the new command when the setting changes, and not for other settings", async () => {
    open(makeLesson(tempFolder()));
    makeProgram(bin, "lessonkit", SERVES);
    const other = makeProgram(tempFolder(), "lessonkit-dev", SERVES);
    const the = controller();
    await the.activate(subscriptions);
    stub.fire("configuration", { affectsConfiguration: (section: string) => section === "editor.fontSize" });
    // the language client follows lessonkit.trace.server by itself
    stub.fire("configuration", { affectsConfiguration: (section: string) => "lessonkit.trace.server".startsWith(section) });
    stub.settings.set("lessonkit.server.command", [other, "server"]);
    stub.fire("configuration", { affectsConfiguration: (section: string) => "lessonkit.server.command".startsWith(section) });
    await the.stop(); // waits for what the events started
    assert.equal(clients.length, 2);
    assert.deepEqual(clients.map((client) => [client.spec.command.program, client.started, client.disposed]),
      [[path.join(bin, "lessonkit"), 1, 1], [other, 1, 1]]);
  });

  it("leaves a running server alone when a change leaves its lessons and setting as they were", async () => {
    const lesson = makeLesson(tempFolder());
    open(lesson);
    makeProgram(bin, "lessonkit", SERVES);
    const the = controller();
    await the.activate(subscriptions);
    open(lesson, tempFolder()); // a folder that is no lesson
    stub.fire("folders");
    stub.fire("trust");
    assert.equal((await the.restart(false)).why, "already running for these lessons");
    assert.deepEqual(clients.map((client) => [client.started, client.disposed]), [[1, 0]]);
  });

  it("starts again for the lessons there are when the workspace's folders change", async () => {
    makeProgram(bin, "lessonkit", SERVES);
    open(tempFolder());
    const the = controller();
    assert.equal((await the.activate(subscriptions)).started, false);
    const lesson = makeLesson(tempFolder());
    open(lesson);
    stub.fire("folders");
    await the.stop();
    assert.deepEqual(clients.map((client) => [client.spec.cwd, client.started, client.disposed]), [[lesson, 1, 1]]);
  });

  it("restarts on its command even when nothing changed, and stops the server when the extension stops", async () => {
    open(makeLesson(tempFolder()));
    makeProgram(bin, "lessonkit", SERVES);
    await activate();
    assert.deepEqual([...stub.commands.keys()].sort(), ["lessonkit.restartServer", "lessonkit.showOutput"]);
    const restarted = (await stub.commands.get("lessonkit.restartServer")!()) as Outcome;
    assert.equal(restarted.started, true);
    assert.deepEqual(clients.map((client) => [client.started, client.disposed]), [[1, 1], [1, 0]]);
    await Promise.all(subscriptions.map((subscription) => subscription.dispose()));
    assert.deepEqual(clients.map((client) => [client.started, client.disposed]), [[1, 1], [1, 1]]);
    assert.deepEqual([...stub.commands.keys()], []);
    assert.deepEqual([...stub.listeners.values()].flat(), []);
  });

  it("shows its output on its command", async () => {
    open(tempFolder());
    await activate();
    stub.commands.get("lessonkit.showOutput")!();
    assert.equal(output.shown, 1);
  });
});
