// Which program starts lessonkit's language server: the setting, read and checked, then found on
// disk. No editor API here, so the tests run it as it is.

import * as fs from "node:fs";
import * as path from "node:path";

export const SETTING = "lessonkit.server.command";

/** A program and its arguments. */
export interface Command {
  program: string;
  args: string[];
}

/** What a program is looked up in: the lesson's folder (for relative paths), the environment
 * (PATH, and PATHEXT on Windows), the platform and the home folder (for `~/`). */
export interface Place {
  cwd: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
}

/** The setting's value as a command, or one sentence saying what is wrong with it. */
export function readSetting(value: unknown): { command: Command } | { problem: string } {
  const ok = Array.isArray(value) && value.length > 0 && value.every((part) => typeof part === "string")
    && value[0].trim() !== "";
  if (!ok) {
    return {
      problem: `${SETTING} must be a list of strings, the program first, then its arguments, such as `
        + `["lessonkit", "server"] (it is ${JSON.stringify(value)})`,
    };
  }
  const [program, ...args] = value as string[];
  return { command: { program, args } };
}

/** The executable file a program names: a path (`~/` is the home folder, relative to the
 * lesson's folder) or a bare name looked up on PATH; undefined when there is none. */
export function findProgram(program: string, place: Place): string | undefined {
  const paths = place.platform === "win32" ? path.win32 : path.posix;
  const expanded = /^~[\\/]/.test(program) ? paths.join(place.home, program.slice(2)) : program;
  const extensions = place.platform === "win32"
    ? ["", ...(place.env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter(Boolean)]
    : [""];
  const within = (folder: string) => extensions.map((extension) => paths.resolve(folder, expanded + extension))
    .find(isExecutableFile);
  if (!isBare(expanded)) {
    return within(place.cwd);
  }
  const search = place.env.PATH ?? place.env.Path ?? "";
  for (const folder of search.split(paths.delimiter)) {
    const found = folder ? within(folder) : undefined;
    if (found) {
      return found;
    }
  }
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The Pythons that may have lessonkit installed when the `lessonkit` script is not on PATH
 * (pip puts scripts where PATH often does not look, such as ~/.local/bin). */
function pythonNames(platform: NodeJS.Platform): string[] {
  return platform === "win32" ? ["python", "py"] : ["python3", "python"];
}

/** The commands to try in turn, each with its program found: the setting's, or when that is
 * `lessonkit` and not on PATH, `PYTHON -m lessonkit` with the same arguments (`instead` then
 * says why); or, when there is nothing to try, why. */
export function commandsToTry(command: Command, place: Place): { tries: Command[]; instead?: string } | { problem: string } {
  const found = findProgram(command.program, place);
  if (found) {
    return { tries: [{ program: found, args: command.args }] };
  }
  if (command.program !== "lessonkit") {
    return { problem: `${command.program} (${SETTING}) is not an executable file${isBare(command.program) ? " on PATH" : ""}` };
  }
  const tries = pythonNames(place.platform)
    .map((name) => findProgram(name, place))
    .filter((python): python is string => python !== undefined)
    .filter((python, index, all) => all.indexOf(python) === index)
    .map((python) => ({ program: python, args: ["-m", "lessonkit", ...command.args] }));
  if (tries.length === 0) {
    return { problem: `lessonkit is not on PATH, and neither is ${pythonNames(place.platform).join(" nor ")}` };
  }
  return { tries, instead: "lessonkit is not on PATH" };
}

function isBare(program: string): boolean {
  return !/[\\/]/.test(program);
}

/** A command as a person would type it (for messages). */
export function shown(command: Command): string {
  return [command.program, ...command.args].map((part) => (/^[\w@%+=:,./~-]+$/.test(part) ? part : JSON.stringify(part)))
    .join(" ");
}
