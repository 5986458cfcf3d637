from conftest import codes_at, episode, lint_findings


def index(body: str) -> str:
    return "---\nsite: sandpaper::sandpaper_site\n---\n\n" + body


def setup(body: str) -> str:
    return "---\ntitle: Setup\n---\n\n" + body


def test_clean_basic_lesson_has_no_prerequisite_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK6") == []


# --- LK601 -----------------------------------------------------------------------------------


def test_index_without_prerequisites_block(lesson_dir):
    root = lesson_dir({"index.md": index("A lesson.\n\n::: callout\n\n## Prerequisites\n\n- Python\n\n:::\n")})
    findings = lint_findings(root, "LK601")
    assert codes_at(findings) == [("LK601", "index.md", 1)]
    assert "prereq" in findings[0].message


def test_checklist_headed_prerequisites_counts(lesson_dir):
    root = lesson_dir({"index.md": index("::: checklist\n\n## Prerequisites\n\n- Python\n\n:::\n")})
    assert lint_findings(root, "LK601") == []


def test_checklist_with_another_heading_does_not_count(lesson_dir):
    root = lesson_dir({"index.md": index("::: checklist\n\n## Features\n\n- Fast\n\n:::\n")})
    assert codes_at(lint_findings(root, "LK601")) == [("LK601", "index.md", 1)]


def test_missing_index_reports_config(lesson_dir):
    root = lesson_dir({"index.md": None})
    assert codes_at(lint_findings(root, "LK601")) == [("LK601", "config.yaml", 1)]


# --- LK602 -----------------------------------------------------------------------------------


def test_prerequisites_block_with_only_a_heading(lesson_dir):
    root = lesson_dir({"index.md": index("A lesson.\n\n::: prereq\n\n## Prerequisites\n\n:::\n\n- Python\n")})
    findings = lint_findings(root, "LK602")
    assert codes_at(findings) == [("LK602", "index.md", 7)]
    assert findings[0].severity == "error"


def test_empty_prerequisites_checklist(lesson_dir):
    root = lesson_dir({"index.md": index("::: checklist\n\n## Prerequisites\n\n:::\n")})
    assert codes_at(lint_findings(root, "LK602")) == [("LK602", "index.md", 5)]


def test_prerequisites_as_a_sentence_pass_by_default(lesson_dir):
    root = lesson_dir({"index.md": index("::: prereq\n\n## Prerequisites\n\nThis lesson has no prerequisites.\n\n:::\n")})
    assert lint_findings(root, "LK602") == []


def test_require_list_option_fails_a_paragraph_only_block(lesson_dir):
    config = ("title: T\nepisodes:\n- intro.md\nlessonkit:\n  rules:\n    prerequisites-empty:\n"
              "      require-list: true\n")
    root = lesson_dir({"config.yaml": config,
                       "index.md": index("::: prereq\n\n## Prerequisites\n\nSome Python.\n\n:::\n\n"
                                         "::: prereq\n\n## Prerequisites\n\n1. Python\n\n:::\n")})
    findings = lint_findings(root, "LK602")
    assert codes_at(findings) == [("LK602", "index.md", 5)]
    assert "no list" in findings[0].message


def test_list_inside_nested_div_counts(lesson_dir):
    root = lesson_dir({"index.md": index("::: prereq\n\n## Prerequisites\n\n::: callout\n\n- Python\n\n:::\n\n:::\n")})
    assert lint_findings(root, "LK602") == []


# --- LK603 -----------------------------------------------------------------------------------


def test_missing_setup_page(lesson_dir):
    root = lesson_dir({"learners/setup.md": None, "learners/reference.md": "---\ntitle: Glossary\n---\n\nWords.\n"})
    findings = lint_findings(root, "LK603")
    assert codes_at(findings) == [("LK603", "config.yaml", 1)]
    assert "learners/setup.md" in findings[0].message


def test_missing_setup_page_points_at_learners_key(lesson_dir):
    config = "title: T\nepisodes:\n- intro.md\nlearners:\n- reference.md\n"
    root = lesson_dir({"config.yaml": config, "learners/setup.md": None,
                       "learners/reference.md": "---\ntitle: Glossary\n---\n\nWords.\n"})
    assert codes_at(lint_findings(root, "LK603")) == [("LK603", "config.yaml", 4)]


def test_setup_rmd_counts(lesson_dir):
    root = lesson_dir({"learners/setup.md": None, "learners/setup.Rmd": setup("Install R.\n")})
    assert lint_findings(root, "LK603") == []


# --- LK604 -----------------------------------------------------------------------------------


