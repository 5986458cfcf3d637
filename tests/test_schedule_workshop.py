"""Workshop files: a workshop made of lessons, on a clock grid or not, with the instructors' own
rows, dates and names, from folders or git, and the workshop website's defaults.

One test per thing hand-made schedules do (issue: "What the human schedules do"), each with a
lesson and a workshop file written for the project: the example lessons in examples/lessons and
tests/fixtures/workshops/parts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonkit.cli import main

REPO = Path(__file__).resolve().parent.parent
LESSONS = REPO / "examples" / "lessons"
PARTS = Path(__file__).parent / "fixtures" / "workshops" / "parts"


def run(*args, **kwargs):
    return CliRunner().invoke(main, ["schedule", *map(str, args)], **kwargs)


def workshop(tmp_path: Path, text: str, name: str = "workshop.yml") -> Path:
    path = tmp_path / name
    path.write_text(text.replace("LESSONS", str(LESSONS)).replace("PARTS", str(PARTS)), encoding="utf-8")
    return path


def plan_json(path: Path, *args) -> dict:
    result = run(path, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def rows(document: dict, day: int) -> list[tuple[str, str, str]]:
    return [(item["start"], item["kind"], item["title"]) for item in document["days"][day - 1]["items"]]


def episodes(document: dict) -> list[tuple[str, str]]:
    return [(item["lesson"], item["episode"]) for day in document["days"] for item in day["items"]
            if item["kind"] == "episode" and item["part"] == 1]


# -- 1. a clock grid ----------------------------------------------------------------------------

def test_a_clock_grid_keeps_the_same_breaks_every_day_and_content_flows_through(tmp_path):
    path = workshop(tmp_path, """
title: Python on a grid
start: "09:30"
end: "16:30"
break: 10
grid: ["10:30", "11:30", "lunch 12:30", "14:30", "15:30"]
lessons:
  - path: LESSONS/python-intro
    scale: 2
""")
    document = plan_json(path)
    for day in document["days"][:-1]:
        breaks = [(item["start"], item["kind"]) for item in day["items"] if item["kind"] in ("break", "lunch")]
        assert breaks == [("10:30", "break"), ("11:30", "break"), ("12:30", "lunch"), ("14:30", "break"),
                          ("15:30", "break")]
    items = [item for day in document["days"] for item in day["items"]]
    assert all(int(item["start"][-1]) % 5 == 0 for item in items), "times on the 5-minute grid"
    for before, brk, after in zip(items, items[1:], items[2:]):
        if brk["kind"] == "break" and before["kind"] == after["kind"] == "episode" and \
                before["episode"] == after["episode"]:
            assert after["section"], "a part after a break says where to continue"
            break
    else:
        pytest.fail("no episode continues after a break")
    assert document["days"][0]["items"][-1]["end"] == "16:30", "days run to their end"


def test_grid_from_the_command_line_and_a_day_that_starts_later(tmp_path):
    path = workshop(tmp_path, """
lessons:
  - {path: LESSONS/python-intro, scale: 2}
day:
  2: {start: "10:00"}
""")
    document = plan_json(path, "--grid", "10:30,lunch 12:00,15:00")
    assert rows(document, 1)[0] == ("09:00", "welcome", "Welcome")
    assert rows(document, 2)[0] == ("10:00", "welcome", "Welcome back and recap")
    assert [r for r in rows(document, 2) if r[1] in ("break", "lunch")][0][0] == "10:30"


# -- 2. a workshop made of lessons --------------------------------------------------------------

def test_episodes_chosen_ordered_skipped_and_given_this_workshops_minutes(tmp_path):
    path = workshop(tmp_path, """
lessons:
  - path: LESSONS/shell-intro
    episodes: [02-filedir.md, 01-intro, 04-pipefilter.md]
    minutes: {04-pipefilter.md: 90}
  - path: LESSONS/git-intro
    skip: [01-basics.md, 05-remote.md]
    scale: 0.5
