// Bundles the extension and vscode-languageclient into one file, so the .vsix carries no node_modules.
// VS Code 1.82 (the oldest the manifest accepts) runs extensions on Node 18.
import { build } from "esbuild";

await build({
  entryPoints: ["src/extension.ts"],
  outfile: "dist/extension.js",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  external: ["vscode"],
  minify: true,
  logLevel: "warning",
});
