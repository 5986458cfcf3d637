"""The planner's invariants over random workshops, on a grid and without one (hypothesis), plus
fixed cases for what each kind of day does."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit.lesson import Lesson
from lessonkit.schedule.options import GridBreak, OptionError, Options, Row, make_options
from lessonkit.schedule.plan import PLACE_COST, SECTION, SNAP, STEP, Segment, plan, relative
from lessonkit.schedule.render import render_json
from lessonkit.schedule.timings import BreakPoint, EpisodeTiming, Section, lesson_timings

BREAKS = {"break", "lunch"}


@st.composite
def episode_timings(draw, index):
    if draw(st.integers(0, 9)) == 0:  # a break episode
        return EpisodeTiming("L", draw(st.sampled_from([f"Break {index}", "Lunch", "End Part 1"])),
                             f"episodes/{index:02d}-break.md", 0, 0, break_minutes=draw(st.integers(5, 60)),
                             starts_day=draw(st.booleans()))
    teaching, exercises = draw(st.integers(0, 200)), draw(st.integers(0, 120))
    total = teaching + exercises
    inner = sorted(draw(st.lists(st.integers(1, max(total - 1, 1)), max_size=3))) if total > 1 else []
    points = tuple(BreakPoint(10 + n, "BREAK", minutes) for n, minutes in enumerate(inner))
    marks = sorted(draw(st.lists(st.integers(0, max(total - 1, 0)), max_size=6))) if total else []
    sections = tuple(Section(20 + n, f"Section {n}", minutes) for n, minutes in enumerate(marks))
    return EpisodeTiming("L", f"Episode {index}", f"episodes/{index:02d}.md", teaching, exercises,
                         break_minutes=draw(st.sampled_from([0, 0, 0, 10])), starts_day=draw(st.integers(0, 5)) == 0,
                         break_points=points, sections=sections)


@st.composite
def workshops(draw):
    count = draw(st.integers(1, 12))
    segments = []
    for index in range(count):
        timing = draw(episode_timings(index))
        start = draw(st.integers(0, 19))  # now and then a new day, or the next half-day
        segments.append(Segment(timing, new_day=start == 0, new_half_day=start == 1,
                                instructors=draw(st.sampled_from([(), ("Ana",), ("Ana", "Ben")])),
                                lesson_breaks=draw(st.booleans())))
    if not any(segment.timing.minutes for segment in segments):
        segments.append(Segment(EpisodeTiming("L", "Last", "episodes/last.md", 30, 10)))
    return segments


def fives(low: int, high: int):
    return st.integers(low // STEP, high // STEP).map(lambda n: n * STEP)


@st.composite
def option_sets(draw, grid: bool):
    start = draw(fives(6 * 60, 11 * 60))
    welcome, wrap_up = draw(fives(0, 30)), draw(fives(0, 30))
    end = draw(fives(start + welcome + wrap_up + 60, min(start + 11 * 60, 23 * 60 + 55)))
    lunch = draw(fives(0, 90))
    values = dict(start=start, end=end, max_block=draw(fives(10, 180)), coffee=draw(fives(5, 30)), lunch=lunch,
                  lunch_after=draw(fives(10 * 60, 14 * 60)), welcome=welcome, wrap_up=wrap_up)
    first, last = start + welcome, end - wrap_up
    if grid:
        times = sorted(set(draw(st.lists(fives(first + 20, last - 40), max_size=5))))
        entries, free = [], first
        for at in times:
            if at >= free + 10:  # room for a row after lunch, and the rows before the wrap-up
                minutes = draw(st.sampled_from([None, 10, 15]))
                is_lunch = not any(entry.lunch for entry in entries) and draw(st.integers(0, 3)) == 0
                length = minutes or (lunch or 60 if is_lunch else values["coffee"])
                if at + length + 5 <= last - 30:
                    entries.append(GridBreak(at, minutes, is_lunch))
                    free = at + length + 5
        values["grid"] = tuple(entries)
    rows = []
    if draw(st.booleans()):
        rows.append(Row("Survey", draw(fives(5, 20)), before="wrap-up", days=draw(st.sampled_from([None, frozenset({0})]))))
    if draw(st.booleans()):
        rows.append(Row("Icebreaker", draw(fives(5, 15)), after="welcome", days=frozenset({1})))
    if lunch and draw(st.booleans()):  # a row that goes with lunch needs one
        rows.append(Row("Energiser", 5, after="lunch"))
    values["rows"] = tuple(rows)
    options = Options(**values)
    return options


def teaching_window(options: Options, number: int) -> tuple[int, int]:
    day = options.for_day(number)
    return day.start, day.end


# How far the clock may be from the episode estimates, summed from the start or the last day a
# lesson starts: a part's end moves to a place the content offers (SNAP, or an episode end a little
# further), and later parts give the difference back; an episode's end inside a part falls on the
# 5-minute grid, which is up to 2 minutes more.
DRIFT_BOUND = SNAP + PLACE_COST[SECTION] + STEP // 2


def check_invariants(schedule, segments, options, grid: bool):
    segments = [s for s in segments if s.timing.minutes or s.timing.is_break]  # as plan() takes them
    half_days, waiting = set(), False  # the episodes a new half-day starts with (a break episode may ask for it)
    for order, segment in enumerate(segments):
        waiting = waiting or segment.new_half_day
        if waiting and segment.timing.minutes:
            half_days.add(order)
            waiting = False
    sequence = []
    covered: dict[int, int] = {}
    for day in schedule.days:
        items = day.items
        assert items, "no empty days"
        start, end = teaching_window(options, day.index + 1)
        for before, after in zip(items, items[1:]):
            assert before.end <= after.start, "items never overlap"
        assert items[0].start >= start
        assert items[-1].end <= end, "a plan never runs past a day's end"
        for item in items:
            assert item.minutes > 0
            assert item.start % STEP == 0 and item.end % STEP == 0, "times fall on the 5-minute grid"
        stretch = 0
        for number, item in enumerate(items):
            if item.kind == "episode":
                stretch += item.minutes
                if not grid:
                    assert stretch <= options.max_block, "no stretch of teaching longer than max-block"
                sequence.append((item.order, item.first))
                assert item.first == covered.get(item.order, 0), "every minute taught once, in order"
                covered[item.order] = item.last
            elif item.kind in BREAKS:
                stretch = 0
        rows_where_asked(day, options)
        half_days_start_after_lunch(day, half_days)
        if grid:
            grid_breaks_kept(day, options)
    assert sequence == sorted(sequence), "episode order is kept"
    drift = 0  # content minutes taught beyond the clock minutes given them, since a day or half-day an entry starts
    for day in schedule.days:
        drift = 0 if day.asked else drift
        for item in (item for item in day.items if item.kind == "episode"):
            drift = 0 if item.order in half_days and item.first == 0 else drift
            drift += item.last - item.first - item.minutes
            assert abs(drift) <= DRIFT_BOUND, "the plan never runs far ahead of or behind the estimates"
    for order, segment in enumerate(segments):
        if segment.timing.minutes:
            assert covered.get(order) == segment.timing.minutes, "every minute of every chosen episode is taught"


def rows_where_asked(day, options):
    items = day.items
    kinds = [(item.kind, item.title) for item in items]
    last = None
    for row in options.rows:
        if not row.on(day.index + 1, last=False):
            continue
        index = kinds.index(("row", row.title)) if ("row", row.title) in kinds else None
        if row.after == "welcome" and any(kind == "welcome" for kind, _ in kinds):
            assert index is not None and kinds[index - 1][0] == "welcome"
            assert items[index - 1].end == items[index].start
        if row.before == "wrap-up" and ("wrap-up", "Wrap-up") in kinds:
            assert index is not None and kinds[index + 1] == ("wrap-up", "Wrap-up")
        if row.after == "lunch":
            lunches = [n for n, (kind, _) in enumerate(kinds) if kind == "lunch" and items[n].segment is None]
            for n in lunches:
                assert kinds[n + 1] == ("row", row.title) and items[n].end == items[n + 1].start
        last = index
    return last


def half_days_start_after_lunch(day, half_days):
    """An entry that starts at the next half-day starts the day's teaching, or the first after a lunch."""
    for number, item in enumerate(day.items):
        if item.kind == "episode" and item.order in half_days and item.first == 0:
            before = [other.kind for other in day.items[:number] if other.kind in ("episode", "lunch")]
            assert not before or before[-1] == "lunch", "a new half-day starts after lunch"


