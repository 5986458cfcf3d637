"""The GitHub Action (action.yml): valid for GitHub's schema, inputs reach its scripts only through
the environment, and its scripts, run the way the runner runs them, lint a lesson with annotations
and the right exit code, write SARIF and check a schedule."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv

import pytest
import yaml

from conftest import ROOT, episode, extra, summary_line, write_lesson

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
PYTHON_PATH = "steps.python.outputs.python-path"

needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash (the action's steps are bash scripts)")

UNCLOSED_DIV = episode("::: challenge\n\n## Sum\n\nAdd them up.\n")  # LK101 error (and LK304) in episodes/intro.md
VAGUE_LINK = {"index.md": "A lesson, [here](https://example.org).\n\n::: prereq\n\n## Prerequisites\n\n- Python\n\n:::\n"}


def action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def step(name: str) -> dict:
    found = [s for s in action()["runs"]["steps"] if s.get("name") == name]
    assert len(found) == 1, name
    return found[0]


# --- the metadata ---------------------------------------------------------------------------------

def _check_jsonschema(path) -> subprocess.CompletedProcess:
    pytest.importorskip("check_jsonschema", reason=extra("check-jsonschema"))
    # The schema ships inside check-jsonschema: no network needed.
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions", str(path)],
                          capture_output=True, text=True)


def test_action_is_valid_for_github():
    done = _check_jsonschema(ACTION)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_notices_a_broken_action(tmp_path):
    """The validation above is real: a run step without `shell` (required in composite actions) fails it."""
    broken = action()
    for s in broken["runs"]["steps"]:
        if s.get("name") == "lessonkit lint":
            del s["shell"]
    path = tmp_path / "action.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert _check_jsonschema(path).returncode == 1


def test_inputs_used_are_declared_and_declared_are_used():
    meta = action()
    used = set(re.findall(r"\binputs\.([A-Za-z0-9_-]+)", json.dumps(meta["runs"])))
    assert used == set(meta["inputs"])


def test_inputs_and_their_defaults():
    inputs = action()["inputs"]
    assert {name: spec["default"] for name, spec in inputs.items()} == {
        "paths": ".", "args": "", "sarif": "false", "schedule-check": "", "python-version": "3.12"}
    assert all(spec["description"] and spec["required"] is False for spec in inputs.values())


def test_no_expression_inside_a_run_script():
    """Expressions in `run:` are pasted into the script before bash reads it (script injection);
    the inputs come in through `env:` instead."""
    for s in action()["runs"]["steps"]:
        assert "${{" not in s.get("run", ""), s.get("name")
        assert all(EXPRESSION.fullmatch(value) for value in s.get("env", {}).values()), s.get("name")


def test_lessonkit_runs_on_its_own_python_from_the_actions_checkout():
    setup, install = action()["runs"]["steps"][:2]
    assert setup["uses"].startswith("actions/setup-python@") and setup["id"] == "python"
    assert setup["with"] == {"python-version": "${{ inputs.python-version }}", "update-environment": False}
    assert '"$GITHUB_ACTION_PATH"' in install["run"]


def test_sarif_and_schedule_steps_run_only_when_asked_and_even_after_lint_failed():
    sarif, upload, schedule = step("lessonkit lint (SARIF)"), step("Upload SARIF"), step("lessonkit schedule --check")
    for s in (sarif, upload, schedule):
        assert "!cancelled()" in s["if"]
    assert "inputs.sarif == 'true'" in sarif["if"] and "inputs.sarif == 'true'" in upload["if"]
    assert sarif["continue-on-error"] is True and "--exit-zero" in sarif["run"]
    assert "steps.sarif.outcome == 'success'" in upload["if"]
    assert upload["continue-on-error"] is True  # never fails the job, as the sarif input promises (a fork's PR)
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "lessonkit.sarif" and "-o lessonkit.sarif" in sarif["run"]
    assert "inputs.schedule-check != ''" in schedule["if"]


# --- the steps' scripts, run as the runner runs them ----------------------------------------------

def _step_env(s: dict, inputs: dict, python: str) -> dict[str, str]:
    """The step's `env:`, its expressions evaluated the way GitHub would for these inputs."""
    defaults = {name: spec["default"] for name, spec in action()["inputs"].items()}

    def value(expression: str) -> str:
        if expression == PYTHON_PATH:
            return python
        name = expression.removeprefix("inputs.")
        assert name in defaults, f"the test cannot evaluate {expression!r}"
        return inputs.get(name, defaults[name])

    return {key: value(EXPRESSION.fullmatch(raw).group(1)) for key, raw in s.get("env", {}).items()}


def run_step(name: str, workspace, python: str = sys.executable, **inputs) -> subprocess.CompletedProcess:
    """Run a step's script in workspace with bash's options on GitHub (`shell: bash`)."""
    s = step(name)
    assert s["shell"] == "bash"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "LESSONKIT_")) and k != "NO_COLOR"}
    env.update(GITHUB_ACTIONS="true", GITHUB_ACTION_PATH=str(ROOT), **_step_env(s, inputs, python))
    script = workspace.parent / "step.sh"
    script.write_text(s["run"], encoding="utf-8")
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                          cwd=workspace, env=env, capture_output=True, text=True, timeout=300)


