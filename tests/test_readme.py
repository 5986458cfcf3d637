"""README.md stays true and short: its generated rule table is current and links every rule's
page, each command has an example, its links work where it is shown (GitHub and PyPI, which
show no other file of the repository), and its examples are accepted by the code they describe."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT
from markdown_text import blocks, links

README = ROOT / "README.md"
SCRIPT = ROOT / "scripts" / "gen_readme.py"
DOCS_DIR = ROOT / "docs"
GENERATED_PAGES = {"rules", "cli", "changelog"}  # written by scripts/gen_docs.py at build time


def _gen():
    spec = importlib.util.spec_from_file_location("gen_readme", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readme() -> str:
    return README.read_text(encoding="utf-8")


def section(heading: str) -> str:
    text = readme()
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def test_generated_sections_are_current():
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, "README.md is out of date; run make rules-doc\n" + done.stdout + done.stderr


def test_check_mode_notices_a_stale_section(tmp_path):
    stale = readme().replace("| `div-unclosed` |", "| `something-else` |")
    assert stale != readme()
    copy = tmp_path / "README.md"
    copy.write_text(stale, encoding="utf-8")
    gen = _gen()
    assert gen.main(["--check", "--readme", str(copy)]) == 1
    assert gen.main(["--readme", str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == readme()
    assert gen.main(["--check", "--readme", str(copy)]) == 0


def test_generator_needs_the_markers(tmp_path):
    copy = tmp_path / "README.md"
    copy.write_text("# lessonkit\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="markers"):
        _gen().main(["--check", "--readme", str(copy)])


def test_every_rule_is_in_the_table_with_its_page():
    from lessonkit.rules import all_rules

    text = readme()
    table = text[text.index("<!-- rules:start -->"):text.index("<!-- rules:end -->")]
    rows = [line for line in table.splitlines() if line.startswith("| [LK")]
    assert len(rows) == len(all_rules())
    for r, row in zip(all_rules(), rows, strict=True):
        page = f"https://lessonkit.github.io/lessonkit/rules/{r.code}/"
        assert row.startswith(f"| [{r.code}]({page}) | `{r.name}` | {r.severity} |")


def test_readme_is_short():
    assert len(readme().splitlines()) < 400


@pytest.mark.parametrize("heading", [
    "## Quick start", "## Install", "## Usage", "## pre-commit", "## GitHub Actions", "## Configuration",
    "## Rules", "## Contributing",
])
def test_sections(heading):
    assert re.search(rf"^{re.escape(heading)}$", readme(), re.M)


def test_one_example_per_command():
    from lessonkit.cli import COMMANDS

    for name in COMMANDS:
        match = re.search(rf"^### `lessonkit {name}[` ].*?(?=^##)", readme(), re.S | re.M)
        assert match, f"no section for lessonkit {name}"
        examples = blocks(match.group(0), "sh") + blocks(match.group(0), "text")
        assert any(re.search(rf"^\$? ?lessonkit {name}\b", b, re.M) for b in examples), name


def test_set_up_commands_exist_in_the_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in readme() and "make test" in readme()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_links_work_outside_the_repository():
    """PyPI shows the README alone: every link is absolute, or an anchor of a heading here."""
    anchors = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-")
               for h in re.findall(r"^#+ (.*)$", readme(), re.M)}
    for target in links(readme()):
        if target.startswith("#"):
            assert target[1:] in anchors, target
        else:
            assert target.startswith("https://"), target


def test_links_into_the_docs_lead_to_pages():
    from lessonkit import urls

    into_docs = [t for t in links(readme()) if t.startswith(urls.DOCS)]
    assert into_docs
    for target in into_docs:
        page = target.removeprefix(urls.DOCS).strip("/")
        assert (page.split("/")[0] in GENERATED_PAGES or (DOCS_DIR / f"{page}.md").is_file()
                or (DOCS_DIR / page / "index.md").is_file()), target


def test_repository_addresses_are_the_package_s():
    from lessonkit import urls
    from lessonkit.formats import FORMATS

    sarif = json.loads(FORMATS["sarif"]([], [], ROOT, 0))
    assert sarif["runs"][0]["tool"]["driver"]["informationUri"] == urls.REPOSITORY
    named = set(re.findall(r"https://github\.com/lessonkit/[\w.-]+", readme()))
    assert named == {urls.REPOSITORY}


def test_install_names_the_release_and_the_newest_commit():
    install = section("## Install")
    assert "pipx install lessonkit " in install
    assert "pipx install git+https://github.com/lessonkit/lessonkit " in install
    assert "lessonkit[ics,server]" in install


def test_yaml_examples_parse():
    for block in blocks(readme(), "yaml"):
        list(yaml.safe_load_all(block))


def test_pre_commit_snippet_names_the_manifest_hooks():
    manifest = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    (config,) = [yaml.safe_load(b) for b in blocks(readme(), "yaml") if b.startswith("repos:")]
    (repo,) = config["repos"]
    assert {hook["id"] for hook in repo["hooks"]} == manifest


def test_workflow_uses_the_action():
    (workflow,) = [yaml.safe_load(b) for b in blocks(readme(), "yaml") if b.startswith("name:")]
    uses = [step.get("uses", "") for step in workflow["jobs"]["lint"]["steps"]]
    assert uses[0].startswith("actions/checkout@") and uses[1].startswith("lessonkit/lessonkit@v")


def test_settings_example_is_accepted(tmp_path):
    from lessonkit.schedule.plan import make_options
    from lessonkit.settings import settings_from_mapping

    (example,) = [yaml.safe_load(b) for b in blocks(readme(), "yaml") if b.startswith("lessonkit:")]
    settings = settings_from_mapping(example["lessonkit"], tmp_path / "config.yaml")
    make_options(settings.schedule)
    assert settings.ignore == ["link-insecure"] and settings.severity
