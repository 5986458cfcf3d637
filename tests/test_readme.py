"""README.md stays true: its generated sections are current, and its examples are accepted by
the code they describe."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, extra

README = ROOT / "README.md"
SCRIPT = ROOT / "scripts" / "gen_readme.py"


def _gen():
    spec = importlib.util.spec_from_file_location("gen_readme", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readme() -> str:
    return README.read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", readme(), re.S | re.M)


def test_generated_sections_are_current():
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, "README.md is out of date; run python scripts/gen_readme.py\n" + done.stdout + done.stderr


def test_check_mode_notices_a_stale_section(tmp_path):
    stale = readme().replace("### LK101 div-unclosed", "### LK101 something-else")
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


def test_every_rule_is_documented():
    from lessonkit.rules import all_rules

    text = readme()
    section = text[text.index("<!-- rules:start -->"):text.index("<!-- rules:end -->")]
    for r in all_rules():
        assert f"### {r.code} {r.name}\n" in section
        assert f"| [{r.code}](#{r.code.lower()}-{r.name}) |" in section
        for option in r.options:
            assert f"`{option}`" in section


def test_cli_reference_covers_every_option():
    import click

    from lessonkit.cli import COMMANDS, main

    text = readme()
    section = text[text.index("<!-- cli:start -->"):text.index("<!-- cli:end -->")]
    ctx = click.Context(main)
    for name in COMMANDS:
        command = main.get_command(ctx, name)
        assert f"$ lessonkit {name} --help" in section
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in section, f"lessonkit {name} {opt}"


def test_configuration_reference_covers_every_setting():
    from lessonkit.schedule.plan import OPTION_PARSERS
    from lessonkit.settings import KNOWN_KEYS

    text = readme()
    for key in KNOWN_KEYS:
        assert f"| `{key}` |" in text, key
    for key in OPTION_PARSERS:
        assert f"| `{key}` |" in text, key


@pytest.mark.parametrize("heading", [
    "## Quick start", "## Install", "## Usage", "### `lessonkit lint`", "### `lessonkit rules`",
    "### `lessonkit outline`", "### `lessonkit schedule`", "## The lesson format lessonkit reads",
    "## pre-commit", "## GitHub Actions", "## Configuration", "## Rules",
])
def test_sections(heading):
    assert re.search(rf"^{re.escape(heading)}", readme(), re.M)


def test_set_up_commands_exist_in_the_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in readme() and "make test" in readme()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def section(heading: str) -> str:
    text = readme()
    start = text.index(f"\n{heading}\n")
    return text[start:text.index("\n## ", start + 1)]


def test_install_leads_with_what_works_before_the_first_release():
    install = section("## Install")
    today, after = install.split("After the first release", 1)
    assert "not on PyPI yet" in today
    assert "pipx install git+https://github.com/lessonkit/lessonkit" in today
    assert "pip install 'lessonkit[ics] @ git+https://github.com/lessonkit/lessonkit'" in today
    assert "`pip install .`" in today
    assert "pip install lessonkit" in after and "pipx install lessonkit" in after and "lessonkit[ics]" in after
    assert "pip install lessonkit" not in today


def test_repository_url_is_the_one_sarif_names():
    from lessonkit.formats import FORMATS

    sarif = json.loads(FORMATS["sarif"]([], [], ROOT, 0))
    url = sarif["runs"][0]["tool"]["driver"]["informationUri"]
    named = set(re.findall(r"https://github\.com/lessonkit/[\w.-]+", readme())) - {"https://github.com/lessonkit/sample-lesson"}
    assert named == {url}


def test_pre_commit_rev_is_marked_as_a_placeholder():
    pre_commit = section("## pre-commit")
    assert "placeholder" in pre_commit and "sha" in pre_commit


def test_yaml_examples_parse():
    for block in blocks("yaml"):
        list(yaml.safe_load_all(block))


def test_pre_commit_snippet_names_the_manifest_hooks():
    manifest = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    configs = [yaml.safe_load(b) for b in blocks("yaml") if b.startswith("repos:")]
    assert configs
    hooks = [hook["id"] for config in configs for repo in config["repos"] for hook in repo["hooks"]]
    assert set(hooks) == manifest
    assert all("rev" in repo and "repo" in repo for config in configs for repo in config["repos"])


def workflows() -> dict[str, dict]:
    """The example workflows: "action" uses this repository's action, "steps" spells it out."""
    found = [yaml.safe_load(b) for b in blocks("yaml") if b.startswith("name:")]
    uses_action = [any(step.get("uses", "").startswith("lessonkit/lessonkit@") for step in w["jobs"]["lint"]["steps"])
                   for w in found]
    assert uses_action == [True, False]  # the short form first
    return {"action": found[0], "steps": found[1]}


