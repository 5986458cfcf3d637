"""What a fix may do to the page pandoc reads, judged on pandoc's AST (tests/pandoc_oracle.py).

A fix either keeps the page's blocks as they were, changes one thing the finding names (a class,
a link target, heading levels), or changes one block: the blocks around it, and the containers
holding it, stay as they were. `rendering_problem` says which applies to a fix and checks it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Optional

WORD = re.compile(r"\w+")

# Blocks holding lists of blocks, and where: a change inside one of them is a change of that list.
CONTAINERS = {
    "Div": lambda c: [c[1]],
    "BlockQuote": lambda c: [c],
    "BulletList": lambda c: c,
    "OrderedList": lambda c: c[1],
}


def _shell(block: dict) -> Any:
    """The block without the blocks it holds (its kind and attributes)."""
    tag, content = block.get("t"), block.get("c")
    if tag == "Div":
        return (tag, content[0])
    if tag == "OrderedList":
        return (tag, content[0], len(content[1]))
    if tag == "BulletList":
        return (tag, len(content))
    return (tag,)


def changed_region(before: list, after: list) -> tuple[list, list]:
    """The smallest run of sibling blocks that differs: common blocks are stripped from both ends
    and a single differing container of the same kind is entered."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    old, new = before[start : len(before) - end], after[start : len(after) - end]
    if len(old) == 1 and len(new) == 1 and old[0].get("t") in CONTAINERS and _shell(old[0]) == _shell(new[0]):
        holds = CONTAINERS[old[0]["t"]]
        pairs = [(a, b) for a, b in zip(holds(old[0]["c"]), holds(new[0]["c"])) if a != b]
        if len(pairs) == 1:
            return changed_region(*pairs[0])
    return old, new


def differences(before: Any, after: Any, path: tuple = ()) -> list[tuple[tuple, Any, Any]]:
    """(path, before, after) of each leaf where two ASTs differ; a change of shape is one leaf."""
    if isinstance(before, dict) and isinstance(after, dict) and before.keys() == after.keys():
        return [d for key in before for d in differences(before[key], after[key], path + (key,))]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (a, b) in enumerate(zip(before, after)) for d in differences(a, b, path + (i,))]
    return [] if before == after else [(path, before, after)]


