"""The documentation site: `mkdocs build --strict` passes, every rule has its page made from its
docstring (what it finds, why, failing and passing examples, its fix), the addresses the code
prints lead to those pages, and the written pages' examples are accepted by the code they
describe."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, extra
from markdown_text import blocks

DOCS = ROOT / "docs"
GEN_DOCS = ROOT / "scripts" / "gen_docs.py"


sys.path.insert(0, str(GEN_DOCS.parent))
import gen_docs as gen  # noqa: E402


def pages() -> dict[str, str]:
    """The written pages (docs/*.md) by name."""
    return {p.relative_to(DOCS).as_posix(): p.read_text(encoding="utf-8") for p in sorted(DOCS.rglob("*.md"))}


def all_blocks(language: str) -> list[str]:
    return [b for text in pages().values() for b in blocks(text, language)]


# --- the build -----------------------------------------------------------------------------------

def _mkdocs_build(config: Path, site: Path) -> subprocess.CompletedProcess:
    for module, package in (("mkdocs", "mkdocs"), ("material", "mkdocs-material")):
        pytest.importorskip(module, reason=f"{package} is not installed (pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                           "--site-dir", str(site)], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "site"
    done = _mkdocs_build(ROOT / "mkdocs.yml", out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_strict_build_notices_a_broken_link(tmp_path):
    """The build above is really strict: a link to a page that does not exist fails it."""
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    with (docs / "fixing.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [nowhere](no-such-page.md).\n")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(docs), hooks=[str(GEN_DOCS)])
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    done = _mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode == 1 and "no-such-page.md" in done.stdout + done.stderr


def test_every_rule_has_its_page(site):
    from lessonkit import urls
    from lessonkit.rules import all_rules

    for r in all_rules():
        page = html(site, urls.rule_page(r.code))
        assert re.search(rf"<h1[^>]*>{r.code} {r.name}<", page), r.code
        for part in ("What it does", "Why it matters", "Example", "Fix", "Turning it off"):
            assert f">{part}<" in page, (r.code, part)
        assert 'class="admonition failure"' in page and 'class="admonition success"' in page, r.code


def test_rules_index_links_every_rule_family_by_family(site):
    from lessonkit.rules import all_rules

    index = html(site, "rules")
    for r in all_rules():
        assert f'href="{r.code}/"' in index, r.code
    families = gen.families(all_rules())
    assert [title for title, _, _ in families][:3] == ["File-level rules (LK0xx)", "Fenced div rules (LK1xx)",
                                                       "Link and image rules (LK2xx)"]
    assert sum(len(members) for _, _, members in families) == len(all_rules())


def test_site_address_is_the_package_s(site):
    """mkdocs.yml takes the address from lessonkit/urls.py, so the rule addresses are the built pages'."""
    from lessonkit import urls

    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{urls.rule_doc_url('LK101')}</loc>" in sitemap
    assert f"<loc>{urls.DOCS}configuration/</loc>" in sitemap
    assert urls.REPOSITORY in html(site, "rules")  # the header's repository link


def test_cli_reference_covers_every_command_and_option(site):
    import click

    from lessonkit.cli import COMMANDS, main

    page = html(site, "cli")
    ctx = click.Context(main)
    for name in COMMANDS:
        assert f"$ lessonkit {name} --help" in page
        for param in main.get_command(ctx, name).params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in page, f"lessonkit {name} {opt}"


def test_markers_are_filled(site):
    from lessonkit.schedule.options import OPTION_READERS

    assert "lessonkit:" not in re.sub(r"<pre.*?</pre>", "", html(site, "schedule"), flags=re.S).replace(
        "lessonkit: schedule:", "")
    schedule = html(site, "schedule")
    for key in OPTION_READERS:
        assert f"<td><code>{key}</code></td>" in schedule, key
    configuration = html(site, "configuration")
    assert "<td><code>max-block</code></td>" in configuration and "LK701 episode-long-without-break" in configuration
    assert "<!-- lessonkit:" not in schedule + configuration


def test_changelog_page_is_the_changelog(site):
    assert "Unreleased" in html(site, "changelog") and "Keep a Changelog" in html(site, "changelog")


def test_unknown_marker_is_an_error():
    with pytest.raises(ValueError, match="unknown marker"):
        gen.fill_markers("<!-- lessonkit:no-such-thing -->")


# --- rule pages from docstrings ------------------------------------------------------------------

def test_every_rule_docstring_has_what_why_and_examples():
    from lessonkit.rules import all_rules

    for r in all_rules():
        doc = gen.read_doc(r)
        assert doc.summary == r.doc.split("\n\n")[0], r.code
        assert doc.why, f"{r.code}: no paragraph on why it matters"
        verdicts = [e.verdict for e in doc.examples]
        assert "Fails" in verdicts and "Passes" in verdicts, r.code
        assert all(e.code or e.text for e in doc.examples), r.code


def _rule(doc: str, **extra):
    from lessonkit.rules import Rule

    def check(page, context):
        pass

    check.__doc__ = doc
    return Rule("LK999", "made-up", "warning", "page", check, **extra)


MADE_UP = '''A thing that is wrong.

    Why: pandoc reads it otherwise.

    Fails (in an episode):

        ::: challenge

        ## Sum
        :::

    Passes: the same page with the fence closed.

    The fix closes it.

    And a last word.
    '''


def test_docstring_is_read_into_its_parts():
    doc = gen.read_doc(_rule(MADE_UP))
    assert doc.summary == "A thing that is wrong."
    assert doc.why == ["Why: pandoc reads it otherwise."]
    fails, passes = doc.examples
    assert (fails.verdict, fails.title, fails.text) == ("Fails", "Fails (in an episode)", "")
    assert fails.code == ["::: challenge\n\n## Sum\n:::"]  # the blank line inside the example stays
    assert (passes.title, passes.text, passes.code) == ("Passes", "the same page with the fence closed.", [])
    assert doc.after == ["The fix closes it.", "And a last word."]


def test_rule_page_from_a_docstring():
    page = gen.rule_page(_rule(MADE_UP, fix="unsafe", options={"limit": 3}))
    assert page.startswith("# LK999 made-up\n\n**Severity** warning · **Fix** unsafe (a guess to review) · "
                           "**Checks** every page\n")
    assert '!!! failure "Fails (in an episode)"\n\n    ```markdown\n    ::: challenge\n\n    ## Sum\n' in page
    assert '!!! success "Passes"\n\n    The same page with the fence closed.\n' in page
    fix = page[page.index("## Fix"):page.index("## Options")]
    assert "`--fix --unsafe-fixes` applies it" in fix and "The fix closes it.\n\nAnd a last word." in fix
    assert "      limit: 3\n" in page
    assert "<!-- lessonkit-disable-next-line LK999 -->" in page
    no_fix = gen.rule_page(_rule(MADE_UP))
    assert "lessonkit has no automatic fix" in no_fix and "## Notes\n\nThe fix closes it." in no_fix


def test_an_example_holding_a_code_fence_gets_a_longer_fence():
    page = gen.rule_page(_rule("Code.\n\nWhy.\n\nFails:\n\n    ```python\n    x\n    ```\n\nPasses: no code.\n"))
    assert "    ````markdown\n    ```python\n    x\n    ```\n    ````" in page


def test_rule_option_examples_are_accepted_settings(tmp_path):
    from lessonkit.rules import all_rules
    from lessonkit.settings import settings_from_mapping

    with_options = [r for r in all_rules() if r.options]
    assert with_options
    for r in with_options:
        raw = yaml.safe_load(gen.options_example(r))["lessonkit"]
        settings = settings_from_mapping(raw, tmp_path / "config.yaml")
        assert settings.rule_options[r.code] == r.options


def test_examples_of_config_rules_are_yaml():
    from lessonkit.rules import find_rule

    assert gen.example_language(find_rule("LK501")) == "yaml"
    assert gen.example_language(find_rule("LK101")) == "markdown"


# --- the written pages ---------------------------------------------------------------------------

def test_nav_names_every_written_page():
    nav = json.dumps(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!", ""))["nav"])
    for name in pages():
        assert f'"{name}"' in nav, name


def test_configuration_page_covers_every_setting():
    from lessonkit.settings import KNOWN_KEYS

    text = pages()["configuration.md"]
    for key in KNOWN_KEYS:
        assert f"| `{key}` |" in text, key


def test_yaml_examples_parse():
    for block in all_blocks("yaml"):
        list(yaml.safe_load_all(block))


def test_settings_examples_are_accepted(tmp_path):
    """The config.yaml and .lessonkit.toml examples are valid lessonkit settings."""
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli", reason=extra("tomli"))

    from lessonkit.schedule.options import make_options
    from lessonkit.settings import settings_from_mapping

    examples = [yaml.safe_load(b) for b in all_blocks("yaml") if not b.startswith("---")]
    settings = [e["lessonkit"] for e in examples if isinstance(e, dict) and "lessonkit" in e]
    assert len(settings) >= 2
    for raw in settings:
        make_options(settings_from_mapping(raw, tmp_path / "config.yaml").schedule)
    tomls = [block for block in all_blocks("toml") if "[language-server." not in block]  # not Helix's
    assert tomls
    for block in tomls:
        settings_from_mapping(tomllib.loads(block), tmp_path / ".lessonkit.toml")


def test_episode_front_matter_example_uses_the_keys_lessonkit_reads():
    front = [next(yaml.safe_load_all(b)) for b in blocks(pages()["lesson-format.md"], "yaml") if b.startswith("---")]
    assert front and set(front[0]) == {"title", "teaching", "exercises", "break", "start"}


def test_pre_commit_snippet_names_the_manifest_hooks():
    manifest = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    (config,) = [yaml.safe_load(b) for b in blocks(pages()["pre-commit.md"], "yaml") if b.startswith("repos:")]
    (repo,) = config["repos"]
    assert {hook["id"] for hook in repo["hooks"]} == manifest and repo["repo"] == "https://github.com/lessonkit/lessonkit"


def test_release_tags_in_examples_are_this_version():
    """`rev:` and `uses: lessonkit/lessonkit@` name the release tag of the version in the package
    (a release updates them; see contributing.md)."""
    from lessonkit import __version__

    tag = f"v{__version__}"
    texts = {**pages(), "README.md": (ROOT / "README.md").read_text(encoding="utf-8"),
             ".pre-commit-hooks.yaml": (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"),
             "action.yml": (ROOT / "action.yml").read_text(encoding="utf-8")}
    found = {name: re.findall(r"\brev: (v\d[\w.]*)|lessonkit/lessonkit@(v\d[\w.]*)|lessonkit==(\d[\w.]*)", text)
             for name, text in texts.items()}
    named = {value.removeprefix("v") for hits in found.values() for hit in hits for value in hit if value}
    assert named == {__version__}, found
    assert all(found[name] for name in ("README.md", "pre-commit.md", "github-actions.md")), tag


def workflows() -> dict[str, dict]:
    """The example workflows of the GitHub Actions page: "action" uses the action, "steps" spells it out."""
    found = [yaml.safe_load(b) for b in blocks(pages()["github-actions.md"], "yaml") if b.startswith("name:")]
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
    assert any(run.startswith("pip install lessonkit==") for run in runs)
    upload = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload and upload[0]["with"]["sarif_file"] == "lessonkit.sarif"
    assert workflow["permissions"]["security-events"] == "write"


def test_editor_configurations_start_the_server():
    """Each editor's snippet on the Editors page runs `lessonkit server`."""
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli", reason=extra("tomli"))

    editors = pages()["editors.md"]
    helix = tomllib.loads(next(b for b in blocks(editors, "toml") if "[language-server." in b))
    assert helix["language-server"]["lessonkit"] == {"command": "lessonkit", "args": ["server"]}
    assert "lessonkit" in helix["language"][0]["language-servers"]
    extension = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))
    command = extension["contributes"]["configuration"]["properties"]["lessonkit.server.command"]["default"]
    assert command == ["lessonkit", "server"] and "`lessonkit.server.command`" in editors
    assert "npm run package" in editors and "package" in extension["scripts"]
    lua = blocks(editors, "lua")
    assert any("vim.lsp.config(" in b and 'cmd = { "lessonkit", "server" }' in b for b in lua)
    assert any("vim.lsp.start_client(" in b and 'cmd = { "lessonkit", "server" }' in b for b in lua)
    assert '("lessonkit" "server")' in next(b for b in blocks(editors, "elisp"))


def test_tests_that_skip_without_shared_or_chromium_are_named_in_the_contributing_guide():
    """A new test that needs ../shared or a browser has to say so where contributors look."""
    guide = pages()["contributing.md"]
    needs = re.compile(r"\b(CORPUS|ORACLE|CHROMIUM)\b|def \w+\([^)]*\b(corpus\w*|oracle)\b")  # or conftest's fixtures
    needy = [p.name for p in sorted((ROOT / "tests").glob("test_*.py"))
             if p.name != "test_docs.py" and needs.search(p.read_text(encoding="utf-8"))]
    assert "test_corpus.py" in needy and "test_schedule_browser.py" in needy
    for name in needy:
        assert f"`tests/{name}`" in guide, name

