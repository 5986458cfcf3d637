"""Ready to release: the workflows are valid for GitHub and do what the release needs, the
changelog keeps its form, and scripts/check_release.py stops a tag that disagrees with the
version or the changelog."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_release  # noqa: E402

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CHANGELOG = ROOT / "CHANGELOG.md"
KINDS = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")  # Keep a Changelog 1.1.0


def workflow(name: str) -> dict:
    # PyYAML reads the key `on:` as True (YAML 1.1), as GitHub does not.
    loaded = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    loaded["on"] = loaded.pop(True)
    return loaded


def steps(job: dict) -> list[dict]:
    return job["steps"]


def _check_jsonschema(path) -> subprocess.CompletedProcess:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed (pip install -e '.[test]')")
    # The schema ships inside check-jsonschema: no network needed.
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True)


def test_the_workflows_are_there():
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "docs.yml", "release.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid_for_github(path):
    done = _check_jsonschema(path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_notices_a_broken_workflow(tmp_path):
    """The validation above is real: a job without `runs-on` fails it."""
    broken = workflow("release.yml")
    del broken["jobs"]["publish"]["runs-on"]
    path = tmp_path / "release.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert _check_jsonschema(path).returncode == 1


def test_release_runs_on_a_version_tag_and_publishes_with_trusted_publishing():
    release = workflow("release.yml")
    assert release["on"] == {"push": {"tags": ["v*"]}}
    assert release["permissions"] == {"contents": "read"}
    build, publish = release["jobs"]["build"], release["jobs"]["publish"]
    runs = [s.get("run", "") for s in steps(build)]
    order = [next(i for i, run in enumerate(runs) if needle in run)
             for needle in ("scripts/check_release.py", "python -m build", "twine check --strict dist/*")]
    assert order == sorted(order)  # check the tag first, then build, then check the build
    assert any("lessonkit\" lint" in run and "lessonkit\" schedule" in run for run in runs)
    assert publish["needs"] == "build" and publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}  # trusted publishing: no token
    assert [s["uses"] for s in steps(publish)][-1] == "pypa/gh-action-pypi-publish@release/v1"
    assert not any("password" in s.get("with", {}) for s in steps(publish))
    notes = release["jobs"]["github-release"]
    assert notes["needs"] == "publish" and any("--notes" in s.get("run", "") for s in steps(notes))


def test_the_tag_reaches_scripts_through_the_environment():
    """No `${{ }}` inside a run script: a tag name is data, never code."""
    for path in WORKFLOWS:
        text = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in text["jobs"].values():
            for s in job["steps"]:
                assert "${{" not in s.get("run", ""), (path.name, s)


def test_docs_workflow_publishes_the_strict_build_to_pages():
    docs = workflow("docs.yml")
    build, deploy = docs["jobs"]["build"], docs["jobs"]["deploy"]
    runs = [s.get("run", "") for s in steps(build)]
    assert "mkdocs build --strict --site-dir site" in runs and "python -m pip install '.[docs]'" in runs
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in steps(build))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert steps(deploy)[0]["uses"].startswith("actions/deploy-pages@")


def test_ci_runs_make_test():
    ci = workflow("ci.yml")
    (job,) = ci["jobs"].values()
    assert any(s.get("run", "").startswith("make test") for s in steps(job))
    assert re.search(r"^test:", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert "3.10" in job["strategy"]["matrix"]["python-version"]  # requires-python's floor


def test_docs_extra_builds_the_site_and_the_test_extra_has_it():
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    names = {re.split(r"[<>=\[ ;]", req)[0] for req in extras["test"]}
    docs = {re.split(r"[<>=\[ ;]", req)[0] for req in extras["docs"]}
    assert docs == {"mkdocs", "mkdocs-material"} and docs | {"twine", "build", "check-jsonschema"} <= names


# --- the changelog -------------------------------------------------------------------------------

def test_changelog_keeps_the_keep_a_changelog_form():
    text = CHANGELOG.read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n") and "https://keepachangelog.com/en/1.1.0/" in text
    heads = re.findall(r"^## (.*)$", text, re.M)
    assert heads[0] == "[Unreleased]"
    released = heads[1:]
    for head in released:
        assert re.fullmatch(r"\[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}", head), head
    versions = [tuple(map(int, re.search(r"\[([\d.]+)\]", h).group(1).split("."))) for h in released]
    assert versions == sorted(versions, reverse=True)  # newest first
    for kind in re.findall(r"^### (.*)$", text, re.M):
        assert kind in KINDS, kind
    for label in ["Unreleased"] + [re.search(r"\[([\d.]+)\]", h).group(1) for h in released]:
        assert re.search(rf"^\[{re.escape(label)}\]: https://github\.com/lessonkit/lessonkit/", text, re.M), label


RELEASED = """# Changelog

## [Unreleased]

## [0.2.0] - 2027-01-15

### Added

- LK999 made-up.

## [0.1.0] - 2026-12-01

### Added

- Everything.

[Unreleased]: https://github.com/lessonkit/lessonkit/compare/v0.2.0...HEAD
[0.2.0]: https://github.com/lessonkit/lessonkit/compare/v0.1.0...v0.2.0
[0.1.0]: https://github.com/lessonkit/lessonkit/releases/tag/v0.1.0
"""


def test_a_release_that_agrees_passes():
    assert check_release.problems("v0.2.0", "0.2.0", RELEASED) == []
    assert check_release.sections(RELEASED)["0.2.0"] == ("2027-01-15", "### Added\n\n- LK999 made-up.")
    assert check_release.sections(RELEASED)["0.1.0"][1] == "### Added\n\n- Everything."


@pytest.mark.parametrize("tag, version, changelog, says", [
    ("v0.2.1", "0.2.0", RELEASED, "the tag v0.2.1 is not v0.2.0"),
    ("v0.3.0", "0.3.0", RELEASED, "no section '## [0.3.0] - YYYY-MM-DD'"),
    ("v0.2.0", "0.2.0", RELEASED.replace("[0.2.0] - 2027-01-15", "[0.2.0]"), "has no date"),
    ("v0.2.0", "0.2.0", RELEASED.replace("- LK999 made-up.", "").replace("### Added\n\n\n", ""), "is empty"),
    ("v0.2.0", "0.2.0", RELEASED.replace("[0.2.0]: https", "[0.2]: https"), "no link for [0.2.0]"),
])
def test_a_release_that_disagrees_is_stopped(tag, version, changelog, says):
    found = check_release.problems(tag, version, changelog)
    assert len(found) == 1 and says in found[0], found


def test_the_script_reads_the_repository():
    from lessonkit import __version__

    assert check_release.package_version() == __version__
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_release.py"), "v999.0.0"],
                          capture_output=True, text=True)
    assert done.returncode == 1 and f"the tag v999.0.0 is not v{__version__}" in done.stderr
    assert "Traceback" not in done.stderr
