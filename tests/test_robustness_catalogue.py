"""A catalogue of bad inputs, each with exactly what lessonkit says about it.

Every case runs the real command line (in process) and checks three things: the exit code, the
findings (code, file, line, words of the message) or the one-line error, and that nothing looks
like a traceback. Big inputs (a 20 MB episode, 5,000 episodes, 10,000 nested divs) are built
once per module.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BASIC_CONFIG, BASIC_EPISODE, write_lesson
from lessonkit.cli import main

E = "episodes/intro.md"
BODY = BASIC_EPISODE.split("---\n", 2)[2]  # everything after the front matter
BODY_FIRST_LINE = BASIC_EPISODE.split("---\n", 2)[0].count("\n") + BASIC_EPISODE.split("---\n", 2)[1].count("\n") + 3


def episode(front: str, body: str = BODY) -> str:
    """An otherwise clean episode with this front matter (its lines start at line 2)."""
    return "---\n" + front + "---\n" + body


def config(**changes) -> str:
    lines = [line for line in BASIC_CONFIG.splitlines() if line.split(":")[0] not in changes and line != "- intro.md"]
    text = "\n".join(lines) + "\n"
    for key, value in changes.items():
        text += f"{key}: {value}\n" if value is not None else ""
    if "episodes" not in changes:
        text += "- intro.md\n"
    return text


LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip([None, "a", "b", "c", "d", "e", "f", "g"], "abcdefgh")
)


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def lint_json(root: Path, *extra: str):
    """(exit code, [(code, path relative to root, line, message)]) of `lessonkit lint --format json`."""
    result = run("lint", "--format", "json", str(root), *extra)
    if result.exit_code == 2:
        return 2, result.stderr
    found = []
    for item in json.loads(result.stdout):
        path = Path(item["path"])
        rel = path.relative_to(root.resolve()).as_posix() if path.is_absolute() and root.resolve() in path.parents else str(path)
        found.append((item["code"], rel, item["line"], item["message"]))
    return result.exit_code, found


def one_line_error(result, *words: str) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout[-500:], result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("lessonkit: error: "), result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def assert_findings(found, expected):
    """expected: [(code, file, line or None, words of the message)]; nothing else is reported."""
    left = list(found)
    for e_code, e_rel, e_line, e_words in expected:
        match = [f for f in left if f[:2] == (e_code, e_rel) and e_line in (None, f[2]) and e_words in f[3]]
        assert match, (f"expected {(e_code, e_rel, e_line, e_words)} among", "\n".join(map(str, found)))
        left.remove(match[0])
    assert not left, ("unexpected findings", left)


# --- the catalogue: (id, files over the basic clean lesson, exit code, expected findings) -----

CASES = [
    ("binary .md", {E: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"}, 1,
     [("LK001", E, 1, "binary file (contains NUL bytes)")]),
    ("invalid UTF-8", {E: episode("title: x\nteaching: 5\nexercises: 5\n").encode() + b"caf\xe9\n"}, 1,
     [("LK001", E, BODY.count("\n") + 6, "invalid UTF-8 (byte 0xe9)")]),
    ("UTF-16 with BOM", {E: BASIC_EPISODE.encode("utf-16")}, 1,
     [("LK001", E, 1, "file is UTF-16")]),
    ("UTF-16 without BOM", {E: BASIC_EPISODE.encode("utf-16-le")}, 1,
     [("LK001", E, 1, "binary file")]),
    ("UTF-8 with BOM", {E: b"\xef\xbb\xbf" + BASIC_EPISODE.encode()}, 0, []),
    ("CRLF line ends", {E: BASIC_EPISODE.replace("\n", "\r\n").encode()}, 0, []),
    ("lone CR line ends", {E: BASIC_EPISODE.replace("\n", "\r").encode()}, 0, []),
    ("tabs in the body", {E: BASIC_EPISODE.replace("- What", "-\tWhat") + "\n\t::: callout\n\n\tcode\n"}, 0, []),
    ("tab indenting front matter", {E: episode("title: a\n\tteaching: 5\nexercises: 5\n")}, 1,
     [("LK301", E, 3, "found a tab character")]),
    ("front matter never closed", {E: "---\ntitle: x\nteaching: 5\nexercises: 5\n\n" + BODY}, 1,
     [("LK301", E, 1, "never closed")]),
    ("front matter a list", {E: episode("- title\n- teaching\n")}, 1,
     [("LK301", E, 2, "is a list, not a mapping")]),
    ("front matter a scalar", {E: episode("just a sentence\n")}, 1,
     [("LK301", E, 2, "single string, not a mapping")]),
    ("YAML anchor and alias", {E: episode("title: &t Loops\nteaching: &n 5\nexercises: *n\n")}, 0, []),
    ("YAML merge key", {E: episode("times: &t {teaching: 5, exercises: 5}\ntitle: a\n<<: *t\n")}, 0, []),
    ("YAML !!python/object tag", {E: episode("title: !!python/object/apply:os.system ['echo pwned']\n"
                                              "teaching: 5\nexercises: 5\n")}, 1,
     [("LK301", E, 2, "could not determine a constructor for the tag")]),
    ("YAML custom tag", {E: episode("title: !r paste0('a')\nteaching: 5\nexercises: 5\n")}, 1,
     [("LK301", E, 2, "could not determine a constructor for the tag '!r'")]),
    ("YAML duplicate key", {E: episode("title: a\ntitle: b\nteaching: 5\nexercises: 5\n")}, 1,
     [("LK301", E, 3, "Key 'title' appears twice")]),
    ("YAML billion laughs", {E: episode("title: a\nteaching: 5\nexercises: 5\n" + LAUGHS)}, 1,
     [("LK301", E, None, "billion laughs")]),
    ("YAML recursive alias", {E: episode("title: &x [*x]\nteaching: 5\nexercises: 5\n")}, 1,
     [("LK301", E, 2, "recursive alias")]),
    ("YAML 1 MB string", {E: episode("title: " + "x" * 1_000_000 + "\nteaching: 5\nexercises: 5\n")}, 0, []),
    ("teaching: 1:30", {E: episode("title: a\nteaching: 1:30\nexercises: 5\n")}, 1,
     [("LK303", E, 3, "base-60")]),
    ("teaching: .inf", {E: episode("title: a\nteaching: .inf\nexercises: 5\n")}, 1,
     [("LK303", E, 3, "'.inf' is not a whole number of minutes")]),
    ("exercises: 1e3", {E: episode("title: a\nteaching: 5\nexercises: 1e3\n")}, 1,
     [("LK303", E, 4, "'1e3' is not a whole number of minutes")]),
    ("teaching: true", {E: episode("title: a\nteaching: true\nexercises: 5\n")}, 1,
     [("LK303", E, 3, "'true' is not a whole number of minutes")]),
    ("exercises: null", {E: episode("title: a\nteaching: 5\nexercises: null\n")}, 1,
     [("LK303", E, 4, "'null' is not a whole number of minutes")]),
    ("config.yaml empty", {"config.yaml": ""}, 1,
     [("LK501", "config.yaml", 1, "config.yaml is empty")]),
    ("config.yaml a list", {"config.yaml": "- title\n- episodes\n"}, 1,
     [("LK501", "config.yaml", 1, "is a list, not a mapping")]),
    ("config.yaml billion laughs", {"config.yaml": LAUGHS + BASIC_CONFIG}, 1,
     [("LK501", "config.yaml", None, "billion laughs")]),
    ("episodes: a string", {"config.yaml": config(episodes="intro.md")}, 1,
     [("LK503", "config.yaml", 6, "the single value 'intro.md', not a list")]),
    ("episodes: ../../etc/passwd", {"config.yaml": config(episodes="\n- intro.md\n- ../../etc/passwd")}, 1,
     [("LK503", "config.yaml", 6, "'../../etc/passwd' is a path, not a file name")]),
    ("link outside the lesson", {E: BASIC_EPISODE + "\n[pw](../../../etc/passwd) ![x](../../outside.png)\n"}, 1,
     [("LK201", E, BASIC_EPISODE.count("\n") + 2, "'../../../etc/passwd' points outside the lesson"),
      ("LK201", E, BASIC_EPISODE.count("\n") + 2, "'../../outside.png' points outside the lesson")]),
    ("lesson whose episodes folder is a file", {E: None, "episodes": "not a folder\n"}, 1,
     [("LK504", "config.yaml", 6, "there is no episodes/intro.md")]),
]


@pytest.mark.parametrize("files, exit_code, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_catalogue(lesson_dir, files, exit_code, expected):
    root = lesson_dir()
    if "episodes" in files:  # the folder must go before a file can take its name
        (root / E).unlink()
        (root / "episodes").rmdir()
    root = write_lesson(root, files, basic=False)
    code, found = lint_json(root)
    assert_findings(found, expected)
    assert code == exit_code


def test_python_tag_is_never_constructed(lesson_dir, tmp_path):
    marker = tmp_path / "constructed"
    root = lesson_dir({E: episode(f"title: !!python/object/apply:os.system ['touch {marker}']\n"
                                  "teaching: 5\nexercises: 5\n"),
                       "config.yaml": BASIC_CONFIG + f"x: !!python/object/apply:os.system ['touch {marker}']\n"})
    code, found = lint_json(root)
    assert code == 1 and {f[0] for f in found} == {"LK301", "LK501"}
    assert not marker.exists()


def test_front_matter_lines_outline_identically_across_line_ends(lesson_dir):
    """BOM, CRLF and lone CR parse exactly like LF: same outline, same line numbers."""
    text = BASIC_EPISODE + "\n::: callout\n\n## Note\n\n::: challenge\ntext\n"
    outlines = []
    for name, data in (("lf", text.encode()), ("bom", b"\xef\xbb\xbf" + text.encode()),
                       ("crlf", text.replace("\n", "\r\n").encode()), ("cr", text.replace("\n", "\r").encode())):
        root = lesson_dir({E: data}, name=name)
        result = run("outline", "--format", "json", str(root / E))
        assert result.exit_code == 0
        document = json.loads(result.stdout)
        document.pop("path")
        outlines.append(document)
        code, found = lint_json(root)
        lines = text.split("\n")
        assert sorted((c, r, line) for c, r, line, _ in found) == [
            ("LK101", E, lines.index("::: callout") + 1), ("LK101", E, lines.index("::: challenge") + 1)]
    assert all(outline == outlines[0] for outline in outlines)


def test_unreadable_file(lesson_dir):
    """chmod 000: LK001 "permission denied" for a page, exit 2 for config.yaml. Root reads anyway."""
    root = lesson_dir({"episodes/two.md": BASIC_EPISODE, "config.yaml": BASIC_CONFIG + "- two.md\n"})
    os.chmod(root / E, 0)
    try:
        readable_anyway = os.access(root / E, os.R_OK)  # root (as in CI): permissions do not stop reads
        code, found = lint_json(root)
        if readable_anyway:
            assert (code, found) == (0, [])
        else:
            assert_findings(found, [("LK001", E, 1, "permission denied")])
            assert code == 1
        os.chmod(root / "config.yaml", 0)
        result = run("lint", str(root))
        if readable_anyway:
            assert result.exit_code == 0
        else:
            one_line_error(result, "config.yaml: permission denied")
        result = run("outline", str(root / E))
        if readable_anyway:
            assert result.exit_code == 0
        else:
            one_line_error(result, "permission denied")
    finally:
        os.chmod(root / E, 0o644)
        os.chmod(root / "config.yaml", 0o644)


def test_symlink_loop_in_episodes(lesson_dir):
    root = lesson_dir({"config.yaml": config(episodes="\n- intro.md\n- two.md\n- a.md\n- b.md"),
                       "episodes/two.md": BASIC_EPISODE.replace("## Section", "::: callout\n\n## Section")})
    os.symlink("b.md", root / "episodes" / "a.md")
    os.symlink("a.md", root / "episodes" / "b.md")
    code, found = lint_json(root)
    assert code == 1
    assert_findings(found, [
        ("LK001", "episodes/a.md", 1, "symbolic link loop"),
        ("LK001", "episodes/b.md", 1, "symbolic link loop"),
        ("LK101", "episodes/two.md", 19, "never closed"),  # the other files are still linted
        ("LK104", "episodes/two.md", 25, "'keypoints' is nested inside 'callout'"),
    ])
    code, found = lint_json(root / "episodes")  # the folder named: its files, the loop included
    assert code == 1 and ("LK001", "a.md", 1) in [f[:3] for f in found]  # paths relative to episodes/
    one_line_error(run("lint", str(root / "episodes" / "a.md")), "a.md", "loops back to itself")
    one_line_error(run("outline", str(root / "episodes" / "a.md")), "a.md", "loops back to itself")


def test_symlink_out_of_the_lesson_is_not_read(lesson_dir, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: secret\n---\n\n::: never-closed\n")
    root = lesson_dir({"config.yaml": config(episodes="\n- intro.md\n- ../../secret.md\n- leak.md")})
    os.symlink(secret, root / "episodes" / "leak.md")
    code, found = lint_json(root)
    assert code == 1
    # The finding names the link's target (the engine reports resolved paths), never its content.
    assert_findings(found, [
        ("LK001", str(secret.resolve()), 1, "points outside the lesson; not read"),
        ("LK503", "config.yaml", 6, "'../../secret.md' is a path"),
    ])
    from lessonkit.lesson import Lesson

    lesson = Lesson.load(root)
    for page in lesson.pages.values():
        assert page.text == "" or root.resolve() in page.path.resolve().parents
        assert "secret" not in page.text


# --- outline, paths ----------------------------------------------------------------------------

def test_outline_refuses_what_it_cannot_outline(lesson_dir, tmp_path):
    root = lesson_dir({"episodes/empty.md": "", "episodes/blank.md": "\n \n\t\n", "episodes/bin.md": b"\x00\x01",
                       "episodes/u16.md": "x".encode("utf-16")})
    one_line_error(run("outline", str(root / "episodes/empty.md")), "empty.md: empty file: nothing to outline")
    one_line_error(run("outline", str(root / "episodes/blank.md")), "blank.md: empty file")
    one_line_error(run("outline", str(root / "episodes/bin.md")), "bin.md: binary file")
    one_line_error(run("outline", str(root / "episodes/u16.md")), "u16.md: file is UTF-16")
    one_line_error(run("outline", str(root / "episodes/nope.md")), "nope.md: no such file")
    one_line_error(run("outline", str(root / "episodes")), "is a folder")
    outside = tmp_path / "outside.md"
    outside.write_text("# Hello\n")
    one_line_error(run("outline", str(outside)), "outside.md: not inside a sandpaper lesson")


def test_empty_episode(lesson_dir):
    root = lesson_dir({E: ""})
    code, found = lint_json(root)
    assert code == 1
    assert ("LK301", E, 1) in [f[:3] for f in found]
    assert {f[0] for f in found} == {"LK301", "LK304"}
    assert "No YAML front matter" in [f for f in found if f[0] == "LK301"][0][3]


def test_paths_that_are_not_lessons(tmp_path):
    one_line_error(run("lint", str(tmp_path / "nope")), "nope: no such file or folder")
    one_line_error(run("outline", str(tmp_path / "nope.md")), "nope.md: no such file")
    plain = tmp_path / "notes.md"  # a lesson folder that is a file outside any lesson
    plain.write_text("# Notes\n")
    one_line_error(run("lint", str(plain)), "notes.md: not inside a sandpaper lesson")
    one_line_error(run("lint", str(tmp_path)), "not inside a sandpaper lesson")
    result = run("schedule", str(plain))
    one_line_error(result, "notes.md: not inside a sandpaper lesson")
    one_line_error(run("schedule", str(tmp_path / "nope")), "nope")


# --- big inputs, built once --------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_lessons(tmp_path_factory):
    base = tmp_path_factory.mktemp("big")
    # 20 MB: a pasted training log in an output block, then long prose.
    log = "epoch 1/100 - loss: 0.6931 - accuracy: 0.5012 - val_loss: 0.6929 - val_accuracy: 0.5100\n"
    prose = ("Training a network means adjusting the weights to reduce the loss on the data. " * 3 + "\n") * 10 + "\n"
    big_body = BODY.replace("Text.", "```output\n" + log * (12_100_000 // len(log)) + "```\n\n"
                            + prose * (8_000_000 // len(prose)))
    twenty = write_lesson(base / "twenty", {E: episode("title: Big\nteaching: 5\nexercises: 5\n", big_body)})
    # 5,000 episodes, all listed.
    many = {"config.yaml": config(episodes="\n" + "".join(f"- e{i:04d}.md\n" for i in range(5000))), E: None}
    many.update({f"episodes/e{i:04d}.md": BASIC_EPISODE for i in range(5000)})
    thousands = write_lesson(base / "many", many)
    # 10,000 nested divs.
    nested_body = "::: callout\n\n" * 10_000 + "text\n\n" + ":::\n\n" * 10_000
    nested = write_lesson(base / "nested", {E: BASIC_EPISODE + "\n" + nested_body})
    return {"twenty": twenty, "many": thousands, "nested": nested}


def test_20_mb_episode(big_lessons):
    root = big_lessons["twenty"]
    assert (root / E).stat().st_size > 20_000_000
    code, found = lint_json(root)  # how fast: bench/bench_scaling.py (no timing asserted here)
    assert (code, found) == (0, [])
    result = run("outline", str(root / E))
    assert result.exit_code == 0 and "## Section" in result.stdout


def test_5000_episodes(big_lessons):
    root = big_lessons["many"]
    result = run("lint", str(root))
    assert result.exit_code == 0, result.stdout[-2000:]
    assert "No problems found in 5003 files" in result.stdout


def test_10000_nested_divs_outline(big_lessons):
    result = run("outline", str(big_lessons["nested"] / E))
    one_line_error(result, "intro.md: divs nested 10000 deep: too deep to outline")
    result = run("outline", "--format", "json", str(big_lessons["nested"] / E))
    one_line_error(result, "divs nested 10000 deep")


@pytest.mark.slow
def test_10000_nested_divs_lint(big_lessons):
    """Slow: LK104 walks each div's ancestors (10,000 x 10,000 steps; reported to the lead)."""
    code, found = lint_json(big_lessons["nested"])
    assert (code, found) == (0, [])


def test_too_large_file_is_refused(lesson_dir, monkeypatch):
    from lessonkit import textio

    monkeypatch.setattr(textio, "MAX_FILE_BYTES", 1000)
    root = lesson_dir({E: BASIC_EPISODE + "x" * 2000 + "\n"})
    code, found = lint_json(root)
    assert_findings(found, [("LK001", E, 1, "file is too large")])
    assert code == 1


def test_every_message_is_one_line(lesson_dir):
    """No error message of the catalogue spans lines (reports stay one finding per line)."""
    root = lesson_dir({E: b"\xff\xfe\x00", "episodes/b.md": b"ok \xc3\x28\n",
                       "config.yaml": config(episodes="\n- intro.md\n- b.md")})
    code, found = lint_json(root)
    assert code == 1
    assert all("\n" not in message for *_, message in found)
    assert re.search(r"invalid UTF-8 \(byte 0xc3\)", " ".join(f[3] for f in found))
