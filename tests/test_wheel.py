"""A wheel built from this repository, installed into a fresh virtual environment, works on its
own: the commands run and the schedule templates (top-level templates/, force-included into the
wheel as lessonkit/templates) are found."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, write_lesson

pytestmark = pytest.mark.slow


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the wheel, the venv's lessonkit executable, an environment that does not see the checkout)."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    if importlib.util.find_spec("build") is not None:
        built = _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)])
    else:
        built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(dist), str(ROOT)])
    assert built.returncode == 0, built.stdout + built.stderr
    wheels = sorted(dist.glob("lessonkit-*.whl"))
    assert len(wheels) == 1, wheels

    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    done = _run([str(python), "-m", "pip", "install", "--quiet", str(wheels[0])])
    assert done.returncode == 0, done.stdout + done.stderr

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS", "VIRTUAL_ENV")}
    env["NO_COLOR"] = "1"
    env["PATH"] = str(bin_dir) + os.pathsep + env.get("PATH", "")
    return wheels[0], bin_dir / "lessonkit", env


def test_wheel_holds_the_package_and_the_templates(installed):
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "lessonkit/__init__.py" in names and "lessonkit/cli/lint.py" in names
    shipped = {Path(n).name for n in names if n.startswith("lessonkit/templates/")}
    assert shipped and shipped == {p.name for p in (ROOT / "templates").iterdir() if p.is_file()}
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "lessonkit" / "data").rglob("*.json")}
    assert data and data <= names  # the package knowledge LK604 reads
    assert not any(n.startswith(("tests/", "lesson/", "templates/")) for n in names)


def test_installed_lessonkit_is_the_wheel(installed, tmp_path):
    _, lessonkit, env = installed
    done = _run([str(lessonkit.parent / "python"), "-c", "import lessonkit; print(lessonkit.__file__)"],
                cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "site-packages" in done.stdout and str(ROOT) not in done.stdout


def test_installed_lint(installed, tmp_path):
    _, lessonkit, env = installed
    root = write_lesson(tmp_path / "lesson", {})
    clean = _run([str(lessonkit), "lint"], cwd=root, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout.startswith("No problems found")
    (root / "episodes" / "intro.md").write_text(
        "---\ntitle: Intro\nteaching: 5\nexercises: 0\n---\n\n::: challenge\n## Open\n", encoding="utf-8")
    found = _run([str(lessonkit), "lint", "episodes/intro.md"], cwd=root, env=env)
    assert found.returncode == 1, found.stdout + found.stderr
    assert "episodes/intro.md:7:1: LK101 div-unclosed" in found.stdout


def test_installed_schedule_html_finds_its_templates(installed, tmp_path):
    _, lessonkit, env = installed
    root = write_lesson(tmp_path / "lesson", {})
    done = _run([str(lessonkit), "schedule", "--format", "html"], cwd=root, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "<html" in done.stdout.lower() and "Introduction" in done.stdout
    md = _run([str(lessonkit), "schedule"], cwd=root, env=env)
    assert md.returncode == 0 and "Introduction" in md.stdout, md.stderr


def test_installed_rules(installed, tmp_path):
    _, lessonkit, env = installed
    done = _run([str(lessonkit), "rules"], cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    codes = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    sys.path.insert(0, str(ROOT))
    from lessonkit.rules import all_rules

    assert codes == [r.code for r in all_rules()]
    one = _run([str(lessonkit), "rules", "LK101"], cwd=tmp_path, env=env)
    assert one.returncode == 0 and "Fails:" in one.stdout and "Passes:" in one.stdout
    version = _run([str(lessonkit), "--version"], cwd=tmp_path, env=env)
    assert version.returncode == 0 and version.stdout.startswith("lessonkit")
