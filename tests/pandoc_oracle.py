"""Pandoc oracle for differential tests.

Runs the real pandoc (found through ``pypandoc.get_pandoc_path()``) on
Markdown text and reduces its JSON AST to the structure that lessonkit must
reproduce:

    {"divs": [node, ...], "headings": [{"level": int, "id": str}, ...]}

where a div node is ``{"classes": [...], "id": str, "children": [node, ...]}``.
Only Div blocks form the tree; every other element (lists, block quotes,
tables, definition lists, footnotes, ...) is transparent, so a Div inside a
BulletList inside a Div is a child of the outer Div.  Headings are every
Header block, at any depth, in AST order (a footnote's blocks sit at its
reference).  YAML metadata is ignored.  Raw HTML ``<div>`` blocks are Divs
too (pandoc's native_divs extension).  Pass ``.Rmd`` text through
``normalise_rmd`` first.  The parsing functions take ``from_format`` (default
sandpaper's reader); ``sandpaper_format("native_divs")`` keeps HTML ``<div>`` as raw HTML.

Texts are read as sandpaper reads them (``SANDPAPER_FROM``).

``pandoc_structure_many`` parses many texts in one ``pandoc lua`` process per
worker (``pandoc.read`` is the same reader as ``pandoc -f markdown``); the
input is pre-processed exactly as the pandoc CLI does (BOM and CR removal,
tab expansion to a tab stop of 4) so the results are identical to the CLI.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterable

import pypandoc

__all__ = [
    "SANDPAPER_FROM",
    "sandpaper_format",
    "pandoc_path",
    "pandoc_version",
    "pandoc_json",
    "pandoc_warnings",
    "structure_from_ast",
    "pandoc_structure",
    "pandoc_structure_many",
    "pandoc_json_many",
    "normalise_rmd",
]

# sandpaper's reader (construct_pandoc_args() in its R/render_html.R): pandoc's markdown plus
# emoji, bare URIs as links and \(math\).
SANDPAPER_EXTENSIONS = (
    "smart", "auto_identifiers", "autolink_bare_uris", "emoji", "footnotes", "header_attributes",
    "inline_notes", "link_attributes", "markdown_in_html_blocks", "native_divs", "tex_math_dollars",
    "tex_math_single_backslash", "yaml_metadata_block",
)


def sandpaper_format(*without: str) -> str:
    """sandpaper's reader, less the extensions named (pandoc lets a "+" win over a later "-")."""
    kept = "".join(f"+{name}" for name in SANDPAPER_EXTENSIONS if name not in without)
    return "markdown-hard_line_breaks" + kept + "".join(f"-{name}" for name in without)


SANDPAPER_FROM = sandpaper_format()
FROM_FORMAT = SANDPAPER_FROM
TAB_STOP = 4  # pandoc's default --tab-stop


# --------------------------------------------------------------------------
# finding and running pandoc
# --------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def pandoc_path() -> str:
    """Path of the pandoc executable shipped with pypandoc-binary."""
    return pypandoc.get_pandoc_path()


@functools.lru_cache(maxsize=None)
def pandoc_version() -> str:
    """Version of that pandoc, e.g. ``"3.9"``."""
    out = subprocess.run(
        [pandoc_path(), "--version"], capture_output=True, check=True, text=True
    ).stdout
    first = out.splitlines()[0] if out else ""
    m = re.match(r"pandoc(?:\.exe)?\s+(\S+)", first)
    return m.group(1) if m else first.strip()


def _run_cli(text: str, from_format: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [pandoc_path(), "-f", from_format, "-t", "json"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=False,
    )


def _checked(proc: subprocess.CompletedProcess) -> bytes:
    if proc.returncode != 0:
        raise RuntimeError(
            f"pandoc exited with {proc.returncode}: "
            + proc.stderr.decode("utf-8", "replace").strip()
        )
    return proc.stdout


def pandoc_json(
    text: str, warnings: list[str] | None = None, from_format: str = FROM_FORMAT
) -> dict:
    """The full pandoc JSON AST of ``text`` read as pandoc Markdown.

    If ``warnings`` is a list, the lines pandoc wrote to stderr are appended.
    """
    proc = _run_cli(text, from_format)
    ast = json.loads(_checked(proc))
    if warnings is not None:
        stderr = proc.stderr.decode("utf-8", "replace")
        warnings.extend(line for line in stderr.splitlines() if line.strip())
    return ast


def pandoc_warnings(text: str, from_format: str = FROM_FORMAT) -> list[str]:
    """The lines pandoc writes to stderr (warnings) when parsing ``text``."""
    warnings: list[str] = []
    pandoc_json(text, warnings, from_format)
    return warnings


# --------------------------------------------------------------------------
# reducing the AST
# --------------------------------------------------------------------------

def structure_from_ast(ast: dict) -> dict:
    """Reduce a pandoc JSON AST to ``{"divs": [...], "headings": [...]}``."""
    divs: list[dict] = []
    headings: list[dict] = []

    def walk(value: Any, target: list) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item, target)
        elif isinstance(value, dict):
            tag = value.get("t")
            content = value.get("c")
            if tag == "Div":
                (ident, classes, _kv), blocks = content
                node = {"classes": list(classes), "id": ident, "children": []}
                target.append(node)
                walk(blocks, node["children"])
            elif tag == "Header":
                level, (ident, _classes, _kv), inlines = content
                headings.append({"level": level, "id": ident})
                walk(inlines, target)  # a footnote in a heading may hold blocks
            elif content is not None:
                walk(content, target)

    walk(ast.get("blocks", []), divs)
    return {"divs": divs, "headings": headings}