def test_distribution_name_in_setup_passes_and_missing_package_fails(lesson_dir):
    body = "```python\nimport os\nimport sklearn.metrics as m\nimport cv2\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body),
                       "learners/setup.md": setup("Run `pip install scikit-learn`.\n")})
    findings = lint_findings(root, "LK604")
    assert codes_at(findings) == [("LK604", "episodes/intro.md", 10)]
    assert "'opencv-python'" in findings[0].message and "'cv2'" in findings[0].message


def test_import_name_in_setup_passes(lesson_dir):
    body = "```python\nfrom PIL import Image\nfrom bs4 import BeautifulSoup\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body),
                       "learners/setup.md": setup("We use PIL (Pillow) and BeautifulSoup4.\n")})
    assert lint_findings(root, "LK604") == []


def test_one_finding_per_package_at_first_use_in_build_order(lesson_dir):
    config = "title: T\nepisodes:\n- intro.md\n- second.md\n"
    first = episode("Text.\n\n```python\n>>> import pandas as pd\n```\n")
    second = episode("```python\nimport pandas\nimport numpy  # arrays\n```\n")
    root = lesson_dir({"config.yaml": config, "episodes/intro.md": first, "episodes/second.md": second})
    assert codes_at(lint_findings(root, "LK604")) == [
        ("LK604", "episodes/intro.md", 10), ("LK604", "episodes/second.md", 9)]


def test_dependency_of_a_mentioned_package_and_submodules(lesson_dir):
    body = ("```python\nimport matplotlib.pyplot as plt\nimport numpy as np\n"
            "from tensorflow.keras import layers\nimport keras\n```\n")
    root = lesson_dir({"episodes/intro.md": episode(body),
                       "learners/setup.md": setup("pip install seaborn tensorflow\n")})
    assert lint_findings(root, "LK604") == []


def test_code_that_is_not_python_or_r_is_ignored(lesson_dir):
    body = "```output\nimport cv2\n```\n\n```bash\nimport x\n```\n\nText: import cv2.\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert lint_findings(root, "LK604") == []


def test_r_library_calls(lesson_dir):
    body = ("```r\nlibrary(dplyr)\nlibrary(\"stats\")\n# library(commented)\nrequire(tidyr)\n```\n")
    root = lesson_dir({"episodes/intro.md": episode(body), "learners/setup.md": setup("Install tidyr.\n")})
    findings = lint_findings(root, "LK604")
    assert codes_at(findings) == [("LK604", "episodes/intro.md", 8)]
    assert "R package 'dplyr'" in findings[0].message


def test_rmd_chunks_are_checked(lesson_dir):
    config = "title: T\nepisodes:\n- intro.Rmd\n"
    body = "```{r setup, echo=FALSE}\nlibrary(ggplot2)\n```\n"
    root = lesson_dir({"config.yaml": config, "episodes/intro.md": None, "episodes/intro.Rmd": episode(body)})
    assert codes_at(lint_findings(root, "LK604")) == [("LK604", "episodes/intro.Rmd", 8)]


def test_packages_installed_in_the_episodes_pass(lesson_dir):
    body = ("```bash\npip install requests\n```\n\n```python\nimport requests\n```\n\n"
            "```r\ninstall.packages(c(\"dplyr\", \"tidyr\"))\nlibrary(dplyr)\n```\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert lint_findings(root, "LK604") == []


def test_install_lists_shipped_with_the_lesson_pass(lesson_dir):
    body = "```python\nimport yaml\nimport pandas\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body),
                       "episodes/files/environment.yml": "dependencies:\n  - pandas\n",
                       "requirements.txt": "PyYAML>=6\n"})
    assert lint_findings(root, "LK604") == []


def test_setup_named_pages_in_learners_count(lesson_dir):
    body = "```python\nimport geopandas\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body),
                       "learners/setup-python.md": setup("conda install geopandas\n")})
    assert lint_findings(root, "LK604") == []


def test_local_modules_are_not_packages(lesson_dir):
    body = ("```python\n%%writefile helpers.py\nimport numpy\n```\n\n"
            "```python\nimport helpers\nimport inflammation\nfrom . import sibling\n```\n")
    root = lesson_dir({"episodes/intro.md": episode(body),
                       "episodes/files/code/inflammation.py": "print(1)\n",
                       "learners/setup.md": setup("Install numpy.\n")})
    assert lint_findings(root, "LK604") == []


def test_no_package_check_without_a_setup_page(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("```python\nimport cv2\n```\n"), "learners/setup.md": None})
    assert codes_at(lint_findings(root, "LK60")) == [("LK603", "config.yaml", 1)]
