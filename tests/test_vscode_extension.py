"""The VS Code and Positron extension (editors/vscode): its manifest says what the extension
does and installs in any editor of the VS Code family (Open VSX included), and, end to end with
npm, it compiles, its tests pass (the activation logic against a stub of the editor's API, with
the real lessonkit as the server), and `vsce package` makes a small .vsix whose bundle runs
without node_modules. The end-to-end tests skip without npm or without the npm registry."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from lessonkit.layout import PAGE_SUFFIXES

EXTENSION = ROOT / "editors" / "vscode"
MANIFEST = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
LOCK = json.loads((EXTENSION / "package-lock.json").read_text(encoding="utf-8"))
SOURCES = {path.name: path.read_text(encoding="utf-8") for path in (EXTENSION / "src").glob("*.ts")}
README = (EXTENSION / "README.md").read_text(encoding="utf-8")
SHIPPED = {"extension/package.json", "extension/readme.md", "extension/changelog.md", "extension/LICENSE.txt",
           "extension/dist/extension.js", "extension.vsixmanifest", "[Content_Types].xml"}


def settings() -> dict[str, dict]:
    return MANIFEST["contributes"]["configuration"]["properties"]


def caret_minimum(requirement: str) -> tuple[int, ...]:
    assert re.fullmatch(r"\^\d+\.\d+\.\d+", requirement), requirement
    return tuple(int(part) for part in requirement[1:].split("."))


# --- the manifest -------------------------------------------------------------------------------

def test_the_extension_is_the_projects_under_its_licence():
    assert MANIFEST["name"] == "lessonkit" and MANIFEST["publisher"] == "lessonkit"  # Open VSX namespace too
    assert re.fullmatch(r"\d+\.\d+\.\d+", MANIFEST["version"])
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^license = "MIT"$', pyproject, re.MULTILINE) and MANIFEST["license"] == "MIT"
    assert (EXTENSION / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert MANIFEST["repository"]["url"] == "https://github.com/lessonkit/lessonkit.git"
    assert "https://github.com/lessonkit/lessonkit" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[?{re.escape(MANIFEST['version'])}\]?", (EXTENSION / "CHANGELOG.md").read_text(encoding="utf-8"), re.MULTILINE)


def test_the_engine_admits_editors_from_vs_code_1_82_and_the_client_library_does_too():
    engine = caret_minimum(MANIFEST["engines"]["vscode"])
    assert engine == (1, 82, 0)
    # vsce refuses API types newer than the engine: the code may use only what 1.82 has
    assert tuple(int(p) for p in MANIFEST["devDependencies"]["@types/vscode"].split(".")) <= engine
    client = LOCK["packages"]["node_modules/vscode-languageclient"]
    assert client["version"] == MANIFEST["devDependencies"]["vscode-languageclient"]
    assert caret_minimum(client["engines"]["vscode"]) <= engine


def test_nothing_only_microsoft_builds_have():
    for key in ("enabledApiProposals", "extensionDependencies", "extensionPack", "dependencies"):
        assert key not in MANIFEST, key  # proposed API, other extensions, or packages outside the bundle
    packages = {name.removeprefix("node_modules/") for name in LOCK["packages"] if name}
    assert not {"@vscode/extension-telemetry", "applicationinsights"} & packages
    imported = {module for text in SOURCES.values() for module in re.findall(r'from "([^"]+)"', text)}
    allowed = {"vscode", "vscode-languageclient/node"}
    assert {m for m in imported if not (m in allowed or m.startswith(("node:", "./")))} == set()
    # the editor's API reaches the logic only through extension.ts
    assert [name for name, text in SOURCES.items() if re.search(r'from "vscode"', text)] == ["extension.ts"]


def test_it_activates_in_a_workspace_with_a_lesson_and_nowhere_else():
    assert MANIFEST["activationEvents"] == ["workspaceContains:config.yaml", "workspaceContains:*/config.yaml"]
    assert MANIFEST["main"] == "./dist/extension.js"
    assert MANIFEST["capabilities"]["virtualWorkspaces"]["supported"] is False  # the server reads files on disk


def test_its_documents_are_the_pages_lessonkit_reads():
    contributed = {language["id"]: language for language in MANIFEST["contributes"]["languages"]}
    assert set(contributed) == {"rmd"}
    suffixes = {".md"} | {extension for language in contributed.values() for extension in language["extensions"]}
    assert suffixes == set(PAGE_SUFFIXES)  # .md is the editor's own markdown
    selected = set(re.findall(r'language: "([^"]+)"', SOURCES["controller.ts"]))
    assert selected == {"markdown"} | set(contributed)
    assert re.search(r'scheme: "file" as const, pattern: new RelativePattern\(base, "config.yaml"\)', SOURCES["controller.ts"])


def test_the_command_setting():
    command = settings()["lessonkit.server.command"]
    assert command["type"] == "array" and command["items"] == {"type": "string"} and command["minItems"] == 1
    assert command["default"] == ["lessonkit", "server"]
    assert command["scope"] == "machine-overridable"  # a path on this machine; a remote has its own
    # an untrusted folder's settings must not choose a program to run
    trust = MANIFEST["capabilities"]["untrustedWorkspaces"]
    assert trust["supported"] == "limited" and trust["restrictedConfigurations"] == ["lessonkit.server.command"]
    assert settings()["lessonkit.trace.server"]["enum"] == ["off", "messages", "verbose"]


def test_settings_and_commands_are_documented_and_registered():
    assert set(re.findall(r"`(lessonkit\.[a-zA-Z.]+)`", README)) == set(settings())
    commands = {command["command"] for command in MANIFEST["contributes"]["commands"]}
    registered = set(re.findall(r'registerCommand\("([^"]+)"', SOURCES["controller.ts"]))
    assert registered == commands
    for command in MANIFEST["contributes"]["commands"]:  # as the command palette shows them
        assert f'**{command["category"]}: {command["title"]}**' in README


def test_the_error_notification_links_to_the_install_section():
    url = re.search(r'INSTALL_DOCS = "([^"]+)"', SOURCES["controller.ts"]).group(1)
    assert url == "https://github.com/lessonkit/lessonkit/blob/main/editors/vscode/README.md#install-lessonkit"
    assert re.search(r"^## Install lessonkit$", README, re.MULTILINE)
    assert "pipx install 'lessonkit[server]'" in SOURCES["controller.ts"] and "pipx install 'lessonkit[server]'" in README


def test_dev_dependencies_are_pinned_and_locked():
    pins = MANIFEST["devDependencies"]
    assert {name for name in pins} >= {"@vscode/vsce", "esbuild", "typescript", "vscode-languageclient", "@types/vscode"}
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in pins.values()), pins
    assert LOCK["lockfileVersion"] == 3 and LOCK["packages"][""]["devDependencies"] == pins
    for name, version in pins.items():
        assert LOCK["packages"][f"node_modules/{name}"]["version"] == version


def test_build_outputs_stay_out_of_git_and_out_of_the_vsix():
    ignored = (EXTENSION / ".gitignore").read_text(encoding="utf-8").split()
    assert ignored == ["node_modules/", "out/", "dist/", "*.vsix"]
    if shutil.which("git") and (ROOT / ".git").exists():
        tracked = subprocess.run(["git", "ls-files", "editors/vscode"], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout.split()
        assert tracked and not [p for p in tracked if re.search(r"/(node_modules|out|dist)/|\.vsix$", p)]
    patterns = [line for line in (EXTENSION / ".vscodeignore").read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")]
    assert patterns[0] == "**"  # everything out, then only these back in
    assert set(patterns[1:]) == {"!dist/extension.js", "!package.json", "!README.md", "!CHANGELOG.md", "!LICENSE"}


# --- end to end, with npm -----------------------------------------------------------------------

NETWORK_ERRORS = re.compile(r"ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network", re.IGNORECASE)


def npm(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "npm_config_update_notifier": "false", "npm_config_fund": "false",
                   "npm_config_audit": "false", **env}
    return subprocess.run([shutil.which("npm"), *args], check=False, cwd=cwd, capture_output=True, text=True, timeout=900,
                          env=environment)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A copy of editors/vscode with its locked dependencies installed (install scripts off:
    nothing a package brings runs)."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("npm and node are not installed: the extension's build and tests need them")
    copy = tmp_path_factory.mktemp("vscode") / "vscode"
    shutil.copytree(EXTENSION, copy, ignore=shutil.ignore_patterns("node_modules", "out", "dist", "*.vsix"))
    done = npm(["ci", "--ignore-scripts"], copy)
    if done.returncode != 0 and NETWORK_ERRORS.search(done.stdout + done.stderr):
        pytest.skip("the npm registry cannot be reached: " + (done.stderr.strip().splitlines() or ["?"])[-1])
    assert done.returncode == 0, done.stdout + done.stderr
    return copy


@pytest.mark.slow
def test_it_compiles_and_its_node_tests_pass(built):
    done = npm(["test"], built, LESSONKIT_PYTHON=sys.executable)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    counts = dict(re.findall(r"^# (pass|fail|skipped|cancelled) (\d+)$", output, re.MULTILINE))
    assert int(counts["pass"]) >= 40 and counts["fail"] == "0" and counts["cancelled"] == "0", counts
    if os.name != "nt":  # the shell-script programs of the tests run, and so does the real lessonkit
        assert counts["skipped"] == "0", output


@pytest.fixture(scope="module")
def vsix(built) -> Path:
    done = npm(["run", "package"], built)
    assert done.returncode == 0, done.stdout + done.stderr
    [package] = built.glob("*.vsix")
    assert package.name == f"lessonkit-{MANIFEST['version']}.vsix"
    return package


@pytest.mark.slow
def test_the_vsix_holds_the_bundle_and_its_documents_only(vsix):
    archive = zipfile.ZipFile(vsix)
    assert set(archive.namelist()) == SHIPPED
    assert vsix.stat().st_size < 200_000
    shipped = json.loads(archive.read("extension/package.json"))
    assert shipped["contributes"] == MANIFEST["contributes"] and shipped["engines"] == MANIFEST["engines"]
    manifest = archive.read("extension.vsixmanifest").decode("utf-8")
    assert '<Identity Language="en-US" Id="lessonkit" Version="0.1.0" Publisher="lessonkit"' in manifest
    assert '<Property Id="Microsoft.VisualStudio.Code.Engine" Value="^1.82.0" />' in manifest
    assert archive.read("extension/LICENSE.txt") == (EXTENSION / "LICENSE").read_bytes()


LOAD_WITH_A_STUB_EDITOR = r"""
const Module = require("module");
const stub = (name) => new Proxy(function () {}, {
  get: (_, key) => (key === Symbol.toPrimitive ? () => name : stub(`${name}.${String(key)}`)),
  construct: () => stub(`new ${name}`),
  apply: () => stub(`${name}()`),
});
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: stub("vscode") };
const extension = require(process.argv[1]);
console.log(JSON.stringify({ activate: typeof extension.activate, deactivate: typeof extension.deactivate,
  builtins: require("module").builtinModules }));
"""


@pytest.mark.slow
def test_the_bundle_loads_with_nothing_beside_it(vsix, tmp_path):
    zipfile.ZipFile(vsix).extractall(tmp_path)
    bundle = tmp_path / "extension" / "dist" / "extension.js"
    done = subprocess.run(["node", "-e", LOAD_WITH_A_STUB_EDITOR, str(bundle)], check=False, cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout)
    assert (loaded["activate"], loaded["deactivate"]) == ("function", "function")
    required = set(re.findall(r'require\("([^"]+)"\)', bundle.read_text(encoding="utf-8")))
    assert "vscode" in required and "child_process" in required
    assert {m for m in required if m != "vscode" and m.removeprefix("node:") not in loaded["builtins"]} == set()
