"""The planner's invariants over random lessons and options (hypothesis), plus a few fixed cases."""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.lesson import Lesson
from lessonkit.schedule.plan import MIN_PIECE, OptionError, Options, make_options, plan, relative
from lessonkit.schedule.render import render_json
from lessonkit.schedule.timings import BreakPoint, EpisodeTiming, lesson_timings, needs_arbitrary_split

GENERATED = {"break", "lunch"}


@st.composite
def episode_timings(draw, index):
    if draw(st.integers(0, 9)) == 0:  # a break episode
        return EpisodeTiming("L", f"Break {index}", f"episodes/{index:02d}-break.md", 0, 0,
                             break_minutes=draw(st.integers(1, 60)), starts_day=draw(st.booleans()))
    teaching, exercises = draw(st.integers(0, 200)), draw(st.integers(0, 200))
    total = teaching + exercises
    inner = draw(st.lists(st.integers(1, max(total - 1, 1)), max_size=4)) if total > 1 else []
    points = tuple(BreakPoint(10 + n, "BREAK", minutes) for n, minutes in enumerate(sorted(inner)))
    return EpisodeTiming("L", f"Episode {index}", f"episodes/{index:02d}.md", teaching, exercises,
                         break_minutes=draw(st.sampled_from([0, 0, 0, 10])), starts_day=draw(st.booleans()),
                         break_points=points)


@st.composite
def lessons(draw):
    count = draw(st.integers(1, 12))
    return [draw(episode_timings(index)) for index in range(count)]


@st.composite
def option_sets(draw):
    start = draw(st.integers(6 * 60, 11 * 60))
    welcome, wrap_up = draw(st.integers(0, 30)), draw(st.integers(0, 30))
    end = draw(st.integers(start + welcome + wrap_up + MIN_PIECE, min(start + 11 * 60, 23 * 60 + 59)))
    return Options(start=start, end=end, max_block=draw(st.integers(5, 180)), coffee=draw(st.integers(1, 30)),
                   lunch=draw(st.integers(0, 90)), lunch_after=draw(st.integers(10 * 60, 14 * 60)),
                   welcome=welcome, wrap_up=wrap_up)


def check_invariants(schedule, timings, options):
    pieces = {}
    sequence = []
    for day in schedule.days:
        items = day.items
        assert items, "no empty days"
        for before, after in zip(items, items[1:]):
            assert before.end <= after.start, "items never overlap"
        assert items[0].start >= options.start
        assert items[-1].end <= options.end, "nothing runs past --end"
        stretch = 0
        for number, item in enumerate(items):
            assert item.minutes > 0
            if item.kind == "episode":
                stretch += item.minutes
                assert stretch <= options.max_block, "no teaching stretch longer than --max-block"
                pieces.setdefault(item.order, []).append(item)
                sequence.append((item.order, item.first))
                if item.split == "block":  # marked, and only where the author left no way round it
                    assert needs_arbitrary_split(item.timing, options.max_block)
                elif item.split is None:
                    assert item.last in item.timing.cut_points(), "unmarked parts end at cut points"
            else:
                stretch = 0
            fixed = item.kind in GENERATED and item.timing is not None
            if fixed:
                for neighbour in (items[number - 1] if number else None, items[number + 1] if number + 1 < len(items) else None):
                    if neighbour is not None and neighbour.kind in GENERATED:
                        assert neighbour.timing is not None, "no generated break next to a break episode"
    assert sequence == sorted(sequence), "episode order is kept"
    for order, timing in enumerate(timings):
        if timing.is_break or timing.minutes == 0:
            assert order not in pieces
            continue
        covered = 0
        for item in pieces[order]:
            assert item.first == covered and item.minutes == item.last - item.first
            covered = item.last
        assert covered == timing.minutes, "every episode minute appears exactly once"
        parts = pieces[order]
        assert [p.part for p in parts] == list(range(1, len(parts) + 1))
        assert all(p.parts == len(parts) for p in parts)


@settings(max_examples=400, deadline=None)
@given(lessons(), option_sets())
def test_plan_invariants(timings, options):
    schedule = plan(timings, options)
    check_invariants(schedule, timings, options)
    assert render_json(plan(timings, options)) == render_json(schedule), "deterministic"


@settings(max_examples=100, deadline=None)
@given(lessons())
def test_relative_is_sandpapers_cumulative_sum(timings):
    items = relative(timings).days[0].items
    assert [item.start for item in items] == [sum(t.sandpaper_minutes for t in timings[:n]) for n in range(len(timings))]


