"""``overview``: one request's whole path, 0.1 and modern side by side.

::

    .. overview::

       import flask01, flask01.modern
       old = flask01.Flask(__name__)
       new = flask01.modern.Flask(__name__)
       ...

The body builds two applications, ``old`` (a :class:`flask01.Flask`)
and ``new`` (a :class:`flask01.modern.Flask`), in the chapter's
namespace.  When the site is built, each gets one ``GET`` of the path
in ``:path:`` through a server loop of a few lines, the way every WSGI
server does it: call the application, read the body it returned, call
that body's ``close()``.  That is recorded with the package's own tracer
(:mod:`flask01.tracing`), and the diagram is drawn from the recording:
the framework calls that mark the path, the pushes and pops of the
context stacks, the application's own functions (hooks, the view,
teardown), and the WSGI events, each in the band of its phase, in the
order it happened, indented under the call that made it.

Nothing in the diagram is typed by hand but the names of the phases and
the list of calls that mark them (:data:`PHASES`).  A phase that one of
the two requests never reached, or reached out of order, fails the
build: the picture would say something the code does not do.
"""

from html import escape

from docutils import nodes
from docutils.parsers.rst import directives
from werkzeug.test import create_environ

from flask01 import tracing

from .running import _RunningDirective, chapter_namespace

#: the phases of a request, in order: (key, title, the calls that mark it)
PHASES = [
    ("server", "the server calls the app", ("Flask.__call__", "Flask.wsgi_app")),
    (
        "push",
        "contexts made and pushed",
        ("Flask.request_context", "_RequestContext.__enter__", "RequestContext.push"),
    ),
    ("before", "before-request hooks", ("Flask.full_dispatch_request", "Flask.preprocess_request")),
    ("dispatch", "dispatch to the view", ("Flask.dispatch_request",)),
    (
        "response",
        "the response, after-request hooks",
        ("Flask.finalize_request", "Flask.make_response", "Flask.process_response"),
    ),
    (
        "pop",
        "teardown, contexts popped",
        (
            "_RequestContext.__exit__",
            "RequestContext.auto_pop",
            "RequestContext.pop",
            "AppContext.pop",
            "Flask.do_teardown_request",
            "Flask.do_teardown_appcontext",
        ),
    ),
    ("body", "the server reads the body", ()),
    ("close", "the server calls close()", ()),
]
_ORDER = [key for key, _, _ in PHASES]
_MARKS = {name: key for key, _, names in PHASES for name in names}
# also calls that mark no phase of their own but are worth a box
_SHOWN = {"AppContext.push", "Flask.app_context"}

#: colours of the boxes, by kind of event (dark text on light fill)
_FILL = {
    "call": "#dbe7f5",
    "app": "#fde7c7",
    "push": "#d9f0d9",
    "pop": "#f6d6d6",
    "wsgi": "#e6e0f3",
}
_KIND_WORDS = [
    ("call", "framework call"),
    ("app", "your code"),
    ("push", "context pushed"),
    ("pop", "context popped"),
    ("wsgi", "WSGI server side"),
]


def serve(app, path):
    """One request, the way a WSGI server makes it."""
    environ = create_environ(path)
    body = app(environ, lambda status, headers, exc_info=None: None)
    try:
        for _ in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()


def milestones(recorded):
    """``[(phase, depth, kind, label)]`` for one recorded request."""
    found = []
    phase = "server"

    def visit(node, depth):
        nonlocal phase
        kind = node["kind"]
        shown = False
        if kind == "call":
            name = node["qualname"]
            if name in _MARKS:
                phase = _MARKS[name]
            if name in _MARKS or name in _SHOWN:
                found.append((phase, depth, "call", name))
                shown = True
        elif kind == "app":
            found.append((phase, depth, "app", node["qualname"] + "()"))
            shown = True
        elif kind in ("push", "pop"):
            stack = node["stack"].rsplit(".", 1)[-1]
            found.append(
                (phase, depth, kind, f"{kind} {node['context'].split()[0]} ({stack} stack)")
            )
            shown = True
        elif kind == "wsgi":
            event = node["event"]
            if event == "start_response":
                found.append((phase, depth, "wsgi", "start_response(" + node["detail"] + ")"))
            elif event == "body":
                phase = "body"
                found.append((phase, depth, "wsgi", "body returned to the server"))
            elif event == "next" and node["detail"].startswith("→"):
                found.append((phase, depth, "wsgi", "server reads " + node["detail"][2:]))
            elif event == "close":
                phase = "close"
                found.append((phase, depth, "wsgi", "body.close()"))
        for child in node.get("children", ()):
            visit(child, depth + (1 if shown else 0))

    for node in recorded.calls:
        visit(node, 0)
    return found


def check(found, which):
    """The problems of one column: a phase missing or out of order."""
    problems = []
    seen = [phase for phase, *_ in found]
    for key in _ORDER:
        if key not in seen:
            problems.append(f"{which}: the request never reached the phase {key!r}")
    ranks = [_ORDER.index(p) for p in seen]
    if ranks != sorted(ranks):
        problems.append(f"{which}: the phases happened in another order: {seen}")
    return problems


