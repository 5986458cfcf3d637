"""The parts of the documentation that come from the code, made when MkDocs builds the site.

This file is the MkDocs hook that mkdocs.yml names: every build writes, in memory,

    rules/index.md      the rules, family by family (each module of lessonkit/rules is a family)
    rules/CODE.md       one page per rule, from its docstring and its registration
    cli.md              click's own --help of every command
    changelog.md        CHANGELOG.md as it is

and fills `<!-- lessonkit:NAME -->` markers in the written pages (NAME in MARKERS). Nothing
generated is committed, so a rule added or changed on any branch has its page at the next build
and no copy can fall behind. scripts/gen_readme.py takes the README's rule table from here.

A rule's docstring is read as: a first paragraph (what the rule finds), paragraphs on why it
matters, then "Fails..." and "Passes..." paragraphs each followed by indented examples, and
after them the rest (how the fix works, or notes). tests/test_docs.py holds every rule to it.
"""

from __future__ import annotations

import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from lessonkit import urls  # noqa: E402
from lessonkit.rules import Rule, all_rules  # noqa: E402

WIDTH = 100
RULES_SECTION = "Rules"  # the nav entry whose pages the rule pages join
EXAMPLE_LABEL = re.compile(r"(?P<verdict>Fails|Passes)(?P<where>\s*\([^\n]*?\))?:\s*(?P<rest>.*)", re.S)
KIND_NAMES = {
    "episode": "episodes", "learner": "learners pages", "instructor": "instructors pages",
    "profile": "profiles pages", "index": "the home page (index.md)",
}
FIX_WORDS = {"safe": "safe", "unsafe": "unsafe (a guess to review)",
             "sometimes": "sometimes safe, otherwise a guess to review"}


# --- reading a rule's docstring ------------------------------------------------------------------

@dataclass
class Example:
    verdict: str  # "Fails" or "Passes"
    title: str  # the label, such as "Fails (in an episode)"
    text: str  # words after the label's colon, when the example is told rather than shown
    code: list[str] = field(default_factory=list)


@dataclass
class RuleDoc:
    summary: str
    why: list[str]
    examples: list[Example]
    after: list[str]


def _chunks(doc: str) -> list[tuple[str, str]]:
    """("text", paragraph) and ("code", dedented block) in order; an indented block may hold blank lines."""
    chunks: list[tuple[str, str]] = []
    lines = doc.split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
        elif lines[i].startswith("    "):
            j = i
            while j < len(lines) and (lines[j].startswith("    ") or not lines[j].strip()):
                j += 1
            while not lines[j - 1].strip():
                j -= 1
            chunks.append(("code", "\n".join(line[4:] for line in lines[i:j])))
            i = j
        else:  # a paragraph: its lines up to the next blank line
            j = i
            while j < len(lines) and lines[j].strip():
                j += 1
            chunks.append(("text", "\n".join(lines[i:j])))
            i = j
    return chunks


def read_doc(rule: Rule) -> RuleDoc:
    chunks = _chunks(rule.doc)
    summary = chunks[0][1] if chunks else ""
    why: list[str] = []
    examples: list[Example] = []
    after: list[str] = []
    for kind, text in chunks[1:]:
        label = EXAMPLE_LABEL.fullmatch(text) if kind == "text" and not after else None
        if label:
            title = label["verdict"] + (label["where"] or "")
            examples.append(Example(label["verdict"], title, label["rest"].strip()))
        elif kind == "code" and examples and not after:
            examples[-1].code.append(text)
        elif examples:
            after.append(text)
        else:
            why.append(text)
    return RuleDoc(summary, why, examples, after)


# --- pages ---------------------------------------------------------------------------------------

def _wrap(text: str) -> str:
    """A generated paragraph, wrapped as the written pages are."""
    return textwrap.fill(text, WIDTH, break_long_words=False, break_on_hyphens=False)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rules_table(rules: list[Rule], link: Callable[[Rule], str]) -> str:
    """The table of rules that the rules index and the README show."""
    rows = ["| code | name | severity | fix | what it finds |", "| --- | --- | --- | --- | --- |"]
    for r in rules:
        rows.append(f"| [{r.code}]({link(r)}) | `{r.name}` | {r.severity} | {r.fix or '-'} | {_cell(r.summary)} |")
    return "\n".join(rows)


def page_file(rule: Rule) -> str:
    """The rule's page in the docs folder; MkDocs serves it at urls.rule_page(code)."""
    return urls.rule_page(rule.code).rstrip("/") + ".md"


