from conftest import BASIC_CONFIG, codes_at, lint_findings

HEAD = "carpentry: incubator\ntitle: Test lesson\nlife_cycle: beta\nsource: https://github.com/example/test-lesson\ncontact: team@example.org\n"


def test_clean_basic_lesson_has_no_config_findings(lesson_dir):
    assert lint_findings(lesson_dir(), "LK5") == []


# --- LK501 config-invalid ------------------------------------------------------------------------


def test_config_yaml_error_at_its_line(lesson_dir):
    root = lesson_dir({"config.yaml": HEAD + "episodes:\n- intro.md\nkeywords: a: b\n"})
    findings = lint_findings(root, "LK5")
    assert codes_at(findings) == [("LK501", "config.yaml", 8)]  # and nothing else cascades


def test_config_that_is_a_list_or_empty(lesson_dir):
    root = lesson_dir({"config.yaml": "- title: T\n- episodes: []\n"})
    assert codes_at(lint_findings(root, "LK5")) == [("LK501", "config.yaml", 1)]
    root = lesson_dir({"config.yaml": "# nothing yet\n"}, name="empty")
    assert codes_at(lint_findings(root, "LK5")) == [("LK501", "config.yaml", 1)]


def test_duplicate_config_key(lesson_dir):
    root = lesson_dir({"config.yaml": BASIC_CONFIG + "title: Another title\n"})
    assert codes_at(lint_findings(root, "LK501")) == [("LK501", "config.yaml", 8)]


# --- LK502 config-missing-key / LK507 config-missing-recommended-key -----------------------------


def test_missing_title_and_episodes(lesson_dir):
    root = lesson_dir({"config.yaml": "carpentry: incubator\nlife_cycle: beta\nsource: https://x.org\ncontact: a@b.org\n"})
    findings = lint_findings(root, "LK502")
    assert codes_at(findings) == [("LK502", "config.yaml", 1)]  # one finding names both
    assert "'title'" in findings[0].message and "'episodes'" in findings[0].message
    assert findings[0].severity == "error"


def test_empty_title_and_blank_episodes(lesson_dir):
    root = lesson_dir({"config.yaml": "carpentry: incubator\ntitle: ''\nlife_cycle: beta\nsource: s\ncontact: c\nepisodes:\n"})
    assert codes_at(lint_findings(root, "LK502")) == [("LK502", "config.yaml", 2)]  # blank episodes: all files


def test_old_schedule_key_counts_as_episodes(lesson_dir):
    root = lesson_dir({"config.yaml": HEAD + "schedule:\n- intro.md\n"})
    assert lint_findings(root, "LK502") == []


def test_missing_recommended_keys_are_warnings(lesson_dir):
    root = lesson_dir({"config.yaml": "title: T\nlife_cycle: beta\nsource:\nepisodes:\n- intro.md\n"})
    findings = lint_findings(root, "LK507")
    assert codes_at(findings) == [("LK507", "config.yaml", 1), ("LK507", "config.yaml", 3)]
    assert {f.severity for f in findings} == {"warning"}
    assert "'carpentry', 'contact'" in findings[0].message and "'source'" in findings[1].message


# --- LK503 config-bad-value ----------------------------------------------------------------------


def test_bad_life_cycle_and_custom_carpentry(lesson_dir):
    root = lesson_dir({"config.yaml": BASIC_CONFIG.replace("beta", "beta-testing").replace("incubator", "ice-cream")})
    findings = lint_findings(root, "LK503")
    assert codes_at(findings) == [("LK503", "config.yaml", 3)]
    assert "pre-alpha" in findings[0].message


def test_empty_episode_list(lesson_dir):
    root = lesson_dir({"config.yaml": HEAD + "episodes: []\n"})
    findings = lint_findings(root, "LK5")
    assert codes_at(findings) == [("LK503", "config.yaml", 6), ("LK505", "episodes/intro.md", 1)]
    assert "no episodes" in findings[0].message


def test_path_in_episode_list(lesson_dir):
    root = lesson_dir({"config.yaml": HEAD + "episodes:\n- intro.md\n- ../../etc/passwd\n"})
    findings = lint_findings(root, "LK5")
    assert codes_at(findings) == [("LK503", "config.yaml", 6)]  # not also LK504
    assert "../../etc/passwd" in findings[0].message


def test_single_value_mapping_and_repeated_entry(lesson_dir):
    root = lesson_dir({"config.yaml": HEAD + "episodes: intro.md\nlearners:\n  setup: setup.md\n"
                                             "profiles:\n- a.md\n- a.md\n",
                       "profiles/a.md": "---\ntitle: A\n---\n"})
    assert codes_at(lint_findings(root, "LK503")) == [
        ("LK503", "config.yaml", 6), ("LK503", "config.yaml", 8), ("LK503", "config.yaml", 9)]


