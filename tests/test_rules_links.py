import pytest

from built_page import LUA_FILTER, read_built_page, render_pages
from conftest import BASIC_CONFIG, NEEDS, codes_at, episode, extra, lint_findings

EP = "episodes/intro.md"


PNG = b"\x89PNG\r\n\x1a\n"


def test_clean_basic_lesson_has_no_link_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK2") == []


# LK201 ---------------------------------------------------------------------------------------


def test_links_resolve_as_on_the_built_site(lesson_dir):
    body = (
        "[setup](../learners/setup.md)\n\n"  # 7: flattened to setup.html
        "[setup](setup.html)\n\n"  # 9
        "[setup](learners/setup.md)\n\n"  # 11
        "![A plot](fig/plot.png)\n\n"  # 13: episodes/fig/plot.png
        "![A map](fig/map.png)\n\n"  # 15: learners/fig/map.png is copied to fig/ too
        "[data](files/data.csv)\n\n"  # 17
        "[data](../episodes/data/survey.csv)\n\n"  # 19
        "[home](../index.md)\n\n"  # 21
        "[glossary](reference.html#term)\n\n"  # 23: learners/reference.md's page
        "[notebook](notes.ipynb)\n\n"  # 25: a file directly in episodes/
        "[web](https://example.org/x.md) [mail](mailto:team@example.org) [top](#section)\n"  # 27
    )
    root = lesson_dir({
        EP: episode(body + "\n## Section\n"),
        "episodes/fig/plot.png": PNG,
        "learners/fig/map.png": PNG,
        "learners/files/data.csv": "a,b\n",
        "episodes/data/survey.csv": "a,b\n",
        "episodes/notes.ipynb": "{}\n",
        "learners/reference.md": "---\ntitle: Reference\n---\n\n## Glossary\n\n[term]{#term}\n: A word.\n",
    })
    assert lint_findings(root, "LK201") == []


def test_the_glossary_and_instructor_notes_are_pages_of_their_own(lesson_dir):
    # sandpaper builds reference.html and instructor-notes.html from learners/reference.md and
    # instructors/instructor-notes.md, and only where config.yaml's list for the folder names them
    body = "[glossary](reference.html#glossary)\n\n[notes](instructor-notes.html)\n"
    root = lesson_dir({EP: episode(body)})
    findings = lint_findings(root, "LK201")
    assert codes_at(findings) == [("LK201", EP, 7), ("LK201", EP, 9)]
    assert all("does not exist on the built site" in f.message for f in findings)
    root = lesson_dir({EP: episode(body), "config.yaml": BASIC_CONFIG + "learners:\n- setup.md\n",
                       "learners/reference.md": "---\ntitle: Reference\n---\n\n## Glossary\n",
                       "instructors/instructor-notes.md": "---\ntitle: Instructor Notes\n---\n\nNotes.\n"},
                      name="unlisted")
    [finding] = lint_findings(root, "LK201")  # the instructor notes are built: instructors: is absent
    assert finding.line == 7 and "leads to learners/reference.md, which is not listed in config.yaml" in finding.message


def test_missing_files_and_pages(lesson_dir):
    body = (
        "![A plot](fig/missing.png)\n\n"  # 7
        "[next](intro2.md)\n\n"  # 9
        "[script](code/run.py)\n\n"  # 11: exists, but code/ is not copied to the site
        "[other](../../other-lesson/index.html)\n\n"  # 13: outside the lesson
        "[JOSE](jose.theoj.org/)\n\n"  # 15
        "[draft](draft.md)\n\n"  # 17: not listed in config.yaml
        "[plot](fig/plots.png)\n"  # 19: near miss
    )
    root = lesson_dir({
        EP: episode(body),
        "episodes/code/run.py": "print(1)\n",
        "episodes/draft.md": episode("Draft.\n"),
        "episodes/fig/plot.png": PNG,
    })
    findings = lint_findings(root, "LK201")
    assert codes_at(findings) == [("LK201", EP, line) for line in (7, 9, 11, 13, 15, 17, 19)]
    messages = [f.message for f in findings]
    assert "sandpaper only copies fig/, files/, data/" in messages[2]
    assert "points outside the lesson" in messages[3]
    assert "without 'https://'" in messages[4]
    assert "not listed in config.yaml" in messages[5]
    assert "did you mean 'fig/plot.png'" in messages[6]


