"""Data flows one way: a lower layer never imports a higher one (GUIDE.md, "Shape of the code").
Read from the source with ast, so that an import inside a function counts too."""

from __future__ import annotations

import ast

import pytest

from conftest import ROOT
from lessonkit.settings import Settings

PACKAGE = ROOT / "lessonkit"


def imported_modules(path) -> set[str]:
    """The lessonkit modules a file imports (anywhere in it), as dotted names."""
    package = "lessonkit." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.rstrip(".").split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("lessonkit")}


@pytest.mark.parametrize("lower, higher", [
    ("rules", "lessonkit.fix"),  # a rule tries a repair with lessonkit.textedit, below both
    ("cache.py", "lessonkit.settings"),  # the cache is given the settings as data
    ("textedit.py", "lessonkit.rules"),
    ("textedit.py", "lessonkit.fix"),
])
def test_a_lower_layer_never_imports_a_higher_one(lower, higher):
    files = sorted((PACKAGE / lower).rglob("*.py")) if (PACKAGE / lower).is_dir() else [PACKAGE / lower]
    offenders = [str(path.relative_to(ROOT)) for path in files
                 if any(name == higher or name.startswith(higher + ".") for name in imported_modules(path))]
    assert not offenders, f"{offenders} import {higher}"


def test_settings_survive_the_report_cache_as_data():
    settings = Settings(select=["LK1"], ignore=["LK204"], fixable=[], unfixable=["LK205"], strict=True,
                        severity={"LK404": "error"}, rule_options={"LK103": {"classes": ["exercise"]}},
                        schedule={"start": "10:00"}, source=ROOT / "config.yaml")
    again = Settings.from_data(settings.as_data())
    settings.schedule = {}  # not what a report depends on: not stored
    assert again == settings


@pytest.mark.parametrize("data", [None, [], {}, {**Settings().as_data(), "strict": "yes"},
                                  {**Settings().as_data(), "select": [1]},
                                  {**Settings().as_data(), "rule_options": {"LK103": []}}])
def test_settings_from_data_of_another_shape_is_none(data):
    assert Settings.from_data(data) is None
