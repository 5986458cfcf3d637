"""Links and images as their text reads (LK212, LK213): a link written with a space before its
target, which is no link, and alternative text that is only the image's file name."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from ..findings import Edit, Problem, fix
from . import rule
from .literal import inline_texts

# [text] (target): a bracket group, spaces, and a parenthesised link target with no spaces
SPACED_LINK = re.compile(r"(!?)\[([^\[\]\n]+)\]([ \t]+)\(([^()\s]+)\)")
TARGET_LIKE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|mailto:|\.\.?/|#)|\.(?:md|Rmd|html?|png|jpe?g|gif|svg|pdf)(?:#|$)")


@rule("LK212", "link-spaced-target", "error", fix="safe")
def link_spaced_target(page, context):
    """A link or image written with a space between its text and its target:
    `[text] (https://...)`.

    pandoc (like every Markdown) reads a link only when the `(` follows the `]` directly. With
    a space between them, the page shows `[text]` with its brackets, and the target in
    parentheses as text after it (an address as a bare link of its own, `(11-lists.md)` as
    plain text), and an image shows no picture at all. Bracket text that is a defined
    reference label is a link of its own and is not reported.

    Fails:

        Read the [introduction to the shell] (https://swcarpentry.github.io/shell-novice/).

    Passes:

        Read the [introduction to the shell](https://swcarpentry.github.io/shell-novice/).

    The fix removes the space.
    """
    starts = {(link.line, link.column) for link in page.parsed.links}
    for inline in inline_texts(page, context):
        if "] (" not in inline.text and "]\t(" not in inline.text:
            continue
        for match in SPACED_LINK.finditer(inline.text):
            target = match.group(4)
            if not TARGET_LIKE.search(target):
                continue
            line, column = inline.position(match.start())
            bracket_line, bracket_column = inline.position(match.start(2) - 1)
            if (line, column) in starts or (bracket_line, bracket_column) in starts:
                continue  # [label] is a reference link
            gap_line, gap_column = inline.position(match.start(3))
            end_line, end_column = inline.position(match.end())
            what = "image" if match.group(1) else "link"
            yield Problem(line, column, f"'{match.group(0)}' is no {what}: pandoc reads a {what} only when '(' follows "
                                        f"']' directly, so the page shows '{match.group(1)}[{match.group(2)}]' in "
                                        f"brackets and '({target})' as text; remove the space",
                          end_line=end_line, end_column=end_column,
                          fix=fix("Remove the space before the target",
                                  Edit(gap_line, gap_column, gap_line, gap_column + len(match.group(3)), "")))


IMAGE_FILE = re.compile(r"[\w.~-]+\.(?:png|jpe?g|gif|svg|webp|tiff?|bmp|pdf)", re.IGNORECASE)
FILE_LIKE_STEM = re.compile(r"[\w-]+")


def _file_name(target: str) -> tuple[str, str]:
    name = posixpath.basename(unquote(target.split("?", 1)[0].split("#", 1)[0]))
    return name, name.rsplit(".", 1)[0] if "." in name else name


@rule("LK213", "image-alt-file-name", "warning")
def image_alt_file_name(page, context):
    """An image whose alternative text is its file name: `![SQL_10_DataSource](fig/SQL_10_DataSource.png)`.

    A screen reader reads the alternative text in place of the image, so its user hears
    "S Q L underscore 10 underscore data source" and learns nothing of what the image shows;
    editors and converters often fill in the file name when no description was written.
    Reported are an alternative text that is the image's file name or its path, or the file
    name without its extension when that is a file-like name (words joined by `_` or `-`, or
    with digits, such as `pandas_join_types` or `image001`). A single word that is also the
    file's name (`![Logo](fig/logo.png)`) may well describe the image, and passes. Describe
    what the image shows.

    Fails:

        ![pandas_join_types](fig/pandas_join_types.png)

    Passes:

        ![Venn diagrams of the four join types: inner, outer, left and right](fig/pandas_join_types.png)
    """
    for image in page.parsed.images:
        alt = " ".join(image.alt.split())
        if not alt:
            continue  # LK203
        name, stem = _file_name(image.target.strip())
        folded = alt.casefold()
        exact = folded in (name.casefold(), image.target.strip().casefold()) or (
            IMAGE_FILE.fullmatch(alt) is not None and folded == name.casefold())
        file_like = folded == stem.casefold() and FILE_LIKE_STEM.fullmatch(stem) and re.search(r"[_\d-]", stem)
        if exact or file_like:
            yield Problem(image.line, image.column, f"Alternative text '{alt}' is the image's file name: a screen "
                                                    "reader announces the name, not what the image shows; describe "
                                                    "the image",
                          end_line=image.end_line, end_column=image.end_column)
