"""Benchmark: what the parse cache, lean start-up and --jobs save, as ratios within one run.

Whole processes, as a user or a hook runs them (median of --repeat runs each):
  1. warm / cold `lessonkit lint LESSON`                      target <= 0.3
  2. one file changed in a warm lesson / cold lint              target <= 0.3
     (the pre-commit case: `lessonkit lint CHANGED_FILE`, and the edit loop: `lessonkit lint LESSON`)
  3. `lessonkit --version` / `python -c pass`                   reported
  4. every lesson of the corpus with --jobs 2 / serial (cold)   reported
  5. peak memory (max RSS) of outline and lint of a 10 MB page, this checkout and, with
     --before REF, the same for a git ref (a temporary worktree), for before/after figures.

    python bench/bench_cache.py [--lesson PATH] [--corpus PATH] [--repeat 7] [--before REF] [--no-big]

The lesson defaults to carpentries-lab__deep-learning-intro in ../shared/corpus (copied to a
temporary folder, so its cache never lands in the corpus).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_LESSON = CORPUS / "carpentries-lab__deep-learning-intro"


def run(args: list[str], env: dict, cwd: Path = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def median(repeat: int, work, before=None) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        times.append(work())
    return statistics.median(times)


def peak_rss(args: list[str], env: dict, cwd: Path) -> tuple[float, float]:
    """(seconds, max RSS in MB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def big_lesson(folder: Path, megabytes: int = 10) -> Path:
    """A lesson with one page of short paragraphs, each with a page link and a web link."""
    (folder / "episodes").mkdir(parents=True)
    (folder / "config.yaml").write_text("title: Big\ncarpentry: incubator\nepisodes:\n- big.md\n")
    parts, size, index = ["---\ntitle: Big\nteaching: 5\nexercises: 5\n---\n\n"], 0, 0
    while size < megabytes * 1_000_000:
        line = f"See [item {index}](page{index % 50}.md) and [here](https://example.org/{index}).\n\n"
        parts.append(line)
        size += len(line)
        index += 1
    (folder / "episodes" / "big.md").write_text("".join(parts))
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lesson", type=Path, default=DEFAULT_LESSON)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--before", help="a git ref to measure the 10 MB page's memory against")
    parser.add_argument("--no-big", action="store_true", help="skip the 10 MB page (it takes minutes)")
    options = parser.parse_args()
    if not options.lesson.is_dir():
        print(f"no lesson at {options.lesson}; give --lesson", file=sys.stderr)
        return 2
    python = sys.executable
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("LESSONKIT_CACHE_DIR", None)
    lint = [python, "-m", "lessonkit", "lint", "--exit-zero"]
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        lesson = work / "lesson"
        shutil.copytree(options.lesson, lesson)
        cache = lesson / ".lessonkit_cache"
        episodes = sorted((lesson / "episodes").glob("*.md")) or sorted(lesson.rglob("*.md"))
        changed = episodes[len(episodes) // 2]
        original = changed.read_text()
        counter = [0]

        def clear():
            shutil.rmtree(cache, ignore_errors=True)

        def edit():
            counter[0] += 1
            changed.write_text(original + f"\nEdited {counter[0]}.\n")

        print(f"lesson: {options.lesson.name} ({len(list(lesson.rglob('*.md')))} pages), median of {options.repeat} runs")
        cold = median(options.repeat, lambda: run(lint + [str(lesson)], env), before=clear)
        run(lint + [str(lesson)], env)
        warm = median(options.repeat, lambda: run(lint + [str(lesson)], env))
        loop = median(options.repeat, lambda: run(lint + [str(lesson)], env), before=edit)
        cold_file = median(options.repeat, lambda: run(lint + [str(changed)], env), before=clear)
        run(lint + [str(lesson)], env)
        hook = median(options.repeat, lambda: run(lint + [str(changed)], env), before=edit)
        print(f"  cold lint                         {cold * 1000:7.0f} ms")
        print(f"  warm lint                         {warm * 1000:7.0f} ms   warm/cold {warm / cold:.2f}  (target <= 0.3)")
        print(f"  one file changed, lesson linted   {loop * 1000:7.0f} ms   /cold     {loop / cold:.2f}  (target <= 0.3)")
        print(f"  cold lint of one file (hook)      {cold_file * 1000:7.0f} ms")
        print(f"  one file changed, that file (hook){hook * 1000:7.0f} ms   /cold     {hook / cold_file:.2f}  (target <= 0.3)")

        bare = median(options.repeat, lambda: run([python, "-c", "pass"], env))
        version = median(options.repeat, lambda: run([python, "-m", "lessonkit", "--version"], env))
        print(f"  python -c pass                    {bare * 1000:7.0f} ms")
        print(f"  lessonkit --version               {version * 1000:7.0f} ms   /python   {version / bare:.2f}")

        if options.corpus.is_dir():
            lessons = [str(p) for p in sorted(options.corpus.iterdir()) if p.is_dir()]
            quiet = [*lint, "--no-cache"]
            serial = median(3, lambda: run(quiet + ["--jobs", "1", *lessons], env))
            parallel = median(3, lambda: run(quiet + ["--jobs", "2", *lessons], env))
            env_cache = dict(env, LESSONKIT_CACHE_DIR=str(work / "corpus-cache"))
            run(lint + lessons, env_cache)
            warm_corpus = median(3, lambda: run(lint + ["--jobs", "2", *lessons], env_cache))
            print(f"corpus: {len(lessons)} lessons, median of 3 runs")
            print(f"  serial, no cache                  {serial * 1000:7.0f} ms")
            print(f"  --jobs 2, no cache                {parallel * 1000:7.0f} ms   /serial   {parallel / serial:.2f}")
            print(f"  --jobs 2, warm cache              {warm_corpus * 1000:7.0f} ms   /serial   {warm_corpus / serial:.2f}")

        if not options.no_big:
            big = big_lesson(work / "big")
            checkouts = [("this checkout", ROOT)]
            if options.before:
                before = work / "before"
                subprocess.run(["git", "worktree", "add", "--detach", "-q", str(before), options.before], cwd=ROOT, check=True)
                checkouts.insert(0, (f"before ({options.before})", before))
            print("10 MB page: seconds and peak memory (max RSS)")
            try:
                for label, checkout in checkouts:
                    child_env = dict(env, PYTHONPATH=str(checkout))
                    outline = peak_rss([python, "-m", "lessonkit", "outline", "episodes/big.md"], child_env, big)
                    flags = ["--no-cache"] if checkout == ROOT else []
                    linted = peak_rss([python, "-m", "lessonkit", "lint", *flags, "."], child_env, big)
                    print(f"  {label:<22} outline {outline[0]:6.1f} s {outline[1]:7.0f} MB   "
                          f"lint {linted[0]:6.1f} s {linted[1]:7.0f} MB")
            finally:
                if options.before:
                    subprocess.run(["git", "worktree", "remove", "--force", str(work / "before")], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
