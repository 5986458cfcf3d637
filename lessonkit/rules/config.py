"""Lesson and config.yaml rules (LK5xx): what sandpaper needs from config.yaml to build the
lesson, and the pages it lists.

LK502 and LK507 split the missing keys by consequence, as a rule has one severity: without
`title` or `episodes` sandpaper cannot build the lesson (error); without `carpentry`,
`life_cycle`, `source` or `contact` the site falls back to defaults or broken links (warning).

LK508 reports the lesson template's placeholders left in config.yaml; LK509 compares `source`
and `url` with the lesson's own git remote, which the lesson model reads (Lesson.remotes).
"""

from __future__ import annotations

import difflib

from ..findings import Edit, Problem, fix
from ..frontmatter import split_front_matter
from ..repository import repository, site
from ..site import menu_entry
from . import rule
from .edits import replace_in_line
from .frontmatter import EXAMPLE_ITEMS, EXAMPLE_OPENING, PLACEHOLDER, PLACEHOLDER_PAGE, is_template_itself

LIFE_CYCLES = ("pre-alpha", "alpha", "beta", "stable")
FOLDER_KEYS = ("episodes", "learners", "instructors", "profiles")
REQUIRED = ("title", "episodes")
RECOMMENDED = {
    "carpentry": "the site shows no Carpentries logo or name",
    "life_cycle": "the site shows no life-cycle banner",
    "source": "the 'Edit this page' and 'View source' links are broken",
    "contact": "the site's contact link is empty",
}
# Top-level keys sandpaper and varnish read (sandpaper-docs: "config.yaml"; sandpaper's
# known_yaml_items, create_pkgdown_yaml; legacy keys from the styles template), and lessonkit's own.
KNOWN_KEYS = (
    "title", "carpentry", "carpentry_description", "life_cycle", "license", "license_url", "source",
    "branch", "contact", "created", "keywords", "doi", "episodes", "learners", "instructors",
    "profiles", "schedule", "lang", "languages", "url", "analytics", "overview", "handout",
    "glosario", "disable_sidebar_numbering", "sandpaper", "varnish", "pegboard", "workbench-beta",
    "lessonkit",
)
NEAR_MISS_CUTOFF = 0.8


def _config(lesson):
    """The config mapping when config.yaml could be read as one, else None (LK501 reports it)."""
    if lesson.config.error is not None or not isinstance(lesson.config.data, dict):
        return None
    return lesson.config


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@rule("LK501", "config-invalid", "error", scope="lesson")
def config_invalid(lesson, context):
    """config.yaml is not valid YAML, is not a mapping of keys, or repeats a key.

    sandpaper reads the lesson's title, its episode order and its other settings from
    config.yaml and stops when it cannot; R's YAML reader also refuses a key written twice.
    A folder without config.yaml is no lesson: lessonkit stops there with one line (exit 2),
    as sandpaper does, even when it has an episodes/ folder.

    Fails:

        title: Python for Ecologists
        episodes:
        - intro.md
        title: Python for ecologists

    Passes:

        title: Python for Ecologists
        episodes:
        - intro.md
    """
    config = lesson.config
    if config.error is not None:
        yield Problem(config.error_line or 1, 1, f"config.yaml is not valid YAML ({config.error}): fix it so that "
                                                 "sandpaper can read it", path=lesson.config_path)
        return
    data = config.data
    if data is None:
        yield Problem(1, 1, "config.yaml is empty: add at least 'title' and 'episodes'", path=lesson.config_path)
        return
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        yield Problem(1, 1, f"config.yaml is {kind}, not a mapping of keys: write 'key: value' lines such as "
                            "'title: ...'", path=lesson.config_path)
        return
    for duplicate in config.duplicates:
        yield Problem(duplicate.line, duplicate.column, f"Key '{duplicate.key}' appears twice in config.yaml; R's YAML "
                                                        "reader stops on duplicate keys: keep one",
                      path=lesson.config_path)


