from conftest import codes_at, episode, lint_findings


def index(body: str) -> str:
    return "---\nsite: sandpaper::sandpaper_site\n---\n\n" + body


def setup(body: str) -> str:
    return "---\ntitle: Setup\n---\n\n" + body


def test_clean_basic_lesson_has_no_prerequisite_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK6") == []


# --- LK601 -----------------------------------------------------------------------------------


def test_index_without_prerequisites_block(lesson_dir):
    root = lesson_dir({"index.md": index("A lesson on Python.\n")})
    findings = lint_findings(root, "LK601")
    assert codes_at(findings) == [("LK601", "index.md", 1)]
    assert "'::: prereq'" in findings[0].message


def test_prerequisites_in_another_kind_of_box_are_reported_at_the_heading(lesson_dir):
    root = lesson_dir({"index.md": index("A lesson.\n\n::: callout\n\n## Prerequisites\n\n- Python\n\n:::\n")})
    findings = lint_findings(root, "LK601")
    assert codes_at(findings) == [("LK601", "index.md", 9)]
    assert "inside a 'callout' div" in findings[0].message


def test_prerequisites_written_as_a_section_are_reported_at_the_heading(lesson_dir):
    body = "A lesson.\n\n## Prerequisites\n\nThere are no specific prerequisites.\n"
    findings = lint_findings(lesson_dir({"index.md": index(body)}), "LK601")
    assert codes_at(findings) == [("LK601", "index.md", 7)]
    assert "as a section" in findings[0].message and "'::: prereq'" in findings[0].message


def test_checklist_headed_prerequisites_counts(lesson_dir):
    root = lesson_dir({"index.md": index("::: checklist\n\n## Prerequisites\n\n- Python\n\n:::\n")})
    assert lint_findings(root, "LK601") == []


def test_checklist_with_another_heading_does_not_count(lesson_dir):
    root = lesson_dir({"index.md": index("::: checklist\n\n## Features\n\n- Fast\n\n:::\n")})
    assert codes_at(lint_findings(root, "LK601")) == [("LK601", "index.md", 1)]


def test_missing_index_reports_config(lesson_dir):
    root = lesson_dir({"index.md": None})
    findings = lint_findings(root, "LK601")
    assert codes_at(findings) == [("LK601", "config.yaml", 1)]
    assert "there is no index.md nor index.Rmd" in findings[0].message


def test_an_index_rmd_is_the_home_page(lesson_dir):
    # sandpaper knits index.Rmd to the home page (get_resource_list() takes the root's *.Rmd)
    box = "::: prereq\n\n## Prerequisites\n\n- Some R.\n\n:::\n"
    root = lesson_dir({"index.md": None, "index.Rmd": index("```{r, echo=FALSE}\nx <- 1\n```\n\n" + box)})
    assert lint_findings(root, "LK60") == []
    root = lesson_dir({"index.md": None, "index.Rmd": index("A lesson on R.\n")}, name="none")
    findings = lint_findings(root, "LK601")
    assert [(f.path.name, f.line) for f in findings] == [("index.Rmd", 1)]
    assert "No prerequisites block in index.Rmd" in findings[0].message
    # its prerequisites blocks are read like index.md's
    root = lesson_dir({"index.md": None, "index.Rmd": index("::: prereq\n## Prerequisites\n:::\n")}, name="empty")
    assert [(f.code, f.path.name) for f in lint_findings(root, "LK60")] == [("LK602", "index.Rmd")]


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
    body = ("```r\nlibrary(here)\nlibrary(\"stats\")\n# library(commented)\nrequire(tidyr)\n```\n")
    root = lesson_dir({"episodes/intro.md": episode(body), "learners/setup.md": setup("Install tidyr.\n")})
    findings = lint_findings(root, "LK604")
    assert codes_at(findings) == [("LK604", "episodes/intro.md", 8)]
    assert "R package 'here'" in findings[0].message


def rmd_lesson(lesson_dir, body: str, setup_text: str = "Install R.\n"):
    config = "title: T\nepisodes:\n- intro.Rmd\n"
    return lesson_dir({"config.yaml": config, "episodes/intro.md": None, "episodes/intro.Rmd": episode(body),
                       "learners/setup.md": setup(setup_text)})


