"""Sphinx configuration for the flask01 site."""

import logging
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # flask01 itself
sys.path.insert(0, os.path.join(HERE, "_ext"))  # the companion extension

project = "flask01"
author = "The flask01 developers"
copyright = "2026, The flask01 developers"
release = "0.1.0"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "companion",
    # the worked answers of the chapters' exercises fold away (dropdown)
    "sphinx_design",
    # a link on every page to the same page in the other language
    "language_switch",
]
templates_path = []
exclude_patterns = ["_build", "_inventories"]
# The Chinese edition (zh_CN): its catalogs are docs/locale/zh_CN/
# LC_MESSAGES/*.po, one per page (gettext_compact off), so that a page's
# translation is kept in step in a file of its own.  Sphinx compiles the
# .mo files when it builds; `nox -s docs` builds the English site and then
# this one into docs/_build/html/zh_CN/ (`-D language=zh_CN`).
locale_dirs = ["locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
# PyData's theme: an article column of about 100 characters (the width of
# the code the chapters show), a dark mode, and a layout that folds its
# sidebars away on a phone.  companion.css styles what the companion adds
# (captions, diagrams, the notes beside long listings) and widens the
# article to a 100-column listing with its line numbers.
html_theme = "pydata_sphinx_theme"
html_title = "flask01"
html_static_path = ["_static"]
html_css_files = ["companion.css"]
html_theme_options = {
    "navbar_align": "left",
    # the chapters' titles are long: a few in the bar, the rest under "More"
    "header_links_before_dropdown": 3,
    # the site is read from disk too: no icons fetched from elsewhere
    "icon_links": [],
    "show_prev_next": True,
    "footer_start": ["copyright"],
    "footer_end": [],
}
# The chapters are the home page's entries, so a page has no section
# of its own to list in a left sidebar: the bar across the top lists
# them, and the article takes the width (the page's contents are on the
# right).
html_sidebars = {"**": []}
# light or dark as the reader's system is set, until they choose
html_context = {"default_mode": "auto"}

autodoc_member_order = "bysource"
autodoc_typehints = "none"

# The libraries' own inventories, bundled so that the build needs no
# network (`nox -s inventories` refreshes them from Debian's doc
# packages; docs/_inventories/README.md says from which).  Each points at
# the online documentation of the version the inventory was built from.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3.11/", "_inventories/python.inv"),
    "werkzeug": ("https://werkzeug.palletsprojects.com/en/2.2.x/", "_inventories/werkzeug.inv"),
    "jinja2": ("https://jinja.palletsprojects.com/en/3.1.x/", "_inventories/jinja2.inv"),
    "flask": ("https://flask.palletsprojects.com/en/2.2.x/", "_inventories/flask.inv"),
    "itsdangerous": (
        "https://itsdangerous.palletsprojects.com/en/2.1.x/",
        "_inventories/itsdangerous.inv",
    ),
}

# MarkupSafe has no inventory in the package registries this build may
# use, so its names are not checked.
nitpick_ignore_regex = [
    (r"py:.*", r"markupsafe(\..*)?"),
]

# The search page fetches each hit to show a summary; under file:// the
# browser refuses those fetches, and the site must work opened from disk.
html_show_search_summary = False

# The Chinese edition's search index is segmented by jieba when it is
# installed (the docs dependency group has it); it reports building its
# dictionary on every build, which says nothing a reader of the log needs.
try:
    import jieba
except ImportError:
    pass
else:
    jieba.setLogLevel(logging.WARNING)
