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
    for size in sizes:
        width, height, blocks = map(int, re.fullmatch(r"(\d+)x(\d+):(\d+)", size).groups())
        assert width > 300 and height > 0 and blocks > 0, size  # fills a phone-sized window

    shot = tmp_path / "schedule.png"
    result = chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=412,1600", "--hide-scrollbars")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not console_errors(result.stderr)
    assert shot.is_file() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