def test_lists_of_file_names_and_blank_pass(lesson_dir):
    root = lesson_dir({"config.yaml": BASIC_CONFIG + "learners:\n- setup.md\ninstructors:\nprofiles:\n"})
    assert lint_findings(root, "LK503") == []


# --- LK504 episode-not-found ---------------------------------------------------------------------


def test_listed_files_that_do_not_exist(lesson_dir):
    root = lesson_dir({"config.yaml": HEAD + "episodes:\n- intro.md\n- loops.md\nlearners:\n- setup.md\n- glossary.md\n"})
    findings = lint_findings(root, "LK504")
    assert codes_at(findings) == [("LK504", "config.yaml", 6), ("LK504", "config.yaml", 9)]
    assert "loops.md" in findings[0].message and "learners/glossary.md" in findings[1].message


# --- LK505 episode-unlisted ----------------------------------------------------------------------


def test_unlisted_draft(lesson_dir):
    root = lesson_dir({"episodes/draft.md": "---\ntitle: Draft\n---\n\nNot ready.\n"})
    findings = lint_findings(root, "LK505")
    assert codes_at(findings) == [("LK505", "episodes/draft.md", 1)]
    assert findings[0].severity == "warning"


def test_stray_home_page_in_episodes_is_to_be_removed_not_listed(lesson_dir):
    root = lesson_dir({"episodes/index.md": "---\nsite: sandpaper::sandpaper_site\n---\n\nA lesson.\n"})
    findings = lint_findings(root, "LK505")
    assert codes_at(findings) == [("LK505", "episodes/index.md", 1)]
    assert "remove it" in findings[0].message and "in place of the home page" in findings[0].message
    assert "add it to the list" not in findings[0].message


def test_unlisted_planning_note_is_left_or_marked(lesson_dir):
    listed = HEAD + "episodes:\n- intro.md\nlearners:\n- setup.md\n"
    root = lesson_dir({"config.yaml": listed, "learners/notes.md": "# Ideas for the lesson\n\n- more on loops\n"})
    [finding] = lint_findings(root, "LK505")
    assert (finding.path.name, finding.line) == ("notes.md", 1)
    assert "not listed under 'learners'" in finding.message and "planning note" in finding.message
    assert "<!-- lessonkit-disable-file -->" in finding.message
    marked = lesson_dir({"config.yaml": listed, "learners/notes.md": "<!-- lessonkit-disable-file -->\n# Ideas\n"},
                        name="marked")
    assert lint_findings(marked, "LK505") == []


TEMPLATE_EPISODE = """\
---
title: "Using RMarkdown"
teaching: 10
exercises: 2
---

:::::::::::::::::::::::::::::::::::::: questions

- How do you write a lesson using R Markdown and `{sandpaper}`?

::::::::::::::::::::::::::::::::::::::::::::::::
"""


def test_unlisted_template_leftovers_are_to_be_deleted(lesson_dir):
    root = lesson_dir({
        "episodes/example.Rmd": TEMPLATE_EPISODE,
        "learners/discuss.md": "---\ntitle: Discussion\n---\n\nFIXME\n",
        "profiles/people.md": "---\ntitle: FIXME\n---\n\nFIXME This is a placeholder file. Please add content here.\n",
        "instructors/old.md": "\n",
        "config.yaml": HEAD + "episodes:\n- intro.md\nlearners:\n- setup.md\ninstructors: []\nprofiles: []\n",
    })
    messages = {f.path.name: f.message for f in lint_findings(root, "LK505")}
    assert set(messages) == {"example.Rmd", "discuss.md", "people.md", "old.md"}
    assert "the Workbench template's example episode, a leftover: delete it" in messages["example.Rmd"]
    assert "sandpaper's placeholder page ('FIXME'), a leftover: delete it" in messages["discuss.md"]
    assert "placeholder page" in messages["people.md"] and "not listed under 'profiles'" in messages["people.md"]
    assert "it is empty: delete it" in messages["old.md"]


def test_knitted_copy_beside_a_listed_rmd_names_it(lesson_dir):
    root = lesson_dir({
        "config.yaml": HEAD + "episodes:\n- intro.Rmd\n",
        "episodes/intro.Rmd": "---\ntitle: Intro\nteaching: 5\nexercises: 5\n---\n\nText.\n",
        "episodes/intro.md": "---\ntitle: Intro\n---\n\nKnitted text.\n",
    })
    [finding] = lint_findings(root, "LK505")
    assert finding.path.name == "intro.md"
    assert finding.message == ("episodes/intro.md is a knitted copy of episodes/intro.Rmd, which config.yaml lists; "
                               "sandpaper does not build the copy: delete it (listed, it would clash with "
                               "episodes/intro.Rmd's page, intro.html)")