def stringify(value: Any) -> str:
    """The words of blocks or inlines, one space apart (link targets and attributes left out)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            return
        tag, content = node.get("t"), node.get("c")
        if tag == "Str":
            parts.append(content)
        elif tag in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif tag in ("Code", "CodeBlock", "RawInline", "RawBlock", "Math"):
            parts.append(" " + content[1] + " ")
        elif tag in ("Link", "Image", "Span"):  # [attributes, content(, target)]
            walk(content[1])
        elif tag == "Div":  # its class is what the fence said
            parts.append(" " + " ".join(content[0][1]) + " ")
            walk(content[1])
        elif tag == "Header":
            walk(content[2])
        elif content is not None:
            walk(content)
        parts.append(" ")  # every node ends a word: terms and definitions, cells, items

    walk(value)
    return " ".join("".join(parts).split())


def _at(ast: Any, path: tuple) -> Any:
    for key in path:
        ast = ast[key]
    return ast


def _enclosing_link(ast: Any, path: tuple) -> Optional[tuple]:
    """The path of the innermost link or image holding the node at path, or None."""
    for end in range(len(path), -1, -1):
        node = _at(ast, path[:end])
        if isinstance(node, dict) and node.get("t") in ("Link", "Image"):
            return path[:end]
    return None


def _is_paragraph(block: dict) -> bool:
    return block.get("t") in ("Para", "Plain")


def _count(blocks: Any, tag: str) -> int:
    if isinstance(blocks, list):
        return sum(_count(item, tag) for item in blocks)
    if isinstance(blocks, dict):
        return (blocks.get("t") == tag) + _count(blocks.get("c"), tag)
    return 0


def rendering_problem(code: str, description: str, before: list, after: list, deleted: str = "") -> Optional[str]:
    """Why the change from the blocks before to the blocks after is not what a fix of rule code
    (described as description) may do, or None. deleted: the text a deleting fix removes."""
    if code in ("LK101", "LK303"):  # the page renders as it did
        return None if before == after else f"blocks changed: {differences(before, after)[:3]}"
    diffs = differences(before, after)
    if code == "LK103":  # one class, nothing else
        path = diffs[0][0] if len(diffs) == 1 else ()
        if path[-4:] == ("c", 0, 1, 0) and _at(before, path[:-4]).get("t") == "Div":
            return None
        return f"more than a class changed: {diffs[:3]}"
    if code in ("LK201", "LK202", "LK205", "LK207", "LK209") or description.startswith("Drop '{{"):
        # one link's target (and, for an autolink or bare URL, its text: the address)
        links = {_enclosing_link(before, path) for path, _, _ in diffs}
        targets = [path for path, _, _ in diffs if path[-3:] == ("c", 2, 0)]
        return None if len(links) == 1 and None not in links and targets else f"not one link's target: {diffs[:3]}"
    if code == "LK401":
        levels = all(d[0][-2:] == ("c", 0) and _at(before, d[0][:-2]).get("t") == "Header" and d[2] == d[1] + 1
                     for d in diffs)
        return None if diffs and levels else f"not just heading levels changed: {diffs[:3]}"
    old, new = changed_region(before, after)
    if deleted:  # its words are gone, every other word is still there (the blocks may regroup)
        expected = Counter(WORD.findall(stringify(old))) - Counter(WORD.findall(deleted))
        found = Counter(WORD.findall(stringify(new)))
        return None if found == expected else f"words changed: {(found - expected) + (expected - found)}"
    if code == "LK405":  # the paragraph that swallowed a block is split above it
        kept = new[0]["c"] if new and _is_paragraph(new[0]) else None
        if len(old) != 1 or not _is_paragraph(old[0]) or kept is None or old[0]["c"][: len(kept)] != kept or len(new) < 2:
            return f"the paragraph was not split above the block: {old[:1]} -> {new[:2]}"
        return None
    if code in ("LK105", "LK106"):  # fences that were text become a div's: its words are the same
        if Counter(WORD.findall(stringify(old))) != Counter(WORD.findall(stringify(new))):
            return f"words changed: {stringify(old)!r} -> {stringify(new)!r}"
        return None if _count(new, "Div") >= max(_count(old, "Div"), 1) else f"no div: {new[:2]}"
    if code == "LK901" and description.startswith("Make the block quote"):
        quote = old[:1] and old[0].get("t") == "BlockQuote"
        if not quote or len(old) > 2 or len(new) != 1 or new[0].get("t") != "Div":
            return f"a block quote did not become one div: {old[:1]} -> {new[:1]}"
        return None
    if code == "LK901" and description.startswith("Move the heading into"):  # the quoted title, then the text
        # between, become the first blocks of the box below; nothing else changes
        quote = old[:1] and old[0].get("t") == "BlockQuote" and [b.get("t") for b in old[0]["c"]] == ["Header"]
        if not quote or len(new) != 1 or new[0].get("t") != "Div" or old[-1].get("t") != "Div":
            return f"not a quoted title moving into the box below: {[b.get('t') for b in old]} -> {new[:1]}"
        if new[0]["c"][0] != old[-1]["c"][0] or new[0]["c"][1] != old[0]["c"] + old[1:-1] + old[-1]["c"][1]:
            return f"the box does not hold the heading, the text between, then its own: {new[0]['c'][1][:2]}"
        return None
    if code == "LK901" and description.startswith("Drop the block quote"):  # its blocks take its place
        if len(old) == 1 and old[0].get("t") == "BlockQuote" and old[0]["c"] == new:
            return None
        return f"the quote's blocks did not take its place: {old[:1]} -> {new[:2]}"
    if code == "LK901" and description.startswith(("Write the language", "Delete the code class")):
        kinds = [b.get("t") for b in old]
        if kinds[:1] != ["CodeBlock"] or len(new) != 1 or new[0].get("t") != "CodeBlock":
            return f"not a code block taking its class: {kinds} -> {[b.get('t') for b in new]}"
        return None
    if code == "LK802":
        return None if _count(new, "CodeBlock") == _count(old, "CodeBlock") + 1 else "no code block closed"
    if code == "LK212":  # "[text] (target)" becomes a link (or image) to target, the text its text
        kept = set(WORD.findall(stringify(new))) <= set(WORD.findall(stringify(old)))  # a figure repeats its alt
        gained = _named_links(new) == _named_links(old) + 1
        return None if gained and kept else f"no new link: {old[:1]} -> {new[:1]}"
    if code == "LK410":  # "****word****" becomes bold, and no word changes
        same = Counter(WORD.findall(stringify(old))) == Counter(WORD.findall(stringify(new)))
        return None if same and _count(new, "Strong") == _count(old, "Strong") + 1 else f"not bold: {new[:1]}"
    if code == "LK411":  # "$...$" becomes text: one formula fewer, the same words
        same = Counter(WORD.findall(stringify(old))) == Counter(WORD.findall(stringify(new)))
        return None if same and _count(new, "Math") == _count(old, "Math") - 1 else f"math not text: {new[:1]}"
    if code == "LK903":  # the attribute list's words leave the page, nothing else does
        gone = Counter(WORD.findall(description.partition("'")[2]))
        words, kept = Counter(WORD.findall(stringify(old))), Counter(WORD.findall(stringify(new)))
        return None if kept == words - gone and len(old) == len(new) else f"words changed: {words - kept}"
    if code == "LK408":  # the paragraph that held a grid table becomes the table (and its caption, or text)
        words, kept = Counter(WORD.findall(stringify(old))), Counter(WORD.findall(stringify(new)))
        same = kept in (words, words - Counter({"Table": 1}))  # a caption's "Table:" is no word of the page
        return None if same and _count(new, "Table") == _count(old, "Table") + 1 else f"no table: {new[:2]}"
    if code in ("LK107", "LK108"):  # blocks above a challenge move into it, first; nothing else changes
        if len(new) != 1 or new[0].get("t") != "Div" or not old or old[-1].get("t") != "Div":
            return f"not one challenge taking in the blocks above it: {[b.get('t') for b in old]} -> {new[:1]}"
        moved, inside = old[:-1], new[0]["c"][1]
        if new[0]["c"][0] != old[-1]["c"][0] or inside != moved + old[-1]["c"][1]:
            return f"the challenge does not hold the blocks above it, then its own: {inside[:2]}"
        return None
    return f"no check for {code} ({description})"


def _named_links(blocks: Any) -> int:
    """How many links and images in blocks have a text of their own (not their address, as a
    bare URL's link has)."""
    found = 0

    def walk(node: Any) -> None:
        nonlocal found
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if node.get("t") in ("Link", "Image"):
                found += stringify(node["c"][1]) != node["c"][2][0]
            walk(node.get("c"))

    walk(blocks)
    return found


def deleted_text(lines: list[str], edits) -> str:
    """The text whole-line deletions remove, without block quote markers (for rendering_problem)."""
    removed = []
    for edit in edits:
        if edit.text == "" and edit.column == 1 and edit.end_column == 1:
            removed += [re.sub(r"^[ \t>]*", "", line) for line in lines[edit.line - 1 : edit.end_line - 1]]
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", " ".join(removed))