def test_action_workflow_shows_every_input_of_the_action():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    workflow = workflows()["action"]
    step = next(s for s in workflow["jobs"]["lint"]["steps"] if s.get("uses", "").startswith("lessonkit/lessonkit@"))
    assert set(step["with"]) == set(action["inputs"])
    assert all(isinstance(value, str) for value in step["with"].values())  # as GitHub passes them
    assert step["with"]["sarif"] == "true" and workflow["permissions"]["security-events"] == "write"


def test_step_by_step_workflow_lints_and_uploads_sarif():
    workflow = workflows()["steps"]
    steps = workflow["jobs"]["lint"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "lessonkit lint" in runs
    assert any("--format sarif" in run and "-o lessonkit.sarif" in run for run in runs)
    assert "pip install git+https://github.com/lessonkit/lessonkit" in runs  # works before the first release
    upload = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload and upload[0]["with"]["sarif_file"] == "lessonkit.sarif"
    assert workflow["permissions"]["security-events"] == "write"


def test_settings_examples_are_accepted(tmp_path):
    """The config.yaml and .lessonkit.toml examples are valid lessonkit settings."""
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli", reason=extra("tomli"))

    from lessonkit.schedule.plan import make_options
    from lessonkit.settings import settings_from_mapping

    examples = [yaml.safe_load(b) for b in blocks("yaml") if not b.startswith("---")]
    settings = [e["lessonkit"] for e in examples if isinstance(e, dict) and "lessonkit" in e]
    assert settings
    for raw in settings:
        parsed = settings_from_mapping(raw, tmp_path / "config.yaml")
        make_options(parsed.schedule)
    tomls = [block for block in blocks("toml") if "[language-server." not in block]  # not Helix's
    assert tomls
    for block in tomls:
        settings_from_mapping(tomllib.loads(block), tmp_path / ".lessonkit.toml")


def test_episode_front_matter_example_uses_the_keys_lessonkit_reads():
    front = [next(yaml.safe_load_all(b)) for b in blocks("yaml") if b.startswith("---")]
    assert front and set(front[0]) == {"title", "teaching", "exercises", "break", "start"}


def test_editor_configurations_start_the_server():
    """Each editor's snippet in the Editors section runs `lessonkit server`."""
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli", reason=extra("tomli"))

    helix = tomllib.loads(next(b for b in blocks("toml") if "[language-server." in b))
    assert helix["language-server"]["lessonkit"] == {"command": "lessonkit", "args": ["server"]}
    assert "lessonkit" in helix["language"][0]["language-servers"]
    vscode = json.loads(next(b for b in blocks("json") if "glspc" in b))
    assert (vscode["glspc.server.command"], vscode["glspc.server.commandArguments"]) == ("lessonkit", ["server"])
    lua = [b for b in blocks("lua")]
    assert any("vim.lsp.config(" in b and 'cmd = { "lessonkit", "server" }' in b for b in lua)
    assert any("vim.lsp.start_client(" in b and 'cmd = { "lessonkit", "server" }' in b for b in lua)
    assert '("lessonkit" "server")' in next(b for b in blocks("elisp"))
