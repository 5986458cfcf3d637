"""The HTML schedule in a real headless Chromium: it loads without console errors, the timeline has a
size, and a screenshot is taken. Runs in CI always; elsewhere only when chromium is installed."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import NEEDS
from lessonkit.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "schedule"
SAMPLE = Path(__file__).resolve().parent.parent / "lesson"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason=NEEDS["chromium"]),
]

# Injected into a copy of the page (the page itself has no scripts): writes the rendered size of each
# timeline into the DOM, which --dump-dom then shows.
MEASURE = """<script>
window.addEventListener('load', function () {
  var sizes = Array.prototype.map.call(document.querySelectorAll('.timeline'), function (t) {
    var box = t.getBoundingClientRect();
    return Math.round(box.width) + 'x' + Math.round(box.height) + ':' + t.querySelectorAll('.block').length;
  });
  document.body.setAttribute('data-timelines', sizes.join(' '));
});
</script>"""


def chromium(tmp_path: Path, page: Path, *extra: str) -> subprocess.CompletedProcess:
    assert CHROMIUM, "CI must install chromium"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]
    return subprocess.run([CHROMIUM, *flags, *extra, page.as_uri()], capture_output=True, text=True, timeout=120)


def console_errors(stderr: str) -> list[str]:
    """Console messages chromium logs with --enable-logging=stderr: errors and uncaught exceptions."""
    return [line for line in stderr.splitlines()
            if "Uncaught" in line or re.search(r"CONSOLE\(\d+\).*(error|Error)", line)
            or ("INFO:CONSOLE" in line and "error" in line.lower())]


def render_html(tmp_path: Path, lesson: Path) -> Path:
    page = tmp_path / "schedule.html"
    result = CliRunner().invoke(main, ["schedule", str(lesson), "--format", "html", "--date", "2027-03-04",
                                       "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    return page


def test_console_error_detection_works(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>")
    result = chromium(tmp_path, page, "--dump-dom")
    assert console_errors(result.stderr), result.stderr[-2000:]


@pytest.mark.parametrize("lesson", [FIXTURES / "mini", SAMPLE], ids=["fixture", "sample-lesson"])
def test_schedule_page_in_chromium(tmp_path, lesson):
    if not (lesson / "config.yaml").is_file():
        pytest.skip(NEEDS["sample lesson"])
    page = render_html(tmp_path, lesson)
    html = page.read_text()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "self-contained: no external assets"

    measured = tmp_path / "measured.html"
    measured.write_text(html.replace("</body>", MEASURE + "</body>"))
    dom = chromium(tmp_path, measured, "--dump-dom", "--window-size=412,900")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert not console_errors(dom.stderr), console_errors(dom.stderr)
    sizes = re.search(r'data-timelines="([^"]*)"', dom.stdout).group(1).split()
    assert len(sizes) == html.count('class="timeline"') >= 1
    measures = [tuple(map(int, re.fullmatch(r"(\d+)x(\d+):(\d+)", size).groups())) for size in sizes]
    assert max(width for width, _, _ in measures) > 300, sizes  # the longest day fills a phone-sized window
    assert all(width > 0 and height > 0 and blocks > 0 for width, height, blocks in measures), sizes

    shot = tmp_path / "schedule.png"
    result = chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=412,1600", "--hide-scrollbars")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not console_errors(result.stderr)
    assert shot.is_file() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


LESSONS = Path(__file__).resolve().parent.parent / "examples" / "lessons"
LAYOUT = Path(__file__).parent / "fixtures" / "workshops" / "website" / "layout.html"

# Writes where each day's column and table sits, and how many rows each table has, into the DOM.
PLACES = """<script>
window.addEventListener('load', function () {
  var places = Array.prototype.map.call(document.querySelectorAll('.col-md-6'), function (c) {
    var box = c.getBoundingClientRect();
    return Math.round(box.left) + ',' + Math.round(box.top) + ',' + Math.round(box.width) + ':' +
      c.querySelectorAll('tr').length;
  });
  document.body.setAttribute('data-columns', places.join(' '));
});
</script>"""


def columns(dom: str) -> list[tuple[int, int, int, int]]:
    found = re.search(r'data-columns="([^"]*)"', dom).group(1).split()
    return [tuple(map(int, re.fullmatch(r"(-?\d+),(-?\d+),(\d+):(\d+)", c).groups())) for c in found]


def test_workshop_fragment_in_a_workshop_page(tmp_path):
    workshop = tmp_path / "workshop.yml"
    workshop.write_text(f"start-date: 2027-06-10\nend: '13:00'\nlessons:\n  - {LESSONS / 'shell-intro'}\n"
                        f"  - {LESSONS / 'git-intro'}\n  - {LESSONS / 'python-intro'}\n")
    result = CliRunner().invoke(main, ["schedule", str(workshop), "--format", "workshop"])
    assert result.exit_code == 0, result.stderr
    fragment = result.stdout
    days = fragment.count("<h3 ")
    assert days >= 3
    page = tmp_path / "index.html"
    page.write_text(LAYOUT.read_text().replace("<!-- SCHEDULE -->", fragment).replace("</body>", PLACES + "</body>"))
    wide = chromium(tmp_path, page, "--dump-dom", "--window-size=1280,900")
    assert wide.returncode == 0 and not console_errors(wide.stderr), wide.stderr[-2000:]
    placed = columns(wide.stdout)
    assert len(placed) == days
    rows_per_day = [len(re.findall(r"<tr>", table)) for table in fragment.split("<table")[1:]]
    assert [rows for *_, rows in placed] == rows_per_day
    for left, right in zip(placed[0::2], placed[1::2]):  # two days a row: side by side, as wide as each other
        assert left[1] == right[1] and right[0] > left[0] + left[2] - 20 and abs(left[2] - right[2]) <= 1
    assert placed[2][1] > placed[0][1], "the third day starts a new row"
    narrow = columns(chromium(tmp_path, page, "--dump-dom", "--window-size=412,900").stdout)
    assert len({left for left, *_ in narrow}) == 1, "on a phone the days stack"
    shot = tmp_path / "workshop.png"
    taken = chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1280,1400", "--hide-scrollbars")
    assert taken.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("LESSONKIT_KEEP_SCREENSHOTS"):
        shutil.copy(shot, Path(os.environ["LESSONKIT_KEEP_SCREENSHOTS"]) / "workshop.png")


def test_day_bars_are_as_long_as_the_days_and_show_exercises_where_they_fall(tmp_path):
    page = render_html(tmp_path, SAMPLE)
    html = page.read_text()
    assert html.count("block exercises") > html.count('class="day"'), "exercises appear within episodes"
    measured = tmp_path / "measured.html"
    measured.write_text(html.replace("</body>", MEASURE + "</body>"))
    dom = chromium(tmp_path, measured, "--dump-dom", "--window-size=1000,900")
    widths = [int(size.split("x")[0]) for size in re.search(r'data-timelines="([^"]*)"', dom.stdout).group(1).split()]
    document = CliRunner().invoke(main, ["schedule", str(SAMPLE), "--format", "json"]).stdout
    import json

    lengths = []
    for day in json.loads(document)["days"]:
        start, end = (int(t[:2]) * 60 + int(t[3:]) for t in (day["start"], day["end"]))
        lengths.append(end - start)
    longest = max(lengths)
    for width, length in zip(widths, lengths):
        assert abs(width / max(widths) - length / longest) < 0.02, (widths, lengths)
    if os.environ.get("LESSONKIT_KEEP_SCREENSHOTS"):
        shot = Path(os.environ["LESSONKIT_KEEP_SCREENSHOTS"]) / "schedule.png"
        chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1000,1500", "--hide-scrollbars")
