"""The pre-commit hooks (.pre-commit-hooks.yaml): the manifest is valid, its file patterns pick the
lesson's pages, and, end to end, `pre-commit try-repo` installs lessonkit and fails on a defect,
or fixes it and fails, then passes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import BASIC_EPISODE, ROOT, extra, write_lesson

MANIFEST = ROOT / ".pre-commit-hooks.yaml"

pre_commit = pytest.importorskip("pre_commit", reason=extra("pre-commit"))


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))}


def test_manifest_is_valid_for_pre_commit():
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_manifest_declares_the_hooks():
    found = hooks()
    assert set(found) == {"lessonkit-lint", "lessonkit-fix", "lessonkit-schedule", "lessonkit-workshop-schedule"}
    website = found["lessonkit-workshop-schedule"]
    assert website["entry"] == "lessonkit schedule" and website["pass_filenames"] is False
    assert website["args"] == ["workshop.yml", "--format", "workshop", "--check", "_includes/custom-schedule.html"]
    lint, schedule = found["lessonkit-lint"], found["lessonkit-schedule"]
    fixer = found["lessonkit-fix"]
    # a fixer fails through the files it changes (pre-commit's rule), not through findings left
    assert fixer["entry"] == "lessonkit lint --fix --exit-zero" and fixer["files"] == lint["files"]
    assert fixer["require_serial"] is True and "types" not in fixer
    assert lint["entry"] == "lessonkit lint" and lint["language"] == "python"
    assert lint["require_serial"] is True
    assert lint.get("pass_filenames", True) is True
    assert "types" not in lint  # types: [markdown] would miss .Rmd
    assert schedule["entry"] == "lessonkit schedule" and schedule["pass_filenames"] is False
    assert schedule["args"][:1] == ["--check"]


@pytest.mark.parametrize("path, linted", [
    ("config.yaml", True),
    ("index.md", True),
    ("links.md", True),
    ("episodes/01-intro.md", True),
    ("episodes/02-plots.Rmd", True),
    ("learners/setup.md", True),
    ("instructors/instructor-notes.md", True),
    ("profiles/learner-profiles.md", True),
    ("lesson/episodes/01-intro.md", True),  # a lesson in a subfolder
    ("lessons/a/config.yaml", True),
    ("README.md", False),
    ("CONTRIBUTING.md", False),
    (".github/workflows/build.yaml", False),
    ("episodes/data/table.csv", False),
    ("episodes/fig/plot.png", False),
    ("episodes/files/notes.md", False),  # not a page sandpaper builds
])
def test_lint_hook_files_pattern(path, linted):
    pattern = re.compile(hooks()["lessonkit-lint"]["files"])
    assert bool(pattern.search(path)) is linted


@pytest.mark.parametrize("path, runs", [
    ("config.yaml", True),
    ("episodes/01-intro.md", True),
    ("episodes/02-plots.Rmd", True),
    ("instructors/schedule.md", True),
    (".lessonkit.toml", True),
    ("learners/setup.md", False),
    ("README.md", False),
])
def test_schedule_hook_files_pattern(path, runs):
    pattern = re.compile(hooks()["lessonkit-schedule"]["files"])
    assert bool(pattern.search(path)) is runs


def test_lint_on_the_files_pre_commit_passes(lesson_dir, monkeypatch):
    """What the hook does, without pre-commit: every matching file of the repository, from its root."""
    root = lesson_dir({"episodes/intro.md": "---\ntitle: Intro\nteaching: 5\nexercises: 0\n---\n\n::: challenge\n## Open\n",
                       "episodes/draft.md": "---\ntitle: Draft\n---\n\n::: callout\n"})  # not listed: unbuilt
    (root / "README.md").write_text("# My lesson\n\n::: challenge\n", encoding="utf-8")
    pattern = re.compile(hooks()["lessonkit-lint"]["files"])
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    passed = [f for f in files if pattern.search(f)]
    assert "README.md" not in passed and "episodes/intro.md" in passed
    monkeypatch.chdir(root)
    done = subprocess.run([sys.executable, "-m", "lessonkit", "lint", *passed], capture_output=True, text=True,
                          env=_env(None))
    assert done.returncode == 1, done.stderr
    assert re.search(r"^episodes/intro\.md:\d+:\d+: LK101 ", done.stdout, re.M)
    # a draft the commit changes is named, so linted in full, not just told it is unbuilt
    assert re.search(r"^episodes/draft\.md:1:1: LK505 ", done.stdout, re.M)
    assert re.search(r"^episodes/draft\.md:5:1: LK101 ", done.stdout, re.M)


# --- end to end: pre-commit try-repo --------------------------------------------------------------

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "lessonkit tests", "GIT_AUTHOR_EMAIL": "tests@lessonkit.invalid",
    "GIT_COMMITTER_NAME": "lessonkit tests", "GIT_COMMITTER_EMAIL": "tests@lessonkit.invalid",
}


def _env(tmp: Path | None) -> dict[str, str]:
    env = dict(os.environ, **GIT_IDENTITY)
    env.pop("GITHUB_ACTIONS", None)
    env["NO_COLOR"] = "1"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    if tmp is not None:
        env["PRE_COMMIT_HOME"] = str(tmp / "pre-commit-home")
        # try-repo builds its hook environment in a temporary folder: keep that inside tmp too.
        env["TMPDIR"] = str(tmp / "tmp")
        (tmp / "tmp").mkdir(exist_ok=True)
    return env


def _git(cwd: Path, *args: str, env: dict) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, env=env, check=True, capture_output=True)


def _snapshot_of_this_repository(dest: Path, env: dict) -> Path:
    """A one-commit git repository holding this working tree as `git add -A` would commit it.

    `pre-commit try-repo PATH` only sees committed files plus changes to tracked ones (its shadow
    commit runs `git add -u`), so new, uncommitted files would be missing; a snapshot behaves the
    same on a clean clone in CI and in a working tree with changes."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode()
    dest.mkdir(parents=True)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not source.is_file():  # deleted in the working tree
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    _git(dest, "init", "-q", env=env)
    _git(dest, "add", "-A", env=env)
    _git(dest, "commit", "-q", "-m", "snapshot", env=env)
    return dest


