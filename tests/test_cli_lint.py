"""`lessonkit lint` and `lessonkit rules` from the outside: formats, exit codes, selection,
suppressions, settings, several lessons, GitHub Actions; through CliRunner and a real process."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, summary_line
from lessonkit.cli import main
from lessonkit.findings import Finding
from lessonkit.formats import github as github_format

# Line numbers below are those of this page.
EPISODE = """\
---
title: Intro
teaching: 10
exercises: 5
---

::: questions
- Q?
:::

::: objectives
- O.
:::

## Part

See [here](https://example.org/a).

![](fig/x.png)

## Part

::: Challenge
odd
:::

::: keypoints
- K.
:::
"""
# (code, line) of each finding on EPISODE, in order
EPISODE_FINDINGS = [("LK204", 17), ("LK203", 19), ("LK404", 21), ("LK103", 23)]

UNCLOSED = EPISODE.replace("::: keypoints\n- K.\n:::\n", "::: keypoints\n- K.\n")


@pytest.fixture
def lesson(lesson_dir, monkeypatch):
    """A function writing a lesson with EPISODE (overlaid with files) and entering its folder."""

    def make(files: dict | None = None, name: str = "lesson", enter: bool = True) -> Path:
        root = lesson_dir({"episodes/intro.md": EPISODE, **(files or {})}, name=name)
        (root / "episodes" / "fig").mkdir(exist_ok=True)
        (root / "episodes" / "fig" / "x.png").write_bytes(b"\x89PNG\r\n")
        if enter:
            monkeypatch.chdir(root)
        return root

    return make


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def lint(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["lint", *args], env=env)


def found(result) -> list[tuple[str, int]]:
    return [(m.group(2), int(m.group(1))) for m in re.finditer(r"^\S+?:(\d+):\d+: (LK\d+) ", result.stdout, re.M)]


# --- text format and exit codes -------------------------------------------------------------------

def test_clean_lesson_exits_0(lesson_dir, monkeypatch):
    monkeypatch.chdir(lesson_dir())
    result = lint()
    assert result.exit_code == 0, result.output
    assert result.stdout == "No problems found in 4 files.\n"


def test_text_report_lines_and_summary(lesson):
    lesson()
    result = lint()
    assert result.exit_code == 1  # LK203 is an error
    lines = result.stdout.splitlines()
    assert lines[0].startswith("episodes/intro.md:17:5: LK204 link-uninformative-text [warning] ")
    assert lines[1].startswith("episodes/intro.md:19:1: LK203 image-missing-alt ")
    assert "[" not in lines[1].split("image-missing-alt ")[1][:1]  # errors carry no severity tag
    assert found(result) == EPISODE_FINDINGS
    assert summary_line(result.stdout) == "Found 1 error, 3 warnings in 1 of 4 files."


def test_warnings_alone_exit_0_unless_strict(lesson):
    lesson()
    assert lint("--ignore", "LK203").exit_code == 0
    assert lint("--ignore", "LK203", "--strict").exit_code == 1


def test_exit_zero(lesson):
    lesson()
    result = lint("--exit-zero", "--strict")
    assert result.exit_code == 0 and found(result) == EPISODE_FINDINGS


def test_missing_path_exits_2(lesson):
    lesson()
    result = lint("episodes/nope.md")
    assert result.exit_code == 2
    assert result.stderr.startswith("lessonkit: error: ") and "nope.md" in result.stderr
    assert "Traceback" not in result.output


def test_statistics(lesson):
    lesson({"episodes/intro.md": EPISODE + "\nSee [here](https://example.org/b).\n"})
    result = lint("--statistics")
    assert "     2  LK204 link-uninformative-text" in result.stdout.splitlines()
    assert "     1  LK203 image-missing-alt" in result.stdout.splitlines()
    assert summary_line(result.stdout).startswith("Found ")


# --- other formats --------------------------------------------------------------------------------

def test_json(lesson):
    lesson()
    result = lint("--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(d["code"], d["line"]) for d in data] == EPISODE_FINDINGS
    first = data[0]
    assert first["path"] == "episodes/intro.md" and first["name"] == "link-uninformative-text"
    assert first["severity"] == "warning" and first["column"] == 5
    assert {"message", "end_line", "end_column"} <= set(first)


def test_json_when_clean(lesson_dir, monkeypatch):
    monkeypatch.chdir(lesson_dir())
    result = lint("-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_github_annotations(lesson):
    lesson()
    result = lint("--format", "github")
    lines = result.stdout.splitlines()
    assert len(lines) == 4 and result.exit_code == 1
    assert lines[0].startswith("::warning file=episodes/intro.md,line=17,col=5,endLine=17,")
    assert ",title=LK204 link-uninformative-text::Link text " in lines[0]
    assert lines[1].startswith("::error file=episodes/intro.md,line=19,col=1,")


def test_github_escaping():
    finding = Finding(path=Path("/l/episodes/a,b:c.md"), line=3, column=1, code="LK101", name="div-unclosed",
                      severity="info", message="100% done\r\nnext: line, here")
    out = github_format.render([finding], [], Path("/l"), 1)
    assert out == ("::notice file=episodes/a%2Cb%3Ac.md,line=3,col=1,endLine=3,endColumn=1,"
                   "title=LK101 div-unclosed::100%25 done%0D%0Anext: line, here\n")


def test_github_escaping_of_a_real_file_name(lesson):
    root = lesson()
    (root / "episodes" / "50%,x:y.md").write_text("# Title\n", encoding="utf-8")
    result = lint("--format", "github", "episodes/50%,x:y.md")
    assert "file=episodes/50%25%2Cx%3Ay.md," in result.stdout, result.output


def test_sarif(lesson):
    lesson()
    result = lint("--format", "sarif")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "lessonkit" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and {"LK101", "LK203", "LK204"} <= set(ids)
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["helpUri"] == f"https://lessonkit.github.io/lessonkit/rules/{rule['id']}/"
    results = run["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] \
        == EPISODE_FINDINGS
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note") and r["message"]["text"]
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "episodes/intro.md", "uriBaseId": "%SRCROOT%"}
        region = location["region"]
        assert region["startColumn"] >= 1 and region["endLine"] >= region["startLine"]
    assert [r["level"] for r in results] == ["warning", "error", "warning", "warning"]


def test_sarif_uris_are_uri_references(lesson):
    root = lesson()
    (root / "episodes" / "my page.md").write_text("# Title\n", encoding="utf-8")
    result = lint("--format", "sarif", "episodes/my page.md")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(result.stdout)["runs"][0]["results"]]
    assert uris and set(uris) == {"episodes/my%20page.md"}


def test_sarif_outside_the_current_folder_uses_file_uris(lesson, tmp_path, monkeypatch):
    root = lesson()
    monkeypatch.chdir(tmp_path.parent)
    other = tmp_path.parent / "elsewhere"
    other.mkdir(exist_ok=True)
    monkeypatch.chdir(other)
    result = lint("--format", "sarif", str(root))
    location = json.loads(result.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    uri = location["artifactLocation"]["uri"]
    assert uri == (root / "episodes" / "intro.md").resolve().as_uri()
    assert "uriBaseId" not in location["artifactLocation"]


# --- GitHub Actions -------------------------------------------------------------------------------

def test_github_actions_adds_annotations_to_the_text_report(lesson):
    lesson()
    result = lint(env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert sum(line.startswith("::") for line in lines) == 4
    assert found(result) == EPISODE_FINDINGS
    assert summary_line(result.stdout).startswith("Found 1 error")


def test_github_actions_with_an_explicit_format_prints_only_that(lesson):
    lesson()
    for fmt in ("text", "json"):
        result = lint("--format", fmt, env={"GITHUB_ACTIONS": "true"})
        assert "::warning" not in result.stdout and "::error" not in result.stdout


def test_github_actions_other_values_do_nothing(lesson):
    lesson()
    assert "::" not in lint(env={"GITHUB_ACTIONS": "false"}).stdout


def test_github_actions_with_output_file_annotates_stdout(lesson, tmp_path):
    """With -o, the report goes to the file and the annotations to stdout, where GitHub reads them."""
    lesson()
    report = tmp_path / "report.txt"
    result = lint("-o", str(report), env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert sum(line.startswith("::") for line in result.stdout.splitlines()) == 4
    assert "::" not in report.read_text(encoding="utf-8")
    assert summary_line(report.read_text(encoding="utf-8")).startswith("Found ")


# --- selection ------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["--select", "LK204"], [("LK204", 17)]),
    (["--select", "link-uninformative-text"], [("LK204", 17)]),
    (["--select", "lk2"], [("LK204", 17), ("LK203", 19)]),
    (["--select", "LK203,LK404"], [("LK203", 19), ("LK404", 21)]),
    (["--select", "LK203", "--select", "LK103"], [("LK203", 19), ("LK103", 23)]),
    (["--ignore", "LK2"], [("LK404", 21), ("LK103", 23)]),
    (["--ignore", "heading-duplicate", "--ignore", "LK1"], [("LK204", 17), ("LK203", 19)]),
    (["--select", "LK2", "--ignore", "image-missing-alt"], [("LK204", 17)]),
])
def test_select_and_ignore(lesson, args, expected):
    lesson()
    assert found(lint(*args)) == expected


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_selector_exits_2(lesson, option):
    lesson()
    result = lint(option, "LK999")
    assert result.exit_code == 2 and "no rule matches 'LK999'" in result.stderr


# --- output file and colour -----------------------------------------------------------------------

def test_output_file_is_written_atomically(lesson, tmp_path):
    lesson()
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    result = lint("-f", "json", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert [d["code"] for d in json.loads(out.read_text(encoding="utf-8"))] == [c for c, _ in EPISODE_FINDINGS]
    assert [p.name for p in out.parent.iterdir()] == ["report.json"]  # no temporary file left
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_output_into_a_missing_folder_exits_2(lesson, tmp_path):
    lesson()
    result = lint("-o", str(tmp_path / "no" / "such" / "report.txt"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_output_file_is_never_coloured(lesson, tmp_path):
    lesson()
    out = tmp_path / "report.txt"
    lint("-o", str(out))
    assert "\x1b[" not in out.read_text(encoding="utf-8")


def test_color_always_and_never(lesson):
    lesson()
    assert "\x1b[" in lint("--color", "always").stdout
    assert "\x1b[" not in lint("--color", "never").stdout
    assert "\x1b[" not in lint().stdout  # CliRunner's stdout is no terminal


def _on_a_terminal(args: list[str], cwd: Path, env: dict) -> str:
    pty = pytest.importorskip("pty")
    import select

    primary, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "lessonkit", "lint", *args], cwd=cwd, env=env,
                               stdin=subprocess.DEVNULL, stdout=secondary, stderr=subprocess.DEVNULL)
    os.close(secondary)
    chunks = []
    while True:
        ready, _, _ = select.select([primary], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(primary, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(primary)
    return b"".join(chunks).decode()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_colour_on_a_terminal_unless_no_color(lesson):
    root = lesson()
    env = _process_env()
    assert "\x1b[" in _on_a_terminal([], root, env)
    assert "\x1b[" not in _on_a_terminal([], root, {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in _on_a_terminal(["--color", "never"], root, env)
    assert "\x1b[" not in _on_a_terminal(["--format", "json"], root, env)


# --- suppression comments -------------------------------------------------------------------------

def test_disable_enable_range(lesson):
    page = EPISODE.replace("See [here](https://example.org/a).\n",
                           "<!-- lessonkit-disable LK204 -->\nSee [here](https://example.org/a).\n"
                           "<!-- lessonkit-enable LK204 -->\n\nAnd [here](https://example.org/b).\n")
    lesson({"episodes/intro.md": page})
    codes = found(lint("--select", "LK204"))
    assert codes == [("LK204", 21)]  # the one after the enable


def test_disable_without_enable_runs_to_the_end(lesson):
    page = EPISODE.replace("## Part\n\nSee", "<!-- lessonkit-disable link-uninformative-text, LK103 -->\n## Part\n\nSee")
    lesson({"episodes/intro.md": page})
    assert [c for c, _ in found(lint())] == ["LK203", "LK404"]


def test_disable_next_line(lesson):
    page = EPISODE.replace("![](fig/x.png)", "<!-- lessonkit-disable-next-line LK203 -->\n![](fig/x.png)")
    lesson({"episodes/intro.md": page})
    result = lint()
    assert "LK203" not in [c for c, _ in found(result)]
    assert result.exit_code == 0  # only warnings left


def test_disable_next_line_of_another_rule_keeps_the_finding(lesson):
    page = EPISODE.replace("![](fig/x.png)", "<!-- lessonkit-disable-next-line LK204 -->\n![](fig/x.png)")
    lesson({"episodes/intro.md": page})
    assert ("LK203", 20) in found(lint())


def test_disable_file(lesson):
    lesson({"episodes/intro.md": EPISODE + "\n<!-- lessonkit-disable-file LK404 -->\n"})
    assert [c for c, _ in found(lint())] == ["LK204", "LK203", "LK103"]


def test_disable_file_without_codes_silences_everything(lesson):
    lesson({"episodes/intro.md": EPISODE + "\n<!-- lessonkit-disable-file -->\n"})
    result = lint()
    assert result.exit_code == 0 and found(result) == []


def test_directive_inside_a_code_block_is_text(lesson):
    page = EPISODE + "\n```markdown\n<!-- lessonkit-disable-file -->\n```\n"
    lesson({"episodes/intro.md": page})
    assert [c for c, _ in found(lint())] == [c for c, _ in EPISODE_FINDINGS]


# --- settings -------------------------------------------------------------------------------------

def _config(extra: str) -> str:
    from conftest import BASIC_CONFIG

    return BASIC_CONFIG + extra


def test_config_yaml_settings(lesson):
    lesson({"config.yaml": _config(
        "lessonkit:\n"
        "  ignore: [heading-duplicate]\n"
        "  severity:\n"
        "    LK204: error\n"
        "    image-missing-alt: info\n"
        "  rules:\n"
        "    div-unknown-class:\n"
        "      classes: [Challenge]\n")})
    result = lint()
    assert found(result) == [("LK204", 17), ("LK203", 19)]
    assert "LK204 link-uninformative-text Link" in result.stdout  # now an error: no tag
    assert "LK203 image-missing-alt [info] " in result.stdout
    assert result.exit_code == 1


def test_config_yaml_select_and_strict(lesson):
    lesson({"config.yaml": _config("lessonkit:\n  select: LK4\n  strict: true\n")})
    result = lint()
    assert found(result) == [("LK404", 21)] and result.exit_code == 1


def test_command_line_select_replaces_and_ignore_adds(lesson):
    lesson({"config.yaml": _config("lessonkit:\n  select: [LK4]\n  ignore: [LK203]\n")})
    assert found(lint("--select", "LK2")) == [("LK204", 17)]
    assert found(lint("--ignore", "LK404")) == []


def test_lessonkit_toml_wins_over_config_yaml(lesson):
    lesson({"config.yaml": _config("lessonkit:\n  select: [LK4]\n"),
            ".lessonkit.toml": 'select = ["LK2"]\n\n[severity]\nLK204 = "info"\n'})
    result = lint()
    assert found(result) == [("LK204", 17), ("LK203", 19)]
    assert "[info]" in result.stdout


def test_plain_lessonkit_toml(lesson):
    lesson({"lessonkit.toml": 'ignore = ["LK1", "LK4"]\n'})
    assert found(lint()) == [("LK204", 17), ("LK203", 19)]


@pytest.mark.parametrize("files, message", [
    ({"config.yaml": _config("lessonkit:\n  colour: red\n")}, "unknown lessonkit setting 'colour'"),
    ({"config.yaml": _config("lessonkit:\n  severity:\n    LK999: error\n")}, "no rule named 'LK999'"),
    ({"config.yaml": _config("lessonkit:\n  severity:\n    LK204: fatal\n")}, "'fatal' is not one of"),
    ({"config.yaml": _config("lessonkit:\n  rules:\n    LK103:\n      colour: 1\n")}, "has no option 'colour'"),
    ({"config.yaml": _config("lessonkit:\n  rules:\n    LK103:\n      classes: x\n")}, "must be a list"),
    ({"config.yaml": _config("lessonkit:\n  strict: maybe\n")}, "'strict' must be true or false"),
    ({"config.yaml": _config("lessonkit: [LK1]\n")}, "must be a mapping"),
    ({".lessonkit.toml": "selct = ['LK1']\n"}, "unknown lessonkit setting 'selct'"),
    ({".lessonkit.toml": "select = [\n"}, "not valid TOML"),
])
def test_bad_settings_exit_2(lesson, files, message):
    lesson(files)
    result = lint()
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.startswith("lessonkit: error: ") and len(result.stderr.splitlines()) == 1


# --- paths: files, several lessons, outside any lesson ------------------------------------------------

def test_named_files_only(lesson):
    lesson({"episodes/two.md": UNCLOSED.replace("title: Intro", "title: Two"),
            "config.yaml": _config("- two.md\n- gone.md\n")})
    just_two = lint("episodes/two.md")
    assert {p for p in re.findall(r"^(\S+?):\d+", just_two.stdout, re.M)} == {"episodes/two.md"}
    assert ("LK101", 27) in found(just_two)
    assert summary_line(just_two.stdout).endswith("in 1 of 1 file.")
    # lesson-wide findings about config.yaml (the missing gone.md) only when config.yaml is named
    assert "LK504" not in just_two.stdout
    with_config = lint("episodes/two.md", "config.yaml")
    assert re.search(r"^config\.yaml:\d+:\d+: LK504 ", with_config.stdout, re.M)


def test_files_from_several_lessons(lesson, tmp_path, monkeypatch):
    one = lesson(name="one", enter=False)
    two = lesson({"episodes/intro.md": UNCLOSED}, name="two", enter=False)
    monkeypatch.chdir(tmp_path)
    result = lint("one/episodes/intro.md", "two/episodes/intro.md", "--select", "LK101,LK203")
    assert result.exit_code == 1
    paths = re.findall(r"^(\S+?):(\d+):\d+: (LK\d+)", result.stdout, re.M)
    assert paths == [("one/episodes/intro.md", "19", "LK203"), ("two/episodes/intro.md", "19", "LK203"),
                     ("two/episodes/intro.md", "27", "LK101")]
    assert summary_line(result.stdout).endswith("in 2 of 2 files.")
    assert one.is_dir() and two.is_dir()


def test_a_path_outside_any_lesson_is_skipped_with_a_message(lesson, tmp_path, monkeypatch):
    root = lesson(enter=False)
    stray = tmp_path / "notes.md"
    stray.write_text("# notes\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = lint("notes.md", str(root / "episodes" / "intro.md"))
    assert result.exit_code == 1
    assert "notes.md" in result.stderr and "not inside a sandpaper lesson" in result.stderr
    assert "skipped" in result.stderr and "Traceback" not in result.output
    assert len(found(result)) == 4


def test_only_paths_outside_lessons_exit_2(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("# a\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# b\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    single = lint("a.md")
    assert single.exit_code == 2 and "not inside a sandpaper lesson" in single.stderr
    both = lint("a.md", "b.md")
    assert both.exit_code == 2 and "none of the paths lies inside a sandpaper lesson" in both.stderr


def test_a_folder_inside_a_lesson(lesson):
    lesson({"learners/setup.md": "---\ntitle: Setup\n---\n\n![](nope.png)\n"})
    result = lint("learners")
    assert {p for p in re.findall(r"^(\S+?):\d+", result.stdout, re.M)} == {"learners/setup.md"}


# --- rules ----------------------------------------------------------------------------------------

def test_rules_lists_the_registry():
    from lessonkit.rules import all_rules

    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [r.code for r in all_rules()]


@pytest.mark.parametrize("key", ["LK103", "lk103", "div-unknown-class"])
def test_rules_shows_one_rule(key):
    result = CliRunner().invoke(main, ["rules", key])
    assert result.exit_code == 0
    assert result.stdout.startswith("LK103 div-unknown-class (warning)\n")
    assert "Fails:" in result.stdout and "Passes:" in result.stdout
    assert "classes: default []" in result.stdout
    assert result.stdout.endswith("\nDocumentation: https://lessonkit.github.io/lessonkit/rules/LK103/\n")


def test_rules_unknown_exits_2():
    result = CliRunner().invoke(main, ["rules", "LK999"])
    assert result.exit_code == 2 and "no rule named 'LK999'" in result.stderr


# --- a real process -------------------------------------------------------------------------------

def _process_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def _run(args: list[str], cwd: Path, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lessonkit", *args], cwd=cwd, env=_process_env(**extra),
                          capture_output=True, text=True, timeout=120)


def test_process_exit_codes(lesson, lesson_dir):
    root = lesson(enter=False)
    clean = lesson_dir(name="clean")
    assert _run(["lint"], clean).returncode == 0
    failing = _run(["lint"], root)
    assert failing.returncode == 1 and failing.stderr == ""
    assert failing.stdout.splitlines()[0].startswith("episodes/intro.md:17:5: LK204 ")
    assert _run(["lint", "--exit-zero"], root).returncode == 0
    broken = _run(["lint", "--select", "nothing-like-this"], root)
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert _run(["lint", "missing.md"], root).returncode == 2


def test_process_on_github_actions(lesson):
    root = lesson(enter=False)
    done = _run(["lint"], root, GITHUB_ACTIONS="true")
    lines = done.stdout.splitlines()
    assert done.returncode == 1
    assert lines[0].startswith("::warning file=episodes/intro.md,line=17,col=5,")
    assert lines[4].startswith("episodes/intro.md:17:5: LK204 ")
    assert "\x1b[" not in done.stdout


def test_process_sarif_to_file(lesson, tmp_path):
    root = lesson(enter=False)
    done = _run(["lint", "--format", "sarif", "-o", str(tmp_path / "lessonkit.sarif"), "--exit-zero"], root,
                GITHUB_ACTIONS="true")
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads((tmp_path / "lessonkit.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