def test_rmd_chunks_are_checked(lesson_dir):
    root = rmd_lesson(lesson_dir, "```{r plot, fig.width=5}\nlibrary(ggplot2)\n```\n")
    assert codes_at(lint_findings(root, "LK604")) == [("LK604", "episodes/intro.Rmd", 8)]


def test_chunks_learners_never_run_are_skipped(lesson_dir):
    body = ("```{r setup, include=FALSE}\nlibrary(knitr)\n```\n\n"
            "```{r, echo = F}\nlibrary(patchwork)\n```\n\n"
            "```{r eval=FALSE}\nlibrary(cowplot)\n```\n\n"
            "```{r}\n#| eval: false\nlibrary(gganimate)\n```\n\n"
            "```{r, eval=c(1, 2), echo=TRUE}\nlibrary(here)\n```\n")
    root = rmd_lesson(lesson_dir, body)
    assert codes_at(lint_findings(root, "LK604")) == [("LK604", "episodes/intro.Rmd", 25)]


def test_an_eval_false_chunk_still_installs(lesson_dir):
    body = ("```{r, eval=FALSE}\ninstall.packages(\"here\")\n```\n\n```{r}\nlibrary(here)\n```\n")
    assert lint_findings(rmd_lesson(lesson_dir, body), "LK604") == []


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


def test_packages_a_meta_package_installs_pass(lesson_dir):
    body = "```r\nlibrary(tidyverse)\nlibrary(lubridate)\nlibrary(jsonlite)\nlibrary(scales)\nlibrary(sf)\n```\n"
    root = rmd_lesson(lesson_dir, body, "Run `install.packages(\"tidyverse\")` in R.\n")
    findings = lint_findings(root, "LK604")
    assert codes_at(findings) == [("LK604", "episodes/intro.Rmd", 12)]
    assert "'sf'" in findings[0].message


def test_r_recommended_packages_come_with_r(lesson_dir):
    body = "```r\nlibrary(lattice)\nlibrary(MASS)\nlibrary(Matrix)\nlibrary(nlme)\nlibrary(survival)\n```\n"
    assert lint_findings(rmd_lesson(lesson_dir, body), "LK604") == []


def test_anaconda_in_setup_brings_its_packages(lesson_dir):
    body = ("```python\nimport matplotlib.pyplot as plt\nimport pandas\nimport sklearn\nimport yaml\n"
            "import geopandas\n```\n")
    root = lesson_dir({"episodes/intro.md": episode(body),
                       "learners/setup.md": setup("## Installing Python Using Anaconda\n\nFollow the workshop's "
                                                  "instructions.\n")})
    findings = lint_findings(root, "LK604")
    assert codes_at(findings) == [("LK604", "episodes/intro.md", 12)]
    assert "'geopandas'" in findings[0].message


def test_carpentries_environment_brings_its_packages(lesson_dir):
    body = "```python\nimport seaborn\nimport plotnine\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body),
                       "learners/setup.md": setup("Type `conda activate carpentries` before you start.\n")})
    assert lint_findings(root, "LK604") == []


def test_requirements_of_a_named_package_pass(lesson_dir):
    body = "```python\nimport cartopy.crs as ccrs\nimport matplotlib.pyplot as plt\nimport shapely\nimport pyproj\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body), "learners/setup.md": setup("conda install cartopy\n")})
    assert lint_findings(root, "LK604") == []


def test_a_package_of_unknown_requirements_may_bring_the_common_ones(lesson_dir):
    body = "```python\nimport imageio.v3 as iio\nimport matplotlib.pyplot as plt\nimport napari\nimport cv2\n```\n"
    setup_text = "```shell\nmamba create -n image-env -c conda-forge python=3.11\nmamba install -c conda-forge scikit-image ipympl napari\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body), "learners/setup.md": setup(setup_text)})
    findings = lint_findings(root, "LK604")
    assert codes_at(findings) == [("LK604", "episodes/intro.md", 11)]
    assert "'opencv-python'" in findings[0].message


def test_a_shipped_list_of_unknown_requirements_may_bring_the_common_ones(lesson_dir):
    body = "```python\nimport matplotlib.pyplot as plt\nimport napari\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body),
                       "environment.yml": "channels:\n  - conda-forge\ndependencies:\n  - napari>=0.5\n"})
    assert lint_findings(root, "LK604") == []


