"""What lessonkit knows about the packages a lesson's code uses.

- Which Python import names belong to the standard library, and which third-party import
  names are installed under another distribution name (``sklearn`` -> ``scikit-learn``).
- How to find the packages a Python or R code block imports, and those it installs itself.
- The text of the install lists a lesson ships (requirements.txt, environment.yml).

This module is the one place a rule family (LK604) reads files the lesson model does not load:
requirements and conda environment files say which packages learners install as well as a setup
page does, but they are not pages, so the model does not read them. The reads are few (a handful
of fixed names in three folders), cached, and limited in size.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterator

# --- the standard library ---------------------------------------------------------------------

# sys.stdlib_module_names exists from Python 3.10; this is the 3.9 list (top-level names only).
_STDLIB_FALLBACK = frozenset("""
__future__ _thread abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64
bdb binascii binhex bisect builtins bz2 calendar cgi cgitb chunk cmath cmd code codecs codeop
collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg
cProfile crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest
email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch formatter
fractions ftplib functools gc getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac
html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword
lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder
msilib msvcrt multiprocessing netrc nis nntplib ntpath numbers opcode operator optparse os
ossaudiodev parser pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix
posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc queue quopri random re readline
reprlib resource rlcompleter runpy sched secrets select selectors shelve shlex shutil signal
site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile sre_constants sre_parse
ssl stat statistics string stringprep struct subprocess sunau symbol symtable sys sysconfig
syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit tkinter
token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing
unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound
wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo
""".split())
PYTHON_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | _STDLIB_FALLBACK

# The packages that come with every R installation.
R_BASE = frozenset("""
base compiler datasets grDevices graphics grid methods parallel splines stats stats4 tcltk tools
translations utils
""".split())

# --- import name -> distribution name -----------------------------------------------------------

# Python packages whose import name is not the name they are installed by (pip or conda).
DISTRIBUTIONS = {
    "sklearn": "scikit-learn",
    "skimage": "scikit-image",
    "cv2": "opencv-python",
    "PIL": "pillow",
    "yaml": "pyyaml",
    "bs4": "beautifulsoup4",
    "dateutil": "python-dateutil",
    "Bio": "biopython",
    "dotenv": "python-dotenv",
    "docx": "python-docx",
    "pptx": "python-pptx",
    "magic": "python-magic",
    "jose": "python-jose",
    "jwt": "pyjwt",
    "serial": "pyserial",
    "usb": "pyusb",
    "OpenGL": "pyopengl",
    "Crypto": "pycryptodome",
    "OpenSSL": "pyopenssl",
    "MySQLdb": "mysqlclient",
    "mpl_toolkits": "matplotlib",
    "pylab": "matplotlib",
    "IPython": "ipython",
    "attr": "attrs",
    "google.protobuf": "protobuf",
    "pkg_resources": "setuptools",
    "osgeo": "gdal",
    "fitz": "pymupdf",
    "umap": "umap-learn",
    "Levenshtein": "python-levenshtein",
    "netCDF4": "netcdf4",
    "keras_tuner": "keras-tuner",
    "kerastuner": "keras-tuner",
    "tensorflow_datasets": "tensorflow-datasets",
    "tensorflow_hub": "tensorflow-hub",
    "sentence_transformers": "sentence-transformers",
    "git": "gitpython",
    "github": "pygithub",
    "slugify": "python-slugify",
    "igraph": "python-igraph",
    "community": "python-louvain",
    "zmq": "pyzmq",
    "win32api": "pywin32",
    "win32com": "pywin32",
    "ruamel": "ruamel.yaml",
    "skbio": "scikit-bio",
    "skopt": "scikit-optimize",
    "imblearn": "imbalanced-learn",
    "shapefile": "pyshp",
    "mpl_scatter_density": "mpl-scatter-density",
}

# Other names whose mention also shows learners get the package: it ships inside these, or they
# require it, so installing them installs it (seaborn requires matplotlib, pandas and numpy).
PROVIDED_BY = {
    "keras": ("tensorflow",),
    "IPython": ("jupyter", "jupyterlab", "notebook", "ipykernel"),
    "ipykernel": ("jupyter", "jupyterlab", "notebook"),
    "ipywidgets": ("jupyter",),
    "pkg_resources": ("pip",),
    "numpy": ("pandas", "scipy", "matplotlib", "scikit-learn", "scikit-image", "seaborn", "plotnine", "xarray",
              "tensorflow", "opencv-python", "statsmodels", "astropy", "numba", "geopandas"),
    "scipy": ("scikit-learn", "scikit-image", "statsmodels", "plotnine"),
    "matplotlib": ("seaborn", "plotnine"),
    "pandas": ("seaborn", "plotnine", "statsmodels", "geopandas"),
    "PIL": ("matplotlib", "scikit-image"),
    "dateutil": ("pandas", "matplotlib"),
}


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


# --- finding imports in code ---------------------------------------------------------------------

PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "ipython", "ipython3", "pycon", "jupyter", "python2"})
R_LANGUAGES = frozenset({"r", "rscript"})

# A prompt a console session puts before the code: >>> ... In [3]:
_PY_PROMPT = re.compile(r"^\s*(?:>>>|\.\.\.|In \[\d*\]:)\s?")
_PY_IMPORT = re.compile(r"^\s*import\s+(.+)$")
_PY_FROM = re.compile(r"^\s*from\s+([A-Za-z_][\w.]*)\s+import\b")
_PY_NAME = re.compile(r"^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?:\s+as\s+[A-Za-z_]\w*)?$")
_WRITEFILE = re.compile(r"^\s*%%(?:writefile|file)\s+(?:-a\s+)?(\S+)\.py\b")
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


def written_modules(code: str) -> Iterator[str]:
    """Modules a notebook cell writes to disk (%%writefile name.py)."""
    for line in code.split("\n")[:2]:
        match = _WRITEFILE.match(line)
        if match:
            yield Path(match.group(1)).name


# What a lesson tells learners to install inside its episodes.
_PIP = re.compile(r"(?:^|[\s!%;&|(])(?:pip3?|conda|mamba|micromamba)\s+install\s+([^\n#;&|]*)")
_R_INSTALL = re.compile(
    r"(?:install\.packages|BiocManager::install|install_github|install_gitlab|pak::pkg_install|pak::pak)"
    r"\s*\(\s*(c\s*\([^)]*\)|['\"][^'\"]+['\"])")
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")
_REQUIREMENT_NAME = re.compile(r"^([A-Za-z0-9][\w.-]*)")


def installed_names(code: str) -> Iterator[str]:
    """Package names that pip/conda install commands and R install calls in code install."""
    if "install" not in code:
        return
    for match in _PIP.finditer(code):
        for word in match.group(1).split():
            if word.startswith("-"):
                continue  # an option (its argument, such as a channel name, passes as a name: harmless)
            name = _REQUIREMENT_NAME.match(word.split("::")[-1])
            if name:
                yield name.group(1)
    for match in _R_INSTALL.finditer(code):
        for quoted in _QUOTED.findall(match.group(1)):
            yield quoted.rsplit("/", 1)[-1].split("@")[0]  # install_github("user/pkg@v1")


# --- mentions --------------------------------------------------------------------------------------


def _name_pattern(name: str) -> str:
    """A regex for a package name as a word; - _ and . are interchangeable (PEP 503)."""
    parts = re.split(r"[-_.]+", name)
    return r"(?<![\w-])" + r"[-_.]".join(re.escape(part) for part in parts) + r"(?![\w-])"


@lru_cache(maxsize=4096)
def _compiled(name: str):
    return re.compile(_name_pattern(name), re.IGNORECASE)


def mentioned(name: str, text: str) -> bool:
    """Whether text names the package, case-insensitively, as a whole word."""
    return bool(name) and _compiled(name).search(text) is not None


# --- files the lesson ships ------------------------------------------------------------------------

INSTALL_LIST_FOLDERS = ("", "learners", "episodes/files", "files")
_INSTALL_LIST = re.compile(r"^(?:requirements[\w.-]*\.txt|environment[\w.-]*\.ya?ml|Pipfile|pyproject\.toml)$")
_MAX_BYTES = 1 << 20


@lru_cache(maxsize=256)
def _read_small(path: str, mtime_ns: int, size: int) -> str:
    try:
        with open(path, "rb") as handle:
            return handle.read(_MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


def install_list_text(root: Path) -> str:
    """The text of the requirements and conda environment files the lesson ships, joined."""
    texts = []
    for folder in INSTALL_LIST_FOLDERS:
        directory = root / folder if folder else root
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if not _INSTALL_LIST.match(entry.name):
                continue
            try:
                stat = entry.stat()
                if entry.is_file():
                    texts.append(_read_small(entry.path, stat.st_mtime_ns, stat.st_size))
            except OSError:
                continue
    return "\n".join(texts)


_SKIP_FOLDERS = frozenset({"site", "renv", "node_modules", "__pycache__", "_site", "docs", "vendor"})


@lru_cache(maxsize=32)
def _local_modules(root: str, mtime_ns: int) -> frozenset:
    found = set()
    for folder, subfolders, files in os.walk(root):
        depth = folder[len(root):].count(os.sep)
        subfolders[:] = [name for name in subfolders
                         if not name.startswith(".") and name not in _SKIP_FOLDERS and depth < 6]
        for name in files:
            if name.endswith(".py"):
                found.add(name[:-3])
                if name == "__init__.py":
                    found.add(os.path.basename(folder))
    return frozenset(found)


def local_modules(root: Path) -> frozenset:
    """Names of the Python modules (.py files, packages) the lesson ships anywhere in its folder."""
    try:
        mtime = os.stat(root).st_mtime_ns
    except OSError:
        return frozenset()
    return _local_modules(str(root), mtime)