def test_dot_slash_folder_links_are_not_flattened(lesson_dir):
    index = "---\nsite: sandpaper::sandpaper_site\n---\n\n[setup](./learners/setup.md) and [intro](episodes/intro.md)\n"
    root = lesson_dir({"index.md": index})
    findings = lint_findings(root, "LK201")
    assert codes_at(findings) == [("LK201", "index.md", 5)]
    assert "write 'learners/setup.md'" in findings[0].message


def test_targets_with_spaces_are_links_for_pandoc(lesson_dir):
    body = (
        "[data](files/my data.csv) and [notes](files/no such.csv)\n\n"  # 7: the first file exists
        "[Ada]([https://example.org/a-](https://example.org/a-)\nb/issues/2#c1)\n"  # 9: a link pasted into a target
    )
    root = lesson_dir({EP: episode(body), "episodes/files/my data.csv": "a,b\n"})
    findings = lint_findings(root, "LK201")
    assert [(f.line, f.column) for f in findings] == [(7, 31), (9, 1)]
    assert findings[0].message.endswith("pandoc keeps spaces and line breaks in a link target (as %20)")
    assert "holds a Markdown link, [text](address), inside a link's target" in findings[1].message


# LK202 ---------------------------------------------------------------------------------------


def test_anchors_in_the_same_page(lesson_dir):
    body = (
        "## Loading data\n\n"  # 7
        "## Plots {#plots}\n\n"  # 9
        "[term]{#term} and <a id=\"raw-id\"></a>\n\n"  # 11
        "See [loading](#loading-data), [plots](#plots), [term](#term), [raw](#raw-id).\n\n"  # 13
        "See [loading](#load-data) and [nothing](#nowhere).\n"  # 15
    )
    root = lesson_dir({EP: episode(body)})
    findings = lint_findings(root, "LK202")
    assert codes_at(findings) == [("LK202", EP, 15), ("LK202", EP, 15)]
    assert "did you mean '#loading-data'" in findings[0].message


def test_anchor_with_a_space(lesson_dir):
    root = lesson_dir({EP: episode("## Command-line interface\n\nSee the [shell](#command-line interface).\n")})
    [finding] = lint_findings(root, "LK202")
    assert (finding.line, finding.column) == (9, 9)
    assert "the link's anchor is '#command-line%20interface'" in finding.message
    assert "did you mean '#command-line-interface'?" in finding.message


def test_did_you_mean_prefers_the_same_id_in_other_case_and_says_nothing_far(lesson_dir):
    reference = "---\ntitle: Glossary\n---\n\n[Registration]{#Registration}\n: signing up\n\n## Function call\n\nText.\n"
    body = "[a](../learners/reference.md#registration)\n\n[b](../learners/reference.md#function-composition)\n"
    root = lesson_dir({EP: episode(body), "learners/reference.md": reference})
    same_case, far = lint_findings(root, "LK202")
    assert "did you mean '#Registration'?" in same_case.message
    assert "did you mean" not in far.message  # '#function-call' is too far a guess (ratio 0.61)


def test_extensionless_link_written_as_a_folder_is_broken_on_github_pages_too(lesson_dir):
    config = "title: T\nepisodes:\n- intro.md\n- 07-raster.md\n"
    root = lesson_dir({"config.yaml": config, EP: episode("See [rasters](07-raster/) and [again](07-raster).\n"),
                       "episodes/07-raster.md": episode("Text.\n")})
    folder, plain = lint_findings(root, "LK209")
    assert "names it as a folder, '07-raster/'" in folder.message and "GitHub Pages answers 404 there too" in folder.message
    assert "only where the server adds '.html' (GitHub Pages does)" in plain.message


def test_anchors_in_other_pages(lesson_dir):
    setup = "---\ntitle: Setup\n---\n\n## Install Python\n\nText.\n"
    body = (
        "[install](../learners/setup.md#install-python)\n\n"  # 7
        "[install](setup.html#install-python)\n\n"  # 9
        "[install](setup.html#install-pyhton)\n\n"  # 11
        "[aio](aio.html#anything)\n"  # 13: generated page, not checked
    )
    root = lesson_dir({EP: episode(body), "learners/setup.md": setup})
    findings = lint_findings(root, "LK202")
    assert codes_at(findings) == [("LK202", EP, 11)]
    assert "learners/setup.md" in findings[0].message


