"""Schedules instructors published, planned again by lessonkit from the same settings.

The judge of a schedule is what instructors publish. deep-learning-intro's own
`instructors/schedule.md` (in ../shared/corpus) teaches the lesson in two days on a clock grid:
breaks at 10:30, 11:30, 12:30 (lunch), 14:30 and 15:30, with episodes running through them and on
into the next day. The page is read as the test runs, and the workshop lessonkit is given comes
from it mechanically: its start and end, its welcome and last rows, its breaks as the grid, and the
minutes it gives each episode. Where each episode then starts, stops for a break and continues,
and on which day, is lessonkit's to decide, and must be what the instructors wrote.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import CORPUS, NEEDS
from lessonkit.cli import main
from lessonkit.schedule.options import clock

LESSON = CORPUS / "carpentries-lab__deep-learning-intro"
PUBLISHED = LESSON / "instructors" / "schedule.md"

pytestmark = pytest.mark.skipif(not PUBLISHED.is_file(), reason=NEEDS["corpus"])

ROW = re.compile(r"^\|\s*(\d{1,2}):(\d\d)\s*\|\s*(.*?)\s*\|\s*$")
EPISODE_LINK = re.compile(r"\[[^\]]*\]\(\.\./episodes/([^)]+)\)")


@dataclass
class Row:
    day: int
    start: int  # minutes after midnight
    end: int  # the next row's start
    topic: str

    @property
    def episode(self) -> str | None:
        match = EPISODE_LINK.search(self.topic)
        return match.group(1) if match else None

    @property
    def kind(self) -> str:
        if self.episode:
            return "episode"
        topic = self.topic.lower()
        if "lunch" in topic:
            return "lunch"
        return "break" if re.search(r"\bbreak\b", topic) else "other"  # not the icebreaker


def published_rows(text: str) -> list[Row]:
    """The rows of each day's table, END rows dropped (they give the last row its end)."""
    rows, day, times = [], 0, []
    for line in text.splitlines():
        if line.startswith("## Day"):
            day += 1
            times.append([])
        elif (match := ROW.match(line)) and day:
            times[-1].append((int(match.group(1)) * 60 + int(match.group(2)), match.group(3)))
    for number, entries in enumerate(times, start=1):
        for (start, topic), (end, _) in zip(entries, entries[1:]):
            rows.append(Row(number, start, end, topic))
    return rows


def workshop_of(rows: list[Row], lesson: Path, minutes: bool) -> dict:
    """The workshop file an instructor would write for the published page: its day, its breaks
    as the grid, and (with minutes) what it gives each episode."""
    first_day = [row for row in rows if row.day == 1]
    grid = []
    for row in first_day:
        if row.kind == "lunch":
            grid.append({"at": clock(row.start), "minutes": row.end - row.start, "lunch": True})
        elif row.kind == "break":
            grid.append({"at": clock(row.start), "minutes": row.end - row.start})
    workshop = {
        "start": clock(first_day[0].start), "end": clock(first_day[-1].end),
        "welcome": first_day[0].end - first_day[0].start, "wrap-up": first_day[-1].end - first_day[-1].start,
        "grid": grid, "days": rows[-1].day,
        "lessons": [{"path": str(lesson)}],
    }
    if minutes:
        given: dict[str, int] = {}
        for row in rows:
            if row.episode:
                given[row.episode] = given.get(row.episode, 0) + row.end - row.start
        workshop["lessons"][0]["minutes"] = given
    else:
        workshop["fit"] = "scale"
    return workshop


def planned(tmp_path: Path, workshop: dict) -> list[dict]:
    path = tmp_path / "workshop.yml"
    path.write_text(yaml.safe_dump(workshop, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["schedule", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["days"]


def blocks(days: list[dict]) -> list[tuple[int, str, str]]:
    """(day, start, what): each episode block and each break, as the published page lists them."""
    found = []
    for number, day in enumerate(days, start=1):
        for item in day["items"]:
            if item["kind"] == "episode":
                found.append((number, item["start"], item["episode"].removeprefix("episodes/")))
            elif item["kind"] in ("break", "lunch"):
                found.append((number, item["start"], item["kind"]))
    return found


def published_blocks(rows: list[Row]) -> list[tuple[int, str, str]]:
    return [(row.day, clock(row.start), row.episode or row.kind) for row in rows if row.kind != "other"]


def test_with_the_published_minutes_every_block_is_where_the_instructors_put_it(tmp_path):
    rows = published_rows(PUBLISHED.read_text(encoding="utf-8"))
    assert len({row.day for row in rows}) == 2 and sum(row.kind == "episode" for row in rows) == 12
    assert blocks(planned(tmp_path, workshop_of(rows, LESSON, minutes=True))) == published_blocks(rows)


def test_with_the_lessons_own_minutes_fit_scale_keeps_the_published_days(tmp_path):
    """The episodes' front matter asks for 620 minutes, the published days hold 580: scaled to
    fit, the plan keeps the published breaks, fills both days to their wrap-up, and starts each
    episode in the block the instructors start it in or the one before."""
    rows = published_rows(PUBLISHED.read_text(encoding="utf-8"))
    days = planned(tmp_path, workshop_of(rows, LESSON, minutes=False))
    assert len(days) == 2
    def breaks(found):
        return [block for block in found if block[2] in ("break", "lunch")]
    assert breaks(blocks(days)) == breaks(published_blocks(rows))
    for day in days:
        teaching = [item for item in day["items"] if item["kind"] == "episode"]
        assert teaching[-1]["end"] == clock(max(row.start for row in rows if row.kind == "other"))
    published_starts = {}
    for row in rows:
        if row.episode:
            published_starts.setdefault(row.episode, (row.day, row.start))
    starts = {}
    for number, day in enumerate(days, start=1):
        for item in day["items"]:
            if item["kind"] == "episode":
                starts.setdefault(item["episode"].removeprefix("episodes/"), (number, item["start"]))
    block_starts = sorted({(row.day, row.start) for row in rows if row.episode})
    for episode, (day, start) in published_starts.items():
        ours_day, ours_start = starts[episode]
        index = block_starts.index((day, start))
        earlier = block_starts[index - 1] if index else block_starts[0]
        assert (ours_day, ours_start) >= (earlier[0], clock(earlier[1])), episode
        assert (ours_day, ours_start) <= (day, clock(start)), episode
