"""Link and image rules (LK2xx): where each link leads on the built site, and how it reads.

Where a link leads, which pages and files the site has and which ids a built page carries are
the built-site model's answers (lessonkit/site.py); these rules only judge them.
"""

from __future__ import annotations

import difflib
import posixpath
import re
import string
from urllib.parse import unquote, urlsplit

from markdown_it.common.utils import normalizeReference

from ..findings import Edit, Problem, fix
from ..site import HOME_PAGES, flatten, has_id, is_external, local_links, split_target
from . import rule
from .edits import heading_labels, inline_texts, line_text, replace_in_line, written_target

def _noun(link) -> str:
    return "Image" if link.kind == "image" else "Link"


def _span(link) -> dict:
    return {"end_line": link.end_line, "end_column": link.end_column}


URI_ESCAPED = '<>|"{}[]^`'


def pandoc_href(target: str) -> str:
    """The address pandoc writes for a link target: white space and <>|"{}[]^` percent-encoded."""
    return "".join("".join(f"%{byte:02X}" for byte in char.encode()) if char.isspace() or char in URI_ESCAPED
                   else char for char in target)


def _has_space(link) -> bool:
    return any(char.isspace() for char in link.target)


def _new_target(page, link, target: str, description: str, safe: bool = False):
    """A fix writing target in place of the link's target as written, or None when it is not
    written in the link (a reference defined elsewhere)."""
    written = written_target(page, link)
    if written is None or re.search(r"[\s<>()]", target):
        return None  # not written in the link, or the new target would need escaping
    line, column, text = written
    return fix(description, replace_in_line(line, column, text, target), safe=safe)


def _with_path(target: str, path: str) -> str:
    """target with its path part (before any ?query or #fragment) replaced by path."""
    cut = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
    return path + target[cut:]


@rule("LK201", "link-missing-file", "error", fix="sometimes")
def link_missing_file(page, context):
    """A relative link or image whose target is not part of the built site.

    sandpaper serves every page at the top level of the site (`setup.html`, not
    `learners/setup.html`) and copies there the `fig/`, `files/` and `data/` folders and the
    other files directly in episodes/, learners/, instructors/ and profiles/. A link to
    `../learners/setup.md` or `setup.html` from an episode works; so does `fig/plot.png` for a
    figure in episodes/fig/. A link to a file anywhere else, to a page that does not exist, to a
    page left out of config.yaml, or out of the lesson is a broken link on the website.
    External links (`https:`, `mailto:`), in-page anchors, site-root links (`/...`, see
    LK207) and links to a page without its extension (`02-loops`, see LK209) are not checked
    here, nor are `<a href>` and `<img src>` written in raw HTML (sandpaper does not rewrite
    those either). pandoc keeps spaces and line breaks in a target, so `[data](my data.csv)`
    needs a file named `my data.csv`, and a link pasted into another link's target leads nowhere.

    Fails (in an episode, with no file episodes/fig/plot.png and no page named next):

        See the [next episode](next.md).

        ![Plot of the results](fig/plot.png)

    Passes (in an episode, with the figure saved as episodes/fig/plot.png):

        See the [setup instructions](../learners/setup.md).

        ![Plot of the results](fig/plot.png)

    A target built with the styles template's Liquid (`{{ page.root }}/setup.html`,
    `{{ site.github.repository_url }}/issues`) is reported here, where the link leads nowhere;
    the message says what to write instead: the path relative to the page where the site's root
    (or tags followed by a path of the lesson) come first, the lesson's repository address
    (config.yaml's `source`) for GitHub's, else the full address the tag stands for.

    Fixes: an e-mail address gets its `mailto:`, and a `./episodes/...` path loses its `./`
    (safe); a web address without `https://` gets it, a missing page or file is replaced by
    the one whose name is closest, the "did you mean" of the message, and `{{ page.root }}/` is
    dropped from a target that then leads to a page or file of the lesson (guesses to review).
    """
    site = context.lesson.site
    for link, path, _fragment in local_links(page):
        if not path:
            continue
        result = site.resolve(page, path)
        if result.problem:
            spaces = "; pandoc keeps spaces and line breaks in a link target (as %20)" if _has_space(link) else ""
            yield Problem(link.line, link.column, f"{_noun(link)} target '{link.target}' {result.problem}{spaces}",
                          **_span(link), fix=_repaired_target(page, site, link, path, result))


