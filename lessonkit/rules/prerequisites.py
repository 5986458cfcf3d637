"""Prerequisite and setup rules (LK6xx): what learners must know and install before the lesson."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .. import knitr, packages
from ..findings import Problem
from ..site import SETUP_PAGES
from . import rule

PREREQUISITES_HEADING = re.compile(r"^prerequisites?\b", re.IGNORECASE)
LISTS = ("bullet_list", "ordered_list")
# Blocks that carry something to read besides the block's headings.
CONTENT = LISTS + ("paragraph", "table", "code", "blockquote", "deflist", "html")


def _is_prerequisites(div) -> bool:
    if div.kind == "prereq":
        return True
    return div.kind == "checklist" and bool(div.headings) and bool(PREREQUISITES_HEADING.match(div.headings[0].text.strip()))


def _index_target(lesson):
    """(page, path) of the home page (index.md or index.Rmd), or (None, config.yaml) when the
    lesson has neither."""
    page = lesson.home
    return (page, page.path) if page is not None else (None, lesson.config_path)


def _prerequisites_heading(page):
    """The first heading of the page titled Prerequisites, or None."""
    return next((heading for heading in page.parsed.headings if PREREQUISITES_HEADING.match(heading.text.strip())), None)


@rule("LK601", "prerequisites-missing", "warning", scope="lesson")
def prerequisites_missing(lesson, context):
    """The lesson's home page (`index.md`, or `index.Rmd`) has no prerequisites block.

    sandpaper shows a `prereq` div (or a `checklist` div headed "Prerequisites") on the
    lesson's home page as a box titled "Prerequisite", where learners and workshop hosts look to
    decide whether the lesson is for them. Without one they have to guess.

    A "Prerequisites" heading with its text but no such div (a section, or a box of another
    kind such as a callout) is still reported, at the heading, with a message that says so:
    the built page shows that text as an ordinary section, which learners can read but which is
    not the box every Workbench home page has, where hosts look. The fix is one div around the
    section. A prerequisites block in `learners/setup.md` does not count, although sandpaper
    puts the setup page on the home page after `index.md`: prereq divs there are about setup
    (lessons use them for warnings such as "Homebrew not recommended"). An R Markdown lesson's
    home page may be `index.Rmd`, which sandpaper knits into the home page as it does episodes;
    it is read like `index.md`. A lesson with neither is reported at config.yaml.

    Fails (index.md):

        ---
        site: sandpaper::sandpaper_site
        ---

        A lesson on Python.

    Fails (index.md, at the heading: the prose is there, the box is not):

        A lesson on Python.

        ## Prerequisites

        There are no specific prerequisites.

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
    heading = _prerequisites_heading(page) if page is not None else None
    if heading is not None:
        inside = f"inside a '{heading.div.kind}' div" if heading.div is not None and heading.div.kind else "as a section"
        yield Problem(heading.line, heading.column, f"The prerequisites are written {inside}, not in a prerequisites "
                      "block: sandpaper shows only a '::: prereq' div as the home page's Prerequisite box; "
                      "put the section inside one", path=path)
        return
    where = page.rel if page is not None else "the home page (there is no index.md nor index.Rmd)"
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


@dataclass
class _Use:
    """A package's first use in the code learners run, in build order."""

    name: str  # as imported or loaded
    distributions: tuple  # the names it is installed by, the usual one first
    page: object
    line: int
    language: str  # "Python" or "R"
    opaque: bool  # an earlier episode installs from a list lessonkit cannot read
    cloned: bool  # an earlier episode has learners clone a repository

    @property
    def distribution(self) -> str:
        return self.distributions[0]


@dataclass
class _Episodes:
    uses: list = field(default_factory=list)
    installed: set = field(default_factory=set)  # names the episodes install (pip install, install.packages)
    pages: dict = field(default_factory=dict)  # language -> the episodes with code in it that learners run