def grid_breaks_kept(day, options):
    """Every grid break the day's teaching runs through is there, at its time (not one while an
    entry waits for the afternoon: nothing taught from it to lunch)."""
    settings = options.for_day(day.index + 1)
    taught = [item for item in day.items if item.kind == "episode"]
    if not taught:
        return
    last_teaching = taught[-1].end
    starts = {item.start: item for item in day.items if item.kind in BREAKS}
    for entry in settings.grid:
        if entry.at < last_teaching and entry.at >= settings.start + settings.welcome:
            following = next(item for item in day.items if item.start >= entry.at and item.kind in ("episode", "lunch"))
            idle = following.kind == "lunch" and not any(i.start < entry.at < i.end for i in taught)
            assert entry.at in starts or (idle and not entry.lunch), f"grid break at {entry.at} kept"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops(), option_sets(grid=False))
def test_gridless_plan_invariants(segments, options):
    schedule = plan(segments, options)
    check_invariants(schedule, segments, options, grid=False)
    assert render_json(plan(segments, options)) == render_json(schedule), "deterministic"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops(), option_sets(grid=True))
def test_grid_plan_invariants(segments, options):
    schedule = plan(segments, options)
    check_invariants(schedule, segments, options, grid=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops(), option_sets(grid=False), st.integers(1, 4))