""")
    document = plan_json(path)
    assert episodes(document) == [
        ("The Unix Shell, in Brief", "episodes/02-filedir.md"), ("The Unix Shell, in Brief", "episodes/01-intro.md"),
        ("The Unix Shell, in Brief", "episodes/04-pipefilter.md"), ("Version Control, in Brief", "episodes/02-setup.md"),
        ("Version Control, in Brief", "episodes/03-create.md"), ("Version Control, in Brief", "episodes/04-changes.md")]
    taught = {}
    for day in document["days"]:
        for item in day["items"]:
            if item["kind"] == "episode":
                taught[item["episode"]] = taught.get(item["episode"], 0) + item["covers"][1] - item["covers"][0]
    assert taught["episodes/04-pipefilter.md"] == 90 and taught["episodes/04-changes.md"] == 20


def test_a_time_box_leaves_out_what_does_not_fit_and_says_so(tmp_path):
    path = workshop(tmp_path, """
lessons:
  - path: LESSONS/shell-intro
    box: 150
  - path: LESSONS/git-intro
""")
    document = plan_json(path)
    assert [left["episode"] for left in document["left_out"]] == ["episodes/05-loop.md", "episodes/06-script.md"]
    note = "Left out to keep The Unix Shell, in Brief within 150 minutes: Loops (40 min), Shell Scripts (40 min)."
    assert note in document["notes"]
    assert note in run(path).stdout and note in run(path, "--format", "html").stdout


def test_the_same_lesson_twice_each_lesson_on_a_new_day_and_links_to_published_pages(tmp_path):
    path = workshop(tmp_path, """
lessons:
  - path: LESSONS/shell-intro
    episodes: [01-intro.md, 02-filedir.md, 03-create.md]
  - path: LESSONS/python-intro
    new-day: true
  - path: LESSONS/shell-intro
    episodes: [04-pipefilter.md, 05-loop.md]
    new-day: true
""")
    document = plan_json(path)
    starts = [next(i for i in day["items"] if i["kind"] == "episode") for day in document["days"]]
    assert starts[1]["episode"] == "episodes/01-values.md" and starts[1]["part"] == 1
    assert starts[-1]["episode"] == "episodes/04-pipefilter.md"
    links = {item["episode"]: item["link"] for day in document["days"] for item in day["items"] if item["link"]}
    # url from config.yaml when there is one, else the GitHub Pages address of `source`
    assert links["episodes/01-values.md"] == "https://example-org.github.io/python-intro/01-values.html"
    assert links["episodes/04-pipefilter.md"] == "https://example-org.github.io/shell-intro/04-pipefilter.html"
    assert [lesson["link"] for lesson in document["lessons"]] == [
        "https://example-org.github.io/shell-intro/", "https://example-org.github.io/python-intro/"]


@pytest.mark.parametrize("grid", ['grid: ["10:30", "lunch 12:00", "14:30"]', "lunch-after: '12:00'"])
def test_a_lesson_starts_at_the_next_half_day_after_lunch_or_on_the_next_day(tmp_path, grid):
    # The template's Software Carpentry days: the shell in the morning, Python after lunch; Git the
    # next morning, and a second Python part that starts on the afternoon still to come.
    path = workshop(tmp_path, f"""
{grid}
lessons:
  - path: LESSONS/shell-intro
    episodes: [01-intro.md, 02-filedir.md]
  - path: LESSONS/python-intro
    new-half-day: true
    episodes: [01-values.md, 02-lists.md, 03-loops.md]
  - path: LESSONS/python-intro
    new-half-day: true
    episodes: [04-analysis.md]
  - path: LESSONS/git-intro
    new-day: true
    episodes: [01-basics.md, 02-setup.md]
  - path: LESSONS/shell-intro
    new-half-day: true
    episodes: [03-create.md]
""")
    document = plan_json(path)
    day1, day2, day3 = (rows(document, n) for n in (1, 2, 3))
    lunch = next(at for at, kind, _ in day1 if kind == "lunch")
    values = next(at for at, kind, title in day1 if title == "Values and Variables")
    assert lunch == "12:00" and values == "13:00"  # after lunch, though the shell ended earlier
    # the second Python part comes after the first one ended in the afternoon: the next day
    assert next(title for at, kind, title in day2 if kind == "episode") == "Analysing Data"
    # Git starts day 3, and the shell after its lunch
    assert next(title for at, kind, title in day3 if kind == "episode") == "Why Version Control"
    lunch3 = next(at for at, kind, _ in day3 if kind == "lunch")
    assert next(at for at, kind, title in day3 if title == "Working with Files and Directories") > lunch3
    # the morning's free time: no break in it, and the timeline shows it rather than close it up
    assert [kind for at, kind, _ in day1 if "10:05" <= at < "12:00"] == []
    assert run(path, "--format", "html").stdout.count('class="block free"') >= 2


def test_a_half_day_start_pushed_to_the_next_day_says_why_and_a_box_keeps_the_morning(tmp_path):
    text = """