def families(rules: list[Rule]) -> list[tuple[str, str, list[Rule]]]:
    """(title, description, rules) for each module of lessonkit/rules, in code order. The title
    and description are the module docstring's first sentence: "Link rules (LK2xx): what..."."""
    groups: dict[str, list[Rule]] = {}
    for r in rules:
        groups.setdefault(r.check.__module__, []).append(r)
    out = []
    for module_name, members in sorted(groups.items(), key=lambda item: item[1][0].code):
        first = " ".join((sys.modules[module_name].__doc__ or module_name).split("\n\n", 1)[0].split())
        title, _, description = first.partition(": ")
        # "Block rules (LK4xx, with the heading rules of headings.py)" -> "Block rules (LK4xx)"
        title = re.sub(r"\((LK\w+)[^)]*\)", r"(\1)", title.strip())
        out.append((title, description.strip(), members))
    return out


def rules_index() -> str:
    parts = [
        "# Rules",
        "",
        _wrap("Every rule lessonkit has, by family. `lessonkit rules` lists them in the terminal and "
        "`lessonkit rules CODE` prints one rule's documentation. The **fix** column says whether "
        "`lessonkit lint --fix` can repair a finding: *safe* fixes apply with `--fix`, *unsafe* "
        "ones (best guesses) only with `--unsafe-fixes`, and *sometimes* rules have both "
        "(see [Fixing](../fixing.md)). How to choose rules and change their severity is under "
        "[Configuration](../configuration.md); what a change of a rule means for a release is in "
        "the [version policy](../versioning.md)."),
    ]
    for title, description, members in families(all_rules()):
        parts += ["", f"## {title}", ""]
        if description:
            parts += [_wrap(description[0].upper() + description[1:]), ""]
        parts.append(rules_table(members, lambda r: r.code + ".md"))
    return "\n".join(parts) + "\n"


def _applies_to(rule: Rule) -> str:
    if rule.scope == "lesson":
        return "the lesson as a whole"
    if rule.kinds is None:
        return "every page"
    names = [KIND_NAMES.get(kind, kind) for kind in rule.kinds]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _fence(code: str, language: str) -> str:
    longest = max((len(m) for m in re.findall(r"^ *(`{3,})", code, re.M)), default=2)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{language}\n{code}\n{ticks}"


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.split("\n"))


def example_language(rule: Rule) -> str:
    """The examples of a rule about config.yaml are YAML; all others are pages of the lesson."""
    return "yaml" if "config.yaml" in rule.summary else "markdown"


def rule_page(rule: Rule) -> str:
    doc = read_doc(rule)
    fix = FIX_WORDS.get(rule.fix, "none")
    parts = [
        f"# {rule.code} {rule.name}",
        "",
        _wrap(f"**Severity** {rule.severity} · **Fix** {fix} · **Checks** {_applies_to(rule)}"),
        "",
        "## What it does",
        "",
        doc.summary,
    ]
    if doc.why:
        parts += ["", "## Why it matters", "", "\n\n".join(doc.why)]
    if doc.examples:
        parts += ["", "## Example"]
        for example in doc.examples:
            kind = "failure" if example.verdict == "Fails" else "success"
            body = [example.text[0].upper() + example.text[1:]] if example.text else []
            body += [_fence(code, example_language(rule)) for code in example.code]
            parts += ["", f'!!! {kind} "{example.title}"', "", _indent("\n\n".join(body))]
    parts += ["", "## Fix", ""]
    if rule.fix:
        note = rule.fix_note.removeprefix("Fix: ")
        parts.append(_wrap(note[0].upper() + note[1:] + " See [Fixing](../fixing.md)."))
        if doc.after:
            parts += ["", "\n\n".join(doc.after)]
    else:
        parts.append("lessonkit has no automatic fix for this rule.")
        if doc.after:
            parts += ["", "## Notes", "", "\n\n".join(doc.after)]
    if rule.options:
        parts += ["", "## Options", "",
                  _wrap(f"Under `lessonkit: rules: {rule.name}:` in config.yaml (or `[rules.{rule.name}]` "
                        "in .lessonkit.toml); shown with their defaults:"), "",
                  _fence(options_example(rule).rstrip("\n"), "yaml")]
    parts += [
        "", "## Turning it off", "",
        _wrap(f"`lessonkit lint --ignore {rule.code}`, or `ignore: [{rule.name}]` under `lessonkit:` in "
              f"config.yaml; `severity: {{{rule.code}: {'warning' if rule.severity == 'error' else 'error'}}}` "
              "keeps it and changes its weight (see [Configuration](../configuration.md))."),
    ]
    if rule.scope == "page":
        parts += ["", "In a page, for one line or the whole page:", "",
                  _fence(f"<!-- lessonkit-disable-next-line {rule.code} -->\n"
                         f"<!-- lessonkit-disable-file {rule.code} -->", "markdown")]
    parts += ["", f"`lessonkit rules {rule.code}` prints this documentation in the terminal."]
    return "\n".join(parts) + "\n"


