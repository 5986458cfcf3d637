"""lessonkit: lint and schedule Carpentries Workbench (sandpaper) lessons."""

__version__ = "0.1.0"

# Where lessonkit lives, said once: pyproject.toml's [project.urls] repeats these (a test checks
# that they agree), error messages and the rule pages' links use them.
REPOSITORY_URL = "https://github.com/lessonkit/lessonkit"
DOCS_URL = "https://lessonkit.github.io/lessonkit/"  # the documentation site; rule pages lie below it
ISSUES_URL = f"{REPOSITORY_URL}/issues"
CHANGELOG_URL = f"{REPOSITORY_URL}/blob/main/CHANGELOG.md"
