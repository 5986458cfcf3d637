"""R Markdown (.Rmd) chunks, as sandpaper sees them before pandoc reads the page.

knitr runs each chunk and leaves a code block, so for structure a chunk header is a plain code
fence (normalise_knitr). Its options are read here from the page's own line, and from ``#|``
lines at the top of the chunk. A chunk with a `child` option is replaced by the knitted text of
the files it names (child_chunks finds them; the lesson model reads them).
"""

from __future__ import annotations

import re
from typing import Optional

KNITR_CHUNK = re.compile(r"^([ \t]*)(`{3,})[ \t]*\{[ \t]*([A-Za-z0-9_]+)[^}\n]*\}[ \t]*$", re.MULTILINE)

_HEADER = re.compile(r"^[ \t>]*(?:`{3,}|~{3,})[ \t]*\{([^}\n]*)\}")
# eval=FALSE, echo = F, include=FALSE in the header; knitr reads F as FALSE
_OFF_IN_HEADER = re.compile(r"(?:^|[\s,])(eval|echo|include)\s*=\s*(?:FALSE|F)(?=\s*(?:,|$))")
# #| eval: false (knitr 1.35 and later, as Quarto writes them)
_OFF_IN_BODY = re.compile(r"^#\|\s*(eval|echo|include)\s*:\s*(?:false|FALSE|no|F)\s*$")


def normalise_knitr(text: str) -> str:
    """Turn knitr chunk fences (```` ```{r name, echo=FALSE} ````) into plain code fences."""
    if "{" not in text:
        return text
    return KNITR_CHUNK.sub(r"\1\2\3", text)


def switched_off(page, block) -> set[str]:
    """Which of eval, echo and include the chunk sets to false (empty for a page that is not
    R Markdown, or a block that is not a knitr chunk)."""
    if not page.is_rmd or not block.fence or block.line > len(page.lines):
        return set()
    header = _HEADER.match(page.lines[block.line - 1])
    if header is None:
        return set()
    found = set(_OFF_IN_HEADER.findall(header.group(1)))
    for line in block.content.split("\n"):
        if not line.startswith("#|"):
            break
        match = _OFF_IN_BODY.match(line.strip())
        if match:
            found.add(match.group(1))
    return found


def run_by_learners(page, block) -> bool:
    """Whether learners run the chunk's code: not when the built page leaves it out (echo=FALSE,
    include=FALSE: code that builds a figure or sets up the page) or when knitr does not run it
    (eval=FALSE: an example to read, or something learners should not do as they read)."""
    return not switched_off(page, block)


# ```{r, child='files/part.md'} or ```{r child = c("a.md", "b.md")}, and #| child: part.md
_CHUNK_START = re.compile(r"^[ \t>]*(`{3,})[ \t]*\{([^}\n]*)\}[ \t]*$")
_CHILD_IN_HEADER = re.compile(r"(?:^|[\s,])child\s*=\s*(.*?)\s*(?=,\s*[A-Za-z_.][\w.]*\s*=|$)")
_CHILD_IN_BODY = re.compile(r"^#\|\s*child\s*:\s*(.*?)\s*$")
_QUOTED = re.compile(r"""\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*""")


def _literal_paths(value: str, body: bool = False) -> Optional[list[str]]:
    """The file names an R (or, in a #| line, YAML) value spells out as literal strings, or None
    for anything computed (`paste(dir, "x.Rmd")`, a variable), which only running R can tell."""
    value = value.strip()
    inner = value[2:-1] if value.startswith("c(") and value.endswith(")") else \
        value[1:-1] if body and value.startswith("[") and value.endswith("]") else value
    names = []
    for item in inner.split(",") if inner.strip() else []:
        quoted = _QUOTED.fullmatch(item)
        if quoted is not None:
            names.append(quoted.group(1) if quoted.group(1) is not None else quoted.group(2))
        elif body and item.strip() and not any(c in item for c in "()$`'\""):
            names.append(item.strip())  # YAML takes a bare word as a string
        else:
            return None
    return names or None


def child_chunks(text: str) -> list[tuple[int, Optional[list[str]]]]:
    """(line, file names) of each chunk of the text with a `child` option, its line 1-based; the
    names are None when the option computes them."""
    if "child" not in text:
        return []
    lines = text.split("\n")
    found = []
    for index, line in enumerate(lines):
        header = _CHUNK_START.match(line)
        if header is None:
            continue
        option = _CHILD_IN_HEADER.search(header.group(2))
        if option is not None:
            found.append((index + 1, _literal_paths(option.group(1))))
            continue
        for below in lines[index + 1:]:
            if not below.startswith("#|"):
                break
            option = _CHILD_IN_BODY.match(below.strip())
            if option is not None:
                found.append((index + 1, _literal_paths(option.group(1), body=True)))
                break
    return found

