"""The ``source`` directive: an object's live code on the page.

::

    .. source:: flask01.Flask.wsgi_app
       :pin: 7d4f99515245
       :docstring: hide

``:head:`` shows only a class's head: its statement, docstring and
attributes, up to the first method.

The object is found by name (:mod:`.locate`), shown with the file's own
line numbers and every name linked (:mod:`.linking`), under a caption
that says where it is.  ``:pin:`` is the fingerprint of the code the
commentary around it was written for: when the code changes, the build
fails and names the object (:mod:`.pins`) until someone has read the
commentary again and pinned it anew.  ``:docstring: hide`` leaves the
docstring out where the API entry already shows it.
"""

import ast
import os

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import failures, linking, pins, registry
from .locate import NotFound, locate, relative_path

logger = logging.getLogger(__name__)


class SourceDirective(SphinxDirective):
    required_arguments = 1
    option_spec = {
        "pin": directives.unchanged_required,
        "docstring": lambda value: directives.choice(value, ("show", "hide")),
        "head": directives.flag,
    }

    def run(self):
        name = self.arguments[0]
        try:
            located = locate(name, head="head" in self.options)
        except NotFound as exc:
            # read again when those files change: the name may come back
            _depends_on(self.env, exc.read_files)
            failures.record(self.env, f"source: {exc}")
            raise self.error(f"source: {exc}") from None
        # Any build, not only one that reads every page again (-E), must
        # show the code as it is now and check the pin against it: the
        # page is read again whenever a file its code came from changes.
        _depends_on(self.env, located.read_files)
        pins.check(self.env, located, self.options.get("pin"), self.lineno)
        anchor = registry.record_read(self.env, located, head="head" in self.options)
        target = nodes.target("", "", ids=[anchor])
        skip = _docstring_lines(located) if self.options.get("docstring") == "hide" else ()
        block = linking.highlighted(located, skip_lines=skip)
        wrapper = nodes.container("", classes=["companion-source"])
        wrapper += self._caption(located)
        wrapper += block
        return [target, wrapper]

    def _caption(self, located):
        root = os.path.dirname(self.env.srcdir)
        where = relative_path(located.path, root)
        caption = nodes.paragraph("", classes=["companion-caption"])
        link = linking.code_link("", "", candidates=[located.name])
        link += nodes.literal(located.name, located.name)
        caption += link
        caption += nodes.Text(f" — {where}, lines {located.first_line}–{located.last_line}")
        return caption


def _depends_on(env, files):
    for path in files:
        env.note_dependency(path)


def _docstring_lines(located):
    """The line numbers of the object's own docstring, if it has one."""
    tree = ast.parse(located.text)
    body = getattr(tree.body[0], "body", []) if tree.body else []
    if not body or not isinstance(body[0], ast.Expr):
        return ()
    if not isinstance(body[0].value, ast.Constant) or not isinstance(body[0].value.value, str):
        return ()
    offset = located.first_line - 1
    return range(body[0].lineno + offset, body[0].end_lineno + offset + 1)


def visit_annotated_code(self, node):
    classes = " ".join(["highlight-python", "notranslate", *node["classes"]])
    self.body.append(f'<div class="{classes}"><div class="highlight"><pre>')


def depart_annotated_code(self, node):
    self.body.append("</pre></div></div>\n")


def visit_as_literal(self, node):
    self.visit_literal_block(node)


def depart_as_literal(self, node):
    self.depart_literal_block(node)


def setup(app):
    app.add_node(
        linking.annotated_code,
        html=(visit_annotated_code, depart_annotated_code),
        text=(visit_as_literal, depart_as_literal),
    )
    app.add_node(linking.code_link, html=(lambda s, n: None, lambda s, n: None))
    app.add_directive("source", SourceDirective)
    app.connect("doctree-resolved", linking.resolve_links)