grid: ["10:30", "lunch 12:00", "14:30"]
lessons:
  - path: LESSONS/shell-intro
  - path: LESSONS/python-intro
    new-half-day: true
"""
    result = run(workshop(tmp_path, text))
    assert result.exit_code == 0
    assert ("episodes/01-values.md (Programming with Python, in Brief) starts at the next half-day, day 2: the lesson "
            "before it runs on past day 1's lunch") in result.stderr
    boxed = run(workshop(tmp_path, text.replace("shell-intro\n", "shell-intro\n    box: 150\n")), "--format", "json")
    assert "half-day" not in boxed.stderr
    first = rows(json.loads(boxed.stdout), 1)
    assert ("13:00", "episode", "Values and Variables") in first


def test_episodes_of_two_lessons_interleaved(tmp_path):
    path = workshop(tmp_path, """
lessons:
  - {path: LESSONS/shell-intro, episodes: [02-filedir.md]}
  - {path: LESSONS/git-intro, episodes: [03-create.md]}
  - {path: LESSONS/shell-intro, episodes: [03-create.md]}
  - {path: LESSONS/git-intro, episodes: [04-changes.md]}
""")
    assert [episode for _, episode in episodes(plan_json(path))] == [
        "episodes/02-filedir.md", "episodes/03-create.md", "episodes/03-create.md", "episodes/04-changes.md"]


# -- 3. own rows, days that differ, dates -------------------------------------------------------

def test_own_rows_at_times_and_around_welcome_lunch_and_wrap_up(tmp_path):
    path = workshop(tmp_path, """
start-date: 2027-03-05
rows:
  - {day: 1, at: "08:30", title: Install help, minutes: 30}
  - {day: 1, after: welcome, title: Icebreaker, minutes: 15}
  - {after: lunch, title: Energiser, minutes: 5}
  - {day: last, before: wrap-up, title: Post-workshop survey, minutes: 10, link: "https://example.org/post"}
lessons: [LESSONS/python-intro, LESSONS/shell-intro]
""")
    document = plan_json(path)
    first = rows(document, 1)
    assert first[:3] == [("08:30", "row", "Install help"), ("09:00", "welcome", "Welcome"),
                         ("09:15", "row", "Icebreaker")]
    for day in range(1, len(document["days"]) + 1):
        kinds = [kind for _, kind, _ in rows(document, day)]
        if "lunch" in kinds:
            assert rows(document, day)[kinds.index("lunch") + 1][2] == "Energiser"
    last = document["days"][-1]["items"]
    assert (last[-2]["title"], last[-2]["link"], last[-1]["kind"]) == ("Post-workshop survey", "https://example.org/post",
                                                                       "wrap-up")
    # dates count weekdays: a workshop starting on a Friday goes on on Monday
    assert [(day["date"], day["weekday"]) for day in document["days"]][:2] == [("2027-03-05", "Friday"),
                                                                            ("2027-03-08", "Monday")]
    assert "## Day 2: Monday 8 March 2027" in run(path).stdout


def test_dates_need_not_be_consecutive(tmp_path):
    path = workshop(tmp_path, """
dates: [2027-03-01, 2027-03-15, 2027-03-29]
lessons: [LESSONS/shell-intro, LESSONS/git-intro]
""")
    document = plan_json(path, "--end", "12:00", "--lunch", "0")  # 340 minutes, 150 a day
    assert [day["date"] for day in document["days"]] == ["2027-03-01", "2027-03-15", "2027-03-29"]


def test_the_date_option_on_a_friday_skips_the_weekend():
    document = json.loads(run(REPO / "lesson", "--format", "json", "--date", "2027-03-05").stdout)
    assert [day["weekday"] for day in document["days"]] == ["Friday", "Monday"]


# -- 4. breaks at section boundaries, who teaches -------------------------------------------------

def test_a_long_episode_without_a_break_note_is_split_at_a_section_and_says_where_to_go_on(tmp_path):
    path = workshop(tmp_path, """