def test_an_anchor_into_a_page_that_could_not_be_read_is_not_judged(lesson_dir):
    # the target page's ids are unknown: its LK001 says why, and no LK202 guesses
    config = "title: T\nepisodes:\n- intro.md\n- second.md\n"
    root = lesson_dir({"config.yaml": config, "episodes/second.md": b"## Prepare the data\n\n\xff\xfe broken\n",
                       EP: episode("[prepare](second.md#prepare-the-data) and [setup](../learners/setup.md#nowhere)\n")})
    findings = lint_findings(root)
    assert [(f.code, f.path.name) for f in findings if f.code in ("LK001", "LK202")] == [
        ("LK202", "intro.md"), ("LK001", "second.md")]
    assert "#nowhere" in next(f.message for f in findings if f.code == "LK202")  # readable pages still are


def test_solution_title_id_is_dropped_by_sandpaper(lesson_dir):
    body = (
        "::: challenge\n\n"  # 7
        "## Sum the numbers\n\n"  # 9: kept (the challenge title keeps its id)
        "::: solution\n\n"  # 11
        "### Using sum\n\n"  # 13: becomes the button: id gone
        "`sum(x)`\n\n"
        ":::\n"
        ":::\n\n"  # 18
        "See [the challenge](#sum-the-numbers) and [the answer](#using-sum).\n"  # 20
    )
    root = lesson_dir({EP: episode(body)})
    findings = lint_findings(root, "LK202")
    assert codes_at(findings) == [("LK202", EP, 20)]
    assert "turns into a button" in findings[0].message


def test_challenge_title_followed_by_a_heading_is_dropped_by_sandpaper(lesson_dir):
    body = (
        "::: challenge\n\n"  # 7
        "## Exercise\n\n"  # 9: a heading follows directly: sandpaper drops this title
        "### Part 1\n\n"  # 11: the box's title instead
        "Do it.\n\n"
        ":::\n\n"  # 15
        "See [the exercise](#exercise) and [part 1](#part-1).\n"  # 17
    )
    root = lesson_dir({EP: episode(body)})
    findings = lint_findings(root, "LK202")
    assert codes_at(findings) == [("LK202", EP, 17)]
    assert "#exercise" in findings[0].message and "makes the title instead" in findings[0].message


def test_numbered_ids_of_code_notes_and_boxes(lesson_dir):
    body = (
        "::: callout\n\nNote.\n\n:::\n\n"
        "```python\nx = 1\n```\n\n"
        "Text.[^1]\n\n[^1]: A note.\n\n"  # 17: the note
        "[box](#callout1), [code](#cb1), [line](#cb1-1), [note](#fn1), [back](#fnref1), [notes](#footnotes)\n\n"  # 21
        "[no box](#challenge1) and [no such](#cbx)\n"  # 23
    )
    root = lesson_dir({EP: episode(body)})
    assert codes_at(lint_findings(root, "LK202")) == [("LK202", EP, 23), ("LK202", EP, 23)]


# LK203 ---------------------------------------------------------------------------------------


def test_images_without_alt_text(lesson_dir):
    body = (
        "![](fig/a.png)\n\n"  # 7
        "![ ](fig/a.png)\n\n"  # 9
        "![A bar chart of counts](fig/a.png)\n\n"  # 11
        "![](fig/a.png){alt=\"\"}\n\n"  # 13: decorative, on purpose
        "![](fig/a.png){alt='Counts by year'}\n\n"  # 15
        "<img src=\"fig/a.png\">\n\n"  # 17
        "<img alt=\"Counts\" src=\"fig/a.png\">\n"  # 19
    )
    root = lesson_dir({EP: episode(body), "episodes/fig/a.png": PNG})
    assert codes_at(lint_findings(root, "LK203")) == [("LK203", EP, 7), ("LK203", EP, 9), ("LK203", EP, 17)]


