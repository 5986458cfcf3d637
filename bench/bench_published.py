"""How close `lessonkit schedule` comes to the schedules instructors published for real workshops.

Each file in ../published-schedules/ (beside the clone, like ../shared/: the schedules belong to
the workshops that published them and are not copied into the repository) holds one hand-made schedule: where it was published (`source`), the
local lesson(s) it teaches (`lesson`, folder names in ../shared/corpus or ../shared/corpus-more), its
rows as published (`days`: start, end when given, title, kind, and the local episode a row names),
and `workshop`: the workshop-file options read off those rows mechanically. Day 1 gives start, end,
welcome (its first row, when a welcome), wrap-up (its last row, when a wrap-up) and the grid (its
breaks and lunch at their times and lengths); `day:` holds what a later day does differently;
`break`/`lunch` are the usual lengths (lunch 0 when there is none); rows of other kinds inside a
day are `rows:` at their times; `lessons:` lists the episodes the rows name, in published order,
with `new-day` for a lesson that starts a day; `max-block` and `lunch-after` are described below.

Each schedule is planned in-process the way `lessonkit schedule workshop.yml` plans it, twice:
"grid" with the published breaks as the grid, "gridless" with the same day shape but no grid.
The gridless plan also gets `max-block` (the longest published stretch between breaks) and
`lunch-after` (day 1's published lunch), which a grid makes inert. The plan scored fills the
published days with `fit: scale` (its factor is shown: x1.00 is the lesson's own minutes); the
day count is the plan's without `days` and without scaling.

Measured:
- breaks: a published coffee break or lunch counts when lessonkit has a break of the same kind
  on the same day starting within 10 minutes of it (lessonkit's breaks with no published one
  that close are counted as extra);
- days: whether the lesson's own minutes give the published number of days;
- episode starts: for each episode a published row starts, how many minutes lessonkit's first
  part of it starts away, counted in the published schedule's teaching time: its breaks and lunch
  do not count, and a start on another day counts the teaching time in between.

Run from the repository's root:  .venv/bin/python bench/bench_published.py [--data DIR] [NAME ...]
(`--side-by-side` also prints each day as published and as lessonkit plans it on the grid.)
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
from pathlib import Path

import yaml

from lessonkit.errors import LessonError
from lessonkit.schedule import plan as planning
from lessonkit.schedule.options import OptionError, clock, make_options, parse_time
from lessonkit.schedule.workshop import choose_segments, load_workshop

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT.parent / "published-schedules"
CORPORA = (ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus-more")
NEAR = 10  # minutes: a break this close to the published one is the same break
FAR = 15  # minutes: a break further off than this, or missing, is listed after the table


def lesson_folder(name: str) -> Path | None:
    return next((corpus / name for corpus in CORPORA if (corpus / name).is_dir()), None)


def workshop_file(data: dict, grid: bool, folders: dict[str, Path], **extra) -> dict:
    """The workshop file for one mode: lessons by path, and without the grid when gridless."""
    workshop = copy.deepcopy(data["workshop"])
    workshop["lessons"] = [{"path": str(folders[entry["lesson"]]), **{k: v for k, v in entry.items() if k != "lesson"}}
                           for entry in workshop["lessons"]]
    if grid:  # the gridless planner's own settings: inert on a grid, left out to keep the plan as asked
        workshop.pop("max-block", None)
        workshop.pop("lunch-after", None)
    else:
        workshop.pop("grid", None)
        for number, change in list(workshop.get("day", {}).items()):
            change.pop("grid", None)
            if not change:
                del workshop["day"][number]
        if not workshop.get("day"):
            workshop.pop("day", None)
    workshop.update(extra)
    return {key: value for key, value in workshop.items() if value is not None}


def planned(workshop: dict) -> planning.Schedule:
    """What `lessonkit schedule workshop.yml` plans: the file read and checked, the lessons' episodes chosen."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "workshop.yml"
        path.write_text(yaml.safe_dump(workshop, sort_keys=False), encoding="utf-8")
        loaded = load_workshop(path)
        options = make_options(loaded.values)
        chosen = choose_segments(loaded, options.lesson_breaks, relative_links=False)
        return planning.plan(chosen.segments, options)


def plan_mode(data: dict, grid: bool, folders: dict[str, Path]):
    """(schedule scored: the published days filled with `fit: scale`, days the lesson's own minutes take, factor)."""
    own_days = len(planned(workshop_file(data, grid, folders, days=None)).days)
    scaled = planned(workshop_file(data, grid, folders, fit="scale"))
    return scaled, own_days, scaled.scale