def _repaired_target(page, site, link, path: str, result):
    """The fix for a link that leads nowhere, by why it does (see site.Resolution.cause)."""
    target = link.target.strip()
    if result.cause == "e-mail":
        return _new_target(page, link, "mailto:" + target, "Write 'mailto:' before the address", safe=True)
    if result.cause == "web address":
        return _new_target(page, link, "https://" + target, "Write 'https://' before the address")
    if result.cause == "dot slash" and not site.resolve(page, path[2:]).problem:
        return _new_target(page, link, target[2:], "Drop the './'", safe=True)
    if result.cause == "missing" and result.suggestion is not None:
        return _closest_target(page, site, link, path, result.suggestion)
    if result.cause == "template":
        return _without_site_root(page, site, link)
    return None


SITE_ROOT = re.compile(r"\{\{-?[ \t]*(?:page\.root|site\.root|site\.baseurl|relative_root_path|relative\\_root\\_path)"
                       r"[ \t]*-?\}\}/")
DEFINITION = re.compile(r"[ ]{0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*<?")


def _without_site_root(page, site, link):
    """The styles template's '{{ page.root }}/' dropped from the start of a link's target, where
    what is left leads to a page or file of the lesson (in the link, or in its definition)."""
    written = SITE_ROOT.match(link.target.strip())
    if written is None:
        return None
    path, _ = split_target(link.target.strip()[written.end():])
    if not path or site.resolve(page, path).problem:
        return None
    inline = link.reference is None and line_text(page, link.end_line)[: link.end_column - 1].endswith(")")
    label = " ".join((link.reference or link.text).split()).casefold()
    numbers = range(link.line, link.end_line + 1) if inline else [
        d.line for d in page.parsed.reference_definitions if " ".join(d.label.split()).casefold() == label]
    for number in numbers:
        source = line_text(page, number)
        for found in SITE_ROOT.finditer(source):
            before = source[: found.start()]
            if before.endswith(("(", "<")) or DEFINITION.fullmatch(before):
                return fix(f"Drop '{found.group(0)}' from the link",
                           Edit(number, found.start() + 1, number, found.end() + 1, ""), safe=False)
    return None


def _closest_target(page, site, link, path: str, suggested: str):
    """The link to the closest page or file (suggested): a page as the suggestion writes it
    (Site.link_to); a file with its new name in the author's folders where they still lead there."""
    folder, _, name = path.rpartition("/")
    candidates = [suggested]
    if not site.resolve(page, suggested).pages:
        candidates.insert(0, (folder + "/" if folder else "") + suggested.rpartition("/")[2])
    for candidate in candidates:
        if not site.resolve(page, candidate).problem:
            return _new_target(page, link, _with_path(link.target.strip(), candidate), f"Link to '{candidate}'")
    return None


@rule("LK202", "link-missing-anchor", "error", fix="unsafe")
def link_missing_anchor(page, context):
    """A link to `#anchor`, in this page or another page of the lesson, that matches no id.

    Ids are those of the built page: pandoc's heading ids (written `{#id}` or made from the
    heading text), div and span ids (`[term]{#term}`), ids in raw HTML, and the ids sandpaper
    adds. sandpaper turns the first heading of a `solution`, `hint`, `instructor` or
    `spoiler` block into a button, drops the headings of `questions`, `objectives` and tab
    blocks, and drops a challenge's title when another heading follows it directly, so their
    ids are not on the page. The ids pandoc and sandpaper number (`callout1`,
    `collapseSolution2`, `cb3`, `fn1`) are accepted on any page with such blocks, without
    counting them. links.md is appended to every page. Anchors into pages sandpaper generates
    (aio.html, images.html...) and into non-page files are not checked.
    pandoc keeps a space in the target: `[shell](#command-line interface)` is a link to
    `#command-line%20interface`, which no heading id can match.

    Fails:

        ## Loading data

        As shown in [the loading section](#load-data).

    Passes:

        ## Loading data

        As shown in [the loading section](#loading-data).

    The "did you mean" of the message is an id of the target page: one that differs only in
    case, else the closest one if it is close (difflib's ratio 0.75 or more); the message
    suggests nothing rather than a far guess. The fix, a guess to review, links to it.
    """
    site = context.lesson.site
    for link, path, fragment in local_links(page):
        if not fragment or (path and fragment == "setup" and site.resolve(page, path).site_path in HOME_PAGES):
            continue
        targets = site.anchor_pages(page, path)
        if targets is None:
            continue  # a file, a page sandpaper generates, or nowhere (LK201)
        found, dropped, known = False, {}, set()
        for target in targets:
            ids, removed = site.ids(target)
            if has_id(ids, fragment):
                found = True
                break
            dropped.update(removed)
            known.update(i for i in ids if not i.startswith("@"))
        if found:
            continue
        where = "this page" if not path else ", ".join(dict.fromkeys(t.rel for t in targets))
        if _has_space(link):
            where += f" (pandoc keeps the space in the target: the link's anchor is '#{pandoc_href(fragment)}')"
        repair = None
        if fragment in dropped:
            detail = f"the id exists in the source but not on the built page: {dropped[fragment]}"
        else:
            close = _closest_id(fragment, known)
            detail = f"did you mean '#{close[0]}'?" if close else "link to a heading id or add {#" + fragment + "} to the target"
            if close:
                target = link.target.strip()
                repair = _new_target(page, link, target[: len(target) - len(fragment)] + close[0], f"Link to '#{close[0]}'")
        yield Problem(link.line, link.column, f"Anchor '#{fragment}' matches no id in {where}; {detail}", **_span(link),
                      fix=repair)