def annotations(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stdout.splitlines() if line.startswith("::")]


@needs_bash
def test_lint_of_a_clean_lesson_passes(tmp_path):
    done = run_step("lessonkit lint", write_lesson(tmp_path / "repo", {}))
    assert done.returncode == 0, done.stdout + done.stderr
    assert annotations(done) == []


@needs_bash
def test_lint_errors_come_out_as_annotations_and_fail_the_step(tmp_path):
    done = run_step("lessonkit lint", write_lesson(tmp_path / "repo", {"episodes/intro.md": UNCLOSED_DIV}))
    assert done.returncode == 1, done.stdout + done.stderr
    assert any(a.startswith("::error file=episodes/intro.md,line=7,") and "title=LK101 div-unclosed::" in a
               for a in annotations(done))
    assert "episodes/intro.md:7:1: LK101 div-unclosed" in done.stdout  # the text report follows
    assert summary_line(done.stdout).startswith("Found ")


@needs_bash
def test_warnings_annotate_but_fail_only_with_strict_in_args(tmp_path):
    workspace = write_lesson(tmp_path / "repo", VAGUE_LINK)
    done = run_step("lessonkit lint", workspace)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [a.split(",")[0] for a in annotations(done)] == ["::warning file=index.md"]
    assert run_step("lessonkit lint", workspace, args="--strict").returncode == 1
    assert run_step("lessonkit lint", workspace, args="--strict --ignore LK204").returncode == 0


@needs_bash
def test_paths_split_on_spaces_and_new_lines(tmp_path):
    workspace = tmp_path / "repo"
    write_lesson(workspace / "one", {"episodes/intro.md": UNCLOSED_DIV})
    write_lesson(workspace / "two", VAGUE_LINK)
    done = run_step("lessonkit lint", workspace, paths="one/episodes/intro.md\ntwo  ")
    assert done.returncode == 1, done.stdout + done.stderr
    files = {re.search(r"file=([^,]+)", a).group(1) for a in annotations(done)}
    assert files == {"one/episodes/intro.md", "two/index.md"}


@needs_bash
def test_inputs_are_data_never_code(tmp_path):
    """Command substitutions, separators and wildcards in the inputs reach lessonkit as words."""
    workspace = write_lesson(tmp_path / "repo", {})
    done = run_step("lessonkit lint", workspace, paths="$(touch pwned) `touch pwned` ; touch pwned *")
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.rglob("pwned"))
    done = run_step("lessonkit schedule --check", workspace, **{"schedule-check": "x\"; touch pwned; \""})
    assert done.returncode == 2 and not list(tmp_path.rglob("pwned"))


@needs_bash
def test_sarif_step_writes_the_findings_and_never_fails(tmp_path):
    workspace = write_lesson(tmp_path / "repo", {"episodes/intro.md": UNCLOSED_DIV})
    done = run_step("lessonkit lint (SARIF)", workspace, sarif="true", args="--format json")
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((workspace / "lessonkit.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert "LK101" in {r["ruleId"] for r in results}


@needs_bash
@pytest.mark.parametrize("where", ["", "lesson/"])
def test_schedule_check_passes_when_current_and_fails_with_a_diff_when_not(tmp_path, where):
    """The lesson is the one the schedule file lies in, at the repository root or in a subfolder."""
    workspace = tmp_path / "repo"
    lesson = write_lesson(workspace / where, {})
    schedule = f"{where}instructors/schedule.md"
    (lesson / "instructors").mkdir()
    written = subprocess.run([sys.executable, "-m", "lessonkit", "schedule", "-o", schedule, str(lesson)],
                             cwd=workspace, capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    done = run_step("lessonkit schedule --check", workspace, **{"schedule-check": schedule})
    assert done.returncode == 0, done.stdout + done.stderr
    intro = lesson / "episodes" / "intro.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace("teaching: 10", "teaching: 40"), encoding="utf-8")
    done = run_step("lessonkit schedule --check", workspace, **{"schedule-check": schedule})
    assert done.returncode == 1
    assert f"--- {schedule}\n+++ generated\n" in done.stdout and "is out of date" in done.stderr


@needs_bash
@pytest.mark.slow
def test_install_step_installs_lessonkit_from_the_actions_checkout(tmp_path):
    """End to end: the install step builds lessonkit from this checkout into a fresh Python, and the
    lint step runs that Python's lessonkit."""
    env_dir = tmp_path / "python"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = str(env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    workspace = write_lesson(tmp_path / "repo", {"episodes/intro.md": UNCLOSED_DIV})
    done = run_step("Install lessonkit", workspace, python=python)
    assert done.returncode == 0, done.stdout + done.stderr
    located = subprocess.run([python, "-I", "-c", "import lessonkit; print(lessonkit.__file__)"],
                             capture_output=True, text=True)
    assert str(env_dir) in located.stdout  # a copy of its own, not this checkout
    done = run_step("lessonkit lint", workspace, python=python)
    assert done.returncode == 1 and any(a.startswith("::error file=episodes/intro.md,") for a in annotations(done))

