#!/usr/bin/env python3
"""Before a release: the tag, the package's version and the changelog agree.

    python scripts/check_release.py v0.1.0           exit 1, saying why, unless the tag is
                                                       "v" + lessonkit.__version__ and CHANGELOG.md
                                                       has a dated section for that version
    python scripts/check_release.py --notes v0.1.0   print that section (the release notes)

The release workflow (.github/workflows/release.yml) runs both.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = re.compile(r'^__version__ = "([^"]+)"$', re.M)
SECTION = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\S+))?[ \t]*$", re.M)


def package_version(root: Path = ROOT) -> str:
    found = VERSION.search((root / "lessonkit" / "__init__.py").read_text(encoding="utf-8"))
    if not found:
        raise SystemExit("check_release: lessonkit/__init__.py has no __version__ line")
    return found.group(1)


def sections(changelog: str) -> dict[str, tuple[str | None, str]]:
    """Each `## [version] - date` section of the changelog: version -> (date, text)."""
    heads = list(SECTION.finditer(changelog))
    out = {}
    for head, after in zip(heads, heads[1:] + [None], strict=True):
        end = after.start() if after else len(changelog)
        body = changelog[head.end():end]
        body = re.split(r"^\[[^\]]+\]: ", body, maxsplit=1, flags=re.M)[0]  # the link references
        out[head["version"]] = (head["date"], body.strip())
    return out


def problems(tag: str, version: str, changelog: str) -> list[str]:
    found = []
    if tag != f"v{version}":
        found.append(f"the tag {tag} is not v{version}, the version in lessonkit/__init__.py")
    section = sections(changelog).get(version)
    if section is None:
        found.append(f"CHANGELOG.md has no section '## [{version}] - YYYY-MM-DD' (rename [Unreleased])")
    else:
        date, body = section
        if not (date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)):
            found.append(f"CHANGELOG.md's section for {version} has no date (## [{version}] - YYYY-MM-DD)")
        if not body:
            found.append(f"CHANGELOG.md's section for {version} is empty")
        if not re.search(rf"^\[{re.escape(version)}\]: https://", changelog, re.M):
            found.append(f"CHANGELOG.md has no link for [{version}] at the bottom")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tag", help="the release tag, such as v0.1.0")
    parser.add_argument("--notes", action="store_true", help="print the changelog's section for the tag")
    args = parser.parse_args(argv)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    version = package_version()
    found = problems(args.tag, version, changelog)
    for problem in found:
        print(f"check_release: {problem}", file=sys.stderr)
    if found:
        return 1
    if args.notes:
        print(sections(changelog)[version][1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