# How close an id must be to the anchor to be suggested: a guess further off is worse than none.
ID_CUTOFF = 0.75


def _closest_id(fragment: str, known: set[str]) -> list[str]:
    """The id of the target page the anchor most likely meant ([] when none is close): one that
    differs only in case, else the closest by difflib's ratio, at least ID_CUTOFF."""
    same = sorted(ident for ident in known if ident.casefold() == fragment.casefold())
    return same[:1] or difflib.get_close_matches(fragment, sorted(known), n=1, cutoff=ID_CUTOFF)


@rule("LK203", "image-missing-alt", "error")
def image_missing_alt(page, context):
    """An image with no alternative text.

    Screen readers read the alternative text in place of the image; without it they read the
    file name or nothing. Write it in the brackets or as an `alt` attribute (which wins).
    An explicitly empty `{alt=""}` marks a purely decorative image and is accepted. Raw HTML
    `<img>` tags need an `alt` attribute too.

    Fails:

        ![](fig/plot.png)

    Passes:

        ![Line plot of inflammation over 40 days](fig/plot.png)

        ![](fig/divider.png){alt=""}
    """
    for link in page.parsed.images:
        if "alt" in link.attributes:
            continue  # given explicitly; an empty alt is a deliberate choice (decorative image)
        if not link.text.strip():
            yield Problem(link.line, link.column,
                          f"Image '{link.target}' has no alternative text; describe it in the brackets, "
                          "or add {alt=\"\"} if it is purely decorative", **_span(link))
    for line, column, tag in _html_images(page):
        if not re.search(r"\salt\s*=", tag):
            yield Problem(line, column, "HTML <img> tag has no alt attribute; add alt=\"description\" (or alt=\"\" if decorative)")


HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def _html_images(page):
    """(line, column, tag) of each raw HTML <img> of the page."""
    for html in page.parsed.raw_html:
        if not html.block:
            if html.text.lower().startswith("<img"):
                yield html.line, html.column, html.text
            continue
        if "<img" not in html.text.lower():
            continue
        for match in HTML_IMG.finditer(html.text):
            line = html.line + html.text.count("\n", 0, match.start())
            source = page.lines[line - 1] if line <= len(page.lines) else ""
            yield line, source.lower().find("<img") + 1 or 1, match.group(0)


UNINFORMATIVE = (
    "here", "click here", "this link", "a link", "link", "read more", "this", "more", "this page",
    "click", "go", "this site", "website", "page", "learn more", "more info", "more information", "see here",
)
PUNCTUATION = str.maketrans({char: " " for char in string.punctuation + "\u2026\u2013\u2014\u00bb\u00ab"})


