"""What lessonkit knows about the packages a lesson's code uses.

The knowledge is data, each file naming its source and date (lessonkit/data/packages/):

- python-stdlib.json: the standard library's modules, and what Python brings besides (pip).
- python-import-names.json: import names that are not the installed name (``sklearn`` -> ``scikit-learn``),
  and the other packages that install the same import (``cv2``: opencv-python-headless too).
- python-conda-names.json: conda packages whose name is not the PyPI name (``pytorch`` -> ``torch``).
- python-requires.json: what each common package requires, so installs with it (seaborn -> matplotlib).
- python-distributions.json: what Anaconda and the Carpentries' workshop environment install.
- r-installation.json: R's base and recommended packages, which come with every R.
- r-requires.json: what common R packages require (tidyverse -> lubridate, jsonlite).

The code here finds the packages a code block imports and those it installs, the installs whose
package list lessonkit cannot read, and what a setup text gets installed.

Requirements and conda environment files say which packages learners install as well as a setup
page does, and the Python modules a lesson ships are its own; neither are pages. They are read
through the lesson's Disk (lessonkit.disk), like everything else the model reads: a few fixed
names in a few folders, limited in size, and a walk for .py files.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .errors import LessonError

# --- the knowledge ---------------------------------------------------------------------------------


DATA = Path(__file__).resolve().parent / "data" / "packages"


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def normalise(name: str) -> str:
    """A package name as pip compares them (PEP 503): any case, - _ . alike."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _graph(entries: dict) -> dict[str, tuple[str, ...]]:
    return {normalise(name): tuple(normalise(each) for each in entry["requires"]) for name, entry in entries.items()}


_STDLIB = _load("python-stdlib.json")
PYTHON_STDLIB = frozenset(_STDLIB["python3"] + _STDLIB["python2"])
PYTHON_BUNDLED = frozenset(normalise(name) for name in _STDLIB["bundled"])
_IMPORT_NAMES = _load("python-import-names.json")
DISTRIBUTIONS = _IMPORT_NAMES["names"]
_ALSO_PROVIDED = _IMPORT_NAMES["also"]["names"]
_CONDA = _load("python-conda-names.json")
CONDA_NAMES = {normalise(conda): normalise(pypi) for conda, pypi in _CONDA["names"].items()}
CONDA_PREFIXES = tuple(_CONDA["prefixes"]["names"])
PYTHON_REQUIRES = _graph(_load("python-requires.json")["packages"])
PYTHON_DISTRIBUTIONS = _load("python-distributions.json")["distributions"]
_R_INSTALLATION = _load("r-installation.json")
R_INSTALLED = frozenset(normalise(name) for part in ("base", "recommended") for name in _R_INSTALLATION[part]["packages"])
R_REQUIRES = _graph(_load("r-requires.json")["packages"])
_KNOWN_PYTHON = (frozenset(PYTHON_REQUIRES) | {normalise(name) for name in DISTRIBUTIONS.values()}
                 | {normalise(name) for each in PYTHON_DISTRIBUTIONS.values() for name in each["packages"]})


def _closure(names: Iterable[str], graph: dict[str, tuple[str, ...]]) -> set[str]:
    found, todo = set(), [normalise(name) for name in names]
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo.extend(graph.get(name, ()))
    return found


def python_provided(text: str, installed: Iterable[str]) -> frozenset:
    """The Python packages (normalised names) that learners have once they do what text says
    (a setup page: the packages and distributions it names) and install the installed names:
    each with everything it requires, and what every Python brings."""
    lowered = text.lower()
    seeds = {name for name in PYTHON_REQUIRES if mentioned(name, text)}
    seeds.update(dist for module, dist in DISTRIBUTIONS.items() if mentioned(module, text))
    for distribution in PYTHON_DISTRIBUTIONS.values():
        if any(phrase.lower() in lowered for phrase in distribution["mentions"]):
            seeds.update(distribution["packages"])
    return frozenset(_closure([*seeds, *installed, *PYTHON_BUNDLED], PYTHON_REQUIRES))