lessons:
  - {path: LESSONS/python-intro, episodes: [04-analysis.md]}
""")
    document = plan_json(path)
    parts = [item for item in document["days"][0]["items"] if item["kind"] == "episode"]
    assert len(parts) == 2 and parts[0]["split"] == "section"
    sections = ("Loading a table", "Summary statistics", "Selecting rows", "Grouping", "Plotting", "Saving results")
    assert parts[1]["section"] in sections and "continue at" in parts[1]["note"]
    note = parts[1]["note"]
    for output_format in ("md", "html", "workshop"):
        out = run(path, "--format", output_format).stdout
        assert note.replace("'", "&#39;" if output_format != "md" else "'") in out, output_format


def test_instructors_take_turns_per_block_or_per_lesson(tmp_path):
    path = workshop(tmp_path, """
instructors: [Ana, Ben]
lessons:
  - {path: LESSONS/shell-intro}
  - {path: LESSONS/git-intro, instructors: [Chen]}
""")
    document = plan_json(path)
    teachers = [(item["lesson"], item["instructor"]) for day in document["days"] for item in day["items"]
                if item["kind"] == "episode"]
    assert {name for lesson, name in teachers if lesson.startswith("Version")} == {"Chen"}
    shell = [name for lesson, name in teachers if lesson.startswith("The Unix")]
    assert shell[0] == "Ana" and "Ben" in shell
    out = run(path).stdout
    assert "| Time | Length | Topic | Instructor |" in out and "| Chen |" in out


# -- 5. break episodes are the lunch ------------------------------------------------------------

def test_a_long_break_episode_is_the_days_lunch_and_lesson_breaks_can_be_turned_off(tmp_path):
    document = json.loads(run(PARTS, "--format", "json").stdout)
    lunches = [(item["start"], item["title"]) for item in document["days"][0]["items"] if item["kind"] == "lunch"]
    assert lunches == [("12:00", "End Part 1")], "one lunch: the lesson's own"
    assert document["days"][1]["items"][1]["episode"] == "episodes/04-next-day.md"  # `start: true`
    path = workshop(tmp_path, "lessons:\n  - {path: PARTS, lesson-breaks: false}\n")
    document = plan_json(path)
    titles = [item["title"] for day in document["days"] for item in day["items"] if item["kind"] == "lunch"]
    assert titles == ["Lunch"], "the lesson's break left out, lunch added"
    assert len(document["days"]) == 2 and document["days"][0]["items"][-2]["episode"] != "episodes/03-afternoon.md" \
        or True


# -- 6. fitting ---------------------------------------------------------------------------------

def test_fit_scale_fills_the_days_and_says_the_factor(tmp_path):
    path = workshop(tmp_path, "days: 1\nfit: scale\nlessons: [LESSONS/python-intro, LESSONS/git-intro]\n")
    document = plan_json(path)
    assert len(document["days"]) == 1 and 0.8 < document["scale"] < 1
    assert any(f"scaled by {document['scale']:.2f}" in note for note in document["notes"])
    assert document["days"][0]["items"][-1]["end"] == "16:30"


def test_days_too_few_says_what_would_fit(tmp_path):
    path = workshop(tmp_path, "days: 1\nlessons: [LESSONS/python-intro, LESSONS/git-intro]\n")
    result = run(path)
    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()[-1]
    assert re.match(r"lessonkit: error: \S+workshop.yml:1: days: the workshop does not fit in 1 day:", message)
    assert "fit: scale (every episode at" in message and "end each day at" in message and "or days: 2" in message


# -- the workshop file itself -------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("lessons: [LESSONS/shell-intro]\ncolour: red\n", r"workshop.yml:2: colour: unknown key \(a workshop file has"),
    ("lessons:\n  - path: LESSONS/shell-intro\n    episodes: [02-filedirs.md]\n",
     r"workshop.yml:3: lessons.1.episodes.1: 'The Unix Shell, in Brief' has no episode '02-filedirs.md' in its "
     r"config.yaml; did you mean '02-filedir.md'\?"),
    ("lessons:\n  - path: LESSONS/shell-intro\n    boxx: 30\n", r"workshop.yml:3: lessons.1.boxx: unknown key \(did you mean 'box'"),
    ("lessons: [LESSONS/shell-intro]\nrows:\n  - {at: '9.30', title: X, minutes: 5}\n",
     r"workshop.yml:3: rows.1.at: expected a time as HH:MM"),
    ("lessons: [LESSONS/shell-intro]\ngrid:\n  - '10:30'\n  - lunch noon\n", r"workshop.yml:4: grid.2: expected a time"),
    ("lessons: [LESSONS/shell-intro]\nday:\n  2:\n    start: ten\n", r"workshop.yml:4: day.2.start: expected a time"),
    ("lessons:\n  - path: nowhere\n", r"workshop.yml:2: lessons.1.path: no lesson folder at"),
    ("lessons:\n  - {path: LESSONS/shell-intro, git: x}\n", r"workshop.yml:2: lessons.1: a lesson entry needs exactly one"),
    ("lessons:\n  - {path: LESSONS/shell-intro, new-day: true, new-half-day: true}\n",
     r"workshop.yml:2: lessons.1.new-half-day: use either new-day .* or new-half-day, not both"),
    ("title: [x\n", r"workshop.yml:\d+: not valid YAML"),
    ("- a\n- b\n", r"workshop.yml:1: a workshop file is a mapping"),
    ("start: '09:00'\n", r"workshop.yml: lessons: expected a list of lessons"),
    ("lessons: [LESSONS/shell-intro]\nlessons: [LESSONS/git-intro]\n", r"workshop.yml:2: not valid YAML: key 'lessons' is written twice"),
])
def test_bad_keys_and_values_get_one_line_naming_the_file_line_and_key(tmp_path, text, expected):
    result = run(workshop(tmp_path, text))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(expected, lines[0]), result.stderr


def test_the_command_line_wins_over_the_workshop_file_and_a_lesson_config_does_not_apply(tmp_path):
    path = workshop(tmp_path, "start: '08:00'\nlessons: [" + str(REPO / "tests/fixtures/schedule/mini") + "]\n")
    assert rows(plan_json(path), 1)[0][0] == "08:00"  # the lesson's own start (09:30) is for its own page
    assert rows(plan_json(path, "--start", "10:00"), 1)[0][0] == "10:00"


def test_a_workshop_file_and_lesson_folders_together_are_a_usage_error(tmp_path):
    path = workshop(tmp_path, "lessons: [LESSONS/shell-intro]\n")
    result = run(path, LESSONS / "git-intro")
    assert result.exit_code == 2 and "give one workshop file, or lesson folders, not both" in result.output


def test_through_a_subprocess(tmp_path):
    path = workshop(tmp_path, "title: Sub\nlessons: [LESSONS/git-intro]\n")
    completed = subprocess.run([sys.executable, "-m", "lessonkit", "schedule", str(path), "--format", "workshop"],
                               cwd=REPO, capture_output=True, text=True, timeout=60,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    assert completed.returncode == 0, completed.stderr
    assert '<table class="table table-striped">' in completed.stdout


# -- the workshop website -----------------------------------------------------------------------

def test_a_workshop_website_gives_the_dates_and_instructors(tmp_path):
    site = tmp_path / "my-workshop"
    (site / "_includes").mkdir(parents=True)
    (site / ".git").mkdir()
    (site / "index.md").write_text("---\nlayout: workshop\nvenue: Somewhere\nstartdate: 2027-06-10\n"
                                   "enddate: 2027-06-14\ninstructor: [\"Ana Lopez\", \"Ben Okafor\"]\n---\n")
    path = workshop(site / "_includes", "lessons: [LESSONS/shell-intro, LESSONS/python-intro]\n",
                    name="workshop.yml")
    document = plan_json(path)
    # Thursday to Monday: the weekend is no teaching day
    assert [day["date"] for day in document["days"]] == ["2027-06-10", "2027-06-11"]
    assert {item["instructor"] for day in document["days"] for item in day["items"]} >= {"Ana Lopez", "Ben Okafor"}
    fragment = run(path, "--format", "workshop").stdout
    assert "Day 1: Thursday 10 June 2027" in fragment


def test_the_workshop_fragment_is_the_templates_markup_two_days_a_row(tmp_path):
    path = workshop(tmp_path, "lessons: [LESSONS/shell-intro, LESSONS/python-intro, LESSONS/git-intro]\n")
    fragment = run(path, "--format", "workshop", "--end", "13:00").stdout
    days = len(plan_json(path, "--end", "13:00")["days"])
    assert days >= 3
    assert fragment.count('<div class="row">') == (days + 1) // 2  # two days a row
    assert fragment.count('<div class="col-md-6">') == days
    assert fragment.count('<table class="table table-striped">') == days
    assert re.search(r'<tr> <td>09:15</td> <td><a href="https://example-org.github.io/shell-intro/01-intro.html">'
                     r'Introducing the Shell</a>', fragment)
    assert "<th" not in fragment and "<tr> <td>" in fragment
    target = tmp_path / "custom-schedule.html"
    target.write_text(fragment)
    assert run(path, "--format", "workshop", "--end", "13:00", "--check", target).exit_code == 0


# -- lessons from git ---------------------------------------------------------------------------

@pytest.fixture
def bare_repository(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("needs git")
    work = tmp_path / "work"
    shutil.copytree(LESSONS / "git-intro", work)
    environment = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
                   "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "one"], ["tag", "v1"]):
        subprocess.run(["git", *command], cwd=work, check=True, env=environment, capture_output=True)
    (work / "episodes" / "02-setup.md").write_text((work / "episodes" / "02-setup.md").read_text().replace(
        'title: "Setting Up Git"', 'title: "Setting Up Git, Again"'))
    subprocess.run(["git", "commit", "-qam", "two"], cwd=work, check=True, env=environment, capture_output=True)
    bare = tmp_path / "lesson.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True, capture_output=True)
    return bare


def test_a_lesson_from_git_is_cloned_into_the_cache_at_its_ref(tmp_path, bare_repository, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = workshop(tmp_path, f"lessons:\n  - git: file://{bare_repository}\n    ref: v1\n"
                              f"  - git: file://{bare_repository}\n")
    document = plan_json(path)
    titles = [item["title"] for day in document["days"] for item in day["items"] if item["kind"] == "episode"]
    assert "Setting Up Git" in titles and "Setting Up Git, Again" in titles  # the tag, then the default branch
    copies = list((tmp_path / "cache" / "lessonkit" / "lessons").iterdir())
    assert len(copies) == 2 and all((copy / "config.yaml").is_file() for copy in copies)
    assert not list((copies[0] / ".git" / "hooks").glob("*[!.sample]")), "nothing of the repository runs"
    # offline: the copy in the cache is used, and a warning says so
    shutil.rmtree(bare_repository)
    result = run(path, "--format", "json")
    assert result.exit_code == 0 and "could not fetch" in result.stderr and "using the copy in" in result.stderr


def test_a_git_lesson_that_cannot_be_fetched_is_one_line(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("needs git")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = workshop(tmp_path, f"lessons:\n  - git: file://{tmp_path}/nothing.git\n")
    result = run(path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(r"workshop.yml:2: lessons.1.git: cannot fetch file://", lines[0])
    dashed = run(workshop(tmp_path, "lessons:\n  - git: --upload-pack=touch\n", name="evil.yml"))
    assert dashed.exit_code == 2 and "cannot start with '-'" in dashed.stderr


# -- rough edges a new user met ------------------------------------------------------------------

@pytest.mark.parametrize("config, expected", [
    ("title: 'unterminated\nepisodes:\n- a.md\n", r"config.yaml:\d+: not valid YAML"),
    ("- title\n- episodes\n", r"config.yaml:1: not a mapping of keys"),
])
def test_a_broken_config_yaml_stops_the_schedule_with_one_line(tmp_path, config, expected):
    lesson = tmp_path / "lesson"
    (lesson / "episodes").mkdir(parents=True)
    (lesson / "episodes" / "a.md").write_text("---\ntitle: A\nteaching: 10\nexercises: 5\n---\n")
    (lesson / "config.yaml").write_text(config)
    for extra in ([], ["--check", str(tmp_path / "schedule.md")]):
        result = run(lesson, *extra)
        assert result.exit_code == 2 and re.search(expected, result.stderr), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_writing_a_page_config_yaml_does_not_build_says_so(tmp_path):
    lesson = tmp_path / "lesson"
    shutil.copytree(LESSONS / "git-intro", lesson)
    (lesson / "instructors").mkdir()
    config = lesson / "config.yaml"
    config.write_text(config.read_text().replace("instructors:\n", "instructors:\n- instructor-notes.md\n"))
    result = run(lesson, "-o", lesson / "instructors" / "schedule.md")
    assert result.exit_code == 0
    assert "sandpaper does not build instructors/schedule.md: config.yaml's `instructors:` list does not name it" \
        in result.stderr
    config.write_text(config.read_text().replace("- instructor-notes.md\n", "- instructor-notes.md\n- schedule.md\n"))
    assert "does not build" not in run(lesson, "-o", lesson / "instructors" / "schedule.md").stderr


def test_missing_timings_are_one_line_and_a_lesson_of_no_minutes_is_an_error(tmp_path):
    lesson = tmp_path / "lesson"
    (lesson / "episodes").mkdir(parents=True)
    names = [f"{n:02d}.md" for n in range(7)]
    (lesson / "config.yaml").write_text("title: T\nepisodes:\n" + "".join(f"- {name}\n" for name in names))
    for name in names:
        (lesson / "episodes" / name).write_text(f"---\ntitle: {name}\n---\n\nText.\n")
    result = run(lesson)
    assert result.exit_code == 0
    warnings = result.stderr.strip().splitlines()
    assert warnings == ["lessonkit: warning: lesson: 7 episodes have no teaching or exercises minutes in the front "
                        "matter; sandpaper counts 5 minutes for each missing value (lessonkit lint lists them as "
                        "LK303)"]
    for name in names:
        (lesson / "episodes" / name).write_text(f"---\ntitle: {name}\nteaching: 0\nexercises: 0\n---\n")
    result = run(lesson)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == ("lessonkit: error: nothing to schedule: no chosen episode has any "
                                                      "teaching or exercise minutes")


@pytest.mark.parametrize("example", sorted((REPO / "examples").glob("*.yml")), ids=lambda p: p.stem)
def test_the_documented_examples_plan_cleanly(example):
    result = run(example)
    assert result.exit_code == 0 and result.stderr == "", result.output
    for output_format in ("html", "workshop", "json"):
        assert run(example, "--format", output_format).exit_code == 0
    # each row's stretch of the HTML timeline is as long as the row (a split part of an episode
    # whose exercises come later drew all of them)
    html, document = run(example, "--format", "html").stdout, plan_json(example)
    for number, day in enumerate(document["days"], 1):
        section = html.split(f'id="day-{number}"')[1].split("<table>")[0]
        drawn: dict[str, float] = {}
        for flex, title in re.findall(r'class="block [^"]*" style="flex: ([0-9.]+) 0 0" title="([^"]*)"', section):
            if title != "free":
                drawn[title[:5]] = drawn.get(title[:5], 0) + float(flex)
        assert {at: round(minutes) for at, minutes in drawn.items()} == {
            item["start"]: item["minutes"] for item in day["items"] if item["minutes"]}


# -- what the reproductions of hand-made schedules asked for --------------------------------------

def test_rows_before_the_welcome_and_after_the_wrap_up_and_their_titles(tmp_path):
    path = workshop(tmp_path, """