def options_example(rule: Rule) -> str:
    """The rule's options with their defaults, as settings in config.yaml."""
    return yaml.safe_dump({"lessonkit": {"rules": {rule.name: dict(rule.options)}}},
                          default_flow_style=False, sort_keys=False)


def _help(command, name: str, parent):
    ctx = command.context_class(command, info_name=name, parent=parent,
                                **{"terminal_width": WIDTH, "max_content_width": WIDTH, **command.context_settings})
    return command.get_help(ctx).rstrip()


def cli_reference() -> str:
    from lessonkit.cli import COMMANDS, main

    root = main.context_class(main, info_name="lessonkit",
                              **{"terminal_width": WIDTH, "max_content_width": WIDTH, **main.context_settings})
    parts = ["# Command line reference", "",
             "Generated from the commands' own `--help`.", "",
             "```text\n$ lessonkit --help\n" + _help(main, "lessonkit", None) + "\n```"]
    for name in sorted(COMMANDS):
        command = main.get_command(root, name)
        parts += ["", f"## `lessonkit {name}`", "",
                  f"```text\n$ lessonkit {name} --help\n" + _help(command, name, root) + "\n```"]
    return "\n".join(parts) + "\n"


def schedule_options() -> str:
    """The keys of `lessonkit: schedule:`, with the help of the command-line option of each."""
    import click

    from lessonkit.cli import main
    from lessonkit.schedule.plan import OPTION_PARSERS

    command = main.get_command(click.Context(main), "schedule")
    by_name = {opt[2:]: param for param in command.params for opt in getattr(param, "opts", [])
               if opt.startswith("--")}
    rows = ["| key | meaning |", "| --- | --- |"]
    for name in OPTION_PARSERS:
        param = by_name.get(name)
        rows.append(f"| `{name}` | {_cell(param.help if param is not None and param.help else '')} |")
    return "\n".join(rows)


def rule_options() -> str:
    """Every rule option with its default, linked to the rule's page."""
    rows = ["| rule | option | default |", "| --- | --- | --- |"]
    for r in all_rules():
        for name, default in r.options.items():
            shown = yaml.safe_dump(default, default_flow_style=True).strip().removesuffix("...").strip()
            rows.append(f"| [{r.code} {r.name}]({page_file(r)}) | `{name}` | `{shown}` |")
    return "\n".join(rows)


def changelog() -> str:
    return (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def version() -> str:
    from lessonkit import __version__

    return __version__


MARKERS = {
    "schedule-options": schedule_options,
    "rule-options": rule_options,
    "version": version,
}


def generated_pages() -> dict[str, str]:
    """Every generated page: its path in the docs folder -> its Markdown."""
    pages = {"rules/index.md": rules_index(), "cli.md": cli_reference(), "changelog.md": changelog()}
    for r in all_rules():
        pages[page_file(r)] = rule_page(r)
    return pages


def fill_markers(markdown: str) -> str:
    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name not in MARKERS:
            raise ValueError(f"unknown marker <!-- lessonkit:{name} --> (known: {', '.join(MARKERS)})")
        return MARKERS[name]()

    return re.sub(r"<!-- lessonkit:([\w-]+) -->", fill, markdown)


# --- the MkDocs hook -----------------------------------------------------------------------------

def on_config(config):
    """The site's address is lessonkit's own (urls.py), and the rule pages join the nav under Rules."""
    config.site_url = urls.DOCS
    config.repo_url = urls.REPOSITORY
    for entry in config.nav or []:
        if isinstance(entry, dict) and RULES_SECTION in entry:
            entry[RULES_SECTION] = ["rules/index.md"] + [{f"{r.code} {r.name}": page_file(r)} for r in all_rules()]
    return config


def on_files(files, config):
    from mkdocs.structure.files import File

    for path, content in generated_pages().items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    return fill_markers(markdown)