def test_fit_scale_fills_the_days_asked_for(segments, options, days):
    options = make_options({"days": days, "fit": "scale"}, options)
    try:
        schedule = plan(segments, options)
    except OptionError as error:
        assert "do not fit" in str(error)  # even a tenth is too much: said, not planned
        return
    assert len(schedule.days) <= days and schedule.scale is not None
    check_invariants(schedule, [s for s in segments], options, grid=False) if schedule.scale == 1 else None


@settings(max_examples=100, deadline=None)
@given(workshops())
def test_relative_is_sandpapers_cumulative_sum(segments):
    items = relative(segments).days[0].items
    timings = [segment.timing for segment in segments]
    assert [item.start for item in items] == [sum(t.sandpaper_minutes for t in timings[:n]) for n in range(len(timings))]


@st.composite
def lesson_folders(draw):
    episodes = []
    for index in range(draw(st.integers(1, 5))):
        lines = [f"Teaching line {n} with a few more words." for n in range(draw(st.integers(0, 30)))]
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(lines)))
            heading = draw(st.sampled_from(["BREAK", "Break (10 min)", "break", "Breaks and Schedule", "Notes"]))
            lines[at:at] = ["", "::: instructor", f"## {heading}", ":::", ""]
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(lines)))
            lines[at:at] = ["", f"## Section {at}", ""]
        if draw(st.booleans()):
            lines += ["", "::: challenge", "## Exercise", "Do it.", ":::"]
        teaching = draw(st.sampled_from(["0", "10", "45", "90", "1:30", "'20'", "x"]))
        exercises = draw(st.sampled_from(["0", "15", "60", ""]))
        head = ["---", f"title: Episode {index}", f"teaching: {teaching}", f"exercises: {exercises}"]
        if draw(st.booleans()):
            head.append("start: yes")
        episodes.append("\n".join(head + ["---", ""] + lines) + "\n")
    return episodes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lesson_folders(), option_sets(grid=False))
