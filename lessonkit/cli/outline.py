from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import LessonError
from ..findings import display_path
from ..disk import exists, find_root
from ..lesson import Lesson
from ..outline import outline_json, outline_text
from .common import reports_errors


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@reports_errors
def outline(files: tuple[Path, ...], output_format: str) -> None:
    """Show the divs and headings of each FILE as pandoc reads them, with line numbers."""
    lessons: dict[Path, Lesson] = {}
    results = []
    for file in files:
        if not exists(file) or not file.exists():
            if file.is_symlink():
                raise LessonError(file, "symbolic link to nothing: its target is missing or it loops back to itself")
            raise LessonError(file, "no such file")
        if file.is_dir():
            raise LessonError(file, "is a folder; name the page files to outline")
        root = find_root(file)
        lesson = lessons.get(root) or lessons.setdefault(root, Lesson.load(root))
        rel = file.resolve().relative_to(root.resolve()).as_posix()
        page = lesson.page(rel) or lesson.load_page(file.resolve())
        if page.error is not None:
            raise page.error
        if not page.text.strip():
            raise LessonError(file, "empty file: nothing to outline")
        results.append((display_path(file), page.parsed))
    rendered = []
    for path, parsed in results:
        try:  # the tree is rendered recursively: thousands of nested divs exhaust the stack
            rendered.append(outline_json(path, parsed) if output_format == "json" else outline_text(path, parsed))
            if output_format == "json":
                json.dumps(rendered[-1])
        except RecursionError:
            depths: dict[int, int] = {}
            for div in parsed.all_divs:  # document order: a parent comes before its children
                depths[id(div)] = depths.get(id(div.parent), 0) + 1
            depth = max(depths.values(), default=0)
            raise LessonError(path, f"divs nested {depth} deep: too deep to outline (lint still checks the page)") from None
    if output_format == "json":
        click.echo(json.dumps(rendered[0] if len(rendered) == 1 else rendered, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(rendered), nl=False)
