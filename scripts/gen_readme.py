#!/usr/bin/env python3
"""Regenerate the parts of README.md that come from the code, between marker comments:

    <!-- cli:start --> ... <!-- cli:end -->                          click's own --help of every command
    <!-- schedule-options:start --> ... <!-- schedule-options:end -->  the `lessonkit: schedule:` keys
    <!-- rules:start --> ... <!-- rules:end -->                      every rule, from its docstring

    python scripts/gen_readme.py            rewrite README.md
    python scripts/gen_readme.py --check    exit 1, with a diff, when README.md is not current
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import click  # noqa: E402

WIDTH = 100
COMMANDS = ("outline", "lint", "rules", "schedule", "server")


def _help(command: click.Command, name: str, parent: click.Context | None) -> str:
    ctx = command.context_class(command, info_name=name, parent=parent,
                                **{"terminal_width": WIDTH, "max_content_width": WIDTH, **command.context_settings})
    return command.get_help(ctx).rstrip()


def cli_section() -> str:
    from lessonkit.cli import main

    root = main.context_class(main, info_name="lessonkit",
                              **{"terminal_width": WIDTH, "max_content_width": WIDTH, **main.context_settings})
    parts = ["```text\n$ lessonkit --help\n" + _help(main, "lessonkit", None) + "\n```"]
    for name in COMMANDS:
        command = main.get_command(root, name)
        parts.append(f"#### `lessonkit {name}`\n\n```text\n$ lessonkit {name} --help\n"
                     + _help(command, name, root) + "\n```")
    return "\n\n".join(parts)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def schedule_options_section() -> str:
    from lessonkit.cli import main
    from lessonkit.schedule.plan import OPTION_PARSERS

    command = main.get_command(click.Context(main), "schedule")
    by_name = {}
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--"):
                by_name[opt[2:]] = param
    rows = ["| key | meaning |", "|---|---|"]
    for name in OPTION_PARSERS:
        param = by_name.get(name)
        help_text = param.help if param is not None and param.help else ""
        rows.append(f"| `{name}` | {_cell(help_text)} |")
    return "\n".join(rows)


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.split("\n\n", 1)[0].split())


def rules_section() -> str:
    from lessonkit.rules import all_rules

    rules = all_rules()
    out = ["| code | name | severity | fix | what it finds |", "|---|---|---|---|---|"]
    for r in rules:
        out.append(f"| [{r.code}](#{r.readme_anchor}) | `{r.name}` | {r.severity} | {r.fix or ''} | "
                   f"{_cell(_first_paragraph(r.doc))} |")
    for r in rules:
        out.append("")
        out.append(f"### {r.code} {r.name}")
        out.append("")
        out.append(f"Severity: **{r.severity}**." + (f" {r.fix_note}" if r.fix_note else ""))
        if r.options:
            listed = ", ".join(f"`{k}` (default `{v!r}`)" for k, v in r.options.items())
            out.append(f"Options, under `lessonkit: rules: {r.name}:`: {listed}.")
        out.append("")
        out.append(r.doc.rstrip())
    return "\n".join(out)


SECTIONS = {
    "cli": cli_section,
    "schedule-options": schedule_options_section,
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
