#!/usr/bin/env python3
"""Add packages to lessonkit/data/packages/python-requires.json from one pip resolve.

pip resolves the seeds against PyPI without installing anything (`pip install --dry-run
--ignore-installed --report`), and its report holds the core metadata of every package of the
resolved set. Each package the data does not hold yet is added at the version resolved, with its
Requires-Dist less the requirements of extras (requirements for other platforms or Python
versions are kept, as for the rest of the file) and the date of the resolve. Packages the data
holds are kept as they are. The file's "source" names the seeds: say there why they were chosen.

    python scripts/add_python_requires.py --date 2026-12-02 --why "..." SEED [SEED ...]
    python scripts/add_python_requires.py --date ... --why ... --report r.json SEED ...   (an earlier report)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "lessonkit" / "data" / "packages" / "python-requires.json"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def resolve(seeds: list[str]) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                        "--report", str(report), *seeds], check=True)
        return json.loads(report.read_text(encoding="utf-8"))


def requires(metadata: dict) -> list[str]:
    names = set()
    for line in metadata.get("requires_dist", []):
        requirement = Requirement(line)
        if requirement.marker is not None and "extra" in str(requirement.marker):
            continue  # only with an extra: pip install x[extra]
        names.add(normalise(requirement.name))
    return sorted(names)


def write(data: dict) -> None:
    """The file as it is written by hand: one package a line."""
    head = {key: value for key, value in data.items() if key != "packages"}
    lines = ["{"] + [f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}," for key, value in head.items()]
    lines.append(' "packages": {')
    entries = sorted(data["packages"].items())
    for number, (name, entry) in enumerate(entries):
        comma = "," if number < len(entries) - 1 else ""
        lines.append(f"  {json.dumps(name)}: {json.dumps(entry, ensure_ascii=False)}{comma}")
    lines += [" }", "}"]
    DATA.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seeds", nargs="+")
    parser.add_argument("--date", required=True, help="the day of the resolve (YYYY-MM-DD)")
    parser.add_argument("--why", required=True, help="why these seeds, for the file's source")
    parser.add_argument("--report", type=Path, help="read this pip report instead of resolving")
    options = parser.parse_args()
    report = json.loads(options.report.read_text(encoding="utf-8")) if options.report else resolve(options.seeds)
    data = json.loads(DATA.read_text(encoding="utf-8"))
    added = 0
    for item in report["install"]:
        metadata = item["metadata"]
        name = normalise(metadata["name"])
        if name not in data["packages"]:
            data["packages"][name] = {"version": metadata["version"], "date": options.date,
                                      "requires": requires(metadata)}
            added += 1
    environment = report["environment"]
    data["source"] += (f" Added {options.date} (the entries with that date): one resolve, Python "
                       f"{environment['python_version']} on {environment['sys_platform']}, of {options.why}: "
                       f"{' '.join(options.seeds)}; packages the data held were kept as they were.")
    write(data)
    print(f"added {added} packages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