def r_provided(text: str, installed: Iterable[str]) -> frozenset:
    """The R packages (normalised names) that learners have once they install what text names and
    the installed names, each with what it requires, besides those every R installation has."""
    seeds = [name for name in R_REQUIRES if mentioned(name, text)]
    return frozenset(_closure([*seeds, *installed], R_REQUIRES)) | R_INSTALLED


def _commonly_required(graph: dict[str, tuple[str, ...]]) -> frozenset:
    counts = Counter(name for required in graph.values() for name in required)
    return frozenset(name for name, count in counts.items() if count >= 2)


# Packages that at least two packages of the data require (numpy, matplotlib, glue, rlang): any
# package the data does not know may well require them too.
COMMONLY_REQUIRED = {"Python": _commonly_required(PYTHON_REQUIRES), "R": _commonly_required(R_REQUIRES)}
_NOT_PACKAGES = frozenset({"python", "r", "r-base"})  # conda installs the interpreter by these names


def requirements_unknown(language: str, installed: Iterable[str]) -> bool:
    """Whether learners install a package whose requirements the data does not hold, so that
    lessonkit cannot know what else they get (a package the data requires commonly, likely)."""
    graph = PYTHON_REQUIRES if language == "Python" else R_REQUIRES
    known = PYTHON_BUNDLED if language == "Python" else R_INSTALLED
    return any(name not in graph and name not in known and name not in _NOT_PACKAGES
               and not (language == "Python" and _SPACY_MODEL.match(name.replace("-", "_")))
               for name in map(normalise, installed))


def known_python(package: str) -> bool:
    """Whether lessonkit's data knows the package (by import or installed name) as one on PyPI."""
    return normalise(distribution(package)) in _KNOWN_PYTHON


# --- import name -> distribution name -----------------------------------------------------------

# Namespace packages: the package is named by the first two parts of the import.
NAMESPACES = frozenset({"google", "azure", "zope", "jaraco"})
# Modules no one installs: they exist only in one environment (Colab, Pyodide, the lesson's build).
NOT_INSTALLABLE = frozenset({"google.colab", "js", "pyodide", "micropip", "__main__"})


def python_package(module: str):
    """The package a dotted import belongs to (``sklearn.metrics`` -> ``sklearn``), or None for
    the standard library and modules nobody installs."""
    parts = module.split(".")
    top = ".".join(parts[:2]) if parts[0] in NAMESPACES and len(parts) > 1 else parts[0]
    if top in NOT_INSTALLABLE or top.startswith("_") or parts[0] in PYTHON_STDLIB:
        return None
    return top


def distribution(package: str) -> str:
    """The name a Python package (as python_package gives it) is installed by."""
    return DISTRIBUTIONS.get(package, package)


def distributions(package: str) -> tuple[str, ...]:
    """Every name a Python package is installed by, the usual one first: ``cv2`` comes with
    opencv-python and with opencv-python-headless, which grad-cam requires."""
    return (distribution(package), *_ALSO_PROVIDED.get(package, ()))


def pypi_name(conda_name: str) -> str:
    """The PyPI name (normalised) of what a conda package installs: ``pytorch`` is torch, and
    conda-forge's ``spacy-model-en_core_web_sm`` is the spaCy model en_core_web_sm."""
    name = normalise(conda_name)
    for prefix in CONDA_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):]
    return CONDA_NAMES.get(name, name)


# spaCy's trained pipelines (lang_type_genre_size: en_core_web_sm) are no PyPI packages: learners
# get them with `python -m spacy download NAME` (or conda-forge's spacy-model-NAME). They require
# spaCy alone (the feedstock's recipe), so their requirements are known.
_SPACY_MODEL = re.compile(r"^[a-z]{2}_[a-z]+_[a-z]+_(?:sm|md|lg|trf)$")


def install_advice(language: str, name: str) -> str:
    """What a setup page tells learners to do to get the package, as an instruction."""
    if language == "Python" and _SPACY_MODEL.match(name):
        return f"run 'python -m spacy download {name}'"
    return f"install '{name}'"


# --- finding imports in code ---------------------------------------------------------------------

PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "ipython", "ipython3", "pycon", "jupyter", "python2"})
R_LANGUAGES = frozenset({"r", "rscript"})

