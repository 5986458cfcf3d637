"""`lessonkit server` end to end: a real server process over stdio (pytest-lsp), on lessons
written here. What the server reports is checked against what `lessonkit lint` (and `--fix`)
says of the same files."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="needs pytest-lsp (pip install -e '.[test]', Python 3.10+)")

from lsprotocol import types  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from conftest import BASIC_CONFIG, episode, write_lesson  # noqa: E402

pytestmark = pytest.mark.asyncio
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
SERVER = [sys.executable, "-m", "lessonkit", "server"]
# A parser that fails on a page holding BOOM, to see the server survive what it cannot parse.
FAILING_PARSER = [sys.executable, "-c", textwrap.dedent("""\
    import sys
    import lessonkit.markdown.parser as parser
    real = parser.parse_page
    def parse_page(body, references):
        if "BOOM" in body:
            raise ValueError("the parser gave up")
        return real(body, references)
    parser.parse_page = parse_page
    from lessonkit.cli import main
    sys.exit(main(["server"]))
""")]

CONFIG = BASIC_CONFIG + "- second.md\n"
INTRO = episode("""\
::::::::::::::::::::::::::::::::::::: questions

- What?

:::::::::::::::::::::::::::::::::::::::::::::::

::::::::::::::::::::::::::::::::::::: objectives

- Learn.

:::::::::::::::::::::::::::::::::::::::::::::::

## Getting started

See [the results](second.md#results) and [a missing part](second.md#nowhere).
Back to [the start](#getting-started).
::: callout
Save your work.
:::

::: challenge

### Try it

:::::: solution

Done.

::::::
:::

::: keypoints

- Done.

:::
""")
SECOND = episode("""\
## Results

The numbers.
""")


async def start(client: LanguageClient, capabilities: types.ClientCapabilities):
    """Initialise a session as an editor does, keeping the server's answer and the
    registrations it asks for in client.initialized_with and client.registrations."""
    client.registrations = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    client.initialized_with = await client.initialize_session(types.InitializeParams(capabilities=capabilities))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    await start(lsp_client, client_capabilities("visual-studio-code"))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def utf32_client(lsp_client: LanguageClient):
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(position_encodings=["utf-32", "utf-16"])
    await start(lsp_client, capabilities)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=FAILING_PARSER))
async def failing_client(lsp_client: LanguageClient):
    await start(lsp_client, client_capabilities("neovim"))
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def lesson(tmp_path) -> Path:
    return write_lesson(tmp_path / "lesson", {"config.yaml": CONFIG, "episodes/intro.md": INTRO,
                                              "episodes/second.md": SECOND})


def uri(path: Path) -> str:
    return from_fs_path(str(path.resolve()))


def open_page(client: LanguageClient, path: Path, text: str | None = None, version: int = 1,
              language_id: str = "markdown") -> str:
    text = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri(path), language_id=language_id, version=version, text=text)))
    return uri(path)


async def handled(client: LanguageClient, path: Path):
    """The symbols of an open page: an answer that comes after the server has handled every
    message sent before (one worker takes them in order), and sent what they made it say."""
    return await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(path))))


def replace_all(client: LanguageClient, path: Path, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


# Waits end with what they wait for, however slowly a loaded machine gets there; a server that
# exits fails them at once (pytest-lsp), and HANG only ends a server that answers nothing at all.
HANG = 600


async def diagnostics(client: LanguageClient, target: str, until=lambda found: True):
    """The diagnostics of target once a publication satisfies until."""
    while target not in client.diagnostics or not until(client.diagnostics[target]):
        await asyncio.wait_for(client.wait_for_notification(PUBLISH), HANG)
    return client.diagnostics[target]


def codes(found) -> list[tuple[str, int]]:
    return sorted((d.code, d.range.start.line + 1) for d in found)


def lint_codes(lesson: Path, page: Path) -> list[tuple[str, int]]:
    run = subprocess.run([sys.executable, "-m", "lessonkit", "lint", "--no-cache", "--format", "json", str(page)],
                         capture_output=True, text=True, cwd=lesson)
    return sorted((f["code"], f["line"]) for f in json.loads(run.stdout))


def codes_of_lint(lesson: Path, page: Path, text: str) -> list[tuple[str, int]]:
    """lint's findings for page with text in it (the file written, then put back)."""
    saved = page.read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    try:
        return lint_codes(lesson, page)
    finally:
        page.write_text(saved, encoding="utf-8")


def at(line: int, character: int) -> types.Position:
    """An LSP position from a 1-based line (as the fixtures and lint count) and a 0-based character."""
    return types.Position(line=line - 1, character=character)


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), start=1) if needle in line)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) to text, as an editor does."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        line = lines[position.line] if position.line < len(lines) else ""
        units = line.encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return sum(len(line) + 1 for line in lines[: position.line]) + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


