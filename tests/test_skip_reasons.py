"""Every test that can skip says what it needs: `pytest -rs` then lists reasons such as
"needs ../shared/corpus (the real lessons)" or "needs chromium (apt install chromium)"."""

from __future__ import annotations

import ast

from conftest import NEEDS, ROOT, extra

TESTS = ROOT / "tests"


def _skips(path):
    """(line, the reason given or None) of each pytest.skip, importorskip and mark.skipif."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func)
        if name not in ("pytest.skip", "pytest.importorskip", "pytest.mark.skipif"):
            continue
        keywords = {keyword.arg: keyword.value for keyword in node.keywords}
        reason = node.args[0] if name == "pytest.skip" and node.args else keywords.get("reason")
        yield node.lineno, reason


def test_every_skip_says_what_the_test_needs():
    vague = []
    for path in sorted(TESTS.rglob("*.py")):
        for line, reason in _skips(path):
            if reason is None or (isinstance(reason, ast.Constant) and not str(reason.value).startswith("needs ")):
                vague.append(f"{path.relative_to(ROOT)}:{line}: {ast.unparse(reason) if reason else 'no reason'}")
    assert not vague, "\n".join(vague)


def test_the_shared_reasons_say_what_and_how():
    assert all(reason.startswith("needs ") for reason in NEEDS.values())
    assert extra("icalendar") == "needs icalendar (pip install -e '.[test]')"
