# -*- coding: utf-8 -*-
"""The views the two generated applications write alike.

``tests/parity/generated/app.py`` (Flask 0.1 and flask01) and
``tests/modern_parity/generated/app.py`` (Flask 2.1.3 and
flask01.modern) answer these routes with the same logic, so one piece of
code serves both: each application registers them with its own ``flask``
module and its own ``lines`` (the way it shows what a view saw).  What a
version adds or does its own way stays in its application.

It runs on Python 2.7 (the original Flask 0.1) and 3 alike: the parity
worker finds it beside itself, the modern_parity worker puts this folder
on ``sys.path``.  ``unicode_literals`` makes every literal text on Python
2 as on Python 3.
"""

from __future__ import unicode_literals

import sys

from werkzeug.exceptions import NotFound

PY2 = sys.version_info[0] == 2


def native(text):
    """*text* as a native string: UTF-8 bytes on Python 2, as a Python 2
    application wrote its paths and URLs (Werkzeug 0.6 took a byte string
    as it was, but quoted a unicode one first); itself on Python 3."""
    return text.encode("utf-8") if PY2 else text


def status_of(text):
    """A status given in the query: a number if it is one."""
    if text is None:
        return 200
    if text.isdigit():
        return int(text)
    return text


def url_parts(request):
    """The parts of the request's URL both versions name alike, as
    ``(name, value)`` pairs for ``lines``."""
    names = ("script_root", "url", "base_url", "url_root", "host_url", "host")
    return [(name, getattr(request, name)) for name in names]


def form_parts(request, files):
    """What a request with a body was parsed into: its form, the *files*
    listed as the version lists them, the form and query together, its
    mimetype, as ``(name, value)`` pairs for ``lines``."""
    return [
        ("form", request.form),
        ("files", files),
        ("values", request.values),
        ("mimetype", request.mimetype),
    ]


def markup_parts(flask, text):
    """*text* escaped, wrapped, formatted into and joined by ``Markup``, as
    ``(name, value)`` pairs for ``lines``."""
    return [
        ("escape", flask.escape(text)),
        ("markup", flask.Markup(text)),
        ("format", flask.Markup("<em>%s</em>") % text),
        ("join", flask.Markup("<br>").join([text, flask.Markup("<hr>")])),
    ]


def markup_text_parts(flask, text):
    """The text of ``Markup(text)``: its tags stripped, its entities
    unescaped, as ``(name, value)`` pairs for ``lines``."""
    return [
        ("striptags", flask.Markup(text).striptags()),
        ("unescape", flask.Markup(text).unescape()),
    ]


def header_parts(request):
    """The request's headers but Cookie, whose session each side encodes
    its own way (2.1 stamps it with its time), and its User-Agent, as
    ``(name, value)`` pairs for ``lines``."""
    return [
        ("headers", sorted(list(p) for p in request.headers if p[0].lower() != "cookie")),
        ("user_agent", request.user_agent.string),
    ]


def set_cookie_as_asked(response, args, **more):
    """*response* with the cookie the query of ``/setcookie`` describes
    set, and the one it names in ``delete`` deleted; *more*: the arguments
    of ``set_cookie`` only one version takes."""
    options = dict(
        max_age=args.get("max_age", type=int),
        path=args.get("path", "/"),
        domain=args.get("domain"),
        secure="secure" in args,
        httponly="httponly" in args,
    )
    options.update(more)
    # on one line: Python 2 takes no comma after **options
    response.set_cookie(args.get("key", "flavour"), args.get("value", ""), **options)
    if "delete" in args:
        response.delete_cookie(args["delete"])
    return response


def context_arguments(args):
    """The ``base_url`` and ``query_string`` the query of ``/ctx`` gives
    ``test_request_context``, as native strings."""
    arguments = {}
    if "base" in args:
        arguments["base_url"] = native(args["base"])
    if "qs" in args:
        arguments["query_string"] = native(args["qs"])
    return arguments