# --- initialisation -------------------------------------------------------------------------


async def test_initialisation_announces_the_features(client: LanguageClient):
    result = client.initialized_with
    capabilities = result.capabilities
    assert result.server_info.name == "lessonkit"
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert capabilities.hover_provider and capabilities.definition_provider and capabilities.document_symbol_provider
    assert "#" in capabilities.completion_provider.trigger_characters
    assert types.CodeActionKind.QuickFix in capabilities.code_action_provider.code_action_kinds
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    # the server asks to hear of changed files once the session is up: before it answers a
    # request sent after that, since it takes messages in order
    await handled(client, Path("nothing-open.md").resolve())
    assert [r.method for r in client.registrations] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]


# --- diagnostics ----------------------------------------------------------------------------


async def test_an_open_draft_is_linted_in_full(client: LanguageClient, lesson: Path):
    # a page sandpaper does not build: a whole-lesson lint gives it LK505 alone, the editor all
    # of its findings, as lint does when the page is named
    page = lesson / "episodes" / "draft.md"
    page.write_text(episode("Versions:\n- 2.4\n- 2.5\n\n![](fig/none.png)\n"), encoding="utf-8")
    found = await diagnostics(client, open_page(client, page))
    assert codes(found) == lint_codes(lesson, page) == [("LK201", 11), ("LK203", 11), ("LK405", 8), ("LK505", 1)]


async def test_diagnostics_on_open_are_lints_findings(client: LanguageClient, lesson: Path):
    page = lesson / "episodes" / "intro.md"
    found = await diagnostics(client, open_page(client, page))
    assert codes(found) == lint_codes(lesson, page)
    assert ("LK105", line_of(INTRO, "::: callout")) in codes(found)
    assert ("LK202", line_of(INTRO, "#nowhere")) in codes(found)
    anchor = next(d for d in found if d.code == "LK202")
    assert anchor.severity == types.DiagnosticSeverity.Error and anchor.source == "lessonkit"
    assert anchor.code_description.href == "https://lessonkit.github.io/lessonkit/rules/LK202/"
    assert "'#nowhere'" in anchor.message
    text = INTRO.split("\n")[anchor.range.start.line]
    assert text[anchor.range.start.character:].startswith("[a missing part]")


async def test_diagnostics_follow_changes(client: LanguageClient, lesson: Path):
    page = lesson / "episodes" / "intro.md"
    target = open_page(client, page)
    await diagnostics(client, target, lambda found: "LK105" in {d.code for d in found})
    opener = line_of(INTRO, "::: callout")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=target, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=at(opener, 0), end=at(opener, 0)), text="\n")]))
    found = await diagnostics(client, target, lambda found: "LK105" not in {d.code for d in found})
    assert codes(found) == [("LK202", line_of(INTRO, "#nowhere"))]


async def test_a_change_in_another_page_updates_diagnostics(client: LanguageClient, lesson: Path):
    intro, second = lesson / "episodes" / "intro.md", lesson / "episodes" / "second.md"
    target = open_page(client, intro)
    open_page(client, second)
    await diagnostics(client, target)
    replace_all(client, second, SECOND.replace("## Results", "## Outcomes"), 2)  # typed, not saved
    found = await diagnostics(client, target, lambda found: sum(d.code == "LK202" for d in found) == 2)
    assert ("LK202", line_of(INTRO, "#results")) in codes(found)


async def test_a_file_changed_on_disk_updates_diagnostics(client: LanguageClient, lesson: Path):
    intro, second = lesson / "episodes" / "intro.md", lesson / "episodes" / "second.md"
    target = open_page(client, intro)
    await diagnostics(client, target)
    second.write_text(SECOND.replace("## Results", "## Outcomes"), encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=uri(second), type=types.FileChangeType.Changed)]))
    found = await diagnostics(client, target, lambda found: sum(d.code == "LK202" for d in found) == 2)
    assert codes(found) == lint_codes(lesson, intro)