def test_plan_invariants_on_generated_lesson_folders(episodes, options):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "episodes").mkdir()
        names = [f"{n:02d}.md" for n in range(len(episodes))]
        (root / "config.yaml").write_text("title: Generated\nepisodes:\n" + "".join(f"- {n}\n" for n in names))
        for name, text in zip(names, episodes):
            (root / "episodes" / name).write_text(text)
        timings = lesson_timings(Lesson.load(root))
    segments = [Segment(timing) for timing in timings]
    for timing in timings:
        assert all(0 <= s.minutes_before <= timing.minutes for s in timing.sections)
    try:
        schedule = plan(segments, options)
    except OptionError as error:
        assert "nothing to schedule" in str(error)
        return
    check_invariants(schedule, [s for s in segments if s.timing.minutes or s.timing.is_break], options, grid=False)


# -- fixed cases ----------------------------------------------------------------------------------

def episode(title, teaching, exercises=0, **details):
    return Segment(EpisodeTiming("L", title, f"episodes/{title.lower()}.md", teaching, exercises, **details))


def rows_of(day):
    return [(f"{item.start // 60:02d}:{item.start % 60:02d}", item.kind, item.title) for item in day.items]


def test_grid_breaks_stay_put_and_content_flows_through_them():
    segments = [episode("A", 100), episode("B", 100), episode("C", 100)]
    options = make_options({"start": "09:00", "end": "13:00", "welcome": 0, "wrap-up": 0, "lunch": 0,
                            "grid": ["10:30", "11:45"], "break": 15})
    schedule = plan(segments, options)
    for day in schedule.days:
        breaks = [row[0] for row in rows_of(day) if row[1] == "break"]
        assert breaks == ["10:30", "11:45"][:len(breaks)]
    first = rows_of(schedule.days[0])
    # A's 100 minutes end at the 10:30 break (10 faster than estimated: an episode end within reach),
    # and B runs on through the 11:45 break
    assert first[:4] == [("09:00", "episode", "A"), ("10:30", "break", "Coffee break"), ("10:45", "episode", "B"),
                         ("11:45", "break", "Coffee break")]
    assert first[4] == ("12:00", "episode", "B")


def test_grid_part_end_moves_to_an_episode_end_within_reach():
    # A ends 8 minutes before the 10:30 break: its end meets the break, B starts after it
    segments = [episode("A", 82), episode("B", 60)]
    options = make_options({"start": "09:00", "end": "12:00", "welcome": 0, "wrap-up": 0, "lunch": 0,
                            "grid": ["10:30"], "break": 15})
    assert rows_of(plan(segments, options).days[0])[:3] == [
        ("09:00", "episode", "A"), ("10:30", "break", "Coffee break"), ("10:45", "episode", "B")]


def test_grid_part_end_moves_no_further_ahead_than_the_next_slot_gives_back():
    # A (131) would end at the 10:15 lunch, 16 faster than estimated, but the 10-minute slot after
    # lunch cannot give 16 back: B's 21 minutes would be taught in 10. A runs on into that slot.
    segments = [episode("A", 131), episode("B", 21), episode("C", 100)]
    options = make_options({"start": "08:20", "end": "14:00", "welcome": 0, "wrap-up": 0, "lunch": 10,
                            "grid": [{"at": "10:15", "lunch": True}, {"at": "10:40", "minutes": 10}],
                            "rows": [{"title": "Energiser", "minutes": 5, "after": "lunch"}]})
    parts = [(item.title, item.first, item.last, item.minutes) for item in plan(segments, options).items()
             if item.kind == "episode"]
    assert parts[:3] == [("A", 0, 115, 115), ("A", 115, 131, 10), ("B", 0, 21, 20)]


def test_grid_split_without_a_break_note_is_at_a_section():
    sections = (Section(10, "Loops", 40), Section(20, "Dense layers", 95), Section(30, "Tail", 150))
    segments = [episode("A", 180, sections=sections)]
    options = make_options({"start": "09:00", "end": "13:00", "welcome": 0, "wrap-up": 0, "lunch": 0,
                            "grid": ["10:40"], "break": 15})
    parts = [item for item in plan(segments, options).items() if item.kind == "episode"]
    assert (parts[0].last, parts[0].split, parts[1].section, parts[1].section_exact) == (95, "section", "Dense layers",
                                                                                      True)


