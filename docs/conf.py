"""Sphinx configuration for the flask01 site."""

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
]
templates_path = []
exclude_patterns = ["_build", "_inventories"]
html_theme = "alabaster"
html_static_path = ["_static"]
html_css_files = ["companion.css"]
html_theme_options = {
    "description": "Flask 0.1, runnable and annotated",
    "fixed_sidebar": True,
    "show_relbars": True,
}

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