def published_rows(data: dict):
    """Each row as (day, start, end, row); a row's end is given or the next row's start."""
    for number, rows in enumerate(data["days"], 1):
        for index, row in enumerate(rows):
            end = row.get("end") or rows[index + 1]["start"]
            yield number, parse_time(row["start"]), parse_time(end), row


def published_starts(data: dict) -> dict[tuple[str, str], tuple[int, int]]:
    """(lesson, episode) -> (day, start) for each episode a row starts: a row's first episode not seen before."""
    lessons = data["lesson"] if isinstance(data["lesson"], list) else [data["lesson"]]
    starts: dict[tuple[str, str], tuple[int, int]] = {}
    for day, start, _, row in published_rows(data):
        if "episode" not in row:
            continue
        names = row["episode"] if isinstance(row["episode"], list) else [row["episode"]]
        lesson = row.get("lesson", lessons[0])
        new = [name for name in names if (lesson, name) not in starts]
        if new:
            starts[(lesson, new[0])] = (day, start)
            for name in new[1:]:
                starts[(lesson, name)] = None  # starts somewhere inside the row: not scored
    return {key: value for key, value in starts.items() if value is not None}


def planned_starts(schedule, data: dict) -> dict[tuple[str, str], tuple[int, int]]:
    entries = data["workshop"]["lessons"]
    starts = {}
    for number, day in enumerate(schedule.days, 1):
        for item in day.items:
            if item.kind == "episode" and item.first == 0:
                key = (entries[item.segment.group]["lesson"], Path(item.segment.timing.rel).name)
                starts.setdefault(key, (number, item.start))
    return starts


def score(schedule, data: dict) -> dict:
    rows = list(published_rows(data))
    bounds = {day: (min(r[1] for r in rows if r[0] == day), max(r[2] for r in rows if r[0] == day)) for day, *_ in rows}
    pauses = {day: [(start, end) for d, start, end, row in rows if d == day and row["kind"] in ("break", "lunch")]
              for day in bounds}

    def teaching(day: int, until: int) -> int:  # published minutes of day before `until`, breaks and lunch left out
        first, last = bounds[day]
        until = max(first, min(until, last))
        return until - first - sum(max(0, min(end, until) - start) for start, end in pauses[day])

    def position(day: int, at: int) -> int:  # teaching minutes into the workshop, on the published clock
        day = min(day, len(bounds))
        return sum(teaching(d, bounds[d][1]) for d in range(1, day)) + teaching(day, at)

    ours = {number: [(item.start, item.kind) for item in day.items if item.kind in ("break", "lunch")]
            for number, day in enumerate(schedule.days, 1)}
    ends = {number: day.end for number, day in enumerate(schedule.days, 1)}
    hits, off = 0, []
    breaks = [(day, start, row["kind"]) for day, start, _, row in rows if row["kind"] in ("break", "lunch")]
    for day, start, kind in breaks:
        near = [at - start for at, what in ours.get(day, []) if what == kind]
        nearest = min(near, key=abs) if near else None
        hits += nearest is not None and abs(nearest) <= NEAR
        if nearest is None or abs(nearest) > FAR:
            if day not in ends or ends[day] <= start:
                why = f"none, lessonkit's day ends {clock(ends[day])}" if day in ends else "none, no such day"
            else:
                why = "none" if nearest is None else f"{nearest:+d} min"
            off.append(f"day {day} {kind} {clock(start)}: {why}")
    extra = sum(not any(d == day and k == kind and abs(start - at) <= NEAR for d, start, k in breaks)
                for day, found in ours.items() for at, kind in found)
    theirs, planned_at = published_starts(data), planned_starts(schedule, data)
    deltas = {key: position(*planned_at[key]) - position(*theirs[key]) for key in theirs if key in planned_at}
    return {"hits": hits, "breaks": len(breaks), "extra": extra, "off": off, "deltas": deltas}