async def test_suppression_comments_apply(client: LanguageClient, lesson: Path):
    page = lesson / "episodes" / "intro.md"
    text = INTRO.replace("See [the results]", "<!-- lessonkit-disable-next-line LK202 -->\nSee [the results]")
    page.write_text(text, encoding="utf-8")
    found = await diagnostics(client, open_page(client, page))
    assert "LK202" not in {d.code for d in found}
    assert codes(found) == lint_codes(lesson, page)


async def test_settings_apply(client: LanguageClient, lesson: Path):
    (lesson / ".lessonkit.toml").write_text('ignore = ["LK105"]\n[severity]\nLK202 = "warning"\n', encoding="utf-8")
    page = lesson / "episodes" / "intro.md"
    found = await diagnostics(client, open_page(client, page))
    assert codes(found) == lint_codes(lesson, page) and "LK105" not in {d.code for d in found}
    assert next(d for d in found if d.code == "LK202").severity == types.DiagnosticSeverity.Warning


async def test_bad_settings_are_logged_and_the_defaults_used(client: LanguageClient, lesson: Path):
    (lesson / ".lessonkit.toml").write_text("select = 3\n", encoding="utf-8")
    found = await diagnostics(client, open_page(client, lesson / "episodes" / "intro.md"))
    assert "LK105" in {d.code for d in found}
    assert any("using the default settings" in m.message and m.type == types.MessageType.Error
               for m in client.log_messages)


async def test_config_yaml_in_the_editor(client: LanguageClient, lesson: Path):
    config, intro = lesson / "config.yaml", lesson / "episodes" / "intro.md"
    episode_page = open_page(client, intro)
    target = open_page(client, config, language_id="yaml")
    await diagnostics(client, target)
    replace_all(client, config, CONFIG.replace("- second.md", "- second.md\n- missing.md"), 2)
    found = await diagnostics(client, target, lambda found: "LK504" in {d.code for d in found})
    assert ("LK504", line_of(CONFIG, "episodes:")) in codes(found)
    actions = await actions_at(client, target, found, line_of(CONFIG, "episodes:"))
    assert not [a for a in actions or [] if "Disable" in a.title]  # no comments in YAML
    replace_all(client, config, CONFIG.replace("- second.md\n", ""), 3)  # the episode is no longer listed
    await diagnostics(client, episode_page, lambda found: any(d.code == "LK201" for d in found))


# --- code actions ---------------------------------------------------------------------------


async def actions_at(client: LanguageClient, target: str, found, line: int):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=target), range=types.Range(start=at(line, 0), end=at(line, 0)),
        context=types.CodeActionContext(diagnostics=[d for d in found if d.range.start.line == line - 1])))


async def test_every_fix_applied_gives_what_lint_fix_writes(client: LanguageClient, lesson: Path, tmp_path: Path):
    page = lesson / "episodes" / "intro.md"
    target = open_page(client, page)
    found = await diagnostics(client, target)
    fixable = [d for d in found if d.data and d.data.get("fix")]
    assert "LK105" in {d.code for d in fixable}
    for fixed in fixable:  # every fix a finding carries, alone: what --fix makes of that finding
        actions = await actions_at(client, target, found, fixed.range.start.line + 1)
        fix = next(a for a in actions if a.diagnostics and a.diagnostics[0].code == fixed.code and "Disable" not in a.title)
        assert fix.kind == types.CodeActionKind.QuickFix
        assert fix.title.endswith(f"({fixed.code}, safe)") or fix.title.endswith(f"({fixed.code}, unsafe: review the result)")
        after = apply(INTRO, fix.edit.changes[target])
        copy = tmp_path / f"fix-{fixed.code}"
        shutil.copytree(lesson, copy)
        unsafe = ["--unsafe-fixes"] if "unsafe" in fix.title else []
        subprocess.run([sys.executable, "-m", "lessonkit", "lint", "--no-cache", "--fix", *unsafe,
                        "--select", fixed.code, "episodes/intro.md"], cwd=copy, capture_output=True)
        assert after == (copy / "episodes" / "intro.md").read_text(encoding="utf-8")


async def test_a_fix_keeps_the_buffers_line_ends(client: LanguageClient, lesson: Path):
    page = lesson / "episodes" / "intro.md"
    crlf = INTRO.replace("\n", "\r\n")
    target = open_page(client, page, crlf)
    found = await diagnostics(client, target)
    actions = await actions_at(client, target, found, line_of(INTRO, "::: callout"))
    fix = next(a for a in actions if a.is_preferred)
    assert [edit.new_text for edit in fix.edit.changes[target]] == ["\r\n"]