@rule("LK502", "config-missing-key", "error", scope="lesson")
def config_missing_key(lesson, context):
    """config.yaml has no `title`, or no `episodes` key.

    sandpaper stops with "episodes is not listed in config.yaml" when the key is absent (a
    blank `episodes:` is fine: it takes every file of episodes/ in alphabetical order), and the
    site has no title without `title`. The old key `schedule` still works for `episodes`.

    Fails:

        carpentry: swc
        life_cycle: beta

    Passes:

        title: Python for Ecologists
        episodes:
        - intro.md
    """
    config = _config(lesson)
    if config is None:
        return
    entries = config.entries
    title = entries.get("title")
    absent = []
    if title is None:
        absent.append("no 'title' (the site has no title)")
    elif _blank(title.value):
        yield Problem(title.line, title.column, "The lesson 'title' in config.yaml is empty: give the lesson a title",
                      path=lesson.config_path)
    if "episodes" not in entries and "schedule" not in entries:
        absent.append("no 'episodes' key (sandpaper stops with 'episodes is not listed'; list the episode files "
                      "in order, or leave it blank to take them all)")
    if absent:
        # one finding: problems at one place would merge
        yield Problem(1, 1, f"config.yaml has {' and '.join(absent)}: add {'it' if len(absent) == 1 else 'them'}",
                      path=lesson.config_path)


@rule("LK507", "config-missing-recommended-key", "warning", scope="lesson")
def config_missing_recommended_key(lesson, context):
    """config.yaml has no (or an empty) `carpentry`, `life_cycle`, `source` or `contact`.

    The lesson builds, but the site falls back to defaults or broken links: no logo without
    `carpentry`, no life-cycle banner without `life_cycle`, broken "Edit this page" links
    without `source`, an empty contact link without `contact`.

    Fails:

        title: Python for Ecologists
        episodes:
        - intro.md

    Passes:

        title: Python for Ecologists
        carpentry: dc
        life_cycle: stable
        source: https://github.com/datacarpentry/python-ecology-lesson
        contact: team@carpentries.org
        episodes:
        - intro.md
    """
    config = _config(lesson)
    if config is None:
        return
    absent = [key for key in RECOMMENDED if key not in config.entries]
    if absent:
        names = ", ".join(f"'{key}'" for key in absent)
        consequences = "; ".join(RECOMMENDED[key] for key in absent)
        yield Problem(1, 1, f"config.yaml has no {names}: {consequences}; add {'it' if len(absent) == 1 else 'them'}",
                      path=lesson.config_path)
    for key, consequence in RECOMMENDED.items():
        entry = config.entries.get(key)
        if entry is not None and _blank(entry.value):
            yield Problem(entry.line, entry.column, f"'{key}' in config.yaml is empty: {consequence}; give it a value",
                          path=lesson.config_path)


