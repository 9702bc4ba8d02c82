"""A link on every page to the same page in the site's other language.

The English site is built into ``docs/_build/html/`` and the Chinese one
(``-D language=zh_CN``, from the catalogs in ``docs/locale/``) into
``docs/_build/html/zh_CN/``, so the same page in the other language is
always one folder down (English → Chinese) or up (Chinese → English).
The link is relative, so that it works on a site opened from disk
(``file://``) as well as on a server.  It sits in the bar across the top,
before the theme's light/dark switch, on every page the theme draws
(the chapters, the API pages, the source pages, the index and the search
page alike).
"""

import os

#: the folder, under the English site, that holds the Chinese one
CHINESE = "zh_CN"
TEMPLATE = "language-switch.html"
#: PyData's own ``navbar_end`` when conf.py does not set one
THEME_DEFAULT_END = ["theme-switcher", "navbar-icon-links"]


def _configure(app, config):
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "language_switch")
    config.templates_path = [*config.templates_path, here]
    options = dict(config.html_theme_options or {})
    end = list(options.get("navbar_end", THEME_DEFAULT_END))
    if TEMPLATE not in end:
        options["navbar_end"] = [TEMPLATE, *end]
    config.html_theme_options = options


def other_language_uri(pagename, target_uri, language):
    """The relative address, from page *pagename*, of the same page in
    the other language's build; *target_uri* is the page's own address
    relative to its site's root."""
    up = "../" * pagename.count("/")
    if language == CHINESE:
        return "../" + up + target_uri
    return up + CHINESE + "/" + target_uri


def _page_context(app, pagename, templatename, context, doctree):
    if app.builder.format != "html":
        return
    chinese = app.config.language == CHINESE
    context["language_switch"] = {
        "href": other_language_uri(
            pagename, app.builder.get_target_uri(pagename), app.config.language
        ),
        "label": "English" if chinese else "中文",
        "hreflang": "en" if chinese else "zh-CN",
        "title": "Read this page in English" if chinese else "阅读本页的中文版",
    }


def _keep_code_out_of_the_catalogs(app, doctree):
    """The companion's listings and traces (its ``annotated_code`` blocks)
    are code that runs, never prose: no catalog holds them, so that a
    trace that changes with the code never makes a translation stale."""
    for node in doctree.findall(lambda n: type(n).__name__ == "annotated_code"):
        node["translatable"] = False


def _mend_the_chinese_stemmer(app, exception):
    """Sphinx 9.0's search for zh_CN stems the Latin words of a query with
    the English stemmer, but its ``language_data.js`` then says
    ``window.Stemmer = ChineseStemmer``, a name nothing defines: every
    page of the Chinese edition logs a ReferenceError and its search
    finds nothing.  Point it at the stemmer the file does define."""
    if exception is not None or app.builder.format != "html":
        return
    path = os.path.join(app.outdir, "_static", "language_data.js")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as file:
        text = file.read()
    wrong = "window.Stemmer = ChineseStemmer;"
    if wrong in text and "var ChineseStemmer" not in text and "var EnglishStemmer" in text:
        with open(path, "w", encoding="utf-8") as file:
            file.write(text.replace(wrong, "window.Stemmer = EnglishStemmer;"))


def setup(app):
    app.connect("config-inited", _configure)
    app.connect("doctree-read", _keep_code_out_of_the_catalogs)
    app.connect("build-finished", _mend_the_chinese_stemmer)
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
