"""What a release publishes works on its own: the sdist and the wheel built from this repository
(the wheel from the sdist, as `python -m build` makes it, so the sdist holds all a build needs)
pass `twine check`, and the wheel, installed into a fresh virtual environment, runs the commands
on the sample lesson in lesson/ exactly as this checkout does, with the schedule templates
(top-level templates/, force-included into the wheel as lessonkit/templates) and the package
data found."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, write_lesson

pytestmark = pytest.mark.slow

SAMPLE = ROOT / "lesson"


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The sdist and the wheel, in a folder of their own."""
    if importlib.util.find_spec("build") is None:
        pytest.skip("build is not installed (pip install -e '.[test]')")
    out = tmp_path_factory.mktemp("dist")
    built = _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)])
    assert built.returncode == 0, built.stdout + built.stderr
    return out


def _one(dist: Path, pattern: str) -> Path:
    found = sorted(dist.glob(pattern))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory):
    """(the wheel, the venv's lessonkit executable, an environment that does not see the checkout)."""
    wheel = _one(dist, "lessonkit-*.whl")
    env_dir = tmp_path_factory.mktemp("wheel") / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    done = _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)])
    assert done.returncode == 0, done.stdout + done.stderr

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS", "VIRTUAL_ENV")}
    env["NO_COLOR"] = "1"
    env["PATH"] = str(bin_dir) + os.pathsep + env.get("PATH", "")
    return wheel, bin_dir / "lessonkit", env


def test_sdist_holds_what_a_build_needs(dist):
    from lessonkit import __version__

    sdist = _one(dist, "lessonkit-*.tar.gz")
    assert sdist.name == f"lessonkit-{__version__}.tar.gz"
    top = f"lessonkit-{__version__}/"
    with tarfile.open(sdist) as archive:
        names = {n.removeprefix(top) for n in archive.getnames()}
    assert {"pyproject.toml", "README.md", "CHANGELOG.md", "PKG-INFO", "lessonkit/__init__.py"} <= names
    assert {f"templates/{p.name}" for p in (ROOT / "templates").iterdir() if p.is_file()} <= names
    assert {p.relative_to(ROOT).as_posix() for p in (ROOT / "lessonkit" / "data").rglob("*.json")} <= names
    assert not any(n.startswith((".venv/", ".git/", "lesson/", "site/")) for n in names)


def test_twine_check_passes(dist):
    """PyPI would take both: metadata complete, the README renders as the project's description."""
    if importlib.util.find_spec("twine") is None:
        pytest.skip("twine is not installed (pip install -e '.[test]')")
    files = [str(_one(dist, "lessonkit-*.tar.gz")), str(_one(dist, "lessonkit-*.whl"))]
    done = _run([sys.executable, "-m", "twine", "check", "--strict", *files])
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def _sample(tmp_path: Path, name: str) -> Path:
    """A copy of the sample lesson (lint keeps its cache in the lesson folder)."""
    return Path(shutil.copytree(SAMPLE, tmp_path / name))


def _both(installed, tmp_path, *args) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """The same command in the wheel's venv and from this checkout, each on its own copy of the
    sample lesson (named last)."""
    _, lessonkit, env = installed
    from_wheel = _run([str(lessonkit), *args, str(_sample(tmp_path, "for-the-wheel"))], cwd=tmp_path, env=env)
    from_checkout = _run([sys.executable, "-m", "lessonkit", *args, str(_sample(tmp_path, "for-the-checkout"))],
                         cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)})
    return from_wheel, from_checkout


def test_installed_lint_of_the_sample_lesson_is_the_checkout_s(installed, tmp_path):
    from_wheel, from_checkout = _both(installed, tmp_path, "lint", "--no-cache", "--format", "json")
    assert from_wheel.returncode == from_checkout.returncode == 0, from_wheel.stdout + from_wheel.stderr
    assert from_wheel.stdout == from_checkout.stdout.replace("for-the-checkout", "for-the-wheel")
    text = _run([str(installed[1]), "lint", str(_sample(tmp_path, "text"))], env=installed[2])
    assert text.returncode == 0 and text.stdout.startswith("No problems found in 14 files"), text.stdout


@pytest.mark.parametrize("output_format", ["md", "html", "json"])
def test_installed_schedule_of_the_sample_lesson_is_the_checkout_s(installed, tmp_path, output_format):
    from_wheel, from_checkout = _both(installed, tmp_path, "schedule", "--format", output_format,
                                      "--start", "09:00", "--date", "2027-03-04")
    assert from_wheel.returncode == from_checkout.returncode == 0, from_wheel.stderr
    assert from_wheel.stdout == from_checkout.stdout and "Building a First Network with Keras" in from_wheel.stdout


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