def _shown(value, limit: int = 60) -> str:
    """A value for a message, cut short: config values can be arbitrarily large."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _bad_name(name) -> str | None:
    """Why a listed entry is not a plain file name, or None."""
    if not isinstance(name, str):
        return f"'{_shown(name)}' is not a file name"
    if not name.strip():
        return "an empty entry is not a file name"
    if "/" in name or "\\" in name or name in (".", ".."):
        return f"'{_shown(name)}' is a path, not a file name (sandpaper matches file names in the folder only)"
    return None


@rule("LK503", "config-bad-value", "error", scope="lesson")
def config_bad_value(lesson, context):
    """A config.yaml value sandpaper cannot use.

    `life_cycle` must be one of pre-alpha, alpha, beta or stable (anything else shows no
    banner). `episodes`, `learners`, `instructors` and `profiles` must be blank (every file of
    the folder) or a list of file names in that folder, each once: not a path such as
    `../extra.md`, not a single value, and not an empty list (`episodes: []` builds a lesson
    with no episodes). A custom `carpentry` is allowed.

    Fails:

        life_cycle: beta-testing
        episodes: []

    Passes:

        life_cycle: beta
        episodes:
        - intro.md
    """
    config = _config(lesson)
    if config is None:
        return
    path = lesson.config_path
    entries = config.entries
    entry = entries.get("life_cycle")
    if entry is not None and not _blank(entry.value) and entry.value not in LIFE_CYCLES:
        yield Problem(entry.value_line, 1, f"life_cycle '{_shown(entry.raw if entry.raw is not None else entry.value)}' is not "
                                           f"one of {', '.join(LIFE_CYCLES)}: sandpaper shows no life-cycle banner",
                      path=path)
    for key in FOLDER_KEYS:
        entry = entries.get(key)
        if entry is None or _blank(entry.value):
            continue
        value = entry.value
        if isinstance(value, list):
            if not value:
                what = "no episodes" if key == "episodes" else f"no {key} pages"
                yield Problem(entry.line, entry.column, f"'{key}: []' is an empty list, so the lesson is built with "
                                                        f"{what}: list the files, or leave it blank for all of them",
                              path=path)
                continue
            problems, seen = [], set()
            for item in value:
                problem = _bad_name(item)
                if problem:
                    problems.append(problem)
                elif item in seen:
                    problems.append(f"'{_shown(item)}' is listed twice")
                if isinstance(item, str):
                    seen.add(item)
            if problems:
                # one finding per key: the model records the key's line, not each item's
                yield Problem(entry.line, entry.column, f"'{key}' has entries sandpaper cannot use: {'; '.join(problems)}; "
                                                        "list each file name of the folder once", path=path)
        else:
            shape = "a mapping" if isinstance(value, dict) else f"the single value '{_shown(entry.raw)}'"
            yield Problem(entry.value_line, 1, f"'{key}' is {shape}, not a list of file names: write one '- name.md' "
                                               "line per file, or leave it blank for all of them", path=path)


@rule("LK504", "episode-not-found", "error", scope="lesson")
def episode_not_found(lesson, context):
    """config.yaml lists a page under `episodes`, `learners`, `instructors` or `profiles` that
    is not in that folder.

    sandpaper stops the build when a listed file does not exist. Check the spelling and the
    extension (`.md` or `.Rmd`), or remove the entry.

    Fails:

        episodes:
        - introduction.md   # the file is episodes/intro.md

    Passes:

        episodes:
        - intro.md
    """
    by_key: dict = {}
    for folder, name, line in lesson.missing:
        if _bad_name(name):
            continue  # a path: LK503 reports it
        by_key.setdefault((folder, line), []).append(name)
    for (folder, line), names in by_key.items():
        # one finding per key: the model records the key's line, not each item's
        listed = ", ".join(f"'{name}'" for name in names)
        files = ", ".join(f"{folder}/{name}" for name in names)
        yield Problem(line or 1, 1, f"{listed} {'is' if len(names) == 1 else 'are'} listed under '{folder}' but there is "
                                    f"no {files}: fix the name or remove the entry", path=lesson.config_path)


# The Workbench template's example episode (workbench-template-md and -rmd), as its first
# question or sentence gives it away (LK305 knows the template's text).
TEMPLATE_EXAMPLE_MARKS = (EXAMPLE_OPENING, *EXAMPLE_ITEMS["questions"])


@rule("LK505", "episode-unlisted", "warning", scope="lesson", unbuilt=True)
def episode_unlisted(lesson, context):
    """A page in episodes/, learners/, instructors/ or profiles/ that config.yaml's list for
    its folder does not name.

    sandpaper does not build it. In a run over the whole lesson this is the page's one finding:
    what else is wrong in it is counted ("N more findings on unbuilt pages; lint them by name")
    but not reported, as it is no problem of the website. Name the page (`lessonkit lint
    episodes/draft.md`; pre-commit names the pages a commit changes, the editor the open one)
    to see all of it. The finding tells what the page looks like:

    - a draft (a page with front matter): add it to the folder's list in config.yaml when it is
      ready;
    - a planning note (no front matter: notes, not a page): sandpaper leaves it alone, so may
      you; to say it is meant to stay, put `<!-- lessonkit-disable-file -->` at its top;
    - the Workbench template's example episode, sandpaper's placeholder page, or an empty page:
      a leftover, delete it;
    - a knitted copy (`episodes/intro.md` beside a listed `episodes/intro.Rmd`): stale output
      of R Markdown, delete it; listing it would clash with the `.Rmd`'s page (both would be
      `intro.html`);
    - an `episodes/index.md` (or `index.Rmd`): a stray copy of the home page, which sandpaper
      would build as `index.html` in place of the lesson's own home page: remove it;
    - `learners/reference.md` or `instructors/instructor-notes.md`: varnish's menu links every
      page to them ("Glossary" to `reference.html#glossary`, "Instructor Notes" to
      `instructor/instructor-notes.html`), so unlisted they leave a dead link on every page:
      list them.

    Only the setup page is built unlisted (sandpaper adds it to the list itself).

    Fails: episodes/loops.md exists and config.yaml has

        episodes:
        - intro.md

    Passes:

        episodes:
        - intro.md
        - loops.md
    """
    for page in lesson.pages.values():
        if page.kind not in KIND_FOLDERS or lesson.site.is_built(page):
            continue
        yield Problem(1, 1, _unlisted(lesson, page), path=page.path)


KIND_FOLDERS = {"episode": "episodes", "learner": "learners", "instructor": "instructors", "profile": "profiles"}


def _unlisted(lesson, page) -> str:
    """What LK505 says of an unlisted page: what it looks like, and what to do with it."""
    key = KIND_FOLDERS[page.kind]
    not_built = f"{page.rel} is not listed under '{key}' in config.yaml, so sandpaper does not build it"
    if page.kind == "episode" and page.path.stem == "index":
        return (f"{page.rel} is not listed in config.yaml, and must not be: sandpaper would build it as index.html "
                "in place of the home page (the lesson's top-level index.md); remove it")
    source = lesson.pages.get(f"{key}/{page.path.stem}.Rmd") if page.path.suffix == ".md" else None
    if source is not None and source.listed:
        return (f"{page.rel} is a knitted copy of {source.rel}, which config.yaml lists; sandpaper does not build the "
                f"copy: delete it (listed, it would clash with {source.rel}'s page, {page.path.stem}.html)")
    if page.error is not None:
        return f"{not_built} (a draft): add it to the list when it is ready"
    menu = menu_entry(page)
    if menu is not None:
        label, link = menu
        return (f"{not_built}, yet the menu of every page links its '{label}' entry to {link}, which leads nowhere "
                f"without it: add it to the list (and write it, if it is still a placeholder)")
    if not page.text.strip():
        return f"{not_built}, and it is empty: delete it"
    if any(mark in page.text.replace("`", "") for mark in TEMPLATE_EXAMPLE_MARKS):
        return f"{not_built}; it is the Workbench template's example episode, a leftover: delete it"
    body = " ".join(split_front_matter(page.text)[1].split())
    if body and body.replace(PLACEHOLDER, "").strip() in ("", PLACEHOLDER_PAGE):
        return f"{not_built}; it is sandpaper's placeholder page ('{body}'), a leftover: delete it"
    if page.front_matter is None:
        return (f"{not_built}; it has no front matter, so it reads as a planning note, not a page: leave it "
                "(put '<!-- lessonkit-disable-file -->' at its top to say so), or give it front matter and list it")
    return f"{not_built} (a draft): add it to the list when it is ready"


@rule("LK506", "config-unknown-key", "warning", scope="lesson")
def config_unknown_key(lesson, context):
    """A top-level config.yaml key sandpaper does not know that is close to one it does.

    sandpaper ignores unknown keys, so `lifecycle:` or `contacts:` silently leave the real
    setting unset. Other custom keys (for your own templates) are fine and not reported.

    Fails:

        lifecycle: beta

    Passes:

        life_cycle: beta
    """
    config = _config(lesson)
    if config is None:
        return
    candidates = {known.replace("-", "_"): known for known in KNOWN_KEYS}
    for key, entry in config.entries.items():
        if key in KNOWN_KEYS:
            continue
        folded = key.lower().replace("-", "_")
        if folded in candidates:
            match = candidates[folded]
        else:
            close = difflib.get_close_matches(folded, list(candidates), n=1, cutoff=NEAR_MISS_CUTOFF)
            if not close:
                continue
            match = candidates[close[0]]
        yield Problem(entry.line, entry.column, f"Unknown config.yaml key '{key}', which sandpaper ignores; did you "
                                                f"mean '{match}'?", path=lesson.config_path)


# --- template leftovers: LK508 -------------------------------------------------------------------


# config.yaml values the template asks its user to replace, which the built site shows.
CONFIG_PLACEHOLDERS = {
    "carpentry_description": ("Lesson Description", "varnish writes it as the alternative text of the logo on every "
                                                    "page, so screen readers announce 'Lesson Description'"),
    "title": ("Lesson Title", "every page and the browser's tab are titled 'Lesson Title'"),
}
# sandpaper's which_carpentry(): how the logo is described without carpentry_description
CARPENTRY_NAMES = {"lc": "Library Carpentry", "dc": "Data Carpentry", "swc": "Software Carpentry",
                   "cp": "The Carpentries", "incubator": "Carpentries Incubator", "lab": "Carpentries Lab"}


@rule("LK508", "config-template-placeholder", "warning", scope="lesson", fix="safe")
def config_template_placeholder(lesson, context):
    """config.yaml still holds the template's `carpentry_description: 'Lesson Description'` or
    `title: 'Lesson Title'`.

    The Workbench template sets both for its user to replace. The title names every page of
    the site; `carpentry_description`, when present, replaces the name of the organisation
    (`carpentry`) as the alternative text of the logo in every page's header, so a screen
    reader announces "Lesson Description" on each page. The Workbench's own template and
    documentation lessons are not checked.

    Fails:

        carpentry: incubator
        carpentry_description: 'Lesson Description'

    Passes (the logo is described as "Carpentries Incubator"):

        carpentry: incubator

    The fix deletes a placeholder `carpentry_description` line, so the logo is described by
    its organisation's name; a placeholder title has none.
    """
    config = lesson.config
    if not lesson.config_exists or not config.is_mapping or is_template_itself(lesson):
        return
    for key, (placeholder, consequence) in CONFIG_PLACEHOLDERS.items():
        entry = config.entries.get(key)
        if entry is None or not isinstance(entry.value, str) or entry.value.strip() != placeholder:
            continue
        repair = None
        if key == "carpentry_description" and entry.value_line == entry.line:
            carpentry = str(lesson.setting("carpentry") or "")
            named = CARPENTRY_NAMES.get(carpentry, carpentry)
            repair = fix(f"Delete the line (the logo is described as '{named}')",
                         Edit.delete_lines(entry.line, entry.line))
        advice = "give the lesson its title" if key == "title" else "delete the line, or describe the logo"
        yield Problem(entry.line, entry.column, f"'{key}: {placeholder}' is the lesson template's placeholder: "
                                                f"{consequence}; {advice}", path=lesson.config_path, fix=repair)


# --- the lesson's own addresses: LK509 -----------------------------------------------------------


SITE_KEYS = {
    "source": "every page's 'Edit this page' and 'View source' links lead there",
    "url": "every page's address in the site's metadata (and its citation) is that lesson's site",
}


def _written(lesson, entry):
    """(line, column, text) of a one-line scalar value as written in config.yaml, or None."""
    if entry.raw is None or entry.value_line != entry.line:
        return None
    lines = lesson.config_text.split("\n")
    source = lines[entry.line - 1] if entry.line <= len(lines) else ""
    start = source.find(":", entry.column - 1 + len(entry.key)) + 1
    column = source.find(entry.raw, start)
    return (entry.line, column + 1, entry.raw) if start > 0 and column >= 0 else None


@rule("LK509", "config-names-another-repository", "warning", scope="lesson", fix="unsafe")
def config_names_another_repository(lesson, context):
    """config.yaml's `source` or `url` names another lesson's repository or site than the
    lesson's own git remote.

    sandpaper builds every page's "Edit this page" and "View source" links from `source`, and
    the address of every page in the site's metadata from `url`. A lesson made by copying or
    translating another one often keeps the original's: its site then sends every would-be
    contributor to the original lesson. The lesson's own repository is what its git remote
    (`origin` first) names; the rule says nothing without a remote, or when a remote's
    repository has the same name (a fork, whose `source` rightly names the lesson it is a fork
    of). A `url` on a custom domain is compared by its first path segment
    (`https://datacarpentry.org/python-ecology-lesson-es` is the site of
    `python-ecology-lesson-es`).

    Fails (the lesson's remote is `git@github.com:BioNT-Training/python-novice-gapminder-it.git`):

        source: 'https://github.com/swcarpentry/python-novice-gapminder'
        url: 'https://swcarpentry.github.io/python-novice-gapminder'

    Passes:

        source: 'https://github.com/BioNT-Training/python-novice-gapminder-it'
        url: 'https://biont-training.github.io/python-novice-gapminder-it'

    The fix, a guess to review, writes the remote's address (`source`) or its GitHub Pages
    address (`url`).
    """
    config = lesson.config
    remotes = lesson.remotes
    if not remotes or not lesson.config_exists or not config.is_mapping:
        return
    own = remotes[0]
    names = {remote.name.lower() for remote in remotes}
    for key, consequence in SITE_KEYS.items():
        entry = config.entries.get(key)
        if entry is None or not isinstance(entry.value, str):
            continue
        if key == "source":
            named = repository(entry.value)
            other, replacement = (named.slug if named else ""), own.web_address
        else:
            named = site(entry.value)
            other, replacement = (named.name if named else ""), own.pages_address
        if named is None or named.name.lower() in names:
            continue
        written = _written(lesson, entry)
        repair = None
        if written is not None and replacement is not None:
            line, column, text = written
            repair = fix(f"Write {key}: {replacement}", replace_in_line(line, column, text, replacement), safe=False)
        yield Problem(entry.line, entry.column, f"'{key}' names {other}, but this lesson's git remote is {own.slug}: "
                                                f"{consequence}; write this lesson's own address"
                                                + (f" ({replacement})" if replacement else ""),
                      path=lesson.config_path, fix=repair)