async def test_disable_actions_silence_the_finding(client: LanguageClient, lesson: Path):
    page = lesson / "episodes" / "intro.md"
    target = open_page(client, page)
    found = await diagnostics(client, target)
    line = line_of(INTRO, "#nowhere")
    actions = await actions_at(client, target, found, line)
    titles = [a.title for a in actions]
    assert "Disable LK202 for this line" in titles and "Disable LK202 for this file" in titles
    version = 1
    for title, expected in (("Disable LK202 for this line", "<!-- lessonkit-disable-next-line LK202 -->\nSee ["),
                            ("Disable LK202 for this file", "---\n<!-- lessonkit-disable-file LK202 -->\n\n")):
        action = next(a for a in actions if a.title == title)
        after = apply(INTRO, action.edit.changes[target])
        assert expected in after
        page.write_text(after, encoding="utf-8")
        assert "LK202" not in {code for code, _ in lint_codes(lesson, page)}  # lint reads the comment too
        version += 1
        replace_all(client, page, after, version)
        await diagnostics(client, target, lambda found: "LK202" not in {d.code for d in found})
        replace_all(client, page, INTRO, version := version + 1)
        await diagnostics(client, target, lambda found: "LK202" in {d.code for d in found})


async def test_disable_for_a_line_in_a_block_quote_stays_in_the_quote(client: LanguageClient, lesson: Path):
    page = lesson / "episodes" / "intro.md"
    text = INTRO.replace("Back to [the start](#getting-started).", "> Quoted [here](second.md#nothing).")
    target = open_page(client, page, text)
    found = await diagnostics(client, target, lambda found: any(d.code == "LK202" and "nothing" in d.message
                                                                for d in found))
    actions = await actions_at(client, target, found, line_of(text, "> Quoted"))
    action = next(a for a in actions if a.title == "Disable LK202 for this line")
    assert "> <!-- lessonkit-disable-next-line LK202 -->\n> Quoted" in apply(text, action.edit.changes[target])


# --- symbols, hover, definition, completion -------------------------------------------------


async def test_symbols_nest_as_pandoc_builds_the_page(client: LanguageClient, lesson: Path):
    target = open_page(client, lesson / "episodes" / "intro.md")
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=target)))

    def tree(items):
        return [(s.name, tree(s.children or [])) for s in items]

    assert tree(symbols) == [
        ("::: questions", []),
        ("::: objectives", []),
        ("Getting started", [("::: challenge", [("Try it", [("::: solution", [])])]), ("::: keypoints", [])]),
    ]
    challenge = symbols[2].children[0]
    assert challenge.range.start.line + 1 == line_of(INTRO, "::: challenge")
    assert challenge.detail == f"lines {line_of(INTRO, '::: challenge')}-{line_of(INTRO, '::: keypoints') - 2}"


async def hover_text(client: LanguageClient, target: str, position: types.Position) -> str:
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=target), position=position))
    return hover.contents.value if hover else ""


async def test_hover(client: LanguageClient, lesson: Path):
    target = open_page(client, lesson / "episodes" / "intro.md")
    await diagnostics(client, target)
    finding = await hover_text(client, target, at(line_of(INTRO, "::: callout"), 2))
    assert finding.startswith("Not a fence: opener directly under text: part of the paragraph, not a div.\n\n---\n\n"
                              "**LK105 div-opener-not-separated** (error)")
    assert "Put a blank line above the opener." in finding
    assert "[Documentation](https://lessonkit.github.io/lessonkit/rules/LK105/)" in finding
    challenge, keypoints = line_of(INTRO, "::: challenge"), line_of(INTRO, "::: keypoints")
    assert await hover_text(client, target, at(challenge, 1)) == f"Opens the div `::: challenge`, lines {challenge}-{keypoints - 2}."
    closer = await hover_text(client, target, at(keypoints - 2, 0))
    assert closer == f"Closes the div `::: challenge` opened at line {challenge} (lines {challenge}-{keypoints - 2})."
    solution = line_of(INTRO, ":::::: solution")
    inner = await hover_text(client, target, at(keypoints - 3, 3))
    assert inner == (f"Closes the div `::: solution` opened at line {solution} (lines {solution}-{keypoints - 3})."
                     f"\n\nInside `::: challenge` (line {challenge}).")
    link = await hover_text(client, target, at(line_of(INTRO, "the results"), 6))
    assert link == ("Leads to `second.html` on the built site, built from `episodes/second.md` (T).\n\n"
                    "`#results`: the heading 'Results' at line 7 of `episodes/second.md`.")
    missing = await hover_text(client, target, at(line_of(INTRO, "#nowhere"), 50))
    assert missing.index("No id `#nowhere` there") < missing.index("**LK202 link-missing-anchor**")


