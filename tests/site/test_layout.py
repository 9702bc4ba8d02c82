"""Every page of the built site, read at a desktop's width (1280 px) in
headless Chromium: nothing runs off the side of the page, no text is
smaller than 11 px as drawn (an SVG diagram's text at the size the page
shows it, after any scaling), every box of a diagram carries a label that
fits inside it, and the page logs no console error.  A screenshot of every
page is kept next to the site (``docs/_build/screenshots/`` for
``nox -s docs``) as a build artefact.  Every page is read at a phone's
width too (390 px), where it must not scroll sideways either: code and
diagrams scroll inside their own boxes.  Last, on scratch projects, the
notes a ``source`` directive sets beside the lines they explain."""

import pathlib
import sys

import pytest

from .conftest import ROOT

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SMALLEST_TEXT = 11  # px

#: what the browser measures on a page: JavaScript run in it
MEASURE = """() => {
  const found = {overflow: 0, small: [], unlabeled: [], wrapped: [], svgText: 0, boxes: 0};
  // the page, and the theme's article column, which scrolls on its own
  // (so that what is too wide for it does not push the page wider)
  for (const box of [document.documentElement, document.querySelector('.bd-article-container')]) {
    if (box) found.overflow = Math.max(found.overflow, box.scrollWidth - box.clientWidth);
  }
  // a field's label (the deviation register's "Shown by:") on one line
  for (const label of document.querySelectorAll('dl.field-list > dt')) {
    const range = document.createRange();
    range.selectNodeContents(label);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.bottom)));
    if (lines.size > 1) found.wrapped.push(label.textContent.trim());
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !element || seen.has(element)) continue;
    seen.add(element);
    if (element.closest('svg')) continue;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
    const size = parseFloat(style.fontSize);
    if (size < SMALLEST) found.small.push(
      `${element.tagName.toLowerCase()}.${element.className} ${size}px: `
      + walker.currentNode.textContent.trim().slice(0, 40));
  }
  for (const text of document.querySelectorAll('svg text')) {
    const matrix = text.getScreenCTM();
    if (!matrix || !text.textContent.trim()) continue;
    found.svgText++;
    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b);
    if (size < SMALLEST) found.small.push(
      `svg text ${size.toFixed(1)}px: ${text.textContent.slice(0, 40)}`);
  }
  for (const group of document.querySelectorAll('.companion-diagram svg g')) {
    const rect = group.querySelector(':scope > rect');
    if (!rect) continue;
    found.boxes++;
    const title = group.querySelector(':scope > title');
    const name = title ? title.textContent : '(no title)';
    const text = group.querySelector(':scope > text');
    if (!text || !text.textContent.trim()) { found.unlabeled.push(`${name}: no label`); continue; }
    const r = rect.getBBox(), t = text.getBBox();
    const across = t.x >= r.x && t.x + t.width <= r.x + r.width;
    if (!across || t.y < r.y || t.y + t.height > r.y + r.height + 4)
      found.unlabeled.push(`${name}: its label "${text.textContent}" does not fit its box`);
  }
  return found;
}""".replace("SMALLEST", str(SMALLEST_TEXT))


def _pages(site):
    """Every page a reader can reach: not the theme's own templates that
    Sphinx copies among the static files."""
    found = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    # a theme's files under _static (of either edition) are no pages
    return sorted(p for p in found if "_static/" not in p)


def pytest_generate_tests(metafunc):
    if "page_name" in metafunc.fixturenames:
        site = pathlib.Path(metafunc.config.getoption("site")).resolve()
        metafunc.parametrize("page_name", _pages(site) if (site / "index.html").exists() else [])


def _shot_name(page_name):
    return page_name.removesuffix(".html").replace("/", "--") + ".png"


def test_the_site_has_pages_to_read(site):
    pages = _pages(site)
    # the home page, the chapters, the API, the source pages of viewcode
    assert "index.html" in pages
    assert len([p for p in pages if p.startswith("chapters/")]) >= 15
    assert len(pages) >= 40


def test_every_page_reads_well_at_a_desktops_width(site, page, screenshots, page_name):
    page.set_viewport_size(DESKTOP)
    page.goto((site / page_name).as_uri())
    page.wait_for_load_state("load")
    found = page.evaluate(MEASURE)
    page.screenshot(path=str(screenshots / _shot_name(page_name)), full_page=True)
    assert found["overflow"] <= 0, f"the page is {found['overflow']} px wider than the window"
    assert found["small"] == [], f"text under {SMALLEST_TEXT} px"
    assert found["unlabeled"] == []
    assert found["wrapped"] == [], "field labels broken over lines"
    assert page.problems == []


def test_every_page_fits_a_phones_width(site, page, page_name):
    page.set_viewport_size(PHONE)
    page.goto((site / page_name).as_uri())
    page.wait_for_load_state("load")
    found = page.evaluate(MEASURE)
    assert found["overflow"] <= 0, f"the page is {found['overflow']} px wider than the phone"
    assert found["small"] == []
    assert found["wrapped"] == []
    assert page.problems == []


@pytest.mark.parametrize(
    "chapter", ["chapters/03-cycle.html", "chapters/09-modern-context.html", "tracing.html"]
)
def test_the_diagrams_are_measured(site, page, chapter):
    """The checks above saw the diagrams: their boxes and their text."""
    page.set_viewport_size(DESKTOP)
    page.goto((site / chapter).as_uri())
    found = page.evaluate(MEASURE)
    assert found["boxes"] > 10
    assert found["svgText"] >= found["boxes"]


NOTED = """
def greet(name):
    words = ["Hello", name]
    return " ".join(words)
"""


def _noted_page(scratch, term):
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    sys.path.insert(0, str(scratch.folder))
    scratch.module("toy", NOTED)
    try:
        from companion.locate import locate

        pin = locate("toy.greet").fingerprint
    finally:
        sys.path.remove(str(scratch.folder))
        sys.modules.pop("toy", None)
    scratch.page(
        "Toy\n===\n\n"
        f".. source:: toy.greet\n   :pin: {pin}\n\n"
        f"   ``{term}``\n      The words, NOTE-ONE.\n\n"
        "   ``return``\n      Joined, NOTE-TWO.\n"
    )


def test_notes_stand_each_beside_the_lines_it_explains(scratch):
    _noted_page(scratch, "words =")
    result = scratch.build()
    assert result.returncode == 0, result.stderr
    html = (scratch.folder / "out" / "index.html").read_text(encoding="utf-8")
    rows = html.split('class="companion-beside-row')[1:]
    # the def line alone, then each note's row with its own lines
    assert len(rows) == 3
    expected = [("", "def", "NOTE"), ("NOTE-ONE", "Hello", "join"), ("NOTE-TWO", "join", "Hello")]
    for row, (note, has, lacks) in zip(rows, expected, strict=True):
        assert note in row
        assert has in row
        assert lacks not in row


def test_a_note_on_no_line_fails_the_build(scratch):
    _noted_page(scratch, "goodbye =")
    result = scratch.build()
    assert result.returncode != 0
    assert "the notes of toy.greet: no line from line 1 on holds 'goodbye ='" in result.stderr
