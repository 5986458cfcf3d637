from conftest import codes_at, episode, lint_findings


def test_clean_basic_lesson_has_no_legacy_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK9") == []


def test_styles_challenge_block_quote_and_attribute_list(lesson_dir):
    body = "> ## Sum a list\n>\n> Add up `[1, 2, 3]`.\n>\n> > ## Solution\n> > `sum(x)`\n> {: .solution}\n{: .challenge}\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    findings = lint_findings(root, "LK901")
    assert codes_at(findings) == [("LK901", "episodes/intro.md", 7), ("LK901", "episodes/intro.md", 13),
                                  ("LK901", "episodes/intro.md", 14)]
    assert "'Sum a list'" in findings[0].message and "'::: challenge'" in findings[0].message
    assert "'::: solution'" in findings[1].message and findings[1].column == 3
    assert "'::: challenge'" in findings[2].message


def test_code_class_attribute_list_after_a_fence(lesson_dir):
    body = "~~~\nprint(1)\n~~~\n{: .language-python}\n\n~~~\n1\n~~~\n{:.output}\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    findings = lint_findings(root, "LK901")
    assert codes_at(findings) == [("LK901", "episodes/intro.md", 10), ("LK901", "episodes/intro.md", 15)]
    assert "language on the code fence" in findings[0].message


def test_styles_box_titles_suggest_their_div(lesson_dir):
    body = "> ## Solution to 1.2\n> `x`\n\n> ## Overview\n> - learn\n\n> ## Checklist\n> - done\n\n> ## Challenge notes\n> x\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    findings = lint_findings(root, "LK901")
    assert codes_at(findings) == [("LK901", "episodes/intro.md", n) for n in (7, 10, 13, 16)]
    assert "'::: solution'" in findings[0].message and "'::: objectives'" in findings[1].message
    # the heading names the box: a "Checklist" is a checklist (not a callout, as "notes" would suggest)
    assert "'::: checklist'" in findings[2].message and "'::: challenge'" in findings[3].message


def test_box_words_are_whole_words_of_the_title(lesson_dir):
    body = ("> ## Desafío - Cambiando tipos\n> Intenta.\n\n> ## Exercise: Save the notebook\n> Save.\n\n"
            "> ## Tips for plots\n> Label axes.\n\n> ## A note on units\n> Metres.\n")
    findings = lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK901")
    # 'tipos' holds no 'tip', 'notebook' no 'note': no word names a box, so they are challenges
    assert [f.message.rsplit("'::: ", 1)[1] for f in findings] == ["challenge')", "challenge')", "callout')",
                                                                    "callout')"]


def test_a_quote_holding_only_the_title_of_the_box_below_says_so(lesson_dir):
    body = ("> ### Custom plots\n\nTake five minutes.\n\n::: challenge\n\nSome ideas.\n:::\n\n"  # 7, 11
            "> ### Titled already\n\n::: challenge\n## Its own title\n\nText.\n:::\n\n"  # 16: a styles box
            "> ### Too far\n\nOne.\n\nTwo.\n\nThree.\n\n::: callout\nText.\n:::\n")  # 24
    findings = lint_findings(lesson_dir({"episodes/intro.md": episode(body)}), "LK901")
    assert codes_at(findings) == [("LK901", "episodes/intro.md", n) for n in (7, 16, 24)]
    assert findings[0].message.startswith("Block quote holding only the heading 'Custom plots' is the title of the "
                                          "'challenge' box on line 11, which sandpaper titles 'Challenge'")
    assert "move the heading (and the text between) into the box" in findings[0].message
    assert all(f.message.startswith("Block quote headed") for f in findings[1:])


def test_block_quote_without_heading_passes(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("> A quotation.\n>\n> ## Not first\n\nText\n> ## Not a quote\n")})
    assert lint_findings(root, "LK901") == []


