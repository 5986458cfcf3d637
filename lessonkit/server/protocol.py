"""The language server: LSP over stdio with pygls, on lessonkit's lint engine and site model.

Handlers run on pygls' event loop and hand the work to one worker thread, which alone touches
the lessons (lessons.py), so requests and edits are applied in the order they came and the
loop stays free to read the next message. Diagnostics wait until typing pauses (DEBOUNCE), then
cover every open document of the lesson that changed. The server never writes a file: fixes
and suppressions go to the editor as edits.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..errors import internal_error
from ..findings import Finding
from ..lesson import Lesson, Page
from ..settings import Settings
from ..textedit import dominant_newline
from ..textio import as_pandoc_reads, resolve_path
from .actions import code_actions
from .completion import completions
from .diagnostics import SOURCE, covers, diagnostic, rule_hover
from .lessons import Document, Lessons, OpenLesson, loose_page
from .navigation import definition, describe_fence, describe_target, target_at
from .positions import Positions
from .symbols import document_symbols

DEBOUNCE = 0.2  # seconds of quiet after a keystroke before the lesson is checked again
WATCHED = "**/*.{md,Rmd,yaml,yml,toml}"
LEVELS = {"error": types.MessageType.Error, "warning": types.MessageType.Warning, "info": types.MessageType.Info}

logger = logging.getLogger(__name__)


def path_of(uri: str) -> Optional[Path]:
    """The resolved file path of a file: URI (None for untitled buffers and other schemes)."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return resolve_path(Path(path)) if path else None


class LessonkitServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("lessonkit", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lessonkit")
        self.lessons = Lessons(self.log, self.show)
        self.timers: dict[Path, asyncio.TimerHandle] = {}
        self.loop: Optional[asyncio.AbstractEventLoop] = None
        self.positions = Positions()  # UTF-16 until the client offers another encoding

    # --- plumbing ---------------------------------------------------------------------------
    def log(self, message: str, level: str = "info") -> None:
        """Send a log message to the client; callable from the worker thread."""
        params = types.LogMessageParams(type=LEVELS.get(level, types.MessageType.Log), message=message)
        if self.loop is None:
            logger.warning(message)
        else:
            self.loop.call_soon_threadsafe(self.window_log_message, params)

    def show(self, message: str, level: str = "warning") -> None:
        """Show a message to the user (window/showMessage); callable from the worker thread."""
        params = types.ShowMessageParams(type=LEVELS.get(level, types.MessageType.Info), message=message)
        if self.loop is None:
            logger.warning(message)
        else:
            self.loop.call_soon_threadsafe(self.window_show_message, params)

    def _guarded(self, job: Callable, *args):
        try:
            return job(*args)
        except Exception as error:  # a bug in lessonkit: keep serving, and say what happened
            logger.error("%s", traceback.format_exc())
            self.log(f"lessonkit: {internal_error(error)}", "error")
            return None

    async def run(self, job: Callable, *args):
        """Run job(*args) on the worker thread; None if it failed (the failure is logged)."""
        self.loop = asyncio.get_running_loop()
        return await self.loop.run_in_executor(self.worker, functools.partial(self._guarded, job, *args))

    def schedule(self, state: Optional[OpenLesson], delay: float) -> None:
        """Check the lesson's open documents after delay seconds of quiet."""
        if state is None:
            return
        loop = asyncio.get_running_loop()
        pending = self.timers.pop(state.root, None)
        if pending is not None:
            pending.cancel()
        self.timers[state.root] = loop.call_later(delay, lambda: asyncio.ensure_future(self.publish(state)))

    async def publish(self, state: OpenLesson) -> None:
        self.timers.pop(state.root, None)
        for params in await self.run(self.diagnostics, state) or []:
            self.text_document_publish_diagnostics(params)

    def diagnostics(self, state: OpenLesson) -> list[types.PublishDiagnosticsParams]:
        """Lint the lesson; the diagnostics of each of its open documents (worker thread)."""
        positions = self.positions
        try:
            findings = state.findings()
        except Exception as error:
            state.stale = True  # try again from disk next time
            logger.error("%s", traceback.format_exc())
            self.log(f"lessonkit: while checking {state.root}: {internal_error(error)}", "error")
            message = (f"lessonkit could not check this lesson: internal error {type(error).__name__}: {error} "
                       "(the server log has the details)")
            return [types.PublishDiagnosticsParams(uri=document.uri, version=document.version, diagnostics=[
                types.Diagnostic(range=types.Range(start=types.Position(line=0, character=0),
                                                   end=types.Position(line=1, character=0)),
                                 message=message, severity=types.DiagnosticSeverity.Error, source=SOURCE)])
                    for document in state.documents.values()]
        published = []
        for path, document in state.documents.items():
            lines = document.lines
            published.append(types.PublishDiagnosticsParams(
                uri=document.uri, version=document.version,
                diagnostics=[diagnostic(finding, lines, positions) for finding in findings.get(path, [])]))
        return published

    def context(self, uri: str) -> Optional["Context"]:
        """What the features need of an open document (worker thread); None for a document the
        server does not have."""
        path = path_of(uri)
        state = self.lessons.lesson_of(path) if path else None
        if state is None:
            document = self.lessons.loose.get(path) if path else None
            return Context(None, None, loose_page(document), document) if document else None
        lesson, page = state.page(path)
        if page is not None and page.error is not None:
            page = None  # unreadable on disk and not open: nothing to show
        return Context(state, lesson, page, state.documents[path])

    # --- features (each runs on the worker thread) --------------------------------------------
    def hover(self, uri: str, position: types.Position) -> Optional[types.Hover]:
        here = self.context(uri)
        if here is None:
            return None
        lines = here.document.lines
        line, column = self.positions.place(lines, position)
        parts = []  # what is here first (short), then the documentation of the rules found here
        if here.page is not None:
            parts.append(describe_fence(here.page, line))
            target = target_at(here.page, line, column)
            if target is not None and here.lesson is not None:
                parts.append(describe_target(here.lesson, here.page, target.target))
        for code in dict.fromkeys(f.code for f in here.findings() if covers(f, lines, line, column)):
            parts.append(rule_hover(code))
        parts = [part for part in parts if part]
        if not parts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))

    def definition(self, uri: str, position: types.Position) -> Optional[types.Location]:
        here = self.context(uri)
        if here is None or here.lesson is None or here.page is None:
            return None
        target = target_at(here.page, *self.positions.place(here.document.lines, position))
        found = definition(here.lesson, here.page, target.target) if target else None
        if found is None:
            return None
        path, page, line, column = found
        position = self.positions.position(page.lines, line, column) if page else types.Position(line=0, character=0)
        return types.Location(uri=from_fs_path(str(path)), range=types.Range(start=position, end=position))

    def symbols(self, uri: str) -> Optional[list[types.DocumentSymbol]]:
        here = self.context(uri)
        if here is None or here.page is None:
            return None
        return document_symbols(here.page, here.document.lines, self.positions)

    def completion(self, uri: str, position: types.Position) -> Optional[types.CompletionList]:
        here = self.context(uri)
        if here is None or here.page is None:
            return None
        lines = here.document.lines
        line, column = self.positions.place(lines, position)
        settings = here.state.settings if here.state else Settings()
        items = completions(here.lesson, here.page, settings, lines, line, column, self.positions)
        return types.CompletionList(is_incomplete=False, items=items)

    def actions(self, uri: str, selection: types.Range) -> Optional[list[types.CodeAction]]:
        here = self.context(uri)
        findings = here.findings() if here else []
        if not findings:
            return None
        lines = here.document.lines
        first, _ = self.positions.place(lines, selection.start)
        last, _ = self.positions.place(lines, selection.end)
        # suppression comments go in the lesson's pages (not config.yaml, not a README)
        page = here.page if here.page is not None and here.lesson.page_at(here.document.path) is here.page else None
        return code_actions(uri, lines, page, findings, first, last, here.state.settings, self.positions,
                            here.document.newline)


