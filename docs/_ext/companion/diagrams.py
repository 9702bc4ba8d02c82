"""Diagrams drawn from real runs, as inline SVG.

Nothing here is drawn by hand, and nothing is drawn here at all: the
package's tracer (:mod:`flask01.tracing`) draws the call tree a ``trace``
recorded and the context stacks a ``stacks`` run saw change, the same
pictures a reader gets from ``python -m flask01.tracing`` or in a
notebook.  This module only puts each one in a captioned figure.  The
SVG is written into the page itself, so the diagrams need no tool at
build time beyond Python and no network when the page is opened from
disk.
"""

from html import escape

from flask01 import tracing


def icicle(calls, title):
    """Every call as a labelled box inside its caller's, top to bottom in
    the order they were made (:func:`flask01.tracing.icicle_svg`)."""
    return _figure(tracing.icicle_svg(calls, title), title)


def stack_columns(recorder, version):
    """The stacks of *version* (``flask01`` or ``flask01.modern``) that
    the trace *recorder* saw, after each change."""
    return _figure(recorder.stacks_svg(version), tracing.STACKS_TITLE)


def _figure(svg, title):
    caption = f"<figcaption>{escape(title)}</figcaption>"
    return f'<figure class="companion-diagram">{svg}{caption}</figure>'
