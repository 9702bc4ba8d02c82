"""The built site, read as a reader would, in headless Chromium opened
straight from disk (file://, no server, no network): every chapter loads
without a console error, a name in a code block leads to its API entry
and the API entry leads back to the chapter, and the search finds a
chapter.  Screenshots of the home page and a chapter are saved next to
the site as build artefacts (test_layout.py keeps one of every page)."""

import re
from pathlib import Path

CHAPTER_WITH_TRACE = "chapters/03-cycle.html"


def _chapters(site):
    return sorted(p.relative_to(site).as_posix() for p in (site / "chapters").glob("*.html"))


def test_the_site_has_every_chapter_of_the_reading_path(site):
    sources = Path(__file__).parents[2] / "annotated"
    assert len(_chapters(site)) == len(list(sources.glob("*.rst")))


def test_every_chapter_loads_without_console_errors(site, page):
    for chapter in _chapters(site):
        page.goto((site / chapter).as_uri())
        assert page.locator("article h1").count() == 1, chapter
        assert page.problems == [], f"{chapter}: {page.problems}"


def test_a_name_in_code_leads_to_its_api_entry_and_back(site, page, screenshots):
    page.goto((site / CHAPTER_WITH_TRACE).as_uri())
    page.screenshot(path=str(screenshots / "chapter-03-cycle.png"), full_page=True)
    link = page.locator(".companion-source a.code-link", has_text="process_response").first
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("api.html#flask01.Flask.process_response")
    entry = page.locator("dt#flask01\\.Flask\\.process_response + dd")
    back = entry.locator(".companion-backlinks a", has_text="The request–response cycle")
    back.first.click()
    page.wait_for_load_state()
    assert "chapters/03-cycle.html#read-flask01-Flask-process-response" in page.url
    assert page.problems == []


def test_library_names_link_to_their_own_documentation(site):
    html = (site / "chapters" / "04-context-locals.html").read_text(encoding="utf-8")
    assert re.search(r'href="https://werkzeug\.palletsprojects\.com/[^"]*LocalStack"', html)
    assert re.search(r'href="https://docs\.python\.org/3\.11/[^"]*contextvars', html)


def test_diagrams_are_drawn_into_the_page(site, page):
    page.goto((site / CHAPTER_WITH_TRACE).as_uri())
    boxes = page.locator(".companion-diagram svg rect")
    assert boxes.count() > 10
    assert page.locator(".companion-diagram svg title", has_text="wsgi_app").count() >= 1


def test_the_search_finds_a_chapter(site, page, screenshots):
    page.goto((site / "index.html").as_uri())
    page.screenshot(path=str(screenshots / "home.png"), full_page=True)
    # the theme's search field opens from the button in the bar at the top
    page.locator("button.search-button__button:visible").first.click()
    page.fill("input[name=q]:visible", "auto_pop")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li a", timeout=15000)
    found = page.locator("#search-results li a").all_inner_texts()
    assert any("modern context" in text for text in found), found
    assert page.problems == []


def test_the_benchmark_page_shows_its_plot_machine_and_targets(site, page, screenshots):
    page.goto((site / "benchmarks.html").as_uri())
    plot = page.locator("img[src$='requests.svg']")
    assert plot.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator("p", has_text="Measured on").count() == 1
    targets = page.locator("table", has_text="flask01 / Werkzeug, hello")
    assert targets.count() == 1
    assert page.problems == []
    page.screenshot(path=str(screenshots / "benchmarks.png"), full_page=True)