@dataclass
class Context:
    """An open document with its lesson (None outside a lesson) and page (None when unreadable)."""

    state: Optional[OpenLesson]
    lesson: Optional[Lesson]
    page: Optional[Page]
    document: Document

    def findings(self) -> list[Finding]:
        return self.state.findings().get(self.document.path, []) if self.state else []


def document_of(uri: str, text: str, version: Optional[int]) -> Optional[Document]:
    path = path_of(uri)
    if path is None:
        return None
    return Document(uri=uri, path=path, text=as_pandoc_reads(text), version=version, newline=dominant_newline(text))


def create_server() -> LessonkitServer:
    server = LessonkitServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: LessonkitServer, params: types.InitializeParams) -> None:
        ls.positions = Positions(ls.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: LessonkitServer, params: types.InitializedParams) -> None:
        ls.loop = asyncio.get_running_loop()
        watch = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watch and watch.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=WATCHED)])
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[
                    types.Registration(id="lessonkit-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                       register_options=options)]))
            except Exception as error:  # the client said no: saves still bring the lesson up to date
                ls.log(f"lessonkit: the editor does not report changed files ({error}); saved buffers still "
                       "update the lesson", "warning")

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: LessonkitServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        document = document_of(item.uri, item.text, item.version)
        if document is not None:
            ls.schedule(await ls.run(ls.lessons.open, document), 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: LessonkitServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = path_of(uri)
        if path is None:
            return
        text = ls.workspace.get_text_document(uri).source
        state = await ls.run(ls.lessons.change, path, as_pandoc_reads(text), params.text_document.version,
                             dominant_newline(text))
        ls.schedule(state, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: LessonkitServer, params: types.DidSaveTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        if path is not None:  # other programs may have changed files meanwhile: read the lesson again
            for state in await ls.run(ls.lessons.files_changed, [path]) or []:
                ls.schedule(state, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: LessonkitServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = path_of(uri)
        if path is None:
            return
        state = await ls.run(ls.lessons.close, path)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        ls.schedule(state, 0)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def files_changed(ls: LessonkitServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [path for path in (path_of(change.uri) for change in params.changes) if path is not None]
        for state in await ls.run(ls.lessons.files_changed, paths) or []:
            ls.schedule(state, 0)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: LessonkitServer, params: types.HoverParams):
        return await ls.run(ls.hover, params.text_document.uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    async def goto_definition(ls: LessonkitServer, params: types.DefinitionParams):
        return await ls.run(ls.definition, params.text_document.uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def symbols(ls: LessonkitServer, params: types.DocumentSymbolParams):
        return await ls.run(ls.symbols, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION,
                    types.CompletionOptions(trigger_characters=["#", "(", "/", " ", ".", "{"]))
    async def complete(ls: LessonkitServer, params: types.CompletionParams):
        return await ls.run(ls.completion, params.text_document.uri, params.position)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def actions(ls: LessonkitServer, params: types.CodeActionParams):
        return await ls.run(ls.actions, params.text_document.uri, params.range)

    return server


def serve() -> None:
    """Serve one client over stdin and stdout until it says exit."""
    create_server().start_io()