def test_an_alt_pandoc_cannot_read_is_one_finding_lk211s(lesson_dir):
    from pandoc_oracle import pandoc_json

    body = (
        "![](fig/a.png){alt='Grafico del PIL per l'Australia'}\n\n"  # 7: the apostrophe ends the value
        "![](fig/a.png)\n{alt='dates, exercise 1' .output}\n\n"  # 9-10: on the next line
        "![](fig/a.png){width='5 0' .x'}\n\n"  # 12: a block without an alt: no alt at all
        "![](fig/a.png){alt=\"Grafico del PIL per l'Australia\"}\n"  # 14: the fix
    )
    root = lesson_dir({EP: episode(body), "episodes/fig/a.png": PNG})
    findings = lint_findings(root, "LK2")
    assert [(f.code, f.line) for f in findings if f.code in ("LK203", "LK211")] == [
        ("LK211", 7), ("LK211", 10), ("LK203", 12), ("LK211", 12)]
    assert findings[0].message.endswith("until then the image has no alternative text")

    def alts(text):  # each image's alt attribute, as pandoc reads the page
        found = []

        def visit(node):
            if isinstance(node, list):
                for item in node:
                    visit(item)
            elif isinstance(node, dict):
                if node.get("t") == "Image":
                    found.append(dict(node["c"][0][2]).get("alt"))
                visit(node.get("c"))

        visit(pandoc_json(text)["blocks"])
        return found

    assert alts(body) == [None, None, None, "Grafico del PIL per l'Australia"]


# LK204 ---------------------------------------------------------------------------------------


def test_uninformative_link_text(lesson_dir):
    body = (
        "Read [here](https://example.org/a).\n\n"  # 7
        "[Click here!](https://example.org/b)\n\n"  # 9
        "[](https://example.org/c)\n\n"  # 11
        "The [survey data guide](https://example.org/d) and <https://example.org/e>.\n\n"  # 13
        "[details](https://example.org/f)\n"  # 15: only with the option
    )
    root = lesson_dir({EP: episode(body)})
    findings = lint_findings(root, "LK204")
    assert codes_at(findings) == [("LK204", EP, 7), ("LK204", EP, 9), ("LK204", EP, 11)]
    assert "has no text" in findings[2].message
    config = "title: T\nepisodes:\n- intro.md\nlessonkit:\n  rules:\n    link-uninformative-text:\n      texts: [details]\n"
    root = lesson_dir({EP: episode(body), "config.yaml": config}, name="custom")
    assert [f.line for f in lint_findings(root, "LK204")] == [7, 9, 11, 15]


# LK205 ---------------------------------------------------------------------------------------


def test_insecure_links(lesson_dir):
    body = (
        "[Gapminder](http://www.gapminder.org/data/)\n\n"  # 7
        "![Logo](http://www.gapminder.org/logo.png)\n\n"  # 9
        "See http://www.gapminder.org/about for more.\n\n"  # 11: bare URL, linked by pandoc
        "Open <http://localhost:8888> or [the test server](http://127.0.0.1:5000/).\n\n"  # 13
        "[http://www.gapminder.org](https://www.gapminder.org) and `http://in.code.org`\n\n"  # 15
        "[example](http://example.com/page)\n"  # 17
    )
    root = lesson_dir({EP: episode(body)})
    findings = lint_findings(root, "LK205")
    assert codes_at(findings) == [("LK205", EP, 7), ("LK205", EP, 9), ("LK205", EP, 11)]
    assert findings[2].column == 5
    config = "title: T\nepisodes:\n- intro.md\nlessonkit:\n  rules:\n    link-insecure:\n      hosts: [www.gapminder.org]\n"
    root = lesson_dir({EP: episode(body), "config.yaml": config}, name="custom")
    assert lint_findings(root, "LK205") == []


# LK206 ---------------------------------------------------------------------------------------


def test_undefined_reference_links(lesson_dir):
    body = (
        "Use the [shell lesson][shell] and [Git][git-lesson] and ![a plot][plot].\n\n"  # 7
        "And [the Python lesson][nowhere].\n\n"  # 9
        "[shell]: https://swcarpentry.github.io/shell-novice/\n"
        "[plot]: fig/plot.png \"Plot\" {alt='A plot'}\n"  # pandoc reads trailing attributes
    )
    root = lesson_dir({EP: episode(body), "links.md": "[git-lesson]: https://swcarpentry.github.io/git-novice/\n"})
    findings = lint_findings(root, "LK206")
    assert codes_at(findings) == [("LK206", EP, 9)]
    assert "'nowhere'" in findings[0].message


