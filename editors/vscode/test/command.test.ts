import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { Place, commandsToTry, findProgram, readSetting, shown } from "../src/command";
import { SERVES, makeProgram, tempFolder } from "./helpers";

const posixOnly = process.platform === "win32" ? "the programs here are shell scripts" : false;

function place(bins: string[], cwd = tempFolder(), home = tempFolder()): Place {
  return { cwd, env: { PATH: bins.join(path.delimiter) }, platform: process.platform, home };
}

describe("the command setting", () => {
  it("is the program, then its arguments", () => {
    assert.deepEqual(readSetting(["lessonkit", "server"]), { command: { program: "lessonkit", args: ["server"] } });
    assert.deepEqual(readSetting(["/opt/lk/bin/python", "-m", "lessonkit", "server"]),
      { command: { program: "/opt/lk/bin/python", args: ["-m", "lessonkit", "server"] } });
  });

  for (const value of ["lessonkit server", [], [""], ["lessonkit", 2], null, { program: "lessonkit" }]) {
    it(`says what is wrong with ${JSON.stringify(value)}, naming the setting and its value`, () => {
      const read = readSetting(value);
      assert.ok("problem" in read);
      assert.match(read.problem, /^lessonkit\.server\.command must be a list of strings/);
      assert.ok(read.problem.includes(JSON.stringify(value)), read.problem);
    });
  }
});

describe("finding the program", { skip: posixOnly }, () => {
  it("looks up a bare name on PATH, in order, and skips files that are not executable", () => {
    const first = tempFolder();
    const second = tempFolder();
    fs.writeFileSync(path.join(first, "lessonkit"), "not a program", { mode: 0o644 });
    const program = makeProgram(second, "lessonkit", SERVES);
    const third = makeProgram(tempFolder(), "lessonkit", SERVES);
    assert.equal(findProgram("lessonkit", place([first, second, path.dirname(third)])), program);
    assert.equal(findProgram("lessonkit", place([first])), undefined);
    assert.equal(findProgram("lessonkit", place([])), undefined);
  });

  it("does not take a folder for a program", () => {
    const bin = tempFolder();
    fs.mkdirSync(path.join(bin, "lessonkit"));
    assert.equal(findProgram("lessonkit", place([bin])), undefined);
  });

  it("reads ~/ as the home folder and a relative path from the lesson's folder, never from PATH", () => {
    const home = tempFolder();
    const lesson = tempFolder();
    const inHome = makeProgram(path.join(home, ".local", "bin"), "lessonkit", SERVES);
    const inLesson = makeProgram(path.join(lesson, ".venv", "bin"), "lessonkit", SERVES);
    const pathFolder = tempFolder();
    makeProgram(path.join(pathFolder, "bin"), "lessonkit", SERVES);
    const here = place([pathFolder], lesson, home);
    assert.equal(findProgram("~/.local/bin/lessonkit", here), inHome);
    assert.equal(findProgram(".venv/bin/lessonkit", here), inLesson);
    assert.equal(findProgram("./.venv/bin/lessonkit", here), inLesson);
    assert.equal(findProgram(inHome, here), inHome);
    assert.equal(findProgram("bin/lessonkit", here), undefined);
  });
});

describe("the commands to try", { skip: posixOnly }, () => {
  it("is the setting's command, its program found", () => {
    const program = makeProgram(tempFolder(), "lessonkit", SERVES);
    assert.deepEqual(commandsToTry({ program: "lessonkit", args: ["server"] }, place([path.dirname(program)])),
      { tries: [{ program, args: ["server"] }] });
  });

  it("runs lessonkit as a Python module when the lessonkit script is not on PATH", () => {
    const bin = tempFolder();
    const python3 = makeProgram(bin, "python3", SERVES);
    const python = makeProgram(tempFolder(), "python", SERVES);
    assert.deepEqual(commandsToTry({ program: "lessonkit", args: ["server", "--stdio"] }, place([bin, path.dirname(python)])), {
      tries: [
        { program: python3, args: ["-m", "lessonkit", "server", "--stdio"] },
        { program: python, args: ["-m", "lessonkit", "server", "--stdio"] },
      ],
      instead: "lessonkit is not on PATH",
    });
  });

  it("tries a Python once when PATH names its folder twice", () => {
    const bin = tempFolder();
    const python3 = makeProgram(bin, "python3", SERVES);
    assert.deepEqual(commandsToTry({ program: "lessonkit", args: ["server"] }, place([bin, bin])),
      { tries: [{ program: python3, args: ["-m", "lessonkit", "server"] }], instead: "lessonkit is not on PATH" });
  });

  it("says so when neither lessonkit nor a Python is on PATH", () => {
    assert.deepEqual(commandsToTry({ program: "lessonkit", args: ["server"] }, place([tempFolder()])),
      { problem: "lessonkit is not on PATH, and neither is python3 nor python" });
  });

  it("falls back to Python only for lessonkit itself: another program is the person's choice", () => {
    const bin = tempFolder();
    makeProgram(bin, "python3", SERVES);
    assert.deepEqual(commandsToTry({ program: "uvx", args: ["lessonkit", "server"] }, place([bin])),
      { problem: "uvx (lessonkit.server.command) is not an executable file on PATH" });
    assert.deepEqual(commandsToTry({ program: "/nowhere/lessonkit", args: ["server"] }, place([bin])),
      { problem: "/nowhere/lessonkit (lessonkit.server.command) is not an executable file" });
  });
});

describe("a command shown in a message", () => {
  it("reads as it would be typed", () => {
    assert.equal(shown({ program: "/usr/bin/python3", args: ["-m", "lessonkit", "server"] }), "/usr/bin/python3 -m lessonkit server");
    assert.equal(shown({ program: "/Program Files/lk", args: ["a b"] }), '"/Program Files/lk" "a b"');
  });
});
