import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { probe } from "../src/probe";
import { tempFolder } from "./helpers";

const node = process.execPath;

function nodeRunning(script: string) {
  return { program: node, args: ["-e", script] };
}

describe("probing a server command", () => {
  it("is ok when the command ends cleanly once its input ends", async () => {
    const result = await probe(nodeRunning("process.stdin.resume(); process.stdin.on('end', () => process.exit(0))"), tempFolder());
    assert.equal(result.ok, true, result.detail);
  });

  it("keeps the last line the command wrote to stderr when it fails", async () => {
    const result = await probe(nodeRunning("console.error('Traceback: ...'); console.error('lessonkit: error: it broke\\n'); process.exit(2)"),
      tempFolder());
    assert.deepEqual(result, { ok: false, detail: `${node} -e ${JSON.stringify(
      "console.error('Traceback: ...'); console.error('lessonkit: error: it broke\\n'); process.exit(2)")} exited with code 2: lessonkit: error: it broke` });
  });

  it("says how it ended when the command wrote nothing", async () => {
    const result = await probe(nodeRunning("process.exit(3)"), tempFolder());
    assert.equal(result.ok, false);
    assert.match(result.detail, / exited with code 3$/);
  });

  it("says why a program could not run at all", async () => {
    const result = await probe({ program: "/nowhere/lessonkit", args: ["server"] }, tempFolder());
    assert.equal(result.ok, false);
    assert.match(result.detail, /^\/nowhere\/lessonkit server could not run: spawn \/nowhere\/lessonkit ENOENT$/);
  });

  it("runs the command in the lesson's folder", async () => {
    const folder = tempFolder();
    const result = await probe(nodeRunning(`process.exit(process.cwd() === ${JSON.stringify(folder)} ? 0 : 4)`), folder);
    assert.equal(result.ok, true, result.detail);
  });

  it("takes a command still running at the timeout to be serving, and stops it", async () => {
    const started = Date.now();
    const result = await probe(nodeRunning("setInterval(() => {}, 1000)"), tempFolder(), 300);
    assert.equal(result.ok, true);
    assert.match(result.detail, /was still running after 0.3 s$/);
    assert.ok(Date.now() - started < 10_000);
  });
});

// The real lessonkit, when the tests are told which Python has it (tests/test_vscode_extension.py
// does): what the probe relies on is lessonkit's behaviour, not a script's.
const python = process.env.LESSONKIT_PYTHON;
describe("probing lessonkit itself", { skip: python ? false : "LESSONKIT_PYTHON (a Python with lessonkit[server]) is not set" }, () => {
  it("finds `python -m lessonkit server` serving: it exits with 0 when its input ends", async () => {
    const result = await probe({ program: python!, args: ["-m", "lessonkit", "server"] }, tempFolder());
    assert.deepEqual(result, { ok: true, detail: `${python} -m lessonkit server ran` });
  });

  it("passes on lessonkit's own one-line reason when the server extra is missing", async () => {
    const code = "import sys; sys.modules['pygls'] = None; from lessonkit.cli import main; main(['server'])";
    const result = await probe({ program: python!, args: ["-c", code] }, tempFolder());
    assert.equal(result.ok, false);
    assert.match(result.detail, / exited with code 2: lessonkit: error: lessonkit server needs pygls and lsprotocol \(pygls is missing\): pip install 'lessonkit\[server\]'$/);
  });

  it("passes on Python's reason when lessonkit is not installed", async () => {
    // -S: without site-packages, where lessonkit is installed
    const result = await probe({ program: python!, args: ["-S", "-m", "lessonkit", "server"] }, tempFolder());
    assert.equal(result.ok, false);
    assert.match(result.detail, /exited with code 1: .*No module named lessonkit$/);
  });
});
