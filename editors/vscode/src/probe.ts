// Whether a command starts lessonkit's language server, asked before the language client starts
// it: the client answers a failed start with a generic notification of its own, while lessonkit,
// when it cannot serve, says why on stderr in one line ("lessonkit server needs pygls ...",
// "No module named lessonkit"), which is what a person needs to read.

import { spawn } from "node:child_process";
import { Command, shown } from "./command";

/** ok: the command ran as a server (it ended cleanly when its input ended, or kept running);
 * otherwise detail says why not, in the command's own words where it gave any. */
export interface Probe {
  ok: boolean;
  detail: string;
}

const STDERR_KEPT = 4000; // characters: enough for a traceback's last lines

/** Run the command with its input at end of file, as a language server whose editor went away:
 * lessonkit's server then exits with 0. A command still running after timeoutMs is taken to
 * be serving (a launcher such as uvx may be installing lessonkit first) and is stopped. */
export function probe(command: Command, cwd: string, timeoutMs = 20_000): Promise<Probe> {
  return new Promise((resolve) => {
    let stderr = "";
    const child = spawn(command.program, command.args, { cwd, stdio: ["ignore", "ignore", "pipe"], windowsHide: true });
    const timer = setTimeout(() => {
      child.kill();
      resolve({ ok: true, detail: `${shown(command)} was still running after ${timeoutMs / 1000} s` });
    }, timeoutMs);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT);
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, detail: `${shown(command)} could not run: ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve({ ok: true, detail: `${shown(command)} ran` });
        return;
      }
      const ended = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      const said = lastLine(stderr);
      resolve({ ok: false, detail: `${shown(command)} ${ended}${said ? `: ${said}` : ""}` });
    });
  });
}

/** The last non-blank line, which is where lessonkit and Python say what went wrong. */
function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return lines.length ? lines[lines.length - 1] : "";
}
