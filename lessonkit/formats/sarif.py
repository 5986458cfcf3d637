"""SARIF 2.1.0, for GitHub code scanning and other tools; the rules go in tool.driver.rules."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..urls import REPOSITORY

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_location(finding, base: Path) -> dict:
    """A URI reference: relative to the checkout (%SRCROOT%) when the file lies below base, else a
    file: URI. SARIF requires valid URIs, so spaces and the like are percent-encoded."""
    shown = finding.display_path(base)
    if Path(shown).is_absolute():
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown), "uriBaseId": "%SRCROOT%"}


def _fix(finding, base: Path) -> dict:
    """A SARIF fix: the edits as replacements of regions (end columns exclusive, as ours)."""
    described = finding.fix.description if finding.fix.safe else f"{finding.fix.description} (unsafe fix: review it)"
    return {
        "description": {"text": described},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(finding, base),
                "replacements": [
                    {
                        "deletedRegion": {"startLine": edit.line, "startColumn": edit.column,
                                          "endLine": edit.end_line, "endColumn": edit.end_column},
                        "insertedContent": {"text": edit.text},
                    }
                    for edit in finding.fix.edits
                ],
            }
        ],
    }


def render(findings, rules, base: Path, files: int, **_) -> str:
    index = {r.code: i for i, r in enumerate(rules)}
    driver_rules = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.doc},
            "defaultConfiguration": {"level": LEVELS[r.severity]},
            "help": {"text": r.doc},
            "helpUri": r.doc_url,
        }
        for r in rules
    ]
    results = []
    for f in findings:
        result = {
            "ruleId": f.code,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(f, base),
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line or f.line,
                            "endColumn": f.end_column or f.column,
                        },
                    }
                }
            ],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.fix is not None:
            result["fixes"] = [_fix(f, base)]
        results.append(result)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lessonkit",
                        "version": __version__,
                        "informationUri": REPOSITORY,
                        "rules": driver_rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
