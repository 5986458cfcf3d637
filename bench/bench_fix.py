"""Benchmark: `lint --fix --unsafe-fixes` costs what the page costs, not the page times its findings.

One episode with N unclosed `::: challenge` divs (each opened inside the one before, as a
lesson gets when its closers are lost), at each N of --sizes. For each size it prints the time
of a plain lint and of a fix (best of --repeat, both load + lint, the fix with every pass it
needs), how many findings the fix reports fixed and how many LK101 findings are left, then the
ratios of each size to the smallest. Linear work gives a fix/lint ratio that stays flat as N
grows; a fix that handled one finding per pass, or walked the page once per finding, made it
grow with N. The script exits 1 when a fix leaves a finding, reports a count other than N, or
the fix/lint ratio at the largest size exceeds --limit times the one at the smallest.

    python bench/bench_fix.py [--sizes 30,100,400,5000] [--repeat 1] [--limit 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lessonkit.fix import fix_lesson  # noqa: E402
from lessonkit.lesson import Lesson  # noqa: E402
from lessonkit.lint import lint_lesson  # noqa: E402
from lessonkit.settings import load_settings  # noqa: E402

CONFIG = ("title: Fixing\ncarpentry: incubator\nlife_cycle: beta\nsource: https://github.com/example/fixing\n"
          "contact: team@example.org\nepisodes:\n- page.md\n")
PAGE = "---\ntitle: Page\nteaching: 5\nexercises: 5\n---\n\n"


def unclosed_divs(n: int) -> str:
    return PAGE + "".join(f"::: challenge\n\n## Exercise {i}\n\nAdd {i} and 1.\n\n" for i in range(n))


def lesson_with(folder: Path, n: int) -> Path:
    root = folder / f"divs-{n}"
    (root / "episodes").mkdir(parents=True)
    (root / "episodes" / "page.md").write_text(unclosed_divs(n), encoding="utf-8")
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    return root


def best_time(repeat: int, work) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="30,100,400,5000", help="numbers of unclosed divs (default 30,100,400,5000)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--limit", type=float, default=3.0,
                        help="largest allowed growth of the fix/lint ratio from the smallest size to the largest")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="lessonkit-bench-fix-"))
    failed = False
    rows = []
    try:
        warm_up = lesson_with(folder, 1)  # imports and first-use work out of the timings
        fix_lesson(Lesson.load(warm_up), load_settings(Lesson.load(warm_up)), unsafe=True)
        print(f"{'divs':>6} {'lint s':>8} {'fix s':>8} {'fix/lint':>9} {'fixed':>6} {'left':>5} {'settled':>8}")
        for n in sizes:
            root = lesson_with(folder, n)

            def lint(root=root):
                lesson = Lesson.load(root)
                return lint_lesson(lesson, load_settings(lesson))

            def fix(root=root):
                lesson = Lesson.load(root)
                return fix_lesson(lesson, load_settings(lesson), unsafe=True)

            lint_time, _ = best_time(args.repeat, lint)
            fix_time, outcome = best_time(args.repeat, fix)
            fixed = sum(outcome.fixed.values())
            left = sum(1 for finding in outcome.result.findings if finding.code == "LK101")
            rows.append((n, lint_time, fix_time))
            print(f"{n:>6} {lint_time:>8.3f} {fix_time:>8.3f} {fix_time / lint_time:>9.2f} {fixed:>6} {left:>5} "
                  f"{outcome.converged!s:>8}")
            if left or fixed != n or not outcome.converged:
                print(f"  FAIL: {n} unclosed divs: {fixed} reported fixed, {left} left", file=sys.stderr)
                failed = True
        first, last = rows[0], rows[-1]
        print(f"\nratios {last[0]}/{first[0]} divs ({last[0] / first[0]:.0f}x the divs): lint {last[1] / first[1]:.1f}x, "
              f"fix {last[2] / first[2]:.1f}x")
        growth = (last[2] / last[1]) / (first[2] / first[1])
        print(f"fix/lint ratio grows {growth:.2f}x from {first[0]} to {last[0]} divs (limit {args.limit})")
        if growth > args.limit:
            failed = True
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
