"""Where lessonkit lives on the web. Every address the code prints or writes comes from here, and
the documentation site (mkdocs.yml, through scripts/gen_docs.py) takes its address from here too."""

from __future__ import annotations

REPOSITORY = "https://github.com/lessonkit/lessonkit"
ISSUES = REPOSITORY + "/issues"
DOCS = "https://lessonkit.github.io/lessonkit/"
CHANGELOG = DOCS + "changelog/"


def rule_page(code: str) -> str:
    """The rule's page on the documentation site, relative to the site's root."""
    return f"rules/{code}/"


def rule_doc_url(code: str) -> str:
    """The address of the rule's page: SARIF's helpUri, the server's diagnostic links and
    `lessonkit rules CODE` all point there."""
    return DOCS + rule_page(code)
