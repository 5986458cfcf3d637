"""Benchmark: diagnostics latency of `lessonkit server` against `lessonkit lint` of the same page.

A generated lesson of 20 pages (15 episodes, the home page and 4 more), one episode 1,000 lines
long. The user types in the middle of that episode; what is measured:

1. in the server's worker, per keystroke: the buffer's new text applied to the lesson in memory
   (only this page parsed again) and the lesson linted for every open document, converted to
   LSP diagnostics: the job the didChange handler runs once typing pauses;
2. end to end over stdio, a real server process: from sending didChange to receiving
   publishDiagnostics, less the debounce wait (DEBOUNCE) the server adds on purpose;
3. `lessonkit lint` of the same page: the whole command (a new process, without and with its
   disk cache) and in process (load the lesson, lint the page).

Goal: diagnostics within 100 ms of a pause in typing.

    python bench/bench_server.py [--keystrokes 30]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lessonkit.lesson import load_lesson  # noqa: E402
from lessonkit.lint import lint_lesson  # noqa: E402
from lessonkit.settings import load_settings  # noqa: E402

LONG_LINES = 1000
PAGES = 20
CONFIG = ("title: Bench\ncarpentry: incubator\nlife_cycle: beta\nsource: https://github.com/example/bench\n"
          "contact: team@example.org\n")
FRONT = ("---\ntitle: 'Episode {number}'\nteaching: 10\nexercises: 5\n---\n\n"
         "::::::::::::::::::::::::::::::::::::: questions\n\n- What is in episode {number}?\n\n"
         "::::::::::::::::::::::::::::::::::::::::::::::::\n\n"
         "::::::::::::::::::::::::::::::::::::: objectives\n\n- Learn episode {number}.\n\n"
         "::::::::::::::::::::::::::::::::::::::::::::::::\n\n")
KEYPOINTS = "::::::::::::::::::::::::::::::::::::: keypoints\n\n- Done.\n\n::::::::::::::::::::::::::::::::::::::::::::::::\n"


def section(number: int, episodes: list[str]) -> str:
    """About 45 lines of an episode: prose with links across pages, code, a challenge with a
    solution, a callout and a list."""
    other = episodes[number % len(episodes)]
    return f"""## Section {number}: working with data