def test_gridless_breaks_are_regular_from_day_to_day():
    # sections every 10 minutes: the breaks can be where the day's shape puts them, every day
    sections = tuple(Section(n, f"S{n}", n * 5) for n in range(1, 200))
    segments = [episode("Long", 1000, sections=sections)]
    schedule = plan(segments, Options())
    times = [[row[0] for row in rows_of(day) if row[1] in BREAKS] for day in schedule.days]
    assert times[0] == times[1] == ["10:30", "12:00", "14:30"], times


def test_gridless_breaks_move_to_episode_ends_nearby():
    segments = [episode(f"E{n}", 60) for n in range(6)]
    first = [row for row in rows_of(plan(segments, Options()).days[0]) if row[1] == "break"][0]
    assert first[0] == "10:15"  # E0 ends at 10:15: 15 minutes before the regular 10:30, not a split


def test_day_a_lesson_starts_is_planned_on_the_estimates_afresh():
    # Day 2 ends by teaching B's last 30 minutes in 20 (B ends with the day); C starts day 3, which
    # does not owe those 10 minutes: before, it did, every part on day 3 ended where it began (coffee
    # after coffee), and the plan failed with "day 3 leaves no time for teaching".
    segments = [episode("B", 230), Segment(EpisodeTiming("L", "C", "episodes/c.md", 21, 0), new_day=True)]
    options = make_options({"start": "10:15", "end": "14:05", "max-block": 20, "break": 15, "lunch": 5,
                            "lunch-after": "13:05", "welcome": 30, "wrap-up": 0,
                            "rows": [{"day": 1, "after": "welcome", "title": "Icebreaker", "minutes": 10},
                                     {"after": "lunch", "title": "Energiser", "minutes": 5}]})
    schedule = plan(segments, options)
    last = [(item.title, item.first, item.last) for item in schedule.days[-1].items if item.kind == "episode"]
    assert len(schedule.days) == 3 and last == [("C", 0, 21)]


def test_days_are_filled_to_their_end():
    segments = [episode(f"E{n}", 37, 11) for n in range(14)]
    schedule = plan(segments, Options())
    for day in schedule.days[:-1]:
        assert day.end >= 16 * 60 + 30 - 15


def test_a_break_episode_of_an_hour_is_the_lunch():
    segments = [episode("A", 90, 30), Segment(EpisodeTiming("L", "End Part 1", "episodes/b.md", 0, 0,
                                                            break_minutes=60)), episode("B", 120, 60)]
    items = plan(segments, Options()).days[0].items
    assert [item.title for item in items if item.kind == "lunch"] == ["End Part 1"]


def test_a_short_spill_is_taught_in_the_wrap_up_of_the_day_before():
    # 350 minutes where a day holds 345 (355 at a brisker pace): not a second day of 10 minutes
    segments = [episode(f"E{n}", 60) for n in range(5)] + [episode("Tail", 50)]
    schedule = plan(segments, Options(max_block=120))
    assert len(schedule.days) == 1
    assert [item.kind for item in schedule.days[0].items][-1] == "episode"
    assert any("teaches through its wrap-up" in note for note in schedule.notes)


def test_a_larger_spill_is_kept_and_says_what_to_cut():
    segments = [episode(f"E{n}", 60) for n in range(6)] + [episode("Tail", 10)]
    schedule = plan(segments, Options())
    assert len(schedule.days) == 2
    assert any("day 2 holds only 40 minutes of teaching: cut about 40 minutes" in w for w in schedule.warnings)
    assert not plan(segments, make_options({"days": 2})).warnings, "asked for: no warning"