# -- drawing ----------------------------------------------------------------

_ROW, _FONT = 24, 13
_TITLE = 24  # a band's title row
_LEFT, _COLUMN, _SPACE, _INDENT = 8, 336, 12, 12


def svg(columns, titles):
    """Both columns, phase by phase, as one SVG; its text is 12 and 13
    px, and it is drawn at its own size (about 700 px wide), scrolled
    sideways rather than shrunk where the page is narrower."""
    width = 2 * _LEFT + 2 * _COLUMN + _SPACE
    out = []
    y = 34
    bands = []
    for key, title, _ in PHASES:
        rows = max(sum(1 for m in column if m[0] == key) for column in columns)
        height = _TITLE + rows * _ROW + 4
        bands.append((key, title, y, height))
        y += height
    legend_top = y + 12
    total = legend_top + 24
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total}" '
        f'width="{width}" height="{total}" role="img" class="companion-overview" '
        f'style="max-width: none" font-family="sans-serif" font-size="{_FONT}">'
    )
    out.append(
        "<title>One GET request through flask01 (0.1) and flask01.modern, "
        "phase by phase, as recorded when this page was built</title>"
    )
    for i, title in enumerate(titles):
        x = _LEFT + i * (_COLUMN + _SPACE)
        out.append(f'<text x="{x}" y="22" font-weight="bold" font-size="14">{escape(title)}</text>')
    for n, (key, title, top, height) in enumerate(bands):
        fill = "#f2f2f2" if n % 2 == 0 else "#ffffff"
        out.append(f'<rect x="0" y="{top}" width="{width}" height="{height}" fill="{fill}"/>')
        out.append(
            f'<text x="{_LEFT}" y="{top + 17}" font-weight="bold" fill="#333">{n + 1}. '
            f"{escape(title)}</text>"
        )
        for i, column in enumerate(columns):
            x0 = _LEFT + i * (_COLUMN + _SPACE)
            rows = [m for m in column if m[0] == key]
            for r, (_, depth, kind, label) in enumerate(rows):
                x = x0 + min(depth, 8) * _INDENT
                y0 = top + _TITLE + r * _ROW
                w = _COLUMN - (x - x0)
                # one group a box: its whole label as a tooltip, the box,
                # and the label cut to fit inside it
                out.append(f"<g><title>{escape(label)}</title>")
                out.append(
                    f'<rect x="{x}" y="{y0}" width="{w}" height="{_ROW - 4}" rx="3" '
                    f'fill="{_FILL[kind]}" stroke="#8a8a8a" stroke-width="0.6"/>'
                )
                out.append(
                    f'<text x="{x + 6}" y="{y0 + 15}" font-family="monospace" font-size="12" '
                    f'fill="#111">{escape(_fit(label, w))}</text></g>'
                )
    x = _LEFT
    for kind, words in _KIND_WORDS:
        out.append(
            f'<rect x="{x}" y="{legend_top}" width="14" height="14" fill="{_FILL[kind]}" '
            'stroke="#8a8a8a" stroke-width="0.6"/>'
        )
        out.append(
            f'<text x="{x + 20}" y="{legend_top + 12}" font-size="12">{escape(words)}</text>'
        )
        x += 20 + 7 * len(words) + 18
    out.append("</svg>")
    return "".join(out)


def _fit(label, width):
    room = int((width - 10) / 7.3)  # 12 px monospace is about 7.2 px a character
    return label if len(label) <= room else label[: room - 1] + "…"


class OverviewDirective(_RunningDirective):
    has_content = True
    option_spec = {"path": directives.unchanged}

    def run(self):
        path = self.options.get("path", "/")
        try:
            self._run_code()
        except Exception as exc:
            raise self._failure(f"overview: the code raised {exc!r}") from None
        namespace = chapter_namespace(self.env)
        columns, problems = [], []
        for name, which in (("old", "flask01"), ("new", "flask01.modern")):
            app = namespace.get(name)
            if app is None:
                raise self._failure(f"overview: the code defines no {name!r} application")
            recorder = tracing.Trace(follow=(which,))
            try:
                self._run_watched(lambda app=app, recorder=recorder: _traced(app, recorder, path))
            except Exception as exc:
                raise self._failure(f"overview: GET {path} on {name} raised {exc!r}") from None
            found = milestones(recorder)
            problems += check(found, which)
            columns.append(found)
        if problems:
            raise self._failure("overview: " + "; ".join(problems))
        code = "\n".join(self.content)
        titles = ["flask01 (Flask 0.1)", "flask01.modern (Flask 2.1.3)"]
        caption = (
            f"<figcaption>GET {escape(path)} through both versions, recorded by "
            "flask01.tracing when this page was built: phase by phase, in the order it "
            "happened, each box indented under the call that made it.</figcaption>"
        )
        figure = f'<figure class="companion-diagram">{svg(columns, titles)}{caption}</figure>'
        return [
            nodes.literal_block(code, code, language="python"),
            nodes.raw("", figure, format="html"),
        ]


def _traced(app, recorder, path):
    with recorder:
        serve(app, path)


def setup(app):
    app.add_directive("overview", OverviewDirective)