@rule("LK204", "link-uninformative-text", "warning", options={"texts": []})
def link_uninformative_text(page, context):
    """A link whose text does not say where it leads, such as "here" or "click here".

    Screen-reader users often jump from link to link, hearing only the link texts; a page of
    "here", "here" and "link" tells them nothing. The whole text is compared, ignoring case
    and punctuation: "here", "click here", "this link", "a link", "link", "read more",
    "this", "more", "this page", "click", "go", "this site", "website", "page", "learn more",
    "more info", "more information" and "see here". A link with no text at all is reported
    too. Add your own with the option `texts`. A text that names the target is not reported:
    when every word of it is a word of the address past the host (`[here](https://cran.r-project.org/package=here)`
    links the R package called here).

    Fails:

        The data are described [here](https://example.org/data).

    Passes:

        The data are described in the [survey data guide](https://example.org/data).
    """
    extra = tuple(str(text).lower().translate(PUNCTUATION).strip() for text in context.options.get("texts", ()))
    for link in page.parsed.links:
        if link.kind != "link" or link.autolink:
            continue
        text = " ".join(link.text.lower().translate(PUNCTUATION).split())
        if not link.text.strip():
            yield Problem(link.line, link.column,
                          f"Link to '{link.target}' has no text, so screen readers announce only the address; "
                          "give it text that says where it leads", **_span(link))
        elif (text in UNINFORMATIVE or text in extra) and not _names_target(text, link.target):
            yield Problem(link.line, link.column,
                          f"Link text '{link.text.strip()}' does not say where the link leads; use the name of the "
                          "target instead", **_span(link))


WORD = re.compile(r"[^\W_]+")


def _names_target(text: str, target: str) -> bool:
    """Whether every word of a link's text is a word of its address past the host (its path,
    query and fragment): the text names what the link leads to."""
    rest = urlsplit(target.strip())
    words = set(WORD.findall(unquote(rest.path + " " + rest.query + " " + rest.fragment).casefold()))
    return bool(words) and set(WORD.findall(text.casefold())) <= words


LOCAL_HOSTS = re.compile(
    r"^(?:localhost|127(?:\.\d+){3}|0\.0\.0\.0|\[::1?\]|[^/]*\.(?:localhost|test|invalid|example)"
    r"|(?:[^/]*\.)?example\.(?:com|org|net))$",
    re.IGNORECASE,
)


def _host(url: str) -> str:
    rest = url.split("://", 1)[1] if "://" in url else url
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1]
    return host if host.startswith("[") else host.split(":", 1)[0]


@rule("LK205", "link-insecure", "warning", options={"hosts": []}, fix="unsafe")
def link_insecure(page, context):
    """A link or image over `http://` instead of `https://`.

    The lesson site is served over HTTPS: browsers block `http://` images on it (mixed
    content) and warn about the links, which can be intercepted or redirected. Bare URLs in
    the text count, since pandoc makes them links. Local and placeholder addresses, for which
    HTTPS makes no sense, are exempt: localhost, 127.x.x.x, 0.0.0.0, [::1], and the reserved
    example.com/.org/.net, *.example, *.test, *.invalid and *.localhost. Exempt more hosts
    (for a lesson about a server without TLS) with the option `hosts`.

    Fails:

        Download the [gapminder data](http://www.gapminder.org/data/).

    Passes:

        Download the [gapminder data](https://www.gapminder.org/data/).

        Open <http://localhost:8888> in your browser.

    The fix writes `https://`; it is unsafe because only the site can say whether it answers
    there.
    """
    allowed = {str(host).lower() for host in context.options.get("hosts", ())}

    def insecure(url: str) -> bool:
        if not url.lower().startswith("http://"):
            return False
        host = _host(url).lower()
        return not (LOCAL_HOSTS.match(host) or host in allowed)

    for link in page.parsed.links:
        target = link.target.strip()
        if insecure(target):
            yield Problem(link.line, link.column,
                          f"{_noun(link)} '{target}' uses http://; use https:// (check that the "
                          "site answers on it)", **_span(link),
                          fix=_new_target(page, link, "https" + target[4:], "Use https://"))
    for bare in page.parsed.bare_urls:
        if insecure(bare.url):
            line, column, url = bare.line, bare.column, bare.url
            yield Problem(line, column, f"Bare URL '{url}' uses http:// (pandoc makes it a link); use https://",
                          end_column=column + len(url),
                          fix=fix("Use https://", replace_in_line(line, column, url[:4], "https"), safe=False))


