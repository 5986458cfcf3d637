"""The package knowledge lessonkit ships (lessonkit/data/packages/): every fact names its source
and date, names are written as lessonkit compares them, and nothing depends on the running Python."""

from __future__ import annotations

import json
import re
import sys
from importlib import resources

import pytest

from lessonkit import packages

DATA = resources.files("lessonkit") / "data" / "packages"
FILES = sorted(entry.name for entry in DATA.iterdir() if entry.name.endswith(".json"))
# Keys whose value is knowledge (a list of packages, or a mapping of names).
PAYLOADS = ("packages", "requires", "names", "python3", "python2", "bundled", "prefixes")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _unsourced(node, source=None, date=None, where="") -> list[str]:
    """Places in node that hold knowledge without a source and a date there or above them."""
    if not isinstance(node, dict):
        return []
    source, date = node.get("source", source), node.get("date", date)
    missing = []
    if any(key in node for key in PAYLOADS) and not (source and date and ISO_DATE.match(date)):
        missing.append(where or "/")
    for key, value in node.items():
        missing += _unsourced(value, source, date, f"{where}/{key}")
    return missing


def test_the_data_files_are_there():
    assert FILES == ["python-conda-names.json", "python-distributions.json", "python-import-names.json",
                     "python-requires.json", "python-stdlib.json", "r-installation.json", "r-requires.json"]


@pytest.mark.parametrize("name", FILES)
def test_every_fact_names_its_source_and_date(name):
    assert _unsourced(json.loads((DATA / name).read_text(encoding="utf-8"))) == []


def test_required_names_are_normalised():
    for graph in (packages.PYTHON_REQUIRES, packages.R_REQUIRES):
        for name, required in graph.items():
            assert all(each == packages.normalise(each) for each in (name, *required))


def test_the_standard_library_list_holds_every_python_it_was_taken_from():
    assert {"os", "tomllib", "zoneinfo", "distutils", "imp", "asynchat", "urllib2", "annotationlib"} <= packages.PYTHON_STDLIB
    if sys.version_info >= (3, 10):
        public = {name for name in sys.stdlib_module_names if not name.startswith("_")}
        assert public <= packages.PYTHON_STDLIB


def test_closures_follow_requirements():
    provided = packages.python_provided("conda install seaborn", ())
    assert {"seaborn", "matplotlib", "pandas", "numpy", "pillow", "python-dateutil", "pip"} <= provided
    assert "scikit-learn" not in provided
    assert {"lubridate", "jsonlite", "ggplot2", "scales", "lattice"} <= packages.r_provided("tidyverse", ())


def test_conda_names_are_read_as_what_pip_calls_them():
    assert packages.pypi_name("pytorch") == "torch"
    assert packages.pypi_name("matplotlib-base") == "matplotlib"
    assert packages.pypi_name("spacy-model-en_core_web_sm") == "en-core-web-sm"
    assert packages.pypi_name("spacy-model-") == "spacy-model-"  # a prefix alone names nothing
    assert packages.pypi_name("numpy") == "numpy"


def test_an_import_several_packages_install_names_each_the_usual_first():
    assert packages.distributions("cv2")[:2] == ("opencv-python", "opencv-python-headless")
    assert packages.distributions("pytorch_grad_cam") == ("grad-cam",)
    assert packages.distributions("numpy") == ("numpy",)


def test_what_ml_setups_install_brings_their_requirements():
    provided = packages.python_provided("pip install transformers grad-cam langchain-ollama", ())
    assert {"huggingface-hub", "opencv-python-headless", "langchain-core", "torch"} <= provided


def test_install_commands_are_read_as_a_shell_reads_them():
    code = ("# pip install needed to access the parse module\n!pip install parse\n"
            "pip install torch \\\n    'grad-cam' \"aif360[Reductions]\"\n"
            "conda install -c conda-forge pytorch spacy-model-en_core_web_sm\n"
            "python -m spacy download nl_core_news_sm\n")
    assert sorted(packages.installed_names(code)) == [
        "aif360", "en-core-web-sm", "grad-cam", "nl_core_news_sm", "parse", "torch", "torch"]


def test_an_environment_file_lists_conda_and_pip_packages_not_channels():
    text = ("name: env\nchannels:\n  - pytorch\n  - conda-forge\ndependencies:\n  - python=3.11\n"
            "  - conda-forge::pytorch>=2\n  - spacy-model-en_core_web_sm\n  - pip\n  - pip:\n    - seqeval==1.2\n")
    assert packages.listed_names("environment.yml", text) == {"python", "torch", "en-core-web-sm", "pip", "seqeval"}
    # not YAML of that shape: one name a line, as for a requirements file
    assert packages.listed_names("environment.yml", "- numpy\n- [") == {"numpy"}
    assert packages.listed_names("requirements.txt", "pandas>=2\n# a comment\nPyYAML\n") == {"pandas", "PyYAML"}
