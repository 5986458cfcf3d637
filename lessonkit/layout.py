"""Where sandpaper looks for a lesson's files: the folders of pages (and the config.yaml key
that orders each), the page suffixes, and the pages at the lesson's root."""

from __future__ import annotations

PAGE_SUFFIXES = (".md", ".Rmd")
# Folders whose pages sandpaper builds, and the config.yaml key that orders them.
FOLDERS = {"episodes": "episode", "learners": "learner", "instructors": "instructor", "profiles": "profile"}
ROOT_PAGES = ("index.md", "links.md", "LICENSE.md", "CODE_OF_CONDUCT.md")