@rule("LK206", "link-undefined-reference", "error")
def link_undefined_reference(page, context):
    """A reference link `[text][label]` (or image `![alt][label]`) whose label has no definition.

    pandoc prints such a link as its literal text, brackets and all. Definitions may sit in
    the page or in links.md, which sandpaper appends to every page; the text of a heading of
    the page, as written, is a label too (pandoc's implicit header references link it to the
    heading). Labels are not case-sensitive.

    Fails:

        Use the [shell lesson][shell] first.

    Passes:

        Use the [shell lesson][shell] first.

        [shell]: https://swcarpentry.github.io/shell-novice/
    """
    headings = heading_labels(page, context)
    for ref in page.parsed.undefined_references:
        if normalizeReference(ref.label) in headings:
            continue  # an implicit reference to the heading of that text
        what = "Image" if ref.image else "Reference link"
        yield Problem(ref.line, ref.column,
                      f"{what} label '{ref.label}' is not defined in this page or links.md; pandoc shows the brackets "
                      f"as text. Add '[{ref.label}]: URL' to links.md or fix the label")


@rule("LK207", "link-site-root", "warning", fix="unsafe")
def link_site_root(page, context):
    """A link or image starting with `/`, the root of the web server.

    A lesson is usually served under a sub-path (`https://user.github.io/lesson-name/`), so
    `/fig/plot.png` asks for `https://user.github.io/fig/plot.png`, outside the lesson, and
    the preview of the built site breaks too. Use a path relative to the page.

    Fails:

        ![Plot of the results](/fig/plot.png)

    Passes:

        ![Plot of the results](fig/plot.png)

    The fix writes that relative path when it leads to a page or file of the lesson; it is
    unsafe because the link may be meant for another site on the same server.
    """
    site = context.lesson.site
    for link in page.parsed.links:
        target = link.target.strip()
        if target.startswith("/") and not target.startswith("//"):
            path, _ = split_target(target)
            relative = flatten(path.lstrip("/")) or "index.html"
            leads_to = site.resolve(page, relative)
            if leads_to.pages:  # a page: written as every link to a page is
                relative = site.link_to(page, leads_to.pages[0])
            repair = None
            if not leads_to.problem:
                repair = _new_target(page, link, _with_path(target, relative), f"Link to '{relative}'")
            yield Problem(link.line, link.column,
                          f"{_noun(link)} target '{target}' starts at the server root, which is outside the lesson when it is "
                          f"served under a sub-path; use a relative path such as '{relative}'", **_span(link), fix=repair)


@rule("LK208", "link-empty", "error")
def link_empty(page, context):
    """A link or image with an empty target, `[text]()`, or a bare `#` placeholder.

    pandoc makes it a link to the page itself (or an image with no picture): a placeholder
    left for a URL that was never filled in.

    Fails:

        See the [official documentation]() for details.

    Passes:

        See the [official documentation](https://docs.python.org/3/) for details.
    """
    for link in page.parsed.links:
        target = link.target.strip()
        if target in ("", "#"):
            what = "an empty target" if not target else "the placeholder target '#'"
            yield Problem(link.line, link.column, f"{_noun(link)} '{link.text.strip()}' has {what}; fill in the URL or remove the link",
                          **_span(link))


@rule("LK209", "link-no-extension", "warning", fix="safe")
def link_no_extension(page, context):
    """A link to a page of the lesson written without its extension (`[loops](02-loops)`).

    sandpaper leaves the target as written, so the built page links to `02-loops`, while the
    page is `02-loops.html`. GitHub Pages, where most lessons are published, serves
    `02-loops.html` for it, so the link works there; in sandpaper's local preview, in an
    offline copy of the site and on a server that does not add `.html` it is broken, and so
    it is on GitHub when reading the source. A warning, not LK201's error, since the
    published lesson works. A name that matches no page is LK201's (`13-loops` when the
    episode is `14-loops.md`).

    Fails (in an episode):

        Follow the [setup instructions](setup).

    Passes:

        Follow the [setup instructions](../learners/setup.md).

    The fix writes the page's source path, which leads to the same page everywhere.
    """
    site = context.lesson.site
    for link, path, _fragment in local_links(page):
        if not path:
            continue
        result = site.resolve(page, path)
        if not result.extensionless:
            continue
        written = site.link_to(page, result.pages[0]) if result.pages else result.site_path
        if path.endswith("/"):
            reach = (f"names it as a folder, '{path}', which the site does not have: GitHub Pages answers 404 there "
                     f"too (it serves {result.site_path} only for '{path.rstrip('/')}'), as do sandpaper's preview and "
                     "an offline copy")
        else:
            reach = (f"reaches {result.site_path} only where the server adds '.html' (GitHub Pages does), not in "
                     "sandpaper's preview or an offline copy")
        yield Problem(link.line, link.column, f"{_noun(link)} target '{link.target}' has no extension: it {reach}; "
                      f"write '{written}'", **_span(link),
                      fix=_new_target(page, link, _with_path(link.target.strip(), written), f"Link to '{written}'",
                                      safe=True))