def test_a_label_that_is_a_headings_text_links_to_the_heading(lesson_dir, tmp_path):
    body = ("## Loops\n\n- ## The `ls` command {#ls}\n\nSee [the loops][LOOPS] and [it][the  `ls` command] and "
            "[more][The ls command].\n\nSetext *here*\n----\n\n[that][setext *Here*]\n")
    findings = lint_findings(lesson_dir({EP: episode(body)}), "LK206")
    assert [f.message.split("'")[1] for f in findings] == ["The ls command"]  # the label must be as written
    if not LUA_FILTER.is_file():
        pytest.skip(NEEDS["oracle"])
    built = read_built_page(render_pages([episode(body).encode()], tmp_path / "renders")[0].html)
    assert [link.url for link in built.links] == ["#loops", "#ls", "#setext-here"]


# LK207 / LK208 -------------------------------------------------------------------------------


def test_site_root_links(lesson_dir):
    body = "![Plot](/fig/plot.png)\n\n[CDN](//cdn.example.org/lib.js) [setup](../learners/setup.md)\n"
    root = lesson_dir({EP: episode(body)})
    findings = lint_findings(root, "LK207")
    assert codes_at(findings) == [("LK207", EP, 7)]
    assert "'fig/plot.png'" in findings[0].message


def test_empty_links(lesson_dir):
    body = "See the [docs]() and [the API](#).\n\n[the guide](https://example.org/guide)\n"
    root = lesson_dir({EP: episode(body)})
    assert codes_at(lint_findings(root, "LK208")) == [("LK208", EP, 7), ("LK208", EP, 7)]


def test_page_without_extension_is_a_warning_not_a_missing_file(lesson_dir):
    body = ("[one](intro)\n\n"  # 7: this very page
            "[two](../learners/setup#setup)\n\n"  # 9: anchors are checked as on GitHub Pages
            "[three](key-points#nowhere)\n\n"  # 11: a page sandpaper generates; its ids are unknown
            "[four](intro#no-such-id)\n\n"  # 13
            "[five](intro2)\n")  # 15: no such page: LK201, with the near miss
    root = lesson_dir({EP: episode(body),
                       "instructors/design.md": "---\ntitle: Design\n---\n\nSee [the intro](intro).\n"})
    findings = lint_findings(root, "LK2")
    assert sorted((f.code, f.line) for f in findings if f.path.name == "intro.md") == [
        ("LK201", 15), ("LK202", 13), ("LK209", 7), ("LK209", 9), ("LK209", 11), ("LK209", 13)]
    assert "did you mean 'intro.md'" in next(f.message for f in findings if f.code == "LK201")  # as a link here
    design = next(f for f in findings if f.path.name == "design.md")
    assert design.code == "LK209" and design.severity == "warning"
    assert "write '../episodes/intro.md'" in design.message and "GitHub Pages" in design.message


# LK210 / LK211 -------------------------------------------------------------------------------


def test_spaced_reference_links(lesson_dir):
    body = (
        "See [the shell lesson] [shell], [shell] [shell] and ![a logo] [logo].\n"  # 7: two of three
        "Also [the git\nlesson] [shell], `[code] [shell]` and [a][shell] [shell].\n\n"  # 8: one
        "[shell]: https://example.org/shell\n[logo]: https://example.org/logo.png\n"
    )
    root = lesson_dir({EP: episode(body)})
    findings = lint_findings(root, "LK210")
    assert [(f.line, f.column) for f in findings] == [(7, 5), (7, 53), (8, 6)]
    assert "prints '[the shell lesson]' as text, brackets and all, and links only 'shell'" in findings[0].message
    assert "write '![a logo][logo]'" in findings[1].message