# A prompt a console session puts before the code: >>> ... In [3]:
_PY_PROMPT = re.compile(r"^\s*(?:>>>|\.\.\.|In \[\d*\]:)\s?")
_PY_IMPORT = re.compile(r"^\s*import\s+(.+)$")
_PY_FROM = re.compile(r"^\s*from\s+([A-Za-z_][\w.]*)\s+import\b")
_PY_NAME = re.compile(r"^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?:\s+as\s+[A-Za-z_]\w*)?$")
# library(x), require("x"), requireNamespace('x'), suppressPackageStartupMessages(library(x))
_R_LOAD = re.compile(r"(?<![\w.])(?:library|require|requireNamespace)\s*\(\s*(['\"]?)([A-Za-z][\w.]*)\1\s*[,)]")
_R_CHARACTER_ONLY = re.compile(r"character\.only\s*=\s*T")


def _strip_comment(line: str) -> str:
    """The line without a # comment (a # inside a string is kept: it is rare in imports)."""
    index = line.find("#")
    return line if index < 0 else line[:index]


def python_imports(code: str) -> Iterator[tuple[int, str]]:
    """(0-based line in code, dotted module) for each absolute import in Python code."""
    for number, line in enumerate(code.split("\n")):
        if "import" not in line:
            continue
        line = _strip_comment(_PY_PROMPT.sub("", line, count=1)).rstrip().rstrip(";")
        match = _PY_FROM.match(line)
        if match:
            yield number, match.group(1)
            continue
        match = _PY_IMPORT.match(line)
        if not match:
            continue
        names = match.group(1).strip().strip("()").split(",")
        for name in names:
            name = name.strip()
            parsed = _PY_NAME.match(name)
            if parsed:
                yield number, parsed.group(1)


def r_imports(code: str) -> Iterator[tuple[int, str]]:
    """(0-based line in code, package) for each library()/require() call in R code."""
    for number, line in enumerate(code.split("\n")):
        if "library" not in line and "require" not in line:
            continue
        line = _strip_comment(line)
        if _R_CHARACTER_ONLY.search(line):
            continue  # library(pkg, character.only = TRUE): pkg is a variable
        for match in _R_LOAD.finditer(line):
            yield number, match.group(2)


# --- what a lesson writes, clones and installs ------------------------------------------------------

# A .py file named anywhere (prose, a command, a %%writefile cell): inflammation/models.py
_PY_FILE = re.compile(r"(?<![\w.-])((?:[A-Za-z_][\w-]*/)*[A-Za-z_]\w*)\.py\b")
_R_PACKAGE_CREATED = re.compile(r"create_package\s*\(\s*(?:path\s*=\s*)?['\"](?:[^'\"]*/)?([A-Za-z][\w.]*)['\"]")
_GIT_CLONE = re.compile(r"\bgit\s+clone\b")


def python_files_named(text: str) -> set[str]:
    """Module and package names of the .py files text names (``code/inflammation/models.py`` gives
    code, inflammation and models): the lesson's own modules, which learners write or download."""
    names = set()
    for match in _PY_FILE.finditer(text):
        parts = match.group(1).split("/")
        if "site-packages" in parts or "dist-packages" in parts:
            continue  # an installed package's file, as a traceback shows it
        names.update(part for part in parts if part.isidentifier())
    return names


def r_packages_created(text: str) -> set[str]:
    """R packages the text has learners create (``usethis::create_package("mypkg")``)."""
    return set(_R_PACKAGE_CREATED.findall(text))


def clones_repository(code: str) -> bool:
    return bool(_GIT_CLONE.search(code))


# What a lesson tells learners to install inside its episodes.
_PIP = re.compile(r"(?:^|[\s!%;&|(])(pip3?|conda|mamba|micromamba)\s+install\s+([^\n#;&|]*)")
_SPACY_DOWNLOAD = re.compile(r"\bspacy(?:\s+download\s+|\.cli\.download\(\s*['\"])([a-z]{2}_\w+)")
_CONTINUED = re.compile(r"\\[ \t]*\r?\n")  # a shell command continued on the next line
# A comment: # at the start of a line or after a space (not the # of a URL's fragment).
_COMMENT = re.compile(r"(?:^|\s)#", re.MULTILINE)
_R_INSTALL = re.compile(
    r"(?:install\.packages|BiocManager::install|install_github|install_gitlab|pak::pkg_install|pak::pak)"
    r"\s*\(\s*(c\s*\([^)]*\)|['\"][^'\"]+['\"])")
