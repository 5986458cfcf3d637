"""`lessonkit schedule` end to end: formats, options from config.yaml, --check, errors, real lessons."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPORA, CORPUS, NEEDS, corpus_lessons, extra
from lessonkit.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "schedule"
MINI, SECOND = FIXTURES / "mini", FIXTURES / "second"
SAMPLE = REPO / "lesson"


def run(*args, **kwargs):
    return CliRunner().invoke(main, ["schedule", *map(str, args)], **kwargs)


def test_markdown_is_the_default_with_linked_episodes_and_options_from_config():
    result = run(MINI)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("---\ntitle: Schedule\n---\n")
    header = "| Time | Length | Topic |\n|------|--------|-------|\n"
    assert f"## Day 1\n\n{header}| 09:30 | 15 min | Welcome |\n" in out  # start from config.yaml
    assert "| 09:45 | 30 min | [Intro \\| Basics](../episodes/intro.md) |" in out  # escaped for the table
    assert "(part 1 of 2)" in out and "(part 2 of 2)" in out  # the BREAK point splits the long episode
    assert "## Day 2" in out and "Welcome back and recap" in out  # `start: yes`
    assert "| Coffee |" in out  # the break episode, as its title
    assert "odd-timings.md:3: `teaching: 1:30` is not a whole number" in result.stderr
    assert "holds only" not in result.stderr  # day 2 is short because the lesson asks for it


def test_command_line_wins_over_config():
    out = run(MINI, "--start", "08:00", "--welcome", "0").stdout
    assert "| 08:00 | 30 min | [Intro" in out


def test_bad_config_value_names_config_yaml(tmp_path):
    lesson = tmp_path / "lesson"
    (lesson / "episodes").mkdir(parents=True)
    (lesson / "episodes" / "a.md").write_text("---\ntitle: A\nteaching: 5\nexercises: 5\n---\n")
    (lesson / "config.yaml").write_text("title: T\nepisodes:\n- a.md\nlessonkit:\n  schedule:\n    max-block: lots\n")
    result = run(lesson)
    assert result.exit_code == 2
    assert re.search(r"config\.yaml:4: lessonkit: schedule: max-block: expected a whole number", result.stderr)


@pytest.mark.parametrize("args, message", [
    (["--start", "9am"], "--start: expected a time as HH:MM"),
    (["--days", "1", "--end", "11:00", "--no-lesson-breaks"], "minutes of teaching are left over"),
    (["--format", "ics"], "needs the first day's date"),
    (["--grid", "10:30,lunch at noon"], "--grid.2: expected a time"),
    (["--fit", "scale"], "--fit: scale needs the number of days"),
    (["--dates", "2027-03-05,2027-03-01"], "--dates: the dates must be in order"),
    (["--timezone", "Nowhere/Else"], "unknown time zone"),
    (["--start", "09:00", "--end", "09:20"], "leaves 0 minutes for teaching"),
])
def test_errors_exit_2_on_one_line(args, message):
    result = run(MINI, *args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) <= 3  # warnings + the error


def test_json_shape_and_determinism():
    first = run(MINI, SECOND, "--format", "json", "--date", "2027-03-04")
    assert first.exit_code == 0
    assert first.stdout == run(MINI, SECOND, "--format", "json", "--date", "2027-03-04").stdout
    document = json.loads(first.stdout)
    assert {"title", "lessons", "days", "total_minutes", "teaching_minutes", "scale", "left_out", "notes"} <= set(document)
    assert [(day["date"], day["weekday"]) for day in document["days"]] == [("2027-03-04", "Thursday"),
                                                                        ("2027-03-05", "Friday")]
    items = [item for day in document["days"] for item in day["items"]]
    assert {item["kind"] for item in items} <= {"episode", "break", "lunch", "welcome", "wrap-up", "row"}
    keys = {"start", "end", "minutes", "kind", "title", "episode", "part", "parts", "lesson", "arbitrary_split",
            "section", "split", "instructor", "link", "note"}
    assert all(keys <= set(item) for item in items)
    assert all(re.fullmatch(r"\d\d:[0-5][05]", item["start"]) and item["start"][-1] in "05" for item in items)
    assert {item["lesson"] for item in items if item["kind"] == "episode"} == {"Mini Lesson", "Second Lesson"}
    # the second lesson's 90-minute episode has no BREAK point or section, and max-block is 60 (from
    # config.yaml): it is split where the estimate says
    only = [item for item in items if item["title"] == "Only Episode"]
    assert [item["arbitrary_split"] for item in only] == [True, False]
    episode_minutes = sum(item["minutes"] for item in items if item["kind"] == "episode")
    assert document["teaching_minutes"] == episode_minutes


def test_ics_has_one_event_per_block_with_stable_uids_and_timezone(monkeypatch):
    pytest.importorskip("icalendar", reason=extra("icalendar"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    args = (MINI, "--format", "ics", "--date", "2027-03-04", "--timezone", "Europe/Amsterdam")
    first, second = run(*args).stdout, run(*args).stdout
    assert first == second
    uids = re.findall(r"^UID:(.+?)\r?$", first, re.M)
    assert uids and len(set(uids)) == len(uids)
    assert "DTSTART;TZID=Europe/Amsterdam:20270304T093000" in first
    assert "BEGIN:VTIMEZONE" in first
    assert "DTSTAMP:20270115T080000Z" in first  # when it was made: here SOURCE_DATE_EPOCH
    days = json.loads(run(MINI, "--format", "json").stdout)["days"]
    blocks = 0
    for day in days:
        kinds = [item["kind"] for item in day["items"]]
        blocks += 1 + sum(1 for kind in kinds if kind in ("break", "lunch"))
    assert first.count("BEGIN:VEVENT") == blocks
    assert "SUMMARY:Intro | Basics\\; Long Episode" in first  # the block names what it teaches


def test_ics_without_icalendar_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "icalendar", None)
    result = run(MINI, "--format", "ics", "--date", "2027-03-04")
    assert result.exit_code == 2 and "pip install 'lessonkit[ics]'" in result.stderr


def test_output_file_and_check(tmp_path):
    target = tmp_path / "schedule.md"
    assert run(MINI, "-o", target).exit_code == 0
    assert run(MINI, "--check", target).exit_code == 0
    target.write_text(target.read_text().replace("Coffee break", "Tea"))
    result = run(MINI, "--check", target)
    assert result.exit_code == 1
    assert "-| 10:45 | 15 min | Tea |" in result.stdout and "+| 10:45 | 15 min | Coffee break |" in result.stdout
    missing_folder = run(MINI, "-o", tmp_path / "nope" / "schedule.md")
    assert missing_folder.exit_code == 2 and "does not exist" in missing_folder.stderr


def test_check_of_a_missing_file_says_how_to_create_it(tmp_path):
    target = tmp_path / "schedule.md"
    result = run(MINI, "--check", target)
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{target} does not exist: create it with the same options and -o {target}" in result.stderr


def test_ics_check_ignores_when_it_was_made(tmp_path, monkeypatch):
    pytest.importorskip("icalendar", reason=extra("icalendar"))
    target = tmp_path / "schedule.ics"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert run(MINI, "--format", "ics", "--date", "2027-03-04", "-o", target).exit_code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1900000000")
    assert run(MINI, "--format", "ics", "--date", "2027-03-04", "--check", target).exit_code == 0


def test_relative_is_sandpapers_view():
    out = run(MINI, "--relative").stdout
    rows = re.findall(r"^\| (\d\dh \d\dm) \| (.+) \|$", out, re.M)
    assert rows[0] == ("00h 00m", "[Intro \\| Basics](../episodes/intro.md)")
    assert rows[-1] == ("03h 10m", "Finish")  # 30 + 90 + 15 (the break episode) + 10 + 45
    assert "## Day" not in out


def test_own_template_and_html_autoescape(tmp_path):
    template = tmp_path / "mine.html.j2"
    template.write_text("{% for day in days %}{% for row in day.rows %}<p>{{ row.title }}</p>{% endfor %}{% endfor %}")
    out = run(MINI, "--format", "html", "--template", template).stdout
    assert "<p>Intro | Basics</p>" in out
    lesson = tmp_path / "xss"
    (lesson / "episodes").mkdir(parents=True)
    (lesson / "config.yaml").write_text("title: X\nepisodes:\n- a.md\n")
    (lesson / "episodes" / "a.md").write_text("---\ntitle: '<script>alert(1)</script>'\nteaching: 5\nexercises: 5\n---\n")
    html = run(lesson, "--format", "html").stdout
    assert "<script>" not in html and "&lt;script&gt;" in html
    broken = tmp_path / "broken.md.j2"
    broken.write_text("{% for %}")
    result = run(MINI, "--template", broken)
    assert result.exit_code == 2 and "template error" in result.stderr


def test_no_argument_means_the_lesson_here(monkeypatch):
    monkeypatch.chdir(MINI / "episodes")
    result = run()
    assert result.exit_code == 0 and "[Intro" in result.stdout


def test_through_a_subprocess(tmp_path):
    target = tmp_path / "out.json"
    completed = subprocess.run(
        [sys.executable, "-m", "lessonkit", "schedule", str(MINI), "--format", "json", "-o", str(target)],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(target.read_text())["days"]
    assert "is not a whole number of minutes" in completed.stderr


@pytest.mark.skipif(not (SAMPLE / "config.yaml").is_file(), reason=NEEDS["sample lesson"])
def test_sample_lesson_gives_two_sensible_days():
    result = run(SAMPLE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    days = json.loads(result.stdout)["days"]
    assert len(days) == 2
    for day in days:
        kinds = [item["kind"] for item in day["items"]]
        assert kinds[0] == "welcome" and kinds[-1] == "wrap-up"
        assert "lunch" in kinds or day is days[-1]
    assert not [item for day in days for item in day["items"] if item["arbitrary_split"] and not item.get("continued")
                and item["kind"] == "episode" and item["minutes"] < 30]


CORPUS_LESSONS = [lesson for folder in CORPORA.values() if folder.is_dir() for lesson in corpus_lessons(folder)]


@pytest.mark.skipif(not CORPUS_LESSONS, reason=NEEDS["corpus"])
@pytest.mark.parametrize("lesson", CORPUS_LESSONS, ids=lambda p: p.name)
def test_every_corpus_lesson_schedules(lesson):
    from lessonkit.lesson import Lesson
    from lessonkit.schedule.timings import lesson_timings

    if not any(timing.minutes for timing in lesson_timings(Lesson.load(lesson))):
        # a lesson whose episodes all say 0 minutes (lc-curation-workflows): said, not planned
        result = run(lesson)
        assert result.exit_code == 2 and "nothing to schedule" in result.stderr
        return
    for output_format in ("md", "json", "html", "workshop"):
        result = run(lesson, "--format", output_format)
        assert result.exit_code == 0, result.stderr
    assert run(lesson, "--relative").exit_code == 0


DEEP = CORPUS / "carpentries-lab__deep-learning-intro"


@pytest.mark.skipif(not DEEP.is_dir(), reason=NEEDS["corpus"])
def test_deep_learning_parts_end_at_episode_ends_break_notes_and_sections():
    days = json.loads(run(DEEP, "--format", "json", "--start", "09:30").stdout)["days"]
    items = [item for day in days for item in day["items"]]
    from lessonkit.lesson import Lesson
    from lessonkit.schedule.timings import lesson_timings

    places = {t.rel: [p.minutes_before for p in t.break_points] + [s.minutes_before for s in t.sections]
              for t in lesson_timings(Lesson.load(DEEP))}
    parts = [item for item in items if item["kind"] == "episode"]
    assert any(item["split"] == "section" for item in parts) and any(item["split"] == "break" for item in parts)
    for item in parts:
        if item["split"] == "exact":  # only where the episode offers no place within reach
            end = item["covers"][1]
            assert not [p for p in places[item["episode"]] if abs(p - end) <= 16], item
    for item in parts:
        if item["part"] and item["part"] > 1:
            assert item["section"], "each later part says where to continue"