def side_by_side(name: str, data: dict, schedule) -> None:
    """Each day's rows as published, and lessonkit's on the grid, in time order."""
    print(f"\n## {name}")
    ours = [[(item.start, item.kind, item.title) for item in day.items] for day in schedule.days]
    for number in range(1, max(len(data["days"]), len(ours)) + 1):
        theirs = [(start, row["kind"], row["title"]) for day, start, _, row in published_rows(data) if day == number]
        planned = ours[number - 1] if number <= len(ours) else []
        print(f"day {number}   {'published':46} | lessonkit")
        for at in sorted({start for start, *_ in theirs + planned}):
            left = "; ".join(f"{kind}: {title}"[:40] for start, kind, title in theirs if start == at)
            right = "; ".join(f"{kind}: {title}"[:48] for start, kind, title in planned if start == at)
            print(f"  {clock(at)}  {left:46} | {right}")


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=PUBLISHED, help="the folder of published schedules")
    parser.add_argument("--side-by-side", action="store_true", help="print each day as published and as planned")
    parser.add_argument("names", nargs="*", help="only these schedules (file names without .yml)")
    options = parser.parse_args(arguments)
    if not options.data.is_dir():
        print(f"no published schedules: {options.data} is not a folder (see this script's docstring)")
        return 0
    files = sorted(options.data.glob("*.yml"))
    if options.names:
        files = [path for path in files if path.stem in options.names]
    results, notes = [], []
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lessons = data["lesson"] if isinstance(data["lesson"], list) else [data["lesson"]]
        folders = {name: lesson_folder(name) for name in lessons}
        if None in folders.values():
            missing = ", ".join(name for name, folder in folders.items() if folder is None)
            print(f"skip {path.stem}: lesson {missing} is not in ../shared/corpus or ../shared/corpus-more")
            continue
        row = {"name": path.stem, "days": len(data["days"])}
        try:
            for mode in ("grid", "gridless"):
                schedule, own_days, factor = plan_mode(data, mode == "grid", folders)
                row[mode] = {"own_days": own_days, "scale": factor, **score(schedule, data)}
                if options.side_by_side and mode == "grid":
                    side_by_side(path.stem, data, schedule)
        except (OptionError, LessonError) as error:
            print(f"skip {path.stem}: lessonkit could not plan it: {error}")
            continue
        results.append(row)
    if not results:
        print("no published schedules could be planned")
        return 0

    header = (f"{'schedule':40} {'days':>7} | {'grid: scale':>11} {'breaks':>6} {'eps':>3} {'mean|d|':>7} "
              f"{'max|d|':>6} | {'gridless: days':>14} {'scale':>5} {'breaks':>6} {'extra':>5} {'mean|d|':>7}")
    print(header)
    print("-" * len(header))
    for row in results:
        grid, free = row["grid"], row["gridless"]
        gd = [abs(d) for d in grid["deltas"].values()]
        fd = [abs(d) for d in free["deltas"].values()]
        print(f"{row['name']:40} {row['days']:>3}/{grid['own_days']:<3} | {'x%.2f' % grid['scale']:>11} "
              f"{grid['hits']:>3}/{grid['breaks']:<2} {len(gd):>3} {statistics.mean(gd) if gd else 0:>7.1f} "
              f"{max(gd, default=0):>6} | {free['own_days']:>14} {'x%.2f' % free['scale']:>5} "
              f"{free['hits']:>3}/{free['breaks']:<2} {free['extra']:>5} {statistics.mean(fd) if fd else 0:>7.1f}")
        parts = []
        own = sorted({grid["own_days"], free["own_days"]})
        if own != [row["days"]]:
            parts.append(f"the lesson's own minutes take {'/'.join(map(str, own))} day(s), not {row['days']}")
        parts += [f"{mode}: " + "; ".join(row[mode]["off"]) for mode in ("grid", "gridless") if row[mode]["off"]]
        if parts:
            notes.append(f"  {row['name']}: " + " | ".join(parts))

    def total(mode: str, key: str) -> int:
        return sum(row[mode][key] for row in results)

    all_grid = [abs(d) for row in results for d in row["grid"]["deltas"].values()]
    all_free = [abs(d) for row in results for d in row["gridless"]["deltas"].values()]
    print()
    print(f"breaks within {NEAR} min: grid {total('grid', 'hits')}/{total('grid', 'breaks')}, "
          f"gridless {total('gridless', 'hits')}/{total('gridless', 'breaks')} "
          f"(extra breaks: grid {total('grid', 'extra')}, gridless {total('gridless', 'extra')})")
    same = {mode: sum(r[mode]["own_days"] == r["days"] for r in results) for mode in ("grid", "gridless")}
    print(f"same day count (own minutes): grid {same['grid']}/{len(results)}, "
          f"gridless {same['gridless']}/{len(results)}")
    for label, values in (("grid", all_grid), ("gridless", all_free)):
        if values:
            print(f"episode starts ({label}): {len(values)} scored, within {FAR} min {sum(v <= FAR for v in values)}, "
                  f"median |d| {statistics.median(values):.0f} min, mean {statistics.mean(values):.1f}, "
                  f"max {max(values)}")
    if notes:
        print(f"\nday counts that differ, and breaks more than {FAR} min off or missing:")
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
