"""Print what pandoc makes of Markdown files: div tree and headings.

    python tests/dump_pandoc.py FILE...     (use - for standard input)

.Rmd files are passed through ``normalise_rmd`` first.  Pandoc's warnings,
if any, are printed after the structure.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pandoc_oracle import (  # noqa: E402
    normalise_rmd,
    pandoc_version,
    structure_from_ast,
    pandoc_json,
)


def format_structure(structure: dict) -> list[str]:
    lines = ["divs:"]

    def div(node: dict, depth: int) -> None:
        label = " ".join(["#" + node["id"]] if node["id"] else [])
        label = " ".join([label] + ["." + c for c in node["classes"]]).strip()
        lines.append("  " * depth + "- div " + (label or "(no attributes)"))
        for child in node["children"]:
            div(child, depth + 1)

    for node in structure["divs"]:
        div(node, 1)
    if not structure["divs"]:
        lines.append("  (none)")
    lines.append("headings:")
    for h in structure["headings"]:
        lines.append(f"  h{h['level']} #{h['id']}")
    if not structure["headings"]:
        lines.append("  (none)")
    return lines


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    print(f"# pandoc {pandoc_version()}")
    for path in argv:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        if path.endswith(".Rmd"):
            text = normalise_rmd(text)
        print(f"== {path}")
        warnings: list[str] = []
        ast = pandoc_json(text, warnings)
        print("\n".join(format_structure(structure_from_ast(ast))))
        for warning in warnings:
            print("  warning: " + warning)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