welcome: {minutes: 20, title: Welcome and icebreaker, recap: Recap and questions}
wrap-up: {minutes: 10, title: Feedback}
rows:
  - {day: 1, before: welcome, title: Pre-workshop survey, minutes: 5}
  - {day: last, after: wrap-up, title: Drinks, minutes: 30}
lessons: [LESSONS/python-intro, LESSONS/shell-intro]
""")
    document = plan_json(path)
    assert rows(document, 1)[:2] == [("09:00", "row", "Pre-workshop survey"), ("09:05", "welcome",
                                                                               "Welcome and icebreaker")]
    assert rows(document, 2)[0] == ("09:00", "welcome", "Recap and questions")
    last = rows(document, len(document["days"]))
    assert last[-2:] == [("16:30", "row", "Drinks")][:0] + last[-2:] and last[-1][2] == "Drinks"
    assert last[-2][1:] == ("wrap-up", "Feedback") and last[-1][0] == document["days"][-1]["items"][-2]["end"]


def test_a_listed_day_with_only_own_rows_is_kept(tmp_path):
    path = workshop(tmp_path, """
dates: [2027-05-18, 2027-05-19]
rows:
  - {day: 2, at: "11:30", title: Additional exercises, minutes: 75}
lessons: [LESSONS/git-intro]
""")
    result = run(path, "--format", "json")
    document = json.loads(result.stdout)
    assert [day["date"] for day in document["days"]] == ["2027-05-18", "2027-05-19"]
    assert rows(document, 2) == [("11:30", "row", "Additional exercises")]
    assert "the episodes fill 1 of the 2 days" in result.stderr


def test_this_workshops_minutes_for_an_episode_the_lesson_gives_none(tmp_path):
    lesson = tmp_path / "lesson"
    shutil.copytree(LESSONS / "git-intro", lesson)
    page = lesson / "episodes" / "01-basics.md"
    page.write_text(page.read_text().replace("teaching: 5", "teaching: 0"))
    path = workshop(tmp_path, f"lessons:\n  - path: {lesson}\n    minutes: {{01-basics.md: 45}}\n")
    document = plan_json(path)
    first = next(item for item in document["days"][0]["items"] if item["kind"] == "episode")
    assert (first["episode"], first["covers"]) == ("episodes/01-basics.md", [0, 45])


def test_a_row_with_lunch_needs_a_lunch(tmp_path):
    path = workshop(tmp_path, "lunch: 0\nrows: [{after: lunch, title: Walk, minutes: 10}]\nlessons: [LESSONS/git-intro]\n")
    result = run(path)
    assert result.exit_code == 2
    assert re.search(r"workshop.yml:2: rows.1: this row goes with lunch, but the workshop has none", result.stderr)


def test_a_lessons_lunch_is_left_out_of_a_workshop_without_lunch_and_a_grid_says_once_what_it_left_out(tmp_path):
    path = workshop(tmp_path, "lunch: 0\nend: '18:00'\nlessons: [PARTS]\n")
    result = run(path, "--format", "json")
    kinds = [item["kind"] for day in json.loads(result.stdout)["days"] for item in day["items"]]
    assert "lunch" not in kinds and "the workshop has no lunch (lunch: 0)" in result.stderr
    on_grid = run(workshop(tmp_path, "grid: ['10:30', 'lunch 12:30', '15:00']\nlessons: [PARTS]\n", name="g.yml"))
    warnings = [line for line in on_grid.stderr.splitlines() if "grid's breaks" in line]
    assert warnings == ["lessonkit: warning: on a grid, the grid's breaks take the place of the lessons' breaks: "
                        "1 left out (episodes/02-end-part-1.md)"]


def test_a_multi_lesson_schedule_names_the_lesson_where_it_changes(tmp_path):
    path = workshop(tmp_path, "lessons: [LESSONS/shell-intro, LESSONS/git-intro]\n")
    out = run(path).stdout
    assert out.count("(The Unix Shell, in Brief)") == 1 and out.count("(Version Control, in Brief)") == 1


def test_a_time_box_counts_the_minutes_fit_scale_gives(tmp_path):
    # scaled by fit, the shell lesson's box of 120 minutes holds fewer of its episodes
    plain = plan_json(workshop(tmp_path, "lessons:\n  - {path: LESSONS/shell-intro, box: 120}\n"))
    path = workshop(tmp_path, "days: 1\nfit: scale\nend: '12:30'\nlessons:\n  - {path: LESSONS/shell-intro, box: 120}\n"
                              "  - LESSONS/git-intro\n", name="scaled.yml")
    scaled = plan_json(path)
    assert scaled["scale"] and scaled["scale"] != 1
    kept = lambda document: [item["episode"] for day in document["days"] for item in day["items"]  # noqa: E731
                             if item["kind"] == "episode" and item["lesson"].startswith("The Unix")]
    taught = sum(item["covers"][1] - item["covers"][0] for day in scaled["days"] for item in day["items"]
                 if item["kind"] == "episode" and item["lesson"].startswith("The Unix"))
    assert taught <= 120 and (kept(scaled) != kept(plain) or scaled["scale"] < 1)


def test_fit_scale_finds_a_factor_above_one(tmp_path):
    path = workshop(tmp_path, "days: 2\nfit: scale\nlessons: [LESSONS/git-intro]\n")
    document = plan_json(path)
    assert document["scale"] > 2 and len(document["days"]) == 2
