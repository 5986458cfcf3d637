"""The lesson's own addresses (LK509): config.yaml's `source` and `url` against the lesson's
own git remote, which the lesson model reads (lessonkit.lesson.Lesson.remotes); rules never read
.git themselves.
"""

from __future__ import annotations


from ..findings import Problem, fix
from ..repository import repository, site
from . import rule
from .edits import replace_in_line

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
