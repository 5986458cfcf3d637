"""Timings read from episodes: sandpaper's fallbacks, day starts and BREAK points with estimates."""

from pathlib import Path

import pytest

from lessonkit.lesson import Lesson
from lessonkit.schedule.timings import (BreakPoint, EpisodeTiming, Section, episode_timing, lesson_timings,
                                        needs_arbitrary_split)

MINI = Path(__file__).parent / "fixtures" / "schedule" / "mini"


@pytest.fixture(scope="module")
def timings():
    return {t.rel: t for t in lesson_timings(Lesson.load(MINI))}


def test_minutes_and_order(timings):
    assert list(timings) == ["episodes/intro.md", "episodes/long.md", "episodes/coffee.md",
                             "episodes/odd-timings.md", "episodes/day-two.md"]
    intro = timings["episodes/intro.md"]
    assert (intro.teaching, intro.exercises, intro.minutes, intro.warnings) == (20, 10, 30, ())
    assert intro.lesson == "Mini Lesson" and intro.title == "Intro | Basics"


def test_invalid_timings_fall_back_to_five_minutes_with_a_warning(timings):
    odd = timings["episodes/odd-timings.md"]
    # PyYAML would read 1:30 as 90 (base 60); sandpaper takes only all-digit text.
    assert (odd.teaching, odd.exercises) == (5, 5)
    assert len(odd.warnings) == 2
    assert "odd-timings.md:3" in odd.warnings[0] and "1:30" in odd.warnings[0]


def test_break_episode_and_day_start(timings):
    coffee = timings["episodes/coffee.md"]
    assert coffee.is_break and coffee.break_minutes == 15 and coffee.sandpaper_minutes == 15
    assert timings["episodes/day-two.md"].starts_day  # `start: yes`, YAML 1.1's true
    assert not timings["episodes/intro.md"].starts_day


def test_break_points_are_instructor_divs_headed_break(timings):
    long = timings["episodes/long.md"]
    # "## Breaks and Schedule" is not a marker; the BREAK sits after 30 of 60 teaching lines.
    assert [(p.heading, p.minutes_before) for p in long.break_points] == [("BREAK", 30)]
    assert [p.heading for p in timings["episodes/day-two.md"].break_points] == ["Break (15 min)"]
    assert long.cut_points() == [0, 30, 90]


def test_exercise_lines_carry_exercise_minutes(tmp_path):
    (tmp_path / "episodes").mkdir()
    (tmp_path / "config.yaml").write_text("title: T\nepisodes:\n- a.md\n")
    body = ["---", "title: A", "teaching: 10", "exercises: 40", "---", "", "Teach.", "",
            "::: challenge", "## Ex 1", "Do.", ":::", "", "::: instructor", "## break", ":::", "",
            "::: challenge", "## Ex 2", "Do.", ":::", "", "Teach again."]
    (tmp_path / "episodes" / "a.md").write_text("\n".join(body) + "\n")
    timing = episode_timing(Lesson.load(tmp_path).episodes[0])
    # before the marker: 1 of 2 teaching lines (5 min) and 2 of 4 exercise lines (20 min)
    assert timing.break_points[0].minutes_before == 25


def test_missing_front_matter_is_recorded_as_defaulted_not_warned_per_value(tmp_path):
    # the command line says it once for the lesson (see test_schedule_cli), not twice per episode
    (tmp_path / "episodes").mkdir()
    (tmp_path / "config.yaml").write_text("title: T\nepisodes:\n- a.md\n")
    (tmp_path / "episodes" / "a.md").write_text("No front matter.\n")
    timing = episode_timing(Lesson.load(tmp_path).episodes[0])
    assert timing.minutes == 10 and timing.warnings == () and timing.defaulted == ("teaching", "exercises")


def test_sections_and_exercises_are_placed_by_their_share_of_the_text(tmp_path):
    (tmp_path / "episodes").mkdir()
    (tmp_path / "config.yaml").write_text("title: T\nepisodes:\n- a.md\n")
    prose = " ".join(["word"] * 36)  # one line of 36 words weighs as three lines
    body = ["---", "title: A", "teaching: 40", "exercises: 20", "---", "", "## Start", "", prose, "",
            "## Code", "", "```python", "x = 1", "y = 2", "z = 3", "```", "",
            "::: challenge", "## Try it", "Do.", ":::", "", "::: callout", "## Not a section", "Note.", ":::", "",
            "## End", "", "Bye."]
    (tmp_path / "episodes" / "a.md").write_text("\n".join(body) + "\n")
    timing = episode_timing(Lesson.load(tmp_path).episodes[0])
    # teaching weight: "## Start" 1, prose 3, "## Code" 1, code 3, callout heading and text 2, "## End" 1, "Bye." 1
    # = 12 units for 40 minutes; exercises: 2 lines for 20 minutes
    assert [(s.title, s.minutes_before) for s in timing.sections] == [("Start", 0), ("Code", 13), ("End", 53)]
    (first, last), = timing.exercise_spans
    assert (first, last) == (27, 47)
    assert timing.section_at(30).title == "Code" and timing.section_at(13).title == "Code"


def test_with_minutes_moves_every_estimate():
    timing = EpisodeTiming("L", "A", "episodes/a.md", 60, 30, break_points=(BreakPoint(3, "BREAK", 45),),
                           sections=(Section(5, "S", 30),), exercise_spans=((60, 90),))
    half = timing.with_minutes(45)
    assert (half.teaching, half.exercises, half.break_points[0].minutes_before) == (30, 15, 22)
    assert half.sections[0].minutes_before == 15 and half.exercise_spans == ((30, 45),)


def test_minutes_are_what_sandpaper_counts(tmp_path):
    # the same decision as LK303 (FrontMatter.minutes): quoted '10' is 10, 010 is octal 8 (with a
    # warning), 10.0 is 10, and a break it cannot read is no break
    (tmp_path / "episodes").mkdir()
    (tmp_path / "config.yaml").write_text("title: T\nepisodes:\n- a.md\n- b.md\n")
    (tmp_path / "episodes" / "a.md").write_text("---\ntitle: A\nteaching: '10'\nexercises: 010\n---\n\nText.\n")
    (tmp_path / "episodes" / "b.md").write_text("---\ntitle: B\nteaching: 10.0\nexercises: 0\nbreak: soon\n---\n\nText.\n")
    a, b = lesson_timings(Lesson.load(tmp_path))
    assert (a.teaching, a.exercises) == (10, 8)
    assert len(a.warnings) == 1 and "octal number 8" in a.warnings[0]
    assert (b.teaching, b.exercises, b.break_minutes) == (10, 0, 0)
    assert len(b.warnings) == 1 and "break: soon" in b.warnings[0] and "using 0" in b.warnings[0]


def test_needs_arbitrary_split():
    plain = EpisodeTiming("L", "T", "episodes/t.md", 60, 60)
    assert needs_arbitrary_split(plain, 90)
    assert not needs_arbitrary_split(plain, 120)
    marked = EpisodeTiming("L", "T", "episodes/t.md", 60, 60, break_points=(BreakPoint(10, "BREAK", 60),))
    assert not needs_arbitrary_split(marked, 90)