def test_the_setup_page_is_built_unlisted(lesson_dir):
    # sandpaper's get_resource_list() adds the setup page (setup.md or setup.Rmd) to a
    # `learners:` list that leaves it out
    for setup in ("setup.md", "setup.Rmd"):
        root = lesson_dir({"config.yaml": HEAD + "episodes:\n- intro.md\nlearners:\n- other.md\n",
                           "learners/other.md": "---\ntitle: Other\n---\n\nText.\n", "learners/setup.md": None,
                           f"learners/{setup}": "---\ntitle: Setup\n---\n\nInstall Python.\n"}, name=setup)
        assert lint_findings(root, "LK505") == []


def test_unlisted_glossary_and_instructor_notes_leave_a_dead_menu_link(lesson_dir):
    # get_resource_list() keeps only what a non-blank list names: neither page is built, and
    # varnish's menu links both on every page, whatever config.yaml says
    root = lesson_dir({"config.yaml": HEAD + "episodes:\n- intro.md\nlearners:\n- setup.md\ninstructors:\n- other.md\n",
                       "instructors/other.md": "---\ntitle: Other\n---\n\nText.\n",
                       "instructors/instructor-notes.md": "---\ntitle: Instructor Notes\n---\n\nNotes.\n",
                       "learners/reference.md": "---\ntitle: Reference\n---\n\nFIXME\n"})
    messages = {f.path.name: f.message for f in lint_findings(root, "LK5")}
    assert set(messages) == {"reference.md", "instructor-notes.md"}
    assert messages["reference.md"] == (
        "learners/reference.md is not listed under 'learners' in config.yaml, so sandpaper does not build it, yet the "
        "menu of every page links its 'Glossary' entry to reference.html#glossary, which leads nowhere without it: "
        "add it to the list (and write it, if it is still a placeholder)")
    assert "links its 'Instructor Notes' entry to instructor/instructor-notes.html" in messages["instructor-notes.md"]
    # and the placeholder on the unbuilt glossary is on no page: no LK305
    assert lint_findings(root, "LK305") == []


def test_blank_episode_list_takes_every_file(lesson_dir):
    root = lesson_dir({"config.yaml": HEAD + "episodes:\n", "episodes/draft.md": "---\ntitle: Draft\n---\n"})
    assert lint_findings(root, "LK505") == []


# --- LK506 config-unknown-key --------------------------------------------------------------------


def test_near_miss_keys_with_did_you_mean(lesson_dir):
    root = lesson_dir({"config.yaml": BASIC_CONFIG + "lifecycle: stable\ncontacts: x@y.org\nLang: en\nmy_custom_setting: 1\n"})
    findings = lint_findings(root, "LK506")
    assert codes_at(findings) == [("LK506", "config.yaml", 8), ("LK506", "config.yaml", 9), ("LK506", "config.yaml", 10)]
    assert "did you mean 'life_cycle'?" in findings[0].message
    assert "did you mean 'contact'?" in findings[1].message
    assert "did you mean 'lang'?" in findings[2].message


def test_known_and_custom_keys_pass(lesson_dir):
    extra = ("created: 2020-01-01\nkeywords: a, b\nlicense: CC-BY 4.0\nbranch: main\nurl: https://x.org\n"
             "analytics: carpentries\nlang: en\nworkbench-beta: yes\nsandpaper: carpentries/sandpaper\n"
             "varnish: carpentries/varnish\nhandout: true\noverview: false\ncarpentry_description: Ice cream\n"
             "doi: https://doi.org/10/x\nteam_members: [a, b]\n")
    root = lesson_dir({"config.yaml": BASIC_CONFIG + extra})
    assert lint_findings(root, "LK506") == []


def test_several_bad_entries_of_one_list_in_one_finding(lesson_dir):
    root = lesson_dir({"config.yaml": HEAD + "episodes:\n- intro.md\n- ../a.md\n- sub/b.md\n- intro.md\n- gone.md\n- lost.md\n"})
    findings = lint_findings(root, "LK50")
    assert codes_at(findings) == [("LK503", "config.yaml", 6), ("LK504", "config.yaml", 6)]
    assert "'../a.md'" in findings[0].message and "'sub/b.md'" in findings[0].message
    assert "'intro.md' is listed twice" in findings[0].message
    assert "'gone.md', 'lost.md' are listed" in findings[1].message