def test_attribute_blocks_pandoc_prints_as_text(lesson_dir):
    body = (
        "![Plot](fig/p.png){alt='It's a plot' width=50%}\n\n"  # 7
        "![Plot](fig/p.png)\n{alt='A plot'}\n\n"  # 9-10: on the next line
        "## Results {#results .x'}\n\n"  # 12
        "A [term]{.a b'} and [fine](https://example.org){.external target=_blank}\n"  # 14
    )
    root = lesson_dir({EP: episode(body), "episodes/fig/p.png": PNG})
    findings = lint_findings(root, "LK211")
    assert [(f.line, f.column) for f in findings] == [(7, 19), (10, 1), (12, 12), (14, 9)]
    assert "ends at the ' after 'It', leaving 's'" in findings[0].message
    assert "must follow the image's ')' directly" in findings[1].message
    assert "stays in the heading's text and id" in findings[2].message
    assert "of the bracketed span" in findings[3].message


def test_documented_examples_behave_as_documented(lesson_dir):
    import re
    import textwrap

    from lessonkit.rules import all_rules

    for rule in (r for r in all_rules() if r.code.startswith("LK2")):
        for label in ("Fails", "Passes"):
            match = re.search(label + r"[^\n]*:\n\n((?:    .*\n|\n)+)", rule.doc + "\n")
            assert match, f"{rule.code} documents no '{label}' example"
            files = {EP: episode(textwrap.dedent(match.group(1)).strip() + "\n")}
            if label == "Passes":
                files["episodes/fig/plot.png"] = PNG
            codes = [f.code for f in lint_findings(lesson_dir(files, name=f"{rule.code}-{label}"), rule.code)]
            assert bool(codes) == (label == "Fails"), (rule.code, label, codes)


def test_link_text_that_names_its_target_passes(lesson_dir):
    body = "The [here](https://cran.r-project.org/package=here) package; read [here](https://example.org/data).\n"
    [finding] = lint_findings(lesson_dir({EP: episode(body)}), "LK204")
    assert finding.column == 67


# One spelling of a link to a page ----------------------------------------------------------


@pytest.mark.parametrize("from_page, expected", [
    ("learners/guide.md", "../episodes/14-looping-data-sets.md"),
    ("episodes/01-intro.md", "14-looping-data-sets.md"),
    ("index.md", "episodes/14-looping-data-sets.md"),
])
def test_message_fixes_and_completion_write_a_link_to_a_page_alike(lesson_dir, from_page, expected):
    pytest.importorskip("lsprotocol", reason=extra("lsprotocol"))
    from lessonkit.lesson import Lesson
    from lessonkit.server.completion import completions
    from lessonkit.server.positions import Positions
    from lessonkit.settings import load_settings
    from lessonkit.textedit import apply_edits

    links = ("[missing](13-looping-data-sets.md)\n\n"  # LK201, with the page whose name is closest
             "[bare](14-looping-data-sets)\n\n"  # LK209
             "[rooted](/14-looping-data-sets.html)\n")  # LK207
    files = {"config.yaml": "title: T\nepisodes:\n- 01-intro.md\n- 14-looping-data-sets.md\n",
             "episodes/01-intro.md": episode("Intro.\n"), "episodes/14-looping-data-sets.md": "---\ntitle: Looping Data Sets\nteaching: 5\nexercises: 5\n---\n\nLoops.\n",
             "learners/guide.md": "---\ntitle: Guide\n---\n\nGuide.\n"}
    files[from_page] = files.get(from_page, "---\ntitle: Page\n---\n\n").split("\n\n")[0] + "\n\n" + links
    root = lesson_dir(files)
    lesson = Lesson.load(root)
    page, target = lesson.page(from_page), lesson.page("episodes/14-looping-data-sets.md")
    findings = {f.code: f for f in lint_findings(root) if f.path.name == page.path.name}
    assert f"did you mean '{expected}'?" in findings["LK201"].message
    written = {code: apply_edits(page.text, findings[code].fix.edits) for code in ("LK201", "LK209", "LK207")}
    assert written == {code: page.text.replace(old, f"]({expected})") for code, old in (
        ("LK201", "](13-looping-data-sets.md)"), ("LK209", "](14-looping-data-sets)"),
        ("LK207", "](/14-looping-data-sets.html)"))}
    lines = [*page.lines, "[next]("]
    offered = completions(lesson, page, load_settings(lesson), lines, len(lines), len(lines[-1]) + 1, Positions())
    assert next(item.text_edit.new_text for item in offered if item.detail == target.title) == expected
    # and the spelling leads to the page both where the sources are read and on the built site
    assert (page.path.parent / expected).resolve() == target.path.resolve()
    assert lesson.site.resolve(page, expected).pages == [target]