@pytest.fixture
def hook_repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("needs git")
    if not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout of lessonkit (the hooks are tried from it)")
    env = _env(tmp_path)
    repo = _snapshot_of_this_repository(tmp_path / "lessonkit", env)
    return repo, env


def _lesson_repo(root: Path, files: dict, env: dict) -> Path:
    write_lesson(root, files)
    _git(root, "init", "-q", env=env)
    _git(root, "add", "-A", env=env)
    _git(root, "commit", "-q", "-m", "lesson", env=env)
    return root


def _try_repo(repo: Path, hook: str, lesson: Path, env: dict) -> subprocess.CompletedProcess:
    _git(lesson, "add", "-A", env=env)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(repo), hook, "--all-files"],
                          cwd=lesson, env=env, capture_output=True, text=True, timeout=900)


# The basic episode with one defect: a challenge opened and never closed (LK101 at line 21).
DEFECT = BASIC_EPISODE.replace("## Section\n\nText.\n", "## Section\n\n::: challenge\n## Try it\nText.\n")


@pytest.mark.slow
def test_try_repo_lint_hook_fails_on_a_defect_then_passes(hook_repo, tmp_path):
    repo, env = hook_repo
    lesson = _lesson_repo(tmp_path / "my-lesson", {"episodes/intro.md": DEFECT}, env)

    failed = _try_repo(repo, "lessonkit-lint", lesson, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert re.search(r"^episodes/intro\.md:21:1: LK101 ", output, re.M), output

    fixed = DEFECT.replace("Text.\n", "Text.\n:::\n")
    (lesson / "episodes" / "intro.md").write_text(fixed, encoding="utf-8")
    passed = _try_repo(repo, "lessonkit-lint", lesson, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "LK101" not in passed.stdout


# The basic episode with fixable defects: a div opener under text (LK105), a class written with a
# capital (LK103), a list under text (LK405); and one that has no fix (an image without alt text).
FIXABLE = BASIC_EPISODE.replace("## Section\n\nText.\n", "## Section\n\nText.\n::: Callout\nNote.\n:::\n\n"
                                "Versions:\n- 2.4\n\n![](fig/plot.png)\n")


@pytest.mark.slow
def test_try_repo_fix_hook_fixes_and_fails_then_passes(hook_repo, tmp_path):
    repo, env = hook_repo
    lesson = _lesson_repo(tmp_path / "my-lesson", {"episodes/intro.md": FIXABLE, "episodes/fig/plot.png": b"png"}, env)
    page = lesson / "episodes" / "intro.md"

    failed = _try_repo(repo, "lessonkit-fix", lesson, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "files were modified by this hook" in output and "Fixed 3 findings." in output
    assert page.read_text(encoding="utf-8") == FIXABLE.replace("Text.\n::: Callout", "Text.\n\n::: callout").replace(
        "Versions:\n- 2.4", "Versions:\n\n- 2.4")

    passed = _try_repo(repo, "lessonkit-fix", lesson, env)  # the image without alt text stays: lint's job
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert _try_repo(repo, "lessonkit-lint", lesson, env).returncode == 1


@pytest.mark.slow
def test_try_repo_schedule_hook_fails_when_timings_change(hook_repo, tmp_path):
    repo, env = hook_repo
    lesson = _lesson_repo(tmp_path / "my-lesson", {}, env)
    (lesson / "instructors").mkdir()
    generate = [sys.executable, "-m", "lessonkit", "schedule", "-o", "instructors/schedule.md"]
    subprocess.run(generate, cwd=lesson, env=env, check=True, capture_output=True)
    _git(lesson, "add", "-A", env=env)
    _git(lesson, "commit", "-q", "-m", "schedule", env=env)

    episode = lesson / "episodes" / "intro.md"
    episode.write_text(episode.read_text(encoding="utf-8").replace("teaching: 10", "teaching: 40"), encoding="utf-8")
    failed = _try_repo(repo, "lessonkit-schedule", lesson, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "instructors/schedule.md is out of date" in output
    assert "--- instructors/schedule.md" in output and "+++ generated" in output

    subprocess.run(generate, cwd=lesson, env=env, check=True, capture_output=True)
    passed = _try_repo(repo, "lessonkit-schedule", lesson, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr


@pytest.mark.slow
def test_try_repo_workshop_schedule_hook_keeps_a_website_schedule_current(hook_repo, tmp_path):
    repo, env = hook_repo
    site = tmp_path / "my-workshop"
    write_lesson(site / "lessons" / "intro", {})
    (site / "_includes").mkdir()
    (site / "index.md").write_text("---\nlayout: workshop\nstartdate: 2027-06-10\n---\n", encoding="utf-8")
    (site / "workshop.yml").write_text("grid: ['10:30']\nlessons: [lessons/intro]\n", encoding="utf-8")
    generate = [sys.executable, "-m", "lessonkit", "schedule", "workshop.yml", "--format", "workshop", "-o",
                "_includes/custom-schedule.html"]
    subprocess.run(generate, cwd=site, env=env, check=True, capture_output=True)
    _git(site, "init", "-q", env=env)
    _git(site, "add", "-A", env=env)
    _git(site, "commit", "-q", "-m", "site", env=env)
    assert _try_repo(repo, "lessonkit-workshop-schedule", site, env).returncode == 0
    (site / "workshop.yml").write_text("grid: ['10:30']\nstart: '09:30'\nlessons: [lessons/intro]\n", encoding="utf-8")
    failed = _try_repo(repo, "lessonkit-workshop-schedule", site, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1 and "_includes/custom-schedule.html is out of date" in output, output


@pytest.mark.parametrize("path, runs", [("workshop.yml", True), ("workshop.yaml", True), ("index.md", True),
                                        ("_includes/custom-schedule.html", True), ("episodes/a.md", False)])
def test_workshop_schedule_hook_files_pattern(path, runs):
    assert bool(re.search(hooks()["lessonkit-workshop-schedule"]["files"], path)) is runs


def test_the_schedule_the_hook_keeps_passes_the_lint_hook(lesson_dir):
    """Both hooks together: the generated instructors/schedule.md is a page lint accepts."""
    root = lesson_dir()
    (root / "instructors").mkdir()
    env = _env(None)
    run = [sys.executable, "-m", "lessonkit"]
    subprocess.run([*run, "schedule", "-o", "instructors/schedule.md"], cwd=root, env=env, check=True)
    assert re.search(hooks()["lessonkit-lint"]["files"], "instructors/schedule.md")
    linted = subprocess.run([*run, "lint", "instructors/schedule.md"], cwd=root, env=env, capture_output=True, text=True)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    checked = subprocess.run([*run, "schedule", "--check", "instructors/schedule.md"], cwd=root, env=env)
    assert checked.returncode == 0