def test_packages_of_known_requirements_do_not_bring_others(lesson_dir):
    body = "```python\nimport matplotlib.pyplot as plt\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body), "learners/setup.md": setup("conda install -c conda-forge pandas\n")})
    assert codes_at(lint_findings(root, "LK604")) == [("LK604", "episodes/intro.md", 8)]


def test_a_module_the_lesson_has_learners_write_is_not_a_package(lesson_dir):
    body = ("Create a file called `stats_tools.py` holding this function.\n\n"
            "```python\nimport stats_tools\nfrom inflammation import models\n```\n\n"
            "The project keeps its model in `inflammation/models.py`.\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert lint_findings(root, "LK604") == []


def test_a_traceback_path_does_not_make_a_package_the_lessons_own(lesson_dir):
    body = ("```python\nimport cv2\n```\n\n```error\n"
            "  File \"/home/me/miniforge3/lib/python3.12/site-packages/cv2/__init__.py\", line 3\n```\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert codes_at(lint_findings(root, "LK604")) == [("LK604", "episodes/intro.md", 8)]


def test_after_a_clone_unknown_imports_are_the_projects_own(lesson_dir):
    config = "title: T\nepisodes:\n- intro.md\n- second.md\n"
    first = episode("```python\nimport labtools\n```\n\n```bash\ngit clone https://example.org/lab/project.git\n```\n")
    second = episode("```python\nimport analysis_core\nimport cv2\n```\n")
    root = lesson_dir({"config.yaml": config, "episodes/intro.md": first, "episodes/second.md": second})
    assert codes_at(lint_findings(root, "LK604")) == [
        ("LK604", "episodes/intro.md", 8), ("LK604", "episodes/second.md", 9)]


def test_install_from_a_list_the_lesson_does_not_ship_silences_the_language(lesson_dir):
    body = "```python\nimport xarray\n```\n\n```r\nlibrary(here)\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body),
                       "learners/setup.md": setup("Install R. Download the file and run\n\n"
                                                  "```bash\nconda env create -f workshop-env.yml\n```\n")})
    findings = lint_findings(root, "LK604")
    assert codes_at(findings) == [("LK604", "episodes/intro.md", 12)]
    assert "R package 'here'" in findings[0].message


def test_an_install_list_the_lesson_ships_is_read_not_trusted_blindly(lesson_dir):
    body = "```python\nimport xarray\nimport cv2\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body), "environment.yml": "dependencies:\n  - xarray\n",
                       "learners/setup.md": setup("```bash\nconda env create -f environment.yml\n```\n")})
    assert codes_at(lint_findings(root, "LK604")) == [("LK604", "episodes/intro.md", 9)]


def test_renv_restore_in_setup_silences_r(lesson_dir):
    body = "```r\nlibrary(here)\n```\n"
    root = rmd_lesson(lesson_dir, body, "Open the project and run `renv::restore()`.\n")
    assert lint_findings(root, "LK604") == []


def test_an_r_package_the_lesson_creates_is_its_own(lesson_dir):
    body = "```r\nusethis::create_package(\"~/weather\")\n```\n\n```r\nlibrary(weather)\n```\n"
    assert lint_findings(rmd_lesson(lesson_dir, body), "LK604") == []


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


def test_setup_page_that_sends_learners_to_another_setup_page_silences_the_rule(lesson_dir):
    code = "```python\nimport cv2\n```\n"
    elsewhere = "---\ntitle: Setup\n---\n\nFollow the [workshop's instructions](https://carpentries.github.io/workshop-template/install_instructions/).\n"
    tool = "---\ntitle: Setup\n---\n\nInstall [Git](https://git-scm.com/downloads/win) and Python.\n"
    assert lint_findings(lesson_dir({"episodes/intro.md": episode(code), "learners/setup.md": elsewhere}), "LK604") == []
    # a tool's own site installs that tool, nothing else
    root = lesson_dir({"episodes/intro.md": episode(code), "learners/setup.md": tool}, name="tool")
    assert [(f.path.name, f.line) for f in lint_findings(root, "LK604")] == [("intro.md", 8)]


