"""Benchmark: lessonkit against a bare markdown-it-py parse of the same files.

Prints, for the lessons of ../shared/corpus (or the lesson folders given as arguments):
  bare     MarkdownIt("commonmark").parse of every page lessonkit loads (files read too)
  load     Lesson.load of every lesson (config, front matter, pandoc-faithful parse)
  lint     Lesson.load + every lint rule
with the ratios load/bare and lint/bare. Each time is the best of --repeat runs, so other load
on the machine inflates nothing. Targets: load <= 1.5x, lint <= 2x.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lessonkit.lesson import Lesson  # noqa: E402
from lessonkit.lint import lint_lesson  # noqa: E402
from lessonkit.settings import load_settings  # noqa: E402


def best_of(repeat: int, work) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lessons", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    lessons = args.lessons or sorted(p for p in (ROOT.parent / "shared" / "corpus").glob("*") if p.is_dir())
    if not lessons:
        print("no lessons to measure (../shared/corpus is absent); name lesson folders as arguments")
        return 0
    loaded = [Lesson.load(path) for path in lessons]
    files = [page.path for lesson in loaded for page in lesson.pages.values() if page.error is None]
    size = sum(path.stat().st_size for path in files)
    bare_md = MarkdownIt("commonmark")

    def bare():
        for path in files:
            bare_md.parse(path.read_text(encoding="utf-8"))

    def load():
        for path in lessons:
            Lesson.load(path)

    def lint():
        for path in lessons:
            lesson = Lesson.load(path)
            lint_lesson(lesson, load_settings(lesson))

    bare_time = best_of(args.repeat, bare)
    load_time = best_of(args.repeat, load)
    lint_time = best_of(args.repeat, lint)
    print(f"{len(lessons)} lessons, {len(files)} pages, {size / 1024:.0f} KiB; best of {args.repeat} runs")
    print(f"bare markdown-it parse : {bare_time * 1000:8.1f} ms")
    print(f"lessonkit load (parse) : {load_time * 1000:8.1f} ms   ratio {load_time / bare_time:.2f} (target <= 1.5)")
    print(f"lessonkit lint         : {lint_time * 1000:8.1f} ms   ratio {lint_time / bare_time:.2f} (target <= 2.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
