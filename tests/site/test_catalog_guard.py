"""The Chinese edition's translation drift guard
(``tools/catalog_status.py --check``, run by ``nox -s docs``): a page
that the edition translates fails the build for every paragraph whose
translation is missing or fuzzy, and names it."""

import importlib.util
import pathlib

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

TOOL = pathlib.Path(__file__).resolve().parents[2] / "tools" / "catalog_status.py"


@pytest.fixture
def guard(tmp_path, monkeypatch):
    """The tool, reading its catalogs from a scratch folder."""
    spec = importlib.util.spec_from_file_location("catalog_status", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "CATALOGS", tmp_path / "catalogs")
    return module


def _write(path, messages):
    """A catalog at *path* of (English, Chinese, fuzzy) messages."""
    catalog = Catalog(locale="zh_CN")
    for english, chinese, fuzzy in messages:
        catalog.add(english, chinese, flags=("fuzzy",) if fuzzy else ())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog)


def _templates(tmp_path, page, paragraphs):
    _write(tmp_path / "pot" / f"{page}.pot", [(p, "", False) for p in paragraphs])
    return tmp_path / "pot"


def test_a_page_whose_every_paragraph_is_translated_passes(guard, tmp_path, capsys):
    templates = _templates(tmp_path, "security", ["Kept, and why."])
    _write(guard.CATALOGS / "security.po", [("Kept, and why.", "保留的行为及原因。", False)])
    assert guard.check(templates) == 0
    assert "Every paragraph" in capsys.readouterr().out


def test_a_changed_english_paragraph_fails_naming_the_page_and_the_paragraph(
    guard, tmp_path, capsys
):
    templates = _templates(tmp_path, "chapters/01-wsgi", ["The new wording."])
    _write(guard.CATALOGS / "chapters/01-wsgi.po", [("The old wording.", "旧的措辞。", False)])
    assert guard.check(templates) == 1
    assert "chapters/01-wsgi: not translated: The new wording." in capsys.readouterr().out


def test_a_fuzzy_translation_fails(guard, tmp_path, capsys):
    templates = _templates(tmp_path, "deviations", ["A row."])
    _write(guard.CATALOGS / "deviations.po", [("A row.", "一行。", True)])
    assert guard.check(templates) == 1
    assert "deviations: fuzzy" in capsys.readouterr().out


def test_a_page_the_edition_does_not_translate_is_not_checked(guard, tmp_path):
    templates = _templates(tmp_path, "scratch", ["An untranslated paragraph."])
    assert guard.check(templates) == 0


def test_every_page_of_the_site_is_one_the_edition_translates(guard):
    for page in ("index", "chapters/03-cycle", "api", "api_modern", "benchmarks", "beside"):
        assert guard._is_translated_page(page)


def test_a_message_of_figures_alone_needs_no_translation(guard, tmp_path):
    templates = _templates(tmp_path, "benchmarks", ["1.60 [1.55, 1.69]", "0% [0%, 0%]"])
    _write(guard.CATALOGS / "benchmarks.po", [])
    assert guard.check(templates) == 0


def test_a_message_with_a_word_among_figures_needs_one(guard, tmp_path):
    templates = _templates(tmp_path, "benchmarks", ["1.60 times"])
    _write(guard.CATALOGS / "benchmarks.po", [])
    assert guard.check(templates) == 1
