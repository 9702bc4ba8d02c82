"""How far the Chinese edition's catalogs are translated.

    python tools/catalog_status.py            # every catalog
    python tools/catalog_status.py chapters/  # those whose name starts so

One line per catalog of docs/locale/zh_CN/LC_MESSAGES/: its messages, how
many are translated (a msgstr that is not fuzzy), how many are fuzzy (an
English paragraph changed since it was translated: `nox -s catalogs`
marks them, and Sphinx shows the English until the translation is redone)
and the translated share.  Babel comes with Sphinx.
"""

import pathlib
import sys

from babel.messages.pofile import read_po

ROOT = pathlib.Path(__file__).resolve().parents[1]
CATALOGS = ROOT / "docs" / "locale" / "zh_CN" / "LC_MESSAGES"


def status(path):
    with path.open("rb") as file:
        catalog = read_po(file)
    messages = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    translated = sum(1 for m in messages if m.string and not m.fuzzy)
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


if __name__ == "__main__":
    main(sys.argv[1:])
