"""`charterlogic report`: the HTML site, loaded in a real (headless) browser, and its safe writes.

The browser test skips, saying why, where Debian's chromium is not installed; CI installs it.
"""

from __future__ import annotations

import html
import os
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser import WIDTH, chromium, dump_dom, screenshot
from charterlogic.render.html import FILES, PAGES
from helpers import MINI_CHARTER
from helpers import run_cli as run


class _Links(HTMLParser):
    """The ids and the links of a page, and any reference to the network."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.remote: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                if value.startswith(("http:", "https:", "//")):
                    self.remote.append(value)
                else:
                    self.links.append(value)


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _text(page: str) -> str:
    """A page's text, as a reader sees it: no tags, no entities."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _unlinked_citations(page: str) -> list[str]:
    """The citations in a page's prose that are not links: `Art. 6`, `Arts. 5 and 6`, a bare
    `8(a)`. Links, code and the page's title are left out, and so are the articles' own
    headings (`Art. 8 · Non-aggression among parties`), which are what the links point to."""
    prose = re.sub(r"<(a|code|pre|title)\b.*?</\1>|<h2>Art\. \d+ · ", "", page, flags=re.S)
    return re.findall(r"\b(?:Arts?\.|Articles?) \d+(?:\([a-z]\))?|\b\d+\([a-z]\)",
                      _text(prose))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    code, out, err = run("report", "--out", str(folder), "--scenario",
                         "docs/examples/timeline_denunciation.scenario")
    assert code == 0, err
    assert out == f"wrote 5 files to {folder}: open {folder / 'index.html'}\n"
    # the files a refusal checks before the analyses run are the files written
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    return folder


def test_the_site_reads_without_javascript_and_needs_no_network(site: Path, charter) -> None:
    pages = {name: (site / name).read_text("utf-8") for name, _ in PAGES}
    text = {name: html.unescape(page) for name, page in pages.items()}
    article_6 = next(a for a in charter.articles if a.citation.label == 6)
    assert article_6.text in text["index.html"]  # in the HTML itself, not built by a script
    assert "Burkina Faso MUST assist Niger" in pages["scenarios.html"]
    assert "<details" in pages["scenarios.html"] and "<details" in pages["check.html"]
    for page in pages.values():
        assert _parse(page).remote == []
    # the scenario given with --scenario is answered too
    assert "--scenario docs/examples/timeline_denunciation.scenario" in pages["scenarios.html"]


def test_every_article_every_interpretation_and_every_citation_link(site: Path, charter) -> None:
    index = (site / "index.html").read_text("utf-8")
    for article in charter.articles:
        assert article.text in _text(index)
    for name in charter.interpretations:
        assert f'id="interp-{name}"' in index
    assert 'number unverified' in index
    scenarios = (site / "scenarios.html").read_text("utf-8")
    assert '(<a href="index.html#art-6">Art. 6</a>' in scenarios
    assert '<a href="index.html#art-denunciation">Denunciation clause (art. no. unverified)</a>' \
        in scenarios


def test_citations_in_prose_are_links_each_number_of_a_list_too(site: Path) -> None:
    pages = {name: (site / name).read_text("utf-8") for name, _ in PAGES}
    for name, page in pages.items():
        # Articles 9 to 17: no article of the model bears either number (the final clauses are
        # known by subject), so there is nothing to link to
        assert _unlinked_citations(page) in ([], ["Articles 9"]), name

    def link(number: int, text: str) -> str:
        return f'<a href="index.html#art-{number}">{text}</a>'

    index = pages["index.html"]
    assert f"{link(5, 'Arts. 5')} to {link(8, '8')}" in index  # a range: both ends
    assert f"{link(6, 'Arts. 6')} and {link(8, '8')}" in index
    assert f"{link(5, 'Arts. 5')}, {link(6, '6')} and {link(8, '8(a)')}" in index
    assert f"{link(7, 'Art. 7')} says what aggression covers, so {link(8, '8(a)')}" in index
    # the articles' own texts
    assert f"accession ({link(11, 'Art. 11')})" in index
    assert f"Aggression under {link(6, 'Art. 6')}" in index
    scenarios = pages["scenarios.html"]
    assert f"<h2>{link(8, '8(a)')}: threats and force between parties</h2>" in scenarios
    assert f"({link(4, 'Art. 4')}'s duties, {link(8, 'Art. 8')}'s prohibitions)" in scenarios
    # a widening's sentence names its article once, not once more beside it
    assert f"as widened by {link(7, 'Art. 7(b)')}" in scenarios
    assert f"as widened by {link(7, 'Art. 7(b)')} <span" not in scenarios


