"""Where sandpaper looks for a lesson's files: the folders of pages (and the config.yaml key
that orders each), the page suffixes, and the pages at the lesson's root."""

from __future__ import annotations

PAGE_SUFFIXES = (".md", ".Rmd")
# Folders whose pages sandpaper builds, and the config.yaml key that orders them.
FOLDERS = {"episodes": "episode", "learners": "learner", "instructors": "instructor", "profiles": "profile"}
# The home page: sandpaper's sources are the root's *.md and *.Rmd files (get_resource_list()),
# and build_home() renders the one built as built/index.md (index.md wins when both exist: it
# is built after index.Rmd, over it).
HOME_SOURCES = ("index.md", "index.Rmd")
ROOT_PAGES = (*HOME_SOURCES, "links.md", "LICENSE.md", "CODE_OF_CONDUCT.md")