async def definition_of(client: LanguageClient, target: str, position: types.Position):
    return await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=target), position=position))


async def test_definition_leads_to_the_heading(client: LanguageClient, lesson: Path):
    second = lesson / "episodes" / "second.md"
    target = open_page(client, lesson / "episodes" / "intro.md")
    found = await definition_of(client, target, at(line_of(INTRO, "the results"), 25))
    assert found.uri == uri(second) and found.range.start == at(line_of(SECOND, "## Results"), 0)
    here = await definition_of(client, target, at(line_of(INTRO, "the start"), 12))
    assert here.uri == target and here.range.start == at(line_of(INTRO, "## Getting started"), 0)
    page_only = await definition_of(client, target, at(line_of(INTRO, "#nowhere"), 50))
    assert page_only.uri == uri(second) and page_only.range.start == at(1, 0)
    assert await definition_of(client, target, at(line_of(INTRO, "Save your work"), 2)) is None


async def complete(client: LanguageClient, target: str, position: types.Position) -> list[types.CompletionItem]:
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=target), position=position))
    return list(result.items) if result else []


async def test_completion(client: LanguageClient, lesson: Path):
    page = lesson / "episodes" / "intro.md"
    text = INTRO + "\n::: chal\n\nSee [there](second.md#\nAnd [that](../\n"
    target = open_page(client, page, text)
    lines = text.split("\n")
    classes = await complete(client, target, at(line_of(text, "::: chal"), len("::: chal")))
    assert "challenge" in [item.label for item in classes] and "callout" in [item.label for item in classes]
    item = next(item for item in classes if item.label == "challenge")
    assert item.text_edit.range == types.Range(start=at(line_of(text, "::: chal"), 4), end=at(line_of(text, "::: chal"), 8))

    line = line_of(text, "[there](second.md#")
    anchors = await complete(client, target, at(line, len(lines[line - 1])))
    assert [(item.label, item.detail) for item in anchors] == [("results", "Results")]

    line = line_of(text, "[that](../")
    paths = await complete(client, target, at(line, len(lines[line - 1])))
    assert {"second.md", "../learners/setup.md", "../index.md"} <= {item.label for item in paths}
    assert "intro.md" not in {item.label for item in paths}
    assert await complete(client, target, at(line_of(text, "Save your work"), 4)) == []


async def test_positions_in_utf16_and_utf32(client: LanguageClient, utf32_client: LanguageClient, lesson: Path):
    page = lesson / "episodes" / "intro.md"
    text = INTRO.replace("See [the results]", "😀 See [the results]")
    line = line_of(text, "#nowhere")
    character = text.split("\n")[line - 1].index("[a missing")  # code points
    for each, units in ((client, character + 1), (utf32_client, character)):  # the emoji is two UTF-16 units
        found = await diagnostics(each, open_page(each, page, text))
        assert next(d for d in found if d.code == "LK202").range.start == at(line, units)


# --- robustness -----------------------------------------------------------------------------


async def test_a_file_deleted_under_the_server(client: LanguageClient, lesson: Path):
    intro, second = lesson / "episodes" / "intro.md", lesson / "episodes" / "second.md"
    target = open_page(client, intro)
    await diagnostics(client, target)
    second.unlink()
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=uri(second), type=types.FileChangeType.Deleted)]))
    found = await diagnostics(client, target, lambda found: "LK201" in {d.code for d in found})
    assert codes(found) == lint_codes(lesson, intro)
    intro.unlink()  # the open page itself: the buffer stays, the lesson no longer has the page
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=target, type=types.FileChangeType.Deleted)]))
    await diagnostics(client, target, lambda found: not found)
    assert await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=target)))
    assert any("is not on disk" in m.message for m in client.log_messages)


