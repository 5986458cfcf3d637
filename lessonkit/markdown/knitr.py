"""R Markdown (.Rmd) chunks, as sandpaper sees them before pandoc: knitr runs each chunk and
leaves a code block, so for structure a chunk header is a plain code fence."""

from __future__ import annotations

import re

KNITR_CHUNK = re.compile(r"^([ \t]*)(`{3,})[ \t]*\{[ \t]*([A-Za-z0-9_]+)[^}\n]*\}[ \t]*$", re.MULTILINE)


def normalise_knitr(text: str) -> str:
    """Turn knitr chunk fences (```` ```{r name, echo=FALSE} ````) into plain code fences."""
    if "{" not in text:
        return text
    return KNITR_CHUNK.sub(r"\1\2\3", text)