@st.composite
def lesson_folders(draw):
    episodes = []
    for index in range(draw(st.integers(1, 5))):
        lines = [f"Teaching line {n}." for n in range(draw(st.integers(0, 30)))]
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(lines)))
            heading = draw(st.sampled_from(["BREAK", "Break (10 min)", "break", "Breaks and Schedule", "Notes"]))
            lines[at:at] = ["", "::: instructor", f"## {heading}", ":::", ""]
        if draw(st.booleans()):
            lines += ["", "::: challenge", "## Exercise", "Do it.", ":::"]
        teaching = draw(st.sampled_from(["0", "10", "45", "90", "1:30", "'20'", "x"]))
        exercises = draw(st.sampled_from(["0", "15", "60", ""]))
        head = ["---", f"title: Episode {index}", f"teaching: {teaching}", f"exercises: {exercises}"]
        if draw(st.booleans()):
            head.append("start: yes")
        episodes.append("\n".join(head + ["---", ""] + lines) + "\n")
    return episodes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lesson_folders(), option_sets())
def test_plan_invariants_on_generated_lesson_folders(episodes, options):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "episodes").mkdir()
        names = [f"{n:02d}.md" for n in range(len(episodes))]
        (root / "config.yaml").write_text("title: Generated\nepisodes:\n" + "".join(f"- {n}\n" for n in names))
        for name, text in zip(names, episodes):
            (root / "episodes" / name).write_text(text)
        timings = lesson_timings(Lesson.load(root))
    markers = [t.count("## BREAK") + t.count("## Break (") + t.count("## break") for t in episodes]
    assert all(len(t.break_points) <= m for t, m in zip(timings, markers))
    schedule = plan(timings, options)
    check_invariants(schedule, timings, options)


def test_breaks_go_on_break_points_and_boundaries():
    timings = [EpisodeTiming("L", "A", "episodes/a.md", 40, 20),
               EpisodeTiming("L", "B", "episodes/b.md", 60, 60, break_points=(BreakPoint(1, "BREAK", 50),))]
    schedule = plan(timings, Options(welcome=0, lunch=0))
    kinds = [(item.kind, item.title, item.minutes) for item in schedule.days[0].items]
    # A (60) fits; B's first 50 would make 110: break at the boundary; 50 then break at BREAK; 70.
    assert kinds == [("episode", "A", 60), ("break", "Coffee break", 15), ("episode", "B", 50),
                     ("break", "Coffee break", 15), ("episode", "B", 70), ("wrap-up", "Wrap-up", 15)]
    assert not any(item.arbitrary_split for item in schedule.items())


def test_lunch_is_the_first_break_at_lunch_time():
    timings = [EpisodeTiming("L", f"E{n}", f"episodes/{n}.md", 30, 30) for n in range(5)]
    items = plan(timings, Options(max_block=60)).days[0].items
    lunches = [item for item in items if item.kind == "lunch"]
    assert len(lunches) == 1 and lunches[0].start + 15 > 12 * 60
    breaks_before = [item for item in items if item.kind == "break" and item.start < lunches[0].start]
    assert all(item.end <= 12 * 60 for item in breaks_before)


def test_no_break_added_next_to_a_break_episode():
    timings = [EpisodeTiming("L", "A", "episodes/a.md", 45, 45),
               EpisodeTiming("L", "Coffee", "episodes/c.md", 0, 0, break_minutes=20),
               EpisodeTiming("L", "B", "episodes/b.md", 45, 45)]
    kinds = [item.kind for item in plan(timings, Options(welcome=0, lunch=0)).days[0].items]
    assert kinds == ["episode", "break", "episode", "wrap-up"]


def test_start_true_begins_a_new_day_and_long_episodes_continue():
    timings = [EpisodeTiming("L", "A", "episodes/a.md", 30, 0),
               EpisodeTiming("L", "B", "episodes/b.md", 30, 0, starts_day=True),
               EpisodeTiming("L", "C", "episodes/c.md", 300, 300)]
    schedule = plan(timings, Options())
    assert len(schedule.days) >= 3
    assert [i.title for i in schedule.days[1].items if i.kind == "episode"][0] == "B"
    continued = [i for i in schedule.items() if i.continued]
    assert continued and all(i.title == "C" for i in continued)
    assert schedule.days[1].items[0].title == "Welcome back and recap"


def test_days_limit_says_how_many_minutes_are_missing():
    timings = [EpisodeTiming("L", "A", "episodes/a.md", 300, 300)]
    with pytest.raises(OptionError, match=r"does not fit in 1 day: \d+ minutes are missing"):
        plan(timings, Options(days=1))
    assert len(plan(timings, Options(days=2)).days) == 2


def test_option_parsing():
    options = make_options({"start": "08:30", "end": 1020, "max-block": "75", "date": "2027-03-04",
                            "timezone": "Europe/Amsterdam"})
    assert (options.start, options.end, options.max_block, str(options.date)) == (510, 1020, 75, "2027-03-04")
    for name, value in [("start", "9am"), ("max-block", 0), ("days", "two"), ("date", "04/03/2027"),
                        ("timezone", "Mars/Olympus"), ("colour", "red"), ("lunch", True)]:
        with pytest.raises(OptionError, match=name if name != "colour" else "unknown option"):
            make_options({name: value})
    with pytest.raises(OptionError, match="leaves 0 minutes"):
        plan([EpisodeTiming("L", "A", "episodes/a.md", 5, 5)], make_options({"start": "09:00", "end": "09:30"}))
