"""The two editions: the English site and the Chinese one under zh_CN/
(docs/_ext/language_switch.py, the catalogs in docs/locale/zh_CN/).

Every page of each edition has a link to the same page in the other,
relative, so that it works on the site opened from disk; and the pages
the Chinese edition translates really are in Chinese."""

import html.parser
import pathlib
import re

import pytest

CHINESE = "zh_CN"
#: pages whose prose the Chinese edition translates (besides every
#: chapter): code, names, transcripts and traces stay as they are
TRANSLATED = [
    "index.html",
    "glossary_zh.html",
    "security.html",
    "deviations.html",
    "parity.html",
    "modern.html",
]
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
CODE = {"pre", "code", "script", "style", "svg"}


class _Page(html.parser.HTMLParser):
    """The language switch's links, the document's language and the
    article's prose (not its code)."""

    def __init__(self):
        super().__init__()
        self.switches, self.lang, self.prose = [], None, []
        self._open = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and "language-switch" in (attrs.get("class") or "").split():
            self.switches.append(attrs)
        if tag not in VOID:
            self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data):
        if "article" in self._open and not CODE.intersection(self._open):
            self.prose.append(data)


def _read(path):
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(root):
    found = (p.relative_to(root).as_posix() for p in root.rglob("*.html"))
    return sorted(p for p in found if not p.startswith(("_static/", CHINESE + "/")))


@pytest.fixture(scope="session")
def chinese(site):
    root = site / CHINESE
    if not (root / "index.html").exists():
        pytest.fail(f"no Chinese edition at {root}: run `nox -s docs`")
    return root


def test_the_two_editions_have_the_same_pages(site, chinese):
    assert _pages(site) == _pages(chinese)


@pytest.mark.parametrize("edition", ["en", CHINESE])
def test_every_page_links_to_the_same_page_in_the_other_language(site, chinese, edition):
    here, there = (site, chinese) if edition == "en" else (chinese, site)
    wrong = []
    for name in _pages(here):
        page = here / name
        # the theme draws the top bar's end twice: in the bar, and in
        # the sidebar a phone opens
        hrefs = {switch["href"] for switch in _read(page).switches}
        if len(hrefs) != 1:
            wrong.append(f"{name}: language switches to {sorted(hrefs) or 'nowhere'}")
            continue
        (href,) = hrefs
        if "://" in href or href.startswith("/"):
            wrong.append(f"{name}: {href} is not relative")
            continue
        target = (page.parent / href).resolve()
        if target != (there / name).resolve():
            wrong.append(f"{name}: leads to {target}, not to {there / name}")
    assert wrong == []


def test_the_chinese_edition_says_it_is_chinese(chinese):
    assert _read(chinese / "index.html").lang == "zh-CN"


def _translated(site):
    chapters = sorted(p.relative_to(site).as_posix() for p in (site / "chapters").glob("*.html"))
    return TRANSLATED + chapters


def test_the_translated_pages_are_in_chinese(site, chinese):
    untranslated = []
    for name in _translated(site):
        english = "".join(_read(site / name).prose)
        translated = "".join(_read(chinese / name).prose)
        # outside code, a translated page keeps the names, the citations
        # and the diagrams' English, well under half of the English page's
        # letters (an untranslated page keeps them all), and is written in
        # Han characters
        letters = len(LATIN.findall(translated)) / max(1, len(LATIN.findall(english)))
        han = len(HAN.findall(translated))
        if letters > 0.5 or han < 200:
            untranslated.append(
                f"{name}: {letters:.0%} of the English letters, {han} Han characters"
            )
    assert untranslated == []


def test_the_switch_works_in_a_browser_opened_from_disk(site, page):
    page.goto((site / "chapters" / "00-overview.html").as_uri())
    page.locator("a.language-switch").first.click()
    page.wait_for_load_state("load")
    assert page.url == (site / CHINESE / "chapters" / "00-overview.html").as_uri()
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    page.locator("a.language-switch").first.click()
    page.wait_for_load_state("load")
    assert pathlib.Path(page.url.removeprefix("file://")) == site / "chapters" / "00-overview.html"
    assert page.problems == []


#: draws one character on a canvas with the page's own font and returns
#: its pixels: where no installed font has the character, every Chinese
#: character is drawn as the same empty box
GLYPH = """(character) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 48;
  const context = canvas.getContext('2d');
  context.font = '40px ' + getComputedStyle(document.body).fontFamily;
  context.fillText(character, 2, 40);
  return Array.from(context.getImageData(0, 0, 48, 48).data).join(',');
}"""


def test_chinese_characters_are_drawn_with_a_font_that_has_them(site, page):
    page.goto((site / CHINESE / "index.html").as_uri())
    drawn = {character: page.evaluate(GLYPH, character) for character in "上下文请求"}
    blank = page.evaluate(GLYPH, " ")
    assert blank not in drawn.values(), "a Chinese character is drawn as nothing"
    assert len(set(drawn.values())) == len(drawn), (
        "Chinese characters are drawn alike (as boxes): install a CJK font"
        " (apt-get install fonts-noto-cjk)"
    )


def test_the_chinese_search_finds_a_chinese_term(site, page):
    # the index is segmented by jieba (the docs session installs it), so a
    # word inside a Chinese sentence is found on its own
    page.goto((site / CHINESE / "search.html").as_uri() + "?q=上下文")
    page.wait_for_selector("ul.search li", timeout=20_000)
    found = page.locator("ul.search li a").all_inner_texts()
    assert len(found) >= 5, found
    assert any("上下文" in title for title in found), found
    assert page.problems == []