def test_a_package_installed_under_another_name_or_as_a_requirement_passes(lesson_dir):
    # grad-cam installs pytorch_grad_cam and requires opencv-python-headless (import cv2);
    # transformers and datasets require huggingface_hub; langchain-ollama requires langchain-core
    body = ("```python\nfrom pytorch_grad_cam import GradCAM\nimport cv2\nimport huggingface_hub\n"
            "from langchain_core.messages import HumanMessage\n```\n")
    setup_text = ("```bash\npip install torch torchvision \\\n    transformers datasets grad-cam \\\n"
                  "    langchain-ollama\n```\n")
    root = lesson_dir({"episodes/intro.md": episode(body), "learners/setup.md": setup(setup_text)})
    assert lint_findings(root, "LK604") == []


def test_cv2_without_any_opencv_package_is_reported_with_the_usual_one(lesson_dir):
    body = "```python\nimport cv2\nimport torch\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body), "learners/setup.md": setup("pip install torch\n")})
    findings = lint_findings(root, "LK604")
    assert codes_at(findings) == [("LK604", "episodes/intro.md", 8)]
    assert "install 'opencv-python'" in findings[0].message


def test_a_conda_environment_file_counts_by_what_its_packages_install(lesson_dir):
    body = "```python\nimport torch\nimport en_core_web_sm\nimport seqeval\nimport torchvision\n```\n"
    environment = ("name: text\nchannels:\n  - pytorch\n  - conda-forge\ndependencies:\n  - python\n  - pytorch\n"
                   "  - spacy-model-en_core_web_sm\n  - pip:\n    - seqeval\n")
    root = lesson_dir({"episodes/intro.md": episode(body), "episodes/files/environment_cpu.yml": environment,
                       "learners/setup.md": setup("Create the conda environment from environment_cpu.yml.\n")})
    findings = lint_findings(root, "LK604")
    # the channel 'pytorch' installs nothing: torchvision is missing
    assert codes_at(findings) == [("LK604", "episodes/intro.md", 11)]
    assert "'torchvision'" in findings[0].message


def test_a_spacy_model_is_advised_as_spacy_download_and_passes_when_downloaded(lesson_dir):
    body = "```python\nimport spacy\nimport en_core_web_sm\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body), "learners/setup.md": setup("pip install spacy\n")})
    findings = lint_findings(root, "LK604")
    assert codes_at(findings) == [("LK604", "episodes/intro.md", 9)]
    assert "run 'python -m spacy download en_core_web_sm'" in findings[0].message
    downloaded = episode("```bash\npython -m spacy download en_core_web_sm\n```\n\n" + body)
    root = lesson_dir({"episodes/intro.md": downloaded, "learners/setup.md": setup("pip install spacy\n")}, name="dl")
    assert lint_findings(root, "LK604") == []


def test_a_pip_install_in_a_comment_installs_nothing(lesson_dir):
    body = "```python\n# pip install needed for parse (called from helpers)\n!pip install parse\nimport matplotlib\n```\n"
    setup_text = "```bash\npip install pandas\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(body), "learners/setup.md": setup(setup_text)})
    # pandas' requirements are known and do not hold matplotlib; the comment's words ("needed",
    # "for") are no packages of unknown requirements that might bring it
    assert codes_at(lint_findings(root, "LK604")) == [("LK604", "episodes/intro.md", 10)]


def test_a_language_the_setup_never_sets_up_in_one_episode_is_an_illustration(lesson_dir):
    sql_setup = setup("Install DB Browser for SQLite and the sqlite3 shell.\n")
    r_demo = "```r\nlibrary(\"RSQLite\")\ncon <- dbConnect(SQLite(), \"survey.sqlite\")\n```\n"
    root = lesson_dir({"episodes/intro.md": episode(r_demo), "learners/setup.md": sql_setup})
    assert lint_findings(root, "LK604") == []
    # the setup names R: learners are to run R, and the package is missing
    root = lesson_dir({"episodes/intro.md": episode(r_demo),
                       "learners/setup.md": setup("Install DB Browser, and R from CRAN.\n")}, name="with-r")
    assert [(f.path.name, f.line) for f in lint_findings(root, "LK604")] == [("intro.md", 8)]
    # two episodes in R: the setup page is missing R, and what they load is reported
    config = "title: T\nepisodes:\n- intro.md\n- second.md\n"
    root = lesson_dir({"config.yaml": config, "episodes/intro.md": episode(r_demo),
                       "episodes/second.md": episode("```r\nlibrary(DBI)\n```\n"), "learners/setup.md": sql_setup},
                      name="two")
    assert [(f.path.name, f.line) for f in lint_findings(root, "LK604")] == [("intro.md", 8), ("second.md", 8)]
