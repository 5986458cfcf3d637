"""lessonkit's own settings for a lesson: a `lessonkit:` mapping in config.yaml, or
`.lessonkit.toml` / `lessonkit.toml` at the lesson root (which wins). CLI flags win over both."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .errors import LessonError
from .findings import SEVERITIES
from .rules import all_rules, find_rule

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TOML_NAMES = (".lessonkit.toml", "lessonkit.toml")
RULE_LISTS = ("select", "ignore", "fixable", "unfixable")  # the Settings fields naming rules
KNOWN_KEYS = {"select", "ignore", "strict", "severity", "rules", "schedule", "fixable", "unfixable"}


@dataclass
class Settings:
    select: list[str] = field(default_factory=list)  # empty: every rule
    ignore: list[str] = field(default_factory=list)
    fixable: list[str] = field(default_factory=list)  # rules whose fixes may apply; empty: every rule
    unfixable: list[str] = field(default_factory=list)  # rules whose fixes never apply
    strict: bool = False
    severity: dict[str, str] = field(default_factory=dict)  # rule code -> severity
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule code -> options
    schedule: dict[str, Any] = field(default_factory=dict)
    source: Optional[Path] = None

    def as_data(self) -> dict:
        """What a lint's report depends on, as JSON data (for the cache of reports; the schedule
        options are no part of it)."""
        data: dict[str, Any] = {key: list(getattr(self, key)) for key in RULE_LISTS}
        data.update(strict=self.strict, severity=dict(self.severity), rule_options=self.rule_options,
                    source=None if self.source is None else str(self.source))
        return data

    @classmethod
    def from_data(cls, data: Any) -> Optional["Settings"]:
        """The settings as_data() gave, or None for data of any other shape (a cache entry
        written by another version, or changed by hand)."""
        if type(data) is not dict:
            return None
        lists = [data.get(key) for key in RULE_LISTS]
        severity, options, source = data.get("severity"), data.get("rule_options"), data.get("source")
        if not all(type(value) is list and all(type(item) is str for item in value) for value in lists) \
                or type(data.get("strict")) is not bool or type(source) not in (str, type(None)) \
                or type(severity) is not dict or not all(type(v) is str for v in severity.values()) \
                or type(options) is not dict or not all(type(v) is dict for v in options.values()):
            return None
        settings = cls(**dict(zip(RULE_LISTS, lists)), strict=data["strict"], severity=severity, rule_options=options)
        settings.source = None if source is None else Path(source)
        return settings


def _string_list(value: Any, where: Path, key: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise LessonError(where, f"lessonkit setting '{key}' must be a list of rule codes or names")


def settings_from_mapping(raw: Any, where: Path) -> Settings:
    if raw is None:
        return Settings(source=where)
    if not isinstance(raw, dict):
        raise LessonError(where, f"lessonkit settings must be a mapping ({', '.join(sorted(KNOWN_KEYS))})")
    unknown = sorted(set(map(str, raw)) - KNOWN_KEYS)
    if unknown:
        raise LessonError(where, f"unknown lessonkit setting '{unknown[0]}' (known: {', '.join(sorted(KNOWN_KEYS))})")
    settings = Settings(source=where)
    settings.select = _string_list(raw.get("select"), where, "select")
    settings.ignore = _string_list(raw.get("ignore"), where, "ignore")
    settings.fixable = _string_list(raw.get("fixable"), where, "fixable")
    settings.unfixable = _string_list(raw.get("unfixable"), where, "unfixable")
    strict = raw.get("strict", False)
    if not isinstance(strict, bool):
        raise LessonError(where, "lessonkit setting 'strict' must be true or false")
    settings.strict = strict
    for key, level in (raw.get("severity") or {}).items():
        found = find_rule(str(key))
        if found is None:
            raise LessonError(where, f"lessonkit severity: no rule named '{key}'")
        if level not in SEVERITIES:
            raise LessonError(where, f"lessonkit severity for {key}: '{level}' is not one of {', '.join(SEVERITIES)}")
        settings.severity[found.code] = level
    rules = raw.get("rules") or {}
    if not isinstance(rules, dict):
        raise LessonError(where, "lessonkit setting 'rules' must map rule codes or names to their options")
    for key, options in rules.items():
        found = find_rule(str(key))
        if found is None:
            raise LessonError(where, f"lessonkit rules: no rule named '{key}'")
        if not isinstance(options, dict):
            raise LessonError(where, f"lessonkit rules: options of {key} must be a mapping")
        for option, value in options.items():
            if option not in found.options:
                known = ", ".join(found.options) or "none"
                raise LessonError(where, f"lessonkit rules: {found.code} has no option '{option}' (options: {known})")
            default = found.options[option]
            if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, type(default)):
                raise LessonError(where, f"lessonkit rules: {found.code} option '{option}' must be a {type(default).__name__}")
        settings.rule_options[found.code] = dict(options)
    schedule = raw.get("schedule") or {}
    if not isinstance(schedule, dict):
        raise LessonError(where, "lessonkit setting 'schedule' must be a mapping of schedule options")
    settings.schedule = schedule
    return settings


def load_settings(lesson) -> Settings:
    """The lesson's settings: a TOML file at the root if there is one, else config.yaml's."""
    for name in TOML_NAMES:
        path = lesson.root / name
        if lesson.disk.is_file(path):
            try:
                raw = tomllib.loads(lesson.disk.read_text(path))
            except tomllib.TOMLDecodeError as error:
                raise LessonError(path, f"not valid TOML: {error}") from None
            return settings_from_mapping(raw, path)
    return settings_from_mapping(lesson.setting("lessonkit"), lesson.config_path)


def options_for(settings: Settings, code: str) -> dict[str, Any]:
    found = find_rule(code)
    options = dict(found.options) if found else {}
    options.update(settings.rule_options.get(code, {}))
    return options


def _chosen(candidate, include: list[str], exclude: list[str]) -> bool:
    """Whether a rule is in include (empty: every rule) and not in exclude."""
    from .rules import matches

    if include and not any(matches(candidate, s) for s in include):
        return False
    return not any(matches(candidate, s) for s in exclude)


def enabled_rules(settings: Settings):
    return [candidate for candidate in all_rules() if _chosen(candidate, settings.select, settings.ignore)]


def fix_allowed(settings: Settings, code: str) -> bool:
    """Whether the fixes of rule code may be applied (the settings fixable and unfixable)."""
    if not settings.fixable and not settings.unfixable:
        return True  # the default: no need to load the rules to match selectors
    found = find_rule(code)
    return found is not None and _chosen(found, settings.fixable, settings.unfixable)


def fix_applies(settings: Settings, finding, unsafe: bool) -> bool:
    """Whether --fix applies the finding's fix: it has one, it is safe (or unsafe fixes are
    asked for), and the settings allow fixes of its rule."""
    return finding.fix is not None and (finding.fix.safe or unsafe) and fix_allowed(settings, finding.code)