@rule("LK210", "link-spaced-reference", "error")
def link_spaced_reference(page, context):
    """Two bracket groups with a space between them, `[text] [label]`, where `label` is defined.

    kramdown (the old Jekyll template) read this as one reference link with the text `text`.
    pandoc reads two bracket groups: it prints `[text]` as it is, brackets and all (unless
    `text` is a label itself), and links only `[label]`, with the label as the link's text.

    Fails:

        Follow the [shell lesson] [shell] first.

        [shell]: https://swcarpentry.github.io/shell-novice/

    Passes:

        Follow the [shell lesson][shell] first.

        [shell]: https://swcarpentry.github.io/shell-novice/
    """
    for ref in page.parsed.spaced_references:
        bang = "!" if ref.image else ""
        yield Problem(ref.line, ref.column,
                      f"'{bang}[{ref.text}] [{ref.label}]' is two bracket groups for pandoc, not one reference "
                      f"{'image' if ref.image else 'link'} as kramdown read it: pandoc prints '{bang}[{ref.text}]' "
                      f"as text, brackets and all, and links only '{ref.label}'; write '{bang}[{ref.text}][{ref.label}]'")


AFTER = {"image": "the image", "link": "the link", "span": "the bracketed span", "heading": "the heading"}


def _shortened(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


@rule("LK211", "attributes-as-text", "error")
def attributes_as_text(page, context):
    """An attribute block, `{#id .class key=value}`, that pandoc cannot read and prints as text.

    pandoc reads attributes right after an image's or link's `)`, after a bracketed span's
    `]` and at the end of a heading. A block it cannot read (a quote inside a value quoted with
    the same quote, a space after the opening quote, an id or class with characters it does not
    allow, spaces around `=`), or one separated from the image by a space or a line break, is
    printed on the page, and the image keeps none of it: no alt text, no width. In a heading
    it stays in the title, and in the id pandoc makes from the title.

    Fails:

        ![](fig/plot.png){alt='It's a plot of the results' width=50%}

    Passes:

        ![](fig/plot.png){alt="It's a plot of the results" width=50%}
    """
    for unread in page.parsed.unread_attributes:
        text, after = _shortened(unread.text), AFTER[unread.after]
        if not unread.reason:
            message = (f"pandoc prints '{text}' as text: attributes must follow {after}'s ')' directly, with no space "
                       f"or line break between, so {after} gets none of them")
        elif unread.after == "heading":
            message = f"pandoc cannot read '{text}' as attributes, so it stays in the heading's text and id: {unread.reason}"
        else:
            message = f"pandoc cannot read '{text}' as attributes of {after} and prints it as text: {unread.reason}"
        yield Problem(unread.line, unread.column, message, end_column=unread.column + len(unread.text.split("\n")[0]))


# --- how a link or image reads: LK212, LK213 -----------------------------------------------------


# [text] (target): a bracket group, spaces, and a parenthesised link target with no spaces
SPACED_LINK = re.compile(r"(!?)\[([^\[\]\n]+)\]([ \t]+)\(([^()\s]+)\)")
TARGET_LIKE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|mailto:|\.\.?/|#)"
                         r"|\.(?:md|Rmd|html?|png|jpe?g|gif|svg|pdf)(?:#|$)")


