#!/usr/bin/env python3
"""Regenerate the part of README.md that comes from the code, between marker comments:

    <!-- rules:start --> ... <!-- rules:end -->    every rule, linked to its page on the docs site

The README is committed as generated because GitHub and PyPI show the file itself; the docs
site makes its generated pages at build time (scripts/gen_docs.py, which also makes this table).

    python scripts/gen_readme.py            rewrite README.md
    python scripts/gen_readme.py --check    exit 1, with a diff, when README.md is not current
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_docs import ROOT, rules_table  # noqa: E402


def rules_section() -> str:
    from lessonkit.rules import all_rules

    return rules_table(all_rules(), lambda r: r.doc_url)


SECTIONS = {
    "rules": rules_section,
}


def regenerate(text: str) -> str:
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"gen_readme: README.md has no <!-- {name}:start --> ... <!-- {name}:end --> markers")
        body = make().rstrip() + "\n"
        # Generated text goes in as is: no backslash processing by re.
        text = pattern.sub(lambda m: m.group(1) + "\n" + body + "\n" + m.group(2), text, count=1)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail with a diff when README.md is out of date")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    current = args.readme.read_text(encoding="utf-8")
    wanted = regenerate(current)
    if args.check:
        if wanted != current:
            sys.stdout.writelines(difflib.unified_diff(
                current.splitlines(keepends=True), wanted.splitlines(keepends=True),
                fromfile=str(args.readme), tofile="generated"))
            print(f"{args.readme} is out of date: run python scripts/gen_readme.py", file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        args.readme.write_text(wanted, encoding="utf-8")
        print(f"rewrote {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