def _episode_code(lesson, readable) -> _Episodes:
    found = _Episodes()
    first = {}
    opaque, cloned = set(), False
    for page in lesson.episodes:
        if page.error is not None:
            continue
        for block in page.parsed.code_blocks:
            content = block.content
            found.installed.update(packages.installed_names(content))
            opaque |= packages.opaque_installs(content, readable)
            cloned = cloned or packages.clones_repository(content)
            if not knitr.run_by_learners(page, block):
                continue
            language = block.language.lower().strip("{}")
            if language in packages.PYTHON_LANGUAGES or language in packages.R_LANGUAGES:
                found.pages.setdefault("Python" if language in packages.PYTHON_LANGUAGES else "R", set()).add(page.path)
            if language in packages.PYTHON_LANGUAGES:
                for offset, module in packages.python_imports(content):
                    name = packages.python_package(module)
                    if name and ("py", name) not in first:
                        first[("py", name)] = _Use(name, packages.distributions(name), page,
                                                   block.line + 1 + offset, "Python", "Python" in opaque, cloned)
            elif language in packages.R_LANGUAGES:
                for offset, name in packages.r_imports(content):
                    if ("r", name) not in first:
                        first[("r", name)] = _Use(name, (name,), page, block.line + 1 + offset, "R", "R" in opaque,
                                                  cloned)
    found.uses = list(first.values())
    return found


def _setup_pages(lesson) -> list:
    """Every learners/ page named setup*."""
    return [page for page in lesson.pages.values()
            if page.kind == "learner" and page.path.name.lower().startswith("setup")]


def _setup_text(lesson) -> str:
    return "\n".join(page.text for page in _setup_pages(lesson))


# Sites that publish lessons and workshops (GitHub Pages, the Carpentries' domains).
LESSON_SITE = re.compile(r"(?:^|\.)(?:github\.io|carpentries\.org|software-carpentry\.org|datacarpentry\.org|"
                         r"librarycarpentry\.org|hpc-carpentry\.org)$", re.IGNORECASE)
SETUP_WORD = re.compile(r"setup|install", re.IGNORECASE)


def sends_elsewhere(page) -> str | None:
    """The address of another lesson's or workshop's setup page that page links to (its path or
    fragment says setup or install, on a site that publishes lessons), or None."""
    for link in page.parsed.links:
        address = urlsplit(link.target.strip())
        if address.scheme in ("http", "https") and LESSON_SITE.search(address.hostname or "") and \
                SETUP_WORD.search(address.path + "#" + address.fragment):
            return link.target.strip()
    return None


# Words a setup page that has learners set up the language uses (case-sensitive for R).
SETS_UP = {"R": re.compile(r"\bR\b|RStudio|\bCRAN\b|Bioconductor|install\.packages|BiocManager|\bPosit\b"),
           "Python": re.compile(r"python|anaconda|conda\b|miniforge|\bmamba\b|\bpip3?\b|jupyter|colab",
                                re.IGNORECASE)}


def _lesson_text(lesson) -> str:
    return "\n".join(page.text for page in lesson.pages.values() if page.error is None)


