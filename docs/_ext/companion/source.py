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

A body of notes sets them beside the lines they explain, the two-column
layout of Pycco: a definition list whose every term is a piece of a
line of the code (the first line from there on that holds it) and whose
definition is the note on that line and those under it, up to the next
note's line::

    .. source:: flask01.Flask.wsgi_app
       :pin: 7d4f99515245

       ``rv = self.preprocess_request()``
          runs the before-request functions ...

On a wide screen each note stands beside its lines; on a narrow one the
notes and the lines are stacked, each note above its lines.  A term
that no line holds fails the build.
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
    has_content = True  # notes beside the lines (see the module's docstring)
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
        wrapper += self._beside_notes(located, block) if self.content else block
        return [target, wrapper]

    def _beside_notes(self, located, block):
        """The code cut where each note's line starts, each piece in a row
        with its note (the first piece, above the first note's line, with
        none)."""
        parsed = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, parsed)
        notes = parsed.children[0] if len(parsed.children) == 1 else None
        if not isinstance(notes, nodes.definition_list):
            raise self._notes_error("its body must be one definition list: a line, its note")
        lines = located.text.splitlines()
        starts, after = [], 0
        for item in notes.children:
            term = item.next_node(nodes.term).astext()
            found = next((i for i in range(after, len(lines)) if term in lines[i]), None)
            if found is None:
                raise self._notes_error(f"no line from line {after + 1} on holds {term!r}")
            starts.append(located.first_line + found)
            after = found + 1
        pieces = _cut(block, starts)
        rows = nodes.container("", classes=["companion-beside"])
        for note, piece in zip([None, *notes.children], pieces, strict=True):
            if note is None and not _has_code(piece):
                continue
            row = nodes.container("", classes=["companion-beside-row"])
            text = nodes.container("", classes=["companion-note"])
            if note is not None:
                text += note.next_node(nodes.definition).children
            row += text
            code = nodes.container("", classes=["companion-beside-code"])
            code += piece
            row += code
            rows += row
        return rows

    def _notes_error(self, message):
        message = f"source: the notes of {self.arguments[0]}: {message}"
        failures.record(self.env, message)
        return self.error(message)

    def _caption(self, located):
        root = os.path.dirname(self.env.srcdir)
        where = relative_path(located.path, root)
        caption = nodes.paragraph("", classes=["companion-caption"])
        link = linking.code_link("", "", candidates=[located.name])
        link += nodes.literal(located.name, located.name)
        caption += link
        caption += nodes.Text(f" — {where}, lines {located.first_line}–{located.last_line}")
        return caption


def _cut(block, starts):
    """*block* (an :class:`~.linking.annotated_code`) as one block per
    piece: the lines before ``starts[0]``, then from each start to the
    next.  A line belongs to the piece of the last number seen (an elided
    docstring's marker to the piece it was in)."""
    pieces = [linking.annotated_code("", "") for _ in range(len(starts) + 1)]
    current = 0
    for child in list(block.children):
        if isinstance(child, nodes.inline) and "linenos" in child["classes"]:
            number = child.astext().strip()
            if number.isdigit():
                current = sum(1 for start in starts if start <= int(number))
        pieces[current] += child
    for piece in pieces:  # no piece ends in a blank line of its own
        while piece.children and piece.children[-1].astext() == "\n":
            piece.pop()
    return pieces


def _has_code(piece):
    return any(not isinstance(c, nodes.inline) or "linenos" not in c["classes"] for c in piece)


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