_OPTIONS_WITH_VALUES = frozenset({"-c", "--channel", "-n", "--name", "-p", "--prefix", "-r", "--requirement", "-e",
                                  "--editable", "-i", "--index-url", "--extra-index-url", "-f", "--file",
                                  "--find-links", "-t", "--target"})
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")
_REQUIREMENT_NAME = re.compile(r"^([A-Za-z0-9][\w.-]*)")


_LISTED = re.compile(r"^[ \t]*(?:-[ \t]*)?([A-Za-z0-9][\w.-]*)[ \t]*(?:[=<>!~;\[#]|$)", re.MULTILINE)
_CONDA_SPEC = re.compile(r"^(?:[\w.-]+::)?([A-Za-z0-9][\w.-]*)")  # conda-forge::pytorch>=2 -> pytorch


def listed_names(file_name: str, install_list: str) -> set[str]:
    """Package names (PyPI's) in a requirements file or a conda environment file.

    An environment file's conda packages are translated to what pip calls them (``pytorch`` is
    torch), and its ``pip:`` list is read as pip's; its channels are no packages. A file that is
    not YAML of that shape, and any other list, is read one name a line."""
    if file_name.lower().startswith("environment"):
        from .yamlio import load_tree

        data = load_tree(install_list).data
        if isinstance(data, dict) and isinstance(data.get("dependencies"), list):
            found = set()
            for entry in data["dependencies"]:
                if isinstance(entry, str) and _CONDA_SPEC.match(entry.strip()):
                    found.add(pypi_name(_CONDA_SPEC.match(entry.strip()).group(1)))
                elif isinstance(entry, dict) and isinstance(entry.get("pip"), list):
                    found.update(_REQUIREMENT_NAME.match(each.strip()).group(1) for each in entry["pip"]
                                 if isinstance(each, str) and _REQUIREMENT_NAME.match(each.strip()))
            return found
    return set(_LISTED.findall(install_list))


def installed_names(code: str) -> Iterator[str]:
    """Package names (PyPI's, for conda's) that pip/conda install commands, spaCy model
    downloads and R install calls in code install. A command continued over lines with a
    backslash is one command; a command inside a # comment is not run."""
    if "install" not in code and "download" not in code:
        return
    code = _CONTINUED.sub(" ", code)
    for match in _PIP.finditer(code):
        if _COMMENT.search(code, code.rfind("\n", 0, match.start()) + 1, match.start(1)):
            continue  # "# pip install needed for ..." explains; it installs nothing
        conda = not match.group(1).startswith("pip")
        words = match.group(2).split()
        for before, word in zip(["", *words], words):
            if word.startswith("-") or before in _OPTIONS_WITH_VALUES:
                continue  # an option, or its value (a channel, an environment's name, a file)
            name = _REQUIREMENT_NAME.match(word.strip("'\"").split("::")[-1])  # "aif360[Reductions]"
            if name:
                yield pypi_name(name.group(1)) if conda else name.group(1)
    for match in _SPACY_DOWNLOAD.finditer(code):
        yield match.group(1)
    for match in _R_INSTALL.finditer(code):
        for quoted in _QUOTED.findall(match.group(1)):
            yield quoted.rsplit("/", 1)[-1].split("@")[0]  # install_github("user/pkg@v1")


# Installs from a list lessonkit cannot read: a requirements or environment file it does not have
# (named anywhere, or given to pip or conda), the project in a folder or repository, a lock file.
_LIST_FILE = re.compile(r"(?<![\w.-])[\w.-]*(?:requirements|environment)[\w.-]*\.(?:txt|ya?ml)\b", re.IGNORECASE)
_LIST_ARGUMENT = re.compile(r"\b(?:pip3?|conda|mamba|micromamba)\b[^\n]*?\s(?:-r|--requirement|-f|--file)[ \t=]+([^\s`'\"]+)")
_CONDA_ENV_DEFAULT = re.compile(r"\b(?:conda|mamba|micromamba)\s+env\s+(?:create|update)\b(?![^\n]*\s(?:-f|--file)\b)")
_PYTHON_PROJECT_INSTALL = re.compile(
    r"\bpip3?\s+install\s+(?:[^\n#;&|]*\s)?(?:-e\s|--editable\s|\.{1,2}(?:/|\s|$)|git\+)"
    r"|\b(?:poetry|pipenv|pdm|pixi)\s+install\b|\buv\s+sync\b", re.MULTILINE)
