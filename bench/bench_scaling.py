"""Benchmark: lint time and peak memory stay linear in the size of the input.

1. A synthetic lesson made from a realistic episode (lesson/episodes/02-keras-basics.md, or
   --episode FILE) at 1x, 4x and 16x: more episodes AND longer episodes (4x = twice the episodes,
   each twice as long; 16x = four times each). Prints load+lint time (best of --repeat) and peak
   memory (tracemalloc, a separate run), and the 16x/1x ratios.
2. One page with N divs, N links, N headings (each measured on its own) at N and 16N.
3. For information only: N nested divs at N and 16N.

Linear work gives a 16x/1x ratio near 16; the script exits 1 when any asserted ratio reaches
--limit (default 20). Times are shown twice: as a user gets them ("time"), and with CPython's
cyclic garbage collector paused ("no-gc"). The collector's full passes walk every live object,
so with many objects alive (16,000 tokens and nodes) its share grows faster than linearly even
when lessonkit's own work is linear; the per-construct check is on the no-gc ratio, which is the
algorithm's, and the with-gc ratio is printed beside it.

    python bench/bench_scaling.py [--repeat 3] [--n 1000]
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lessonkit.lesson import Lesson  # noqa: E402
from lessonkit.lint import lint_lesson  # noqa: E402
from lessonkit.settings import load_settings  # noqa: E402

EPISODES = 4  # episodes of the 1x lesson
CONFIG = ("title: Scaling\ncarpentry: incubator\nlife_cycle: beta\nsource: https://github.com/example/scaling\n"
          "contact: team@example.org\nepisodes:\n")


def lint(root: Path) -> int:
    lesson = Lesson.load(root)
    return len(lint_lesson(lesson, load_settings(lesson)).findings)


def best_time(repeat: int, work, paused: bool = False) -> float:
    """Best wall time of repeat runs; paused: with Python's cyclic garbage collector off."""
    times = []
    for _ in range(repeat):
        gc.collect()
        if paused:
            gc.disable()
        try:
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def peak_memory(work) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def synthetic_lesson(folder: Path, episode: str, factor: int) -> Path:
    """factor 1, 4 or 16: episodes x sqrt(factor), each sqrt(factor) times as long."""
    scale = {1: 1, 4: 2, 16: 4}[factor]
    front, body = episode.split("\n---\n", 1) if episode.startswith("---\n") else ("---\ntitle: x", episode)
    root = folder / f"lesson-{factor}x"
    (root / "episodes").mkdir(parents=True)
    names = []
    for number in range(EPISODES * scale):
        name = f"{number:03d}-episode.md"
        names.append(name)
        (root / "episodes" / name).write_text(front + "\n---\n" + body * scale, encoding="utf-8")
    (root / "config.yaml").write_text(CONFIG + "".join(f"- {name}\n" for name in names), encoding="utf-8")
    return root


PAGE = "---\ntitle: Page\nteaching: 5\nexercises: 5\n---\n\n"
CONSTRUCTS = {
    "divs": lambda n: "".join(f"::: callout\n\nNote {i}.\n\n:::\n\n" for i in range(n)),
    "links": lambda n: "".join(f"See [the page on topic {i}](https://example.org/{i}) and [back](#top).\n\n"
                               for i in range(n)),
    "headings": lambda n: "".join(f"## Section {i}\n\nText {i}.\n\n" for i in range(n)),
}
INFO_ONLY = {"nested divs": lambda n: "".join("::: callout\n\n" for _ in range(n)) + "x\n\n" + ":::\n\n" * n}


def page_lesson(folder: Path, name: str, body: str) -> Path:
    root = folder / name.replace(" ", "-")
    (root / "episodes").mkdir(parents=True)
    (root / "episodes" / "page.md").write_text(PAGE + body, encoding="utf-8")
    (root / "config.yaml").write_text(CONFIG + "- page.md\n", encoding="utf-8")
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episode", type=Path, default=ROOT / "lesson" / "episodes" / "02-keras-basics.md")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--n", type=int, default=1000, help="N for the per-construct pages (default 1000)")
    parser.add_argument("--limit", type=float, default=20.0)
    args = parser.parse_args()
    episode = args.episode.read_text(encoding="utf-8")
    failed = False
    folder = Path(tempfile.mkdtemp(prefix="lessonkit-bench-"))
    try:
        print(f"Synthetic lesson from {args.episode.name} ({len(episode)} bytes), {EPISODES} episodes at 1x")
        print(f"{'size':>5} {'episodes':>9} {'bytes':>11} {'findings':>9} {'time s':>8} {'no-gc s':>8} {'peak MB':>8}")
        rows = {}
        for factor in (1, 4, 16):
            root = synthetic_lesson(folder, episode, factor)
            size = sum(p.stat().st_size for p in root.rglob("*.md"))
            findings = lint(root)
            seconds = best_time(args.repeat, lambda: lint(root))
            paused = best_time(args.repeat, lambda: lint(root), paused=True)
            peak = peak_memory(lambda: lint(root))
            rows[factor] = (seconds, peak, paused)
            count = len(list((root / "episodes").iterdir()))
            print(f"{factor:>4}x {count:>9} {size:>11} {findings:>9} {seconds:>8.3f} {paused:>8.3f} {peak / 2**20:>8.1f}")
        time_ratio, memory_ratio = rows[16][0] / rows[1][0], rows[16][1] / rows[1][1]
        verdict = "ok" if max(time_ratio, memory_ratio) < args.limit else "TOO SLOW"
        failed |= verdict != "ok"
        print(f"16x/1x: time {time_ratio:.1f} (no-gc {rows[16][2] / rows[1][2]:.1f}), memory {memory_ratio:.1f} "
              f"(limit {args.limit:g}): {verdict}\n")

        n = args.n
        print(f"One page with N of a construct, N = {n} and 16N = {16 * n}")
        print(f"{'construct':>12} {'time N':>8} {'time 16N':>9} {'ratio':>6} {'no-gc N':>8} {'no-gc 16N':>9} {'ratio':>6} "
              f"{'peak N MB':>10} {'peak 16N MB':>12} {'ratio':>6}")
        for name, make in {**CONSTRUCTS, **INFO_ONLY}.items():
            small = page_lesson(folder, f"{name}-{n}", make(n))
            large = page_lesson(folder, f"{name}-{16 * n}", make(16 * n))
            if name in INFO_ONLY:
                small = page_lesson(folder, f"{name}-{n // 4}", make(n // 4))
                large = page_lesson(folder, f"{name}-{4 * n}", make(4 * n))
            t_small = best_time(args.repeat, lambda: lint(small))
            t_large = best_time(max(1, args.repeat - 1), lambda: lint(large))
            p_small = best_time(args.repeat, lambda: lint(small), paused=True)
            p_large = best_time(max(1, args.repeat - 1), lambda: lint(large), paused=True)
            m_small, m_large = peak_memory(lambda: lint(small)), peak_memory(lambda: lint(large))
            ratio, p_ratio, m_ratio = t_large / t_small, p_large / p_small, m_large / m_small
            if name in INFO_ONLY:
                verdict = f"info only (N = {n // 4})"
            else:
                verdict = "ok" if max(p_ratio, m_ratio) < args.limit else "QUADRATIC?"
                failed |= verdict != "ok"
            print(f"{name:>12} {t_small:>8.3f} {t_large:>9.3f} {ratio:>6.1f} {p_small:>8.3f} {p_large:>9.3f} {p_ratio:>6.1f} "
                  f"{m_small / 2**20:>10.1f} "
                  f"{m_large / 2**20:>12.1f} {m_ratio:>6.1f}  {verdict}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