def test_not_fitting_says_what_would():
    segments = [episode(f"E{n}", 60, 30) for n in range(8)]
    with pytest.raises(OptionError) as raised:
        plan(segments, make_options({"days": 2}))
    message = str(raised.value)
    assert "does not fit in 2 days" in message and "fit: scale (every episode at" in message
    assert "end each day at" in message and "days: 3" in message


def test_fit_scale_says_the_factor():
    segments = [episode(f"E{n}", 60, 30) for n in range(8)]
    schedule = plan(segments, make_options({"days": 2, "fit": "scale"}))
    assert len(schedule.days) == 2 and 0.5 < schedule.scale < 1
    assert schedule.notes and f"{schedule.scale:.2f}" in schedule.notes[0]
    assert schedule.days[-1].end >= 16 * 60 + 30 - 20, "the content fills the days"


def test_instructors_take_turns_block_by_block():
    segments = [episode(f"E{n}", 45) for n in range(6)]
    schedule = plan(segments, make_options({"instructors": ["Ana", "Ben"]}))
    blocks, current = [], []
    for item in schedule.days[0].items:
        if item.kind in BREAKS:
            blocks.append(current)
            current = []
        elif item.kind == "episode":
            current.append(item.instructor)
    blocks.append(current)
    names = [block[0] for block in blocks if block]
    assert names[:3] == ["Ana", "Ben", "Ana"] and all(len(set(block)) == 1 for block in blocks if block)


def test_dates_count_weekdays_from_a_friday():
    options = make_options({"start-date": "2027-03-05", "days": 3})  # a Friday
    assert [options.date_of(n).isoformat() for n in range(3)] == ["2027-03-05", "2027-03-08", "2027-03-09"]
    listed = make_options({"dates": ["2027-03-01", "2027-03-15"]})
    assert listed.day_limit == 2 and listed.date_of(1) == datetime.date(2027, 3, 15)


def test_timed_rows_and_day_changes():
    segments = [episode(f"E{n}", 60) for n in range(8)]
    options = make_options({"rows": [{"day": 1, "at": "09:30", "title": "Icebreaker", "minutes": 15},
                                     {"before": "wrap-up", "title": "Feedback", "minutes": 10, "day": "last"}],
                            "day": {2: {"start": "10:00"}}})
    schedule = plan(segments, options)
    assert ("09:30", "row", "Icebreaker") in rows_of(schedule.days[0])
    assert schedule.days[1].items[0].start == 10 * 60


def test_lunch_follows_a_row_that_ends_when_lunch_is_due():
    # The morning's 75-minute block ends in a fixed 12:45 row; lunch is due at 13:00, right after it.
    # Before, the row counted as teaching time, a coffee break came at 13:00 and lunch at 13:45.
    segments = [episode(f"E{n}", 90) for n in range(4)]
    options = make_options({"start": "09:00", "end": "17:00", "max-block": 75, "lunch-after": "13:00",
                            "rows": [{"at": "12:45", "title": "Morning wrap-up", "minutes": 15}]})
    day = rows_of(plan(segments, options).days[0])
    row = day.index(("12:45", "row", "Morning wrap-up"))
    assert day[row + 1] == ("13:00", "lunch", "Lunch")


def test_option_errors_name_the_key():
    cases = [({"start": "9am"}, "start: expected a time"), ({"max-block": 0}, "max-block: must be at least 1"),
             ({"grid": ["10:30", "lunch at noon"]}, "grid.2: expected a time"),
             ({"rows": [{"title": "X", "minutes": 5}]}, "rows.1: a row needs exactly one of"),
             ({"day": {2: {"start": "ten"}}}, "day.2.start: expected a time"),
             ({"day": {"x": {}}}, "day.x: expected a day number"),
             ({"fit": "scale"}, "fit: scale needs the number of days"),
             ({"dates": ["2027-03-02", "2027-03-01"]}, "dates: the dates must be in order"),
             ({"colour": "red"}, "colour: unknown option"),
             ({"start": "09:00", "end": "09:30"}, "leaves 0 minutes for teaching")]
    for values, message in cases:
        with pytest.raises(OptionError, match=message):
            make_options(values)
