"""R Markdown (.Rmd) chunks, as sandpaper sees them before pandoc reads the page.

knitr runs each chunk and leaves a code block, so for structure a chunk header is a plain code
fence (normalise_knitr). Its options are read here from the page's own line, and from ``#|``
lines at the top of the chunk.
"""

from __future__ import annotations

import re

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