async def test_an_unreadable_page_is_a_diagnostic(client: LanguageClient, lesson: Path):
    broken = lesson / "episodes" / "second.md"
    broken.write_bytes(b"\xff\xfe" + "## Results".encode("utf-16-le"))
    target = open_page(client, lesson / "episodes" / "intro.md")
    found = await diagnostics(client, target)
    assert codes(found) == lint_codes(lesson, lesson / "episodes" / "intro.md")
    # opened in the editor, the page's text is the buffer's: it is checked like any other
    second = open_page(client, broken, SECOND.replace("## Results", "# Results"))
    assert "LK401" in {d.code for d in await diagnostics(client, second)}


async def test_a_page_that_cannot_be_parsed(failing_client: LanguageClient, lesson: Path):
    page = lesson / "episodes" / "intro.md"
    target = open_page(failing_client, page, INTRO + "\nBOOM\n")
    found = await diagnostics(failing_client, target)
    assert len(found) == 1 and "the parser gave up" in found[0].message
    assert any("internal error" in m.message for m in failing_client.log_messages)
    replace_all(failing_client, page, INTRO, 2)  # the server goes on: the next text is checked
    found = await diagnostics(failing_client, target, lambda found: "LK105" in {d.code for d in found})
    assert codes(found) == lint_codes(lesson, page)


async def test_a_lesson_without_config_yaml_is_no_lesson_and_the_user_is_told(client: LanguageClient, tmp_path: Path):
    # as `lessonkit lint` refuses the folder, the server checks none of its pages, and says why
    lesson = write_lesson(tmp_path / "bare", {"episodes/intro.md": INTRO, "episodes/two.md": INTRO}, basic=False)
    open_page(client, lesson / "episodes" / "intro.md")
    open_page(client, lesson / "episodes" / "two.md")
    await handled(client, lesson / "episodes" / "two.md")
    [shown] = client.messages  # once for the folder, not once for each page
    assert shown.type == types.MessageType.Warning
    assert f"{lesson.resolve()}: has episodes/ but no config.yaml" in shown.message
    assert not client.diagnostics.get(from_fs_path(str(lesson / "episodes" / "intro.md")))


async def test_a_page_outside_any_lesson(client: LanguageClient, tmp_path: Path):
    page = tmp_path / "notes.md"
    page.write_text("## Notes\n\n::: callout\nHi.\n:::\n", encoding="utf-8")
    target = open_page(client, page)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=target)))
    assert [s.name for s in symbols] == ["Notes"] and [s.name for s in symbols[0].children] == ["::: callout"]
    assert await hover_text(client, target, at(3, 0)) == "Opens the div `::: callout`, lines 3-5."
    assert any("not inside a sandpaper lesson" in m.message for m in client.log_messages)
    # Neovim records no log below warnings by default: the reason is shown, once for the folder
    other = tmp_path / "more.md"
    other.write_text("## More\n", encoding="utf-8")
    open_page(client, other)
    await handled(client, other)
    [shown] = [m for m in client.messages if "not inside a sandpaper lesson" in m.message]
    assert shown.type == types.MessageType.Warning and "notes.md" in shown.message


async def test_divs_nested_thousands_deep(client: LanguageClient, lesson: Path):
    page = lesson / "episodes" / "intro.md"
    depth = 3000
    text = INTRO + "\n" + "".join(f"{':' * (3 + depth - n)} callout\n\n" for n in range(depth)) + "Deep.\n"
    target = open_page(client, page, text)
    found = await diagnostics(client, target, lambda found: "LK101" in {d.code for d in found})
    assert codes(found) == codes_of_lint(lesson, page, text)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=target)))
    assert len(symbols) > depth  # listed flat, not nested past what JSON can hold
    assert "Opens the div `::: callout`" in await hover_text(client, target, at(line_of(text, ":::: callout"), 0))


async def test_the_server_writes_no_file(client: LanguageClient, lesson: Path):
    before = sorted(p.relative_to(lesson) for p in lesson.rglob("*"))
    page = lesson / "episodes" / "intro.md"
    target = open_page(client, page)
    found = await diagnostics(client, target)
    await actions_at(client, target, found, line_of(INTRO, "::: callout"))
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=target)))
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=target)))
    await diagnostics(client, target, lambda found: not found)
    assert sorted(p.relative_to(lesson) for p in lesson.rglob("*")) == before
    assert page.read_text(encoding="utf-8") == INTRO
