// Which folders of the workspace are Workbench lessons. No editor API here either.

import * as fs from "node:fs/promises";
import * as path from "node:path";

/** A lesson: a folder holding config.yaml and episodes/ (what sandpaper builds; config.yaml
 * alone is also a Hugo site's, or many another tool's). */
export async function isLesson(folder: string): Promise<boolean> {
  const [config, episodes] = await Promise.all([kind(path.join(folder, "config.yaml")), kind(path.join(folder, "episodes"))]);
  return config === "file" && episodes === "folder";
}

/** The lessons among the given folders (on disk) and, for a folder that is none, among its
 * subfolders: a workspace may be a folder of lesson repositories. */
export async function findLessons(folders: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const folder of folders) {
    if (await isLesson(folder)) {
      found.push(folder);
      continue;
    }
    const children = await subfolders(folder);
    const lessons = await Promise.all(children.map(async (child) => ((await isLesson(child)) ? child : undefined)));
    found.push(...lessons.filter((child): child is string => child !== undefined));
  }
  return found;
}

async function subfolders(folder: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(folder, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
      .map((entry) => path.join(folder, entry.name))
      .sort();
  } catch {
    return []; // unreadable: no lesson the extension can see
  }
}

async function kind(file: string): Promise<"file" | "folder" | undefined> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? "file" : stat.isDirectory() ? "folder" : undefined;
  } catch {
    return undefined;
  }
}