def test_liquid_outside_code_fails(lesson_dir):
    body = ("See {{ site.title }} on {{ page.root }}/setup.html.\n\n{% include links.md %}\n\n"
            "<a href=\"{{ site.url }}\">home</a>\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    findings = lint_findings(root, "LK901")
    assert codes_at(findings) == [("LK901", "episodes/intro.md", 7), ("LK901", "episodes/intro.md", 7),
                                  ("LK901", "episodes/intro.md", 9), ("LK901", "episodes/intro.md", 11)]
    assert findings[1].column == 25 and "'{{ page.root }}'" in findings[1].message
    assert "Liquid tag '{% include links.md %}'" in findings[2].message
    assert "shows it as text" in findings[0].message
    assert "the HTML tag keeps it as written" in findings[3].message  # an attribute is not shown


def test_liquid_in_a_link_target_is_lk201s(lesson_dir):
    # one defect, one finding: the link leads nowhere (LK201), nothing is shown as text
    body = ("See the [setup]({{ page.root }}/setup.html) and [issues]({{ site.github.repository_url }}/issues).\n\n"
            "The [reference][ref].\n\n[ref]: {{page.root}}/reference.html\n[unused]: {{site.url}}\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert lint_findings(root, "LK901") == []
    setup, issues, reference = lint_findings(root, "LK201")
    assert "drop '{{ page.root }}' and write the path relative to the page ('../learners/setup.md')" in setup.message
    assert "write the full address, 'https://github.com/example/test-lesson/issues'" in issues.message
    assert reference.line == 9


def test_quote_holding_a_fenced_box_says_so(lesson_dir):
    # a converted box whose '> ' prefixes stayed: the built page shows a working box in a quotation
    wrapped = "> ::: challenge\n> ## Sum\n>\n> Add.\n>\n> ::: solution\n> `sum(x)`\n> :::\n> :::\n"
    inner = "\n\n> ## Exercise\n>\n> Add.\n>\n> ::: solution\n> `sum(x)`\n> :::\n"
    root = lesson_dir({"episodes/intro.md": episode(wrapped + inner)})
    first, second = lint_findings(root, "LK901")
    assert "holds the fenced div '::: challenge'" in first.message and "drop the '> ' prefixes" in first.message
    assert first.fix.description == "Drop the block quote's '> ' prefixes"
    assert "holds the fenced div '::: solution'" in second.message and "'::: challenge'" in second.message


def test_code_class_with_no_code_block_above(lesson_dir):
    root = lesson_dir({"episodes/intro.md": episode("print(\\_x)\n{: .language-python}\n")})
    [finding] = lint_findings(root, "LK901")
    assert "the lines above it are no code block: put them in a code fence" in finding.message


def test_liquid_tag_messages_say_what_replaces_each_tag(lesson_dir):
    body = "{% comment %}\nHidden in Jekyll.\n{% endcomment %}\n\n{% include carpentries.html %}\n\n{% include links.md %}\n"
    root = lesson_dir({"episodes/intro.md": episode(body)})
    comment, end, include, links = (f.message for f in lint_findings(root, "LK901"))
    assert "HTML comment (<!-- ... -->)" in comment and "HTML comment" in end
    assert "links.md" not in comment + end + include
    assert "write out what the included file added" in include
    assert "sandpaper appends links.md to every page" in links


def test_liquid_inside_code_passes(lesson_dir):
    body = ("```python\nt = Template('{{ name }}')  # {: .x}\n```\n\n"
            "In Jekyll write `{{ page.root }}` or ``{% raw %}``.\n\n"
            "    {% indented code %}\n\n"
            "```r\nglue('{x}') ; glue('{{x}}')\n```\n\n"
            "Math $a^{{2}}$ and escaped \\{\\{ x \\}\\}.\n\n"
            "A glossary term {{ glosario.data_structure }}.\n\n<!-- {% comment %} -->\n")
    root = lesson_dir({"episodes/intro.md": episode(body)})
    assert lint_findings(root, "LK901") == []


def test_liquid_in_instructor_and_learner_pages(lesson_dir):
    root = lesson_dir({"instructors/about.md": "---\ntitle: About\n---\n\n{% include carpentries.html %}\n",
                       "learners/setup.md": "---\ntitle: Setup\n---\n\n| a | b |\n|---|---|\n| {{ x }} | y |\n"})
    assert codes_at(lint_findings(root, "LK901")) == [("LK901", "instructors/about.md", 5),
                                                      ("LK901", "learners/setup.md", 7)]