@rule("LK212", "link-spaced-target", "error", fix="safe")
def link_spaced_target(page, context):
    """A link or image written with a space between its text and its target:
    `[text] (https://...)`.

    pandoc (like every Markdown) reads a link only when the `(` follows the `]` directly. With
    a space between them, the page shows `[text]` with its brackets, and the target in
    parentheses as text after it (an address as a bare link of its own, `(11-lists.md)` as
    plain text), and an image shows no picture at all. Bracket text that is a defined
    reference label, or the text of a heading of the page (an implicit header reference), is
    a link of its own and is not reported.

    Fails:

        Read the [introduction to the shell] (https://swcarpentry.github.io/shell-novice/).

    Passes:

        Read the [introduction to the shell](https://swcarpentry.github.io/shell-novice/).

    The fix removes the space, where the joined link then leads somewhere (else the message says
    to mend the target too).
    """
    starts = {(link.line, link.column) for link in page.parsed.links}
    headings = heading_labels(page, context)
    for inline in inline_texts(page, context):
        if "] (" not in inline.text and "]\t(" not in inline.text:
            continue
        for match in SPACED_LINK.finditer(inline.text):
            target = match.group(4)
            if not TARGET_LIKE.search(target):
                continue
            line, column = inline.position(match.start())
            bracket_line, bracket_column = inline.position(match.start(2) - 1)
            written = inline.source[match.start() : match.end()]
            text = inline.source[match.start(2) : match.end(2)]
            if (line, column) in starts or (bracket_line, bracket_column) in starts or \
                    normalizeReference(text) in headings:
                continue  # [label] is a reference link (to a definition, or to the heading of that text)
            gap_line, gap_column = inline.position(match.start(3))
            end_line, end_column = inline.position(match.end())
            what, one = ("image", "an image") if match.group(1) else ("link", "a link")
            joined = _leads_somewhere(page, context, target)
            advice = "remove the space" if joined else (
                f"remove the space, and mend the target: '{target}' leads nowhere on the built site")
            yield Problem(line, column, f"'{written}' is no {what}: pandoc reads {one} only when '(' follows "
                                        f"']' directly, so the page shows '{match.group(1)}[{text}]' in "
                                        f"brackets and '({target})' as text; {advice}",
                          end_line=end_line, end_column=end_column,
                          fix=fix("Remove the space before the target",
                                  Edit(gap_line, gap_column, gap_line, gap_column + len(match.group(3)), ""))
                          if joined else None)


def _leads_somewhere(page, context, target: str) -> bool:
    """Whether a link to target, once it is a link, leads somewhere: an address elsewhere, or a
    page, file or anchor of the built site (joining a broken one would only trade this finding
    for LK201's or LK202's)."""
    address = target.split()[0] if target.split() else target
    if is_external(address) or address.startswith("mailto:"):
        return True
    site = context.lesson.site
    path, fragment = split_target(address)
    resolved = site.resolve(page, path) if path else None
    if resolved is not None and resolved.problem:
        return False
    if fragment:  # as LK202 judges an anchor
        targets = site.anchor_pages(page, path)
        return targets is None or any(has_id(site.ids(target)[0], fragment) for target in targets)
    return True


IMAGE_FILE = re.compile(r"[\w.~-]+\.(?:png|jpe?g|gif|svg|webp|tiff?|bmp|pdf)", re.IGNORECASE)
FILE_LIKE_STEM = re.compile(r"[\w-]+")


def _file_name(target: str) -> tuple[str, str]:
    name = posixpath.basename(unquote(target.split("?", 1)[0].split("#", 1)[0]))
    return name, name.rsplit(".", 1)[0] if "." in name else name


@rule("LK213", "image-alt-file-name", "warning")
def image_alt_file_name(page, context):
    """An image whose alternative text is its file name: `![SQL_10_DataSource](fig/SQL_10_DataSource.png)`.

    A screen reader reads the alternative text in place of the image, so its user hears
    "S Q L underscore 10 underscore data source" and learns nothing of what the image shows;
    editors and converters often fill in the file name when no description was written.
    Reported are an alternative text that is the image's file name or its path, or the file
    name without its extension when that is a file-like name (words joined by `_` or `-`, or
    with digits, such as `pandas_join_types` or `image001`). A single word that is also the
    file's name (`![Logo](fig/logo.png)`) may well describe the image, and passes. Describe
    what the image shows.

    Fails:

        ![pandas_join_types](fig/pandas_join_types.png)

    Passes:

        ![Venn diagrams of the four join types: inner, outer, left and right](fig/pandas_join_types.png)
    """
    for image in page.parsed.images:
        alt = " ".join(image.alt.split())
        if not alt:
            continue  # LK203
        name, stem = _file_name(image.target.strip())
        folded = alt.casefold()
        exact = folded in (name.casefold(), image.target.strip().casefold()) or (
            IMAGE_FILE.fullmatch(alt) is not None and folded == name.casefold())
        file_like = folded == stem.casefold() and FILE_LIKE_STEM.fullmatch(stem) and re.search(r"[_\d-]", stem)
        if exact or file_like:
            yield Problem(image.line, image.column, f"Alternative text '{alt}' is the image's file name: a screen "
                                                    "reader announces the name, not what the image shows; describe "
                                                    "the image",
                          end_line=image.end_line, end_column=image.end_column)