def seen_in_test_request_context(request):
    """What the request of a ``test_request_context`` says of itself."""
    return [request.path, request.script_root, request.url, request.method, request.args]


#: the kinds of ``/raise/<kind>`` both versions take: what they raise
RAISES_ALIKE = ("args", "form", "zero")


def raise_alike(flask, kind):
    """Fail as ``/raise/<kind>`` asks, for a kind of :data:`RAISES_ALIKE`:
    a key missing from the query or the form (``BadRequestKeyError``), a
    division by zero."""
    if kind == "args":
        return flask.request.args["missing"]
    if kind == "form":
        return flask.request.form["missing"]
    return "%d" % (1 // 0)


def add_respond(app, flask, methods, own_answer):
    """Register ``/respond/<kind>``, which returns what the query asks for
    a view to return: the kinds both versions take the same way here (a
    text, bytes, a body and a status, a response, a WSGI application with
    native strings, an HTTP exception, and None and a number, which both
    refuse), any other by ``own_answer(kind, args, body, status, extra)``,
    the version's own."""

    @app.route("/respond/<kind>", methods=methods)
    def respond(kind):
        a = flask.request.args
        body = a.get("body", "body")
        status = status_of(a.get("s"))
        extra = {"X-Gen": a.get("h", "h")}
        if kind == "text":
            return body
        if kind == "bytes":
            return body.encode("utf-8")
        if kind == "status":
            return body, status
        if kind == "response":
            return flask.Response(body, status=status, mimetype="text/plain")
        if kind == "wsgi":

            def application(environ, start_response):
                start_response(str("200 OK"), [(str("Content-Type"), str("text/plain"))])
                return [b"from a WSGI app\n"]

            return application
        if kind == "http-exception":
            return NotFound()
        if kind == "none":
            return None
        if kind == "number":
            return 5
        return own_answer(kind, a, body, status, extra)


def add_views_alike(app, flask, lines, template_sources):
    """Register on *app* the views both applications write alike: the
    index page, the query's values, templates by name and from
    *template_sources*, ``abort`` with a code and with a response,
    ``redirect`` and the plain routes of the routing cases."""

    @app.route("/")
    def index():
        return flask.render_template(
            "gen_page.html", value=flask.request.args.get("v", ""), markup=flask.Markup("<b>m</b>")
        )

    @app.route("/args/<path:rest>")
    @app.route("/args", methods=["GET", "POST"])
    def args(rest=None):
        a = flask.request.args
        return lines(
            ("args", a),
            ("get a", a.get("a")),
            ("getlist a", a.getlist("a")),
            ("get n int", a.get("n", type=int)),
            ("query_string", flask.request.query_string),
        )

    @app.route("/tpl/<path:name>")
    def template(name):
        return flask.render_template(
            name, value=flask.request.args.get("v", ""), markup=flask.Markup("<b>&amp;</b>")
        )

    @app.route("/string/<int:number>")
    def string(number):
        value = flask.request.args.get("v", "")
        return flask.render_template_string(
            template_sources[number % len(template_sources)],
            value=value,
            markup=flask.Markup("<i>%s</i>") % value,
        )

    @app.route("/abort/<int:code>")
    def aborting(code):
        flask.abort(code)

    @app.route("/abort-response")
    def abort_response():
        flask.abort(flask.Response("aborted with a response\n", 409))

    @app.route("/redirect")
    def redirecting():
        a = flask.request.args
        return flask.redirect(a.get("to", "/"), status_of(a.get("code", "302")))

    @app.route("/slash/")
    def slash():
        return "slash\n"

    @app.route("/noslash")
    def noslash():
        return "noslash\n"

    @app.route("/user/<name>")
    def user(name):
        return lines(("name", name))

    @app.route("/float/<float:x>")
    def flt(x):
        return lines(("x", x))

    @app.route("/caf\xe9/<name>")
    def cafe(name):
        return lines(("cafe", name), ("path", flask.request.path))