@rule("LK604", "setup-missing-package", "warning", scope="lesson")
def setup_missing_package(lesson, context):
    """A package the episodes' code imports that the setup page never gets learners to install.

    Learners follow `learners/setup.md` before the workshop; a package it does not get them to
    install is missing on their machines when the episode reaches `import` or `library()`.
    Each package is reported once, at its first use in build order. A package passes when:

    - a learners/ page named setup* names it (by the name it is installed by, such as
      scikit-learn or grad-cam, or the one it is imported by, such as sklearn or
      pytorch_grad_cam), or names something that installs it: a package that requires it
      (tidyverse brings lubridate and jsonlite; seaborn brings matplotlib; transformers brings
      huggingface_hub), or a distribution (Anaconda; the Carpentries' `carpentries` conda
      environment). An import that several packages install passes with any of them: grad-cam
      requires opencv-python-headless, which gives `import cv2` as opencv-python does;
    - a requirements*.txt or environment*.yml at the lesson root, in learners/ or in
      episodes/files/ lists it (or something that requires it), or the episodes install it
      (`pip install`, `conda install`, `python -m spacy download`, `install.packages()`). A
      command continued over lines with `\\` is read whole, and one in a `#` comment is not a
      command. conda packages count by what they install: an environment file's `pytorch` is
      torch, `spacy-model-en_core_web_sm` is the spaCy model en_core_web_sm (the file's
      `pip:` list is pip's, its channels are no packages);
    - it comes with Python or R: the standard library, pip, R's base and recommended packages
      (lattice, MASS, Matrix, nlme, survival and the rest);
    - it is the lesson's own: a module whose .py file the lesson names anywhere (learners write
      `inflammation.py`, a `%%writefile` cell saves it) or ships, or an R package the lesson has
      learners create (`create_package()`).

    What lessonkit knows of requirements and distributions is data in lessonkit/data/packages/,
    each file naming its source and date. Where it cannot know, the rule stays silent:

    - code learners never run: R Markdown chunks with `eval=FALSE`, `echo=FALSE` or
      `include=FALSE` (in the chunk header or as `#| eval: false`);
    - every package of a language, when the setup page installs from a list lessonkit cannot
      read (a requirements or environment file the lesson does not ship, `pip install -e .`,
      `renv::restore()`); packages first used after an episode does that;
    - Python imports of names its data does not know as packages once an episode has learners
      `git clone` a project: they are likely the project's own modules;
    - every package, when the setup page sends learners to another lesson's or workshop's
      setup page to install (a link to a page of a lesson site, GitHub Pages or the
      Carpentries' domains, whose address says setup or install: the shell lesson's
      `#install-software`, the workshop template's `install_instructions/`): what that page
      installs is not the lesson's to say. A link to a tool's own site (git-scm.com,
      python.org, proj.org) installs that tool, and counts for nothing else;
    - a package that packages commonly require (numpy, matplotlib, pandas; rlang, glue), when
      learners install a package whose requirements the data does not hold (napari, ipympl):
      it may well come with that one;
    - packages of a language that the setup page never has learners set up (it names no R,
      RStudio, CRAN or `install.packages()`; no Python, conda, pip or Jupyter; and none of the
      packages the episodes use in it), when only one episode has code in it: an illustration,
      such as an SQL lesson's "the same query from R", that learners are not meant to run.
      Where several episodes use the language, the setup page is missing it, and its packages
      are reported.

    The advice names the package to install; for a spaCy model (en_core_web_sm), which is no
    package on PyPI, it is `python -m spacy download en_core_web_sm`.

    Fails (an episode; setup.md says only "Install Python"):

        ```python
        import cv2
        ```

    Passes (setup.md says "pip install scikit-learn"; scikit-learn requires numpy):

        ```python
        import os
        import numpy as np
        from sklearn.linear_model import LinearRegression
        ```
    """
    if not any(rel in lesson.pages for rel in SETUP_PAGES):
        return  # LK603 says so
    if any(sends_elsewhere(page) for page in _setup_pages(lesson) if page.error is None):
        return  # what the other setup page installs, the rule cannot know
    shipped = packages.install_lists(lesson)
    readable = {path.rpartition("/")[2] for path in shipped} | packages.known_install_files()
    episodes = _episode_code(lesson, readable)
    if not episodes.uses:
        return
    setup = _setup_text(lesson)
    text = "\n".join([setup, *shipped.values()])
    unknowable = packages.opaque_installs(setup, readable)
    installed = episodes.installed.union(packages.installed_names(setup), *(
        packages.listed_names(path.rpartition("/")[2], list_text) for path, list_text in shipped.items()))
    provided = {"Python": packages.python_provided(text, installed), "R": packages.r_provided(text, installed)}
    unknown = {language: packages.requirements_unknown(language, installed) for language in ("Python", "R")}
    missing = [use for use in episodes.uses
               if not any(packages.normalise(name) in provided[use.language] or packages.mentioned(name, text)
                          for name in (use.name, *use.distributions))]
    # A language the setup never sets up (no word of it, none of its packages), in one episode's
    # code: an illustration learners do not run.
    set_up = {use.language for use in episodes.uses if use not in missing}
    shown = {language for language, pages in episodes.pages.items()
             if len(pages) == 1 and language not in set_up and not SETS_UP[language].search(text)}
    own = {}
    for use in missing:
        if use.language in unknowable or use.opaque or use.language in shown:
            continue
        if not own:  # the lesson's own modules: only now, as it walks the lesson's folder
            lesson_text = _lesson_text(lesson)
            own = {"Python": packages.python_files_named(lesson_text) | packages.local_modules(lesson),
                   "R": packages.r_packages_created(lesson_text)}
        if use.name.split(".")[0] in own[use.language]:
            continue
        if use.cloned and use.language == "Python" and not packages.known_python(use.name):
            continue
        if unknown[use.language] and packages.normalise(use.distribution) in packages.COMMONLY_REQUIRED[use.language]:
            continue
        page, line = use.page, use.line
        column = len(page.lines[line - 1]) - len(page.lines[line - 1].lstrip()) + 1 if line <= len(page.lines) else 1
        also = f" (imported as '{use.name}')" if use.distribution != use.name else ""
        yield Problem(line, column, f"{use.language} package '{use.distribution}'{also} is used here but the setup "
                      f"page never gets learners to install it: tell them to "
                      f"{packages.install_advice(use.language, use.distribution)} in learners/setup.md", path=page.path)