def test_a_spaced_target_that_would_lead_nowhere_gets_no_fix(lesson_dir):
    body = "See [the plan] (#no-such-section) and [the shell] (https://example.org/shell).\n"
    nowhere, elsewhere = lint_findings(lesson_dir({EP: episode(body)}), "LK212")
    assert nowhere.fix is None and "'#no-such-section' leads nowhere on the built site" in nowhere.message
    assert elsewhere.fix is not None and elsewhere.message.endswith("remove the space")


GLOSSARY = ("---\ntitle: Glossary\n---\n\n## Glossary\n\n"  # 5
            "changeset\n:   A group of changes in a [commit](#commit).\n\n"  # 7
            "{TERM}\n:   To record the current state of a set of files.\n")  # 10


def test_an_anchor_to_a_glossary_term_advises_a_span_as_pandoc_reads_it(lesson_dir):
    from pandoc_oracle import pandoc_json

    root = lesson_dir({"learners/reference.md": GLOSSARY.replace("{TERM}", "commit"),
                       EP: episode("A [commit](../learners/reference.md#commit) records changes.\n")})
    in_page, other_page = sorted(lint_findings(root, "LK202"), key=lambda f: f.path.name, reverse=True)
    assert "'commit' (line 10) is a definition-list term" in in_page.message
    assert "write the term as '[commit]{#commit}'" in in_page.message
    assert "'commit' (learners/reference.md:10)" in other_page.message
    assert in_page.fix is None and other_page.fix is None

    def term(text):  # the term of the page's definition list, as pandoc reads it
        blocks = pandoc_json(GLOSSARY.replace("{TERM}", text))["blocks"]
        return next(block for block in blocks if block["t"] == "DefinitionList")["c"][1][0]

    # the advice followed: a span with the id; "{#commit}" after the term, as a heading would
    # have it, is text on the page and gives no id (the advice stays the span)
    assert term("[commit]{#commit}")[0]["t"] == "Span" and term("[commit]{#commit}")[0]["c"][0][0] == "commit"
    assert {"t": "Str", "c": "{#commit}"} in term("commit {#commit}")
    (root / "learners/reference.md").write_text(GLOSSARY.replace("{TERM}", "commit {#commit}"), encoding="utf-8")
    assert all("'[commit]{#commit}'" in f.message for f in lint_findings(root, "LK202"))
    (root / "learners/reference.md").write_text(GLOSSARY.replace("{TERM}", "[commit]{#commit}"), encoding="utf-8")
    assert lint_findings(root, "LK202") == []


def test_no_anchor_advice_is_an_id_pandoc_cannot_read(lesson_dir):
    reference = ("---\ntitle: Glossary\n---\n\n<h5 id=\"morph\">Morphological Operations</h5>\n\n"
                 ": Operations on shapes.\n\n## Image registration\n\nText.\n")
    body = ("[m](../learners/reference.md#Morphological operations)\n\n"
            "[r](../learners/reference.md#Segmentation methods)\n\n[s](../learners/reference.md#sinogram)\n")
    root = lesson_dir({EP: episode(body), "learners/reference.md": reference})
    spelled, spaced, missing = lint_findings(root, "LK202")
    # the heading whose text the anchor spells, not a guess by letters
    assert "did you mean '#morph'?" in spelled.message
    assert "link to '#segmentation-methods' ('Segmentation methods' cannot be an id)" in spaced.message
    assert "{#Segmentation methods}" not in spaced.message
    assert "'{#sinogram}' after a heading's text, or '[text]{#sinogram}' around a word" in missing.message


def test_did_you_mean_is_never_another_term_made_of_more_words(lesson_dir):
    reference = ("---\ntitle: Glossary\n---\n\n[loop variable]{#loop-variable}\n:   The loop's counter.\n\n"
                 "## Connect to GitHub\n\nText.\n")
    body = "[variable](../learners/reference.md#variable) and [c](../learners/reference.md#connect-to-github-1)\n"
    root = lesson_dir({EP: episode(body), "learners/reference.md": reference})
    variable, numbered = lint_findings(root, "LK202")
    assert "did you mean" not in variable.message and variable.fix is None
    assert "did you mean '#connect-to-github'?" in numbered.message  # a number is no word of a term