def pandoc_structure(text: str, from_format: str = FROM_FORMAT) -> dict:
    """Div tree and headings of ``text`` as pandoc 3 parses it."""
    return structure_from_ast(pandoc_json(text, from_format=from_format))


# --------------------------------------------------------------------------
# many texts at once
# --------------------------------------------------------------------------

# One `pandoc lua` process reads a JSON list of texts on stdin and writes a
# JSON list of ASTs: this saves pandoc's start-up time (~25 ms) per text.  A
# text that pandoc rejects (e.g. bad YAML) yields {"error": message}.
_LUA_BATCH = r"""
local format = arg[1]
local texts = pandoc.json.decode(io.read("a"), false)
local out = {}
for i, text in ipairs(texts) do
  local ok, result = pcall(function()
    return pandoc.write(pandoc.read(text, format), "json")
  end)
  out[i] = ok and result or pandoc.json.encode({error = tostring(result)})
end
io.write("[" .. table.concat(out, ",") .. "]")
"""


def _cli_like_input(text: str) -> str:
    """What the pandoc CLI hands to its reader: no BOM, no CR, tabs expanded."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r", "")
    if "\t" in text:
        text = "\n".join(line.expandtabs(TAB_STOP) for line in text.split("\n"))
    return text


@functools.lru_cache(maxsize=None)
def _lua_script() -> str:
    fd, path = tempfile.mkstemp(prefix="lessonkit-pandoc-", suffix=".lua")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(_LUA_BATCH)
    atexit.register(os.remove, path)
    return path


def _run_batch(texts: list[str], numbers: list[int], from_format: str) -> list[dict]:
    payload = json.dumps([_cli_like_input(t) for t in texts]).encode("utf-8")
    proc = subprocess.run(
        [pandoc_path(), "lua", _lua_script(), from_format],
        input=payload,
        capture_output=True,
        check=False,
    )
    results = []
    for number, ast in zip(numbers, json.loads(_checked(proc))):
        if "error" in ast:
            raise RuntimeError(f"pandoc failed on text {number}: {ast['error']}")
        results.append(ast)
    return results


def pandoc_structure_many(
    texts: Iterable[str], jobs: int | None = None, from_format: str = FROM_FORMAT
) -> list[dict]:
    """``[pandoc_structure(t) for t in texts]``, but about 5x faster (see pandoc_json_many)."""
    return [structure_from_ast(ast) for ast in pandoc_json_many(texts, jobs, from_format)]


def pandoc_json_many(
    texts: Iterable[str], jobs: int | None = None, from_format: str = FROM_FORMAT
) -> list[dict]:
    """``[pandoc_json(t) for t in texts]``, but about 5x faster.

    The texts are dealt round-robin into ``jobs`` batches (default: CPU
    count); each batch is parsed by one ``pandoc lua`` process, the processes
    running in parallel.  Raises RuntimeError (naming the index of the text)
    if pandoc rejects a text.
    """
    texts = list(texts)
    if not texts:
        return []
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(texts)))
    numbers = list(range(len(texts)))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(_run_batch, texts[k::jobs], numbers[k::jobs], from_format)
            for k in range(jobs)
        ]
        batches = [f.result() for f in futures]
    results: list[dict] = [{}] * len(texts)
    for k, batch in enumerate(batches):
        results[k::jobs] = batch
    return results


# --------------------------------------------------------------------------
# R Markdown
# --------------------------------------------------------------------------

_KNITR_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,})[ \t]*\{[ \t]*(?P<engine>[A-Za-z][A-Za-z0-9_]*)(?:[ \t,][^\n]*)?\}[ \t]*$",
    re.MULTILINE,
)


def normalise_rmd(text: str) -> str:
    """Turn knitr chunk openers into plain fences, as knitr leaves them.

    ```` ```{r name, echo=FALSE} ```` becomes ```` ```r ````; the closing
    fence (plain ```` ``` ````) and the chunk body are left as they are.
    """
    return _KNITR_FENCE.sub(
        lambda m: f"{m.group('indent')}{m.group('fence')}{m.group('engine')}", text
    )
