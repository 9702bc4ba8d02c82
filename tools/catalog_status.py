"""How far the Chinese edition's catalogs are translated, and the
translation drift guard.

    python tools/catalog_status.py            # every catalog
    python tools/catalog_status.py chapters/  # those whose name starts so
    python tools/catalog_status.py --check TEMPLATES

One line per catalog of docs/locale/zh_CN/LC_MESSAGES/: its messages, how
many are translated (a msgstr that is not fuzzy), how many are fuzzy (an
English paragraph changed since it was translated: `nox -s catalogs`
marks them, and Sphinx shows the English until the translation is redone)
and the translated share.  Babel comes with Sphinx.

``--check TEMPLATES`` is the drift guard ``nox -s docs`` runs.  TEMPLATES
is a folder of message templates (``.pot``) just extracted from the
English pages by Sphinx's gettext builder, so they hold every paragraph
as it reads today.  For each page of :data:`TRANSLATED`, every one of
its paragraphs must have a translation in the page's catalog that is not
fuzzy; otherwise the check names the page and the paragraph and exits 1.
An English paragraph edited since its translation is thus caught even
before anyone updates the catalogs: its new text has no entry yet.
"""

import pathlib
import re
import sys

from babel.messages.pofile import read_po

ROOT = pathlib.Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"

#: the pages the Chinese edition translates whole (catalog names, a name
#: ending in "/" standing for every page in that folder): all of them.
#: Generated output (the benchmark's tables) never reaches a catalog
#: (docs/_ext/companion/generated.py).
TRANSLATED = (
    "index",
    "glossary_zh",
    "chapters/",
    "deviations",
    "security",
    "modern",
    "parity",
    "mutation",
    "specifications",
    "tracing",
    "benchmarks",
    "beside",
    "api",
    "api_modern",
    "api_tracing",
)

#: a message of figures alone (``1.60 [1.55, 1.69]``, ``0%``): the same in
#: every language, so it needs no translation
FIGURES = re.compile(r"[\d\s.,%\[\]()+\-–×/]*")


def _needs_no_translation(message):
    return bool(FIGURES.fullmatch(str(message.id)))


def _read(path):
    with path.open("rb") as file:
        return read_po(file)


def status(path):
    messages = [m for m in _read(path) if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    translated = sum(1 for m in messages if (m.string or _needs_no_translation(m)) and not m.fuzzy)
    return len(messages), translated, fuzzy


def main(prefixes):
    rows = []
    for path in sorted(CATALOGS.rglob("*.po")):
        name = path.relative_to(CATALOGS).with_suffix("").as_posix()
        if prefixes and not name.startswith(tuple(prefixes)):
            continue
        rows.append((name, *status(path)))
    width = max((len(row[0]) for row in rows), default=0)
    print(f"{'catalog':{width}}  messages  translated  fuzzy  share")
    for name, total, translated, fuzzy in rows:
        share = 100 * translated / total if total else 100.0
        print(f"{name:{width}}  {total:8}  {translated:10}  {fuzzy:5}  {share:5.1f}%")
    total = sum(row[1] for row in rows)
    translated = sum(row[2] for row in rows)
    fuzzy = sum(row[3] for row in rows)
    share = 100 * translated / total if total else 100.0
    print(f"{'all':{width}}  {total:8}  {translated:10}  {fuzzy:5}  {share:5.1f}%")


def _is_translated_page(name):
    return any(
        name == page or (page.endswith("/") and name.startswith(page)) for page in TRANSLATED
    )


def untranslated(templates):
    """``(page, paragraph, why)`` for every paragraph of a translated page
    that its catalog does not translate, fuzzy or missing."""
    missing = []
    for template in sorted(templates.rglob("*.pot")):
        name = template.relative_to(templates).with_suffix("").as_posix()
        if not _is_translated_page(name):
            continue
        path = CATALOGS / f"{name}.po"
        catalog = _read(path) if path.exists() else None
        for message in _read(template):
            if not message.id or _needs_no_translation(message):
                continue
            entry = catalog.get(message.id, message.context) if catalog else None
            if entry is None or not entry.string:
                missing.append((name, message.id, "not translated"))
            elif entry.fuzzy:
                missing.append((name, message.id, "fuzzy: the English changed"))
    return missing


def check(templates):
    """Exit 1, naming each page and paragraph, unless every paragraph of
    every translated page is translated."""
    missing = untranslated(pathlib.Path(templates))
    for name, paragraph, why in missing:
        text = " ".join(str(paragraph).split())
        print(f"{name}: {why}: {text[:100]}{'...' if len(text) > 100 else ''}")
    if missing:
        print(
            f"{len(missing)} paragraph(s) of the translated pages have no current Chinese"
            " translation: run `nox -s catalogs`, translate them in docs/locale/zh_CN/,"
            " and build again"
        )
        return 1
    print("Every paragraph of the translated pages has a current Chinese translation.")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        sys.exit(check(sys.argv[2]))
    main(sys.argv[1:])
