"""Prerequisite and setup rules (LK6xx): what learners must know and install before the lesson."""

from __future__ import annotations

import re

from .. import packages
from ..findings import Problem
from . import rule

PREREQUISITES_HEADING = re.compile(r"^prerequisites?\b", re.IGNORECASE)
SETUP_PAGES = ("learners/setup.md", "learners/setup.Rmd")
LISTS = ("bullet_list", "ordered_list")
# Blocks that carry something to read besides the block's headings.
CONTENT = LISTS + ("paragraph", "table", "code", "blockquote", "deflist", "html")


def _is_prerequisites(div) -> bool:
    if div.kind == "prereq":
        return True
    return div.kind == "checklist" and bool(div.headings) and bool(PREREQUISITES_HEADING.match(div.headings[0].text.strip()))


def _index_target(lesson):
    """(page, path) of index.md, or (None, config.yaml) when the lesson has no index.md."""
    page = lesson.page("index.md")
    return (page, page.path) if page is not None else (None, lesson.config_path)


@rule("LK601", "prerequisites-missing", "warning", scope="lesson")
def prerequisites_missing(lesson, context):
    """The lesson's home page (`index.md`) has no prerequisites block.

    sandpaper shows a `prereq` div (or a `checklist` div headed "Prerequisites") on the
    lesson's home page, where learners and workshop hosts look to decide whether the lesson
    is for them. Without one they have to guess.

    Fails (index.md):

        ---
        site: sandpaper::sandpaper_site
        ---

        A lesson on Python.

    Passes (index.md):

        A lesson on Python.

        ::: prereq
        ## Prerequisites
        - Basic use of a terminal.
        :::
    """
    page, path = _index_target(lesson)
    if page is not None and page.error is not None:
        return  # unreadable: LK001 says so
    if page is not None and any(_is_prerequisites(div) for div in page.parsed.all_divs):
        return
    where = "index.md" if page is not None else "index.md (which is missing)"
    yield Problem(1, 1, f"No prerequisites block in {where}: add a '::: prereq' div with a "
                  "'## Prerequisites' heading listing what learners need to know", path=path)


@rule("LK602", "prerequisites-empty", "error", options={"require-list": False}, kinds=("index",))
def prerequisites_empty(page, context):
    """A prerequisites block with nothing in it but its heading.

    The block renders as a "Prerequisites" box with no content, which tells learners nothing
    (usually the list was never written, or it sits below the div's closing fence). A block
    that states its prerequisites as a sentence ("This lesson has no prerequisites.") passes;
    with the option `require-list: true` only a list of prerequisites passes.

    Fails:

        ::: prereq
        ## Prerequisites
        :::

    Passes:

        ::: prereq
        ## Prerequisites
        - Basic use of a terminal.
        :::
    """
    wanted = LISTS if context.options.get("require-list") else CONTENT
    for div in page.parsed.all_divs:
        if not _is_prerequisites(div):
            continue
        if any(block.kind in wanted and block.inside(div) for block in page.parsed.blocks):
            continue
        missing = "no list of prerequisites" if context.options.get("require-list") else "nothing but its heading"
        yield Problem(div.line, div.column, f"The prerequisites block ('{div.kind}') has {missing}: "
                      "list what learners need to know before the lesson inside it",
                      end_column=div.column + len(div.fence))


@rule("LK603", "setup-missing", "error", scope="lesson")
def setup_missing(lesson, context):
    """The lesson has no setup page (`learners/setup.md`).

    The Workbench presents `learners/setup.md` (or `setup.Rmd`) as the lesson's setup
    instructions, reached from the lesson's menu: it is where learners find what to install
    and download before the workshop. Without it they have no such instructions.

    Fails: a lesson whose `learners/` folder holds only `reference.md`.

    Passes: a lesson with `learners/setup.md` saying what to install.
    """
    if any(rel in lesson.pages for rel in SETUP_PAGES):
        return
    entry = lesson.config_entry("learners") if lesson.config_exists and lesson.config.is_mapping else None
    yield Problem(entry.line if entry else 1, 1,
                  "No setup page: add learners/setup.md saying what learners install and download before the lesson",
                  path=lesson.config_path)


def _setup_text(lesson) -> str:
    """The text of every learners/ page named setup*, and of the install lists the lesson ships."""
    texts = [page.text for rel, page in lesson.pages.items()
             if page.kind == "learner" and page.path.name.lower().startswith("setup")]
    texts.append(packages.install_list_text(lesson.root))
    return "\n".join(texts)


def _uses(lesson):
    """(package, distribution, page, line, language) at each package's first use, in build order,
    and the names the episodes install themselves."""
    first = {}
    written = set()
    installed = set()
    for page in lesson.episodes:
        if page.error is not None:
            continue
        for block in page.parsed.code_blocks:
            content = block.content
            installed.update(name.lower() for name in packages.installed_names(content))
            language = block.language.lower().strip("{}")
            if language in packages.PYTHON_LANGUAGES:
                written.update(packages.written_modules(content))
                for offset, module in packages.python_imports(content):
                    name = packages.python_package(module)
                    if name and ("py", name) not in first:
                        first[("py", name)] = (name, packages.distribution(name), page, block.line + 1 + offset, "Python")
            elif language in packages.R_LANGUAGES:
                for offset, name in packages.r_imports(content):
                    if name not in packages.R_BASE and ("r", name) not in first:
                        first[("r", name)] = (name, name, page, block.line + 1 + offset, "R")
    return list(first.values()), written, installed


@rule("LK604", "setup-missing-package", "warning", scope="lesson")
def setup_missing_package(lesson, context):
    """A package the episodes' code imports that the setup page never mentions.

    Learners follow `learners/setup.md` before the workshop; a package it does not mention
    is missing on their machines when the episode reaches `import` or `library()`. The
    package passes when a learners/ page named setup* names it (by the name it is installed
    by, such as scikit-learn, or the name it is imported by, such as sklearn) or a package
    that requires it (installing seaborn installs matplotlib and numpy), when a
    requirements*.txt or environment*.yml at the lesson root, in learners/ or in
    episodes/files/ lists it, or when the episodes install it themselves (`pip install`,
    `install.packages()`). The standard library, R's base packages and modules the lesson
    ships (a .py file in the lesson, or a `%%writefile` cell) need no mention. Each package is
    reported once, at its first use.

    Fails (an episode; setup.md says only "Install Python"):

        ```python
        import cv2
        ```

    Passes (setup.md says "pip install scikit-learn"):

        ```python
        import os
        from sklearn.linear_model import LinearRegression
        ```
    """
    if not any(rel in lesson.pages for rel in SETUP_PAGES):
        return  # LK603 says so
    uses, written, installed = _uses(lesson)
    if not uses:
        return
    text = _setup_text(lesson)
    local = None
    for name, dist, page, line, language in uses:
        candidates = {name, dist, *packages.PROVIDED_BY.get(name, ())}
        if any(candidate.lower() in installed or packages.mentioned(candidate, text) for candidate in candidates):
            continue
        if language == "Python":
            if local is None:
                local = packages.local_modules(lesson.root) | written
            if name.split(".")[0] in local:
                continue
        column = len(page.lines[line - 1]) - len(page.lines[line - 1].lstrip()) + 1 if line <= len(page.lines) else 1
        also = f" (imported as '{name}')" if dist != name else ""
        yield Problem(line, column, f"{language} package '{dist}'{also} is used here but the setup page never "
                      f"mentions it: tell learners to install '{dist}' in learners/setup.md", path=page.path)