def _section(page: str, id_: str) -> str:
    """The HTML of the <section> with this id."""
    start = page.index(f'<section class="article" id="{id_}">')
    return page[start:page.index("</section>", start)]


def test_the_charter_page_says_each_thing_once_in_words(site: Path) -> None:
    index = (site / "index.html").read_text("utf-8")
    generic = "No norm and no definition: nothing in this article binds anyone"
    # Art. 2's note already says it has no norm; the unknown articles' note does not
    assert "Note.</strong> No norm: a statement of purpose" in _section(index, "art-2")
    assert generic not in _section(index, "art-2") and generic not in _section(index, "art-3")
    assert generic in _section(index, "art-unknown-content")
    # a paragraph's norm names its paragraph
    assert '<span class="name">(no_blockade, <a href="index.html#art-8">Art. 8(b)</a>)</span>' \
        in index
    assert '<span class="name">(collective_assistance)</span>' in index
    # a reading with options is set to one of them; --literal picks each one's literal option
    assert "switches them all off" not in index
    assert "<code>--interpretation NAME=OPTION</code>" in index
    field = index[index.index('id="interp-field_country"'):]
    assert "Default: <strong>sahel_field_states</strong>; literal: <strong>any_state</strong>" \
        in field[:field.index("</div>")]
    check = (site / "check.html").read_text("utf-8")
    assert "<summary>Burkina Faso MAY use armed force against Mali, inside alliance area " \
        '<span class="cite">(<a href="index.html#art-5">Art. 5</a>, force_against_threats)' \
        in check
    assert "permitted: burkina_faso to" not in check
    vocabulary = (site / "vocabulary.html").read_text("utf-8")
    assert "<strong>ratification</strong>: maliactu.net" in vocabulary
    assert "<strong>any_state</strong>: Reading (3): any state." in vocabulary
    assert "--actor algeria:state" not in vocabulary


def test_the_site_is_deterministic(site: Path, tmp_path: Path) -> None:
    code, _, _ = run("report", "--out", str(tmp_path), "--scenario",
                     "docs/examples/timeline_denunciation.scenario")
    assert code == 0
    for name, _ in PAGES:
        assert (tmp_path / name).read_bytes() == (site / name).read_bytes()


@pytest.mark.skipif(chromium() is None, reason="chromium is not installed (Debian: apt-get "
                    "install -y chromium; CI installs it), so the report is not loaded in a "
                    "browser")
def test_the_report_in_a_real_browser(site: Path, tmp_path: Path, charter) -> None:
    doms = {name: dump_dom(site / name) for name, _ in PAGES}
    article_6 = next(a for a in charter.articles if a.citation.label == 6)
    index = _parse(doms["index.html"])
    assert "art-6" in index.ids and article_6.text in html.unescape(doms["index.html"])
    assert "Burkina Faso MUST assist Niger" in doms["scenarios.html"]
    # the script ran: it shows the buttons that a reader without JavaScript never sees
    assert 'data-details="open">' in doms["scenarios.html"]
    ids = {name: _parse(dom).ids for name, dom in doms.items()}
    checked = 0
    for name, dom in doms.items():
        for link in _parse(dom).links:
            target, _, fragment = link.partition("#")
            target = target or name
            assert (site / target).is_file(), f"{name}: {link} names no file"
            if fragment and target in ids:
                assert fragment in ids[target], f"{name}: {link} resolves to no element"
                checked += 1
    assert checked > 100  # the citations, the tables of contents, the interpretations
    shot = tmp_path / "report.png"
    screenshot(site / "index.html", shot)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == WIDTH and height > 0


# ---- writing the site safely --------------------------------------------------------------------


def test_report_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("mine", "utf-8")
    code, out, err = run("report", "--out", str(tmp_path))
    assert code == 2 and out == ""
    assert f"error[E011]: {tmp_path / 'index.html'} exists; give --force to overwrite it" in err
    assert (tmp_path / "index.html").read_text("utf-8") == "mine"
    # --force overwrites; a small charter (run outside the repository: no suite) keeps it quick
    (tmp_path / "mini.dsl").write_text(MINI_CHARTER, "utf-8")
    assert run("report", "mini.dsl", "--out", str(tmp_path), "--force",
                   cwd=tmp_path)[0] == 0
    assert (tmp_path / "index.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_report_never_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    code, _, err = run("report", "--out", str(tmp_path / "link"))
    assert code == 2 and "error[E011]" in err and "is a symbolic link" in err
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", "utf-8")
    os.symlink(victim, out / "check.html")
    code, _, err = run("report", "--out", str(out), "--force")
    assert code == 2 and "charterlogic never writes through one" in err
    assert victim.read_text("utf-8") == "keep"