Some text about section {number}, with a [link to another episode]({other}#section-{number % 4}-working-with-data)
and a [link within this page](#section-{max(number - 1, 0)}-working-with-data). More text follows on
this line, with `inline code`, *emphasis* and **strong** words.

```python
import numpy as np
data = np.arange({number})
print(data.sum())
```

::: challenge

### Exercise {number}

What does `data.sum()` print for section {number}?

1. zero
2. {number}
3. something else

:::::: solution

It prints the sum of 0 to {number - 1}.

::::::
:::

::: callout

A callout in section {number}: remember to save your work. See the [setup](../learners/setup.md).

:::

- a list item
- another list item with a [reference link][numpy]
- a third item

"""


def write_lesson(root: Path) -> Path:
    """The 20-page lesson; returns the path of its 1,000-line episode."""
    names = [f"{number:02d}-episode.md" for number in range(1, PAGES - 4)]
    for folder in ("episodes", "learners", "instructors", "profiles"):
        (root / folder).mkdir(parents=True)
    (root / "config.yaml").write_text(
        CONFIG + "episodes:\n" + "".join(f"- {name}\n" for name in names)
        + "learners:\n- setup.md\n- reference.md\ninstructors:\n- instructor-notes.md\nprofiles:\n- learner-profiles.md\n")
    (root / "index.md").write_text("---\nsite: sandpaper::sandpaper_site\n---\n\nWelcome.\n")
    (root / "links.md").write_text("[numpy]: https://numpy.org\n")
    for rel, title in (("learners/setup.md", "Setup"), ("learners/reference.md", "Reference"),
                       ("instructors/instructor-notes.md", "Notes"), ("profiles/learner-profiles.md", "Profiles")):
        (root / rel).write_text(f"---\ntitle: {title}\n---\n\n## {title}\n\nText.\n")
    for index, name in enumerate(names):
        lines = LONG_LINES if index == 0 else 180
        text = FRONT.format(number=index + 1)
        number = 0
        while text.count("\n") + section(number, names).count("\n") + KEYPOINTS.count("\n") <= lines:
            text += section(number, names)
            number += 1
        text += "\n" * (lines - text.count("\n") - KEYPOINTS.count("\n")) + KEYPOINTS
        (root / "episodes" / name).write_text(text)
    return root / "episodes" / names[0]


def keystrokes(text: str, count: int) -> list[str]:
    """The page's text after each of count characters typed into a paragraph in its middle."""
    lines = text.split("\n")
    middle = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("Some text about"))
    typed = "and then some words typed "
    versions = []
    for n in range(1, count + 1):
        edited = list(lines)
        edited[middle] = lines[middle] + " " + (typed * 4)[:n]
        versions.append("\n".join(edited))
    return versions


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return f"median {statistics.median(ms):6.1f} ms   p90 {p90:6.1f} ms   max {ms[-1]:6.1f} ms   (n={len(ms)})"


def bench_worker(page: Path, versions: list[str], other: Path) -> tuple[list[float], list[float]]:
    """The didChange job in process, with one and with two open documents of the lesson."""
    from lessonkit.server.lessons import Document
    from lessonkit.server.protocol import LessonkitServer

    results = []
    for opened in ([page], [page, other]):
        server = LessonkitServer()
        for path in opened:
            state = server.lessons.open(Document(path.as_uri(), path.resolve(), path.read_text(), 1))
        server.diagnostics(state)  # the lesson loaded and linted once, as on opening
        times = []
        for version, text in enumerate(versions, start=2):
            start = time.perf_counter()
            state = server.lessons.change(page.resolve(), text, version)
            published = server.diagnostics(state)
            times.append(time.perf_counter() - start)
        assert published and published[0].diagnostics is not None
        results.append(times)
    return results[0], results[1]


async def bench_stdio(page: Path, versions: list[str]) -> list[float]:
    """didChange sent to publishDiagnostics received, over stdio, less the debounce."""
    from lsprotocol import types
    from pygls.uris import from_fs_path
    from pytest_lsp import client_capabilities, make_test_lsp_client

    from lessonkit.server.protocol import DEBOUNCE

    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "lessonkit", "server")
    await client.initialize_session(types.InitializeParams(capabilities=client_capabilities("neovim")))
    uri = from_fs_path(str(page.resolve()))
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=page.read_text())))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    times = []
    for version, text in enumerate(versions, start=2):
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        times.append(time.perf_counter() - start - DEBOUNCE)
    await client.shutdown_session()
    await client.stop()
    return times


def bench_lint(root: Path, page: Path, repeat: int) -> dict[str, list[float]]:
    command = [sys.executable, "-m", "lessonkit", "lint", "--exit-zero", "--format", "json", str(page)]
    out = {"lint command, no cache": [], "lint command, warm disk cache": [], "lint in process": []}
    with tempfile.TemporaryDirectory() as cache:
        environment = {"LESSONKIT_CACHE_DIR": cache, "PATH": ""}
        subprocess.run(command, capture_output=True, env=environment, check=True)
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([*command, "--no-cache"], capture_output=True, check=True)
            out["lint command, no cache"].append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, env=environment, check=True)
            out["lint command, warm disk cache"].append(time.perf_counter() - start)
    for _ in range(repeat):
        start = time.perf_counter()
        lesson = load_lesson(root)
        lint_lesson(lesson, load_settings(lesson), {page.resolve()})
        out["lint in process"].append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keystrokes", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each lint measurement")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "lesson"
        page = write_lesson(root)
        other = root / "episodes" / "02-episode.md"
        pages = len(load_lesson(root).pages) - 1  # links.md is no page of the site
        print(f"lesson: {pages} pages, {len(page.read_text().splitlines())}-line episode {page.name}")
        versions = keystrokes(page.read_text(), args.keystrokes)
        one, two = bench_worker(page, versions, other)
        print(f"server, keystroke -> diagnostics (worker job), 1 open page:   {summary(one)}")
        print(f"server, keystroke -> diagnostics (worker job), 2 open pages:  {summary(two)}")
        try:
            stdio = asyncio.run(bench_stdio(page, versions))
            print(f"server over stdio, didChange -> publishDiagnostics - debounce: {summary(stdio)}")
        except ImportError:
            print("server over stdio: skipped (pytest-lsp is not installed)")
        for name, times in bench_lint(root, page, args.repeat).items():
            print(f"{name + ':':<62}{summary(times)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