_R_PROJECT_INSTALL = re.compile(r"\brenv::restore\s*\(|\b(?:remotes|devtools)::install(?:_deps)?\s*\(|\bpak::local_install")


def opaque_installs(text: str, readable: Iterable[str]) -> set[str]:
    """The languages ("Python", "R") for which text has learners install packages from a list
    lessonkit cannot read. readable: the install-list file names it can read (those the lesson
    ships, and those of the distributions it knows)."""
    lowered = text.lower()
    if not any(word in lowered for word in ("install", "requirements", "environment", "env ", "restore", "sync")):
        return set()  # the common case, cheaply
    readable = {name.lower() for name in readable}
    files = set(_LIST_FILE.findall(text)) | set(_LIST_ARGUMENT.findall(text))
    if _CONDA_ENV_DEFAULT.search(text):
        files.add("environment.yml")  # conda env create reads ./environment.yml
    found = set()
    if _PYTHON_PROJECT_INSTALL.search(text) or any(Path(name).name.lower() not in readable for name in files):
        found.add("Python")
    if _R_PROJECT_INSTALL.search(text):
        found.add("R")
    return found


def known_install_files() -> set[str]:
    """The install-list files of the distributions lessonkit knows (carpentries_environment.yml)."""
    return {name for each in PYTHON_DISTRIBUTIONS.values() for name in each.get("files", ())}


# --- mentions --------------------------------------------------------------------------------------


_WORD = re.compile(r"[\w.-]+")


@lru_cache(maxsize=64)
def _words(text: str) -> frozenset:
    """Every name text holds as a whole word, normalised: a word between characters that are not
    letters, digits, - or _, and every run of the dot-separated parts of one (matplotlib.pyplot
    holds matplotlib, pyplot and matplotlib.pyplot)."""
    found = set()
    for word in _WORD.findall(text):
        parts = [part for part in word.split(".") if part.strip("-_")]
        for start in range(len(parts)):
            for end in range(start + 1, len(parts) + 1):
                found.add(normalise(".".join(parts[start:end]).strip("-")))
    return frozenset(found)


def mentioned(name: str, text: str) -> bool:
    """Whether text names the package, case-insensitively, as a whole word (- _ . alike)."""
    return bool(name) and normalise(name) in _words(text)


# --- files the lesson ships ------------------------------------------------------------------------

INSTALL_LIST_FOLDERS = ("", "learners", "episodes/files", "files")
_INSTALL_LIST = re.compile(r"^(?:requirements[\w.-]*\.txt|environment[\w.-]*\.ya?ml|Pipfile|pyproject\.toml)$")


def install_lists(lesson) -> dict[str, str]:
    """The requirements and conda environment files the lesson ships: path in the lesson
    (``episodes/files/environment.yml``) -> text."""
    found = {}
    for folder in INSTALL_LIST_FOLDERS:
        directory = lesson.root / folder if folder else lesson.root
        try:
            entries = lesson.disk.entries(directory)
        except LessonError:
            continue
        for name, kind in entries:
            if kind == "file" and _INSTALL_LIST.match(name):
                found[f"{folder}/{name}" if folder else name] = lesson.disk.read_small(directory / name)
    return found


_SKIP_FOLDERS = frozenset({"site", "renv", "node_modules", "__pycache__", "_site", "docs", "vendor"})


def local_modules(lesson) -> frozenset:
    """Names of the Python modules (.py files, packages) the lesson ships anywhere in its folder."""
    found = set()
    for path in lesson.disk.walk(lesson.root, ".py", _SKIP_FOLDERS, 6):
        folder, _, name = path.rpartition("/")
        found.add(name[:-3])
        if name == "__init__.py" and folder:
            found.add(folder.rpartition("/")[2])
    return frozenset(found)
