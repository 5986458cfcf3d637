"""The rule registry. Each rule is a function decorated with @rule in a module of this package.

A rule's docstring is its documentation (shown by `lessonkit rules CODE`, and made into the rule's
page of the documentation site by scripts/gen_docs.py), with a failing and a passing example. A page rule is called as check(page, context) for each
page; a lesson rule as check(lesson, context) once. Both yield Problems; neither reads files.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional

from ..findings import Problem
from ..urls import rule_doc_url


@dataclass
class Rule:
    code: str
    name: str
    severity: str
    scope: str  # "page" or "lesson"
    check: Callable[..., Iterator[Problem]]
    options: dict[str, Any] = field(default_factory=dict)  # option name -> default
    kinds: Optional[tuple[str, ...]] = None  # page kinds the rule applies to; None = all
    fix: Optional[str] = None  # what its fixes are: "safe", "unsafe", or "sometimes" safe; None: no fix
    # reports that a page is not built: its findings on such a page stand in a whole-lesson run,
    # where every other rule's are only counted
    unbuilt: bool = False

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def doc_url(self) -> str:
        """Where the rule's documentation is on the web: its page of the documentation site."""
        return rule_doc_url(self.code)

    @property
    def fix_note(self) -> str:
        """One sentence on whether and how the rule's findings can be fixed ("" when they cannot)."""
        return FIX_KINDS.get(self.fix, "")

    @property
    def summary(self) -> str:
        """The docstring's first paragraph, on one line."""
        return " ".join(self.doc.split("\n\n", 1)[0].split())


@dataclass
class Context:
    """What a check may consult besides the page: the lesson (and through it the built site,
    lesson.site, which every rule shares), this rule's options, and a cache that every rule
    shares for one lint of one lesson (indexes of a page that a fix needs, built once)."""

    lesson: Any
    options: dict[str, Any]
    cache: dict[str, Any] = field(default_factory=dict)


_REGISTRY: dict[str, Rule] = {}


FIX_KINDS = {
    "safe": "Fix: safe; `--fix` applies it.",
    "unsafe": "Fix: unsafe (a best guess to review); `--fix --unsafe-fixes` applies it.",
    "sometimes": "Fix: safe where the intent is clear (`--fix`), a best guess otherwise (`--fix --unsafe-fixes`).",
}


def rule(code: str, name: str, severity: str, scope: str = "page", options: Optional[dict] = None, kinds=None,
         fix: Optional[str] = None, unbuilt: bool = False):
    if fix is not None and fix not in FIX_KINDS:
        raise ValueError(f"rule {code}: fix must be one of {', '.join(FIX_KINDS)}")

    def register(check):
        if code in _REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        _REGISTRY[code] = Rule(code, name, severity, scope, check, dict(options or {}), kinds, fix, unbuilt)
        return check

    return register


_loaded = False


def all_rules() -> list[Rule]:
    global _loaded
    if not _loaded:  # every rule module, even when one was imported on its own before
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
        _loaded = True
    return sorted(_REGISTRY.values(), key=lambda r: r.code)


def find_rule(key: str) -> Optional[Rule]:
    key = key.strip()
    for candidate in all_rules():
        if key.upper() == candidate.code or key.lower() == candidate.name:
            return candidate
    return None


def matches(candidate: Rule, selector: str) -> bool:
    """A selector is a code (LK101), a name (div-unclosed), or a code prefix (LK1, LK)."""
    selector = selector.strip()
    if not selector:
        return False
    if selector.lower() == candidate.name:
        return True
    return candidate.code.startswith(selector.upper())
