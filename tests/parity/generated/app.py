# -*- coding: utf-8 -*-
"""The application the generated parity cases are sent to.

One application that uses every public name of Flask 0.1 (``Flask``,
``Request``, ``Response``, ``request``, ``session``, ``g``,
``current_app``, ``url_for``, ``flash``, ``get_flashed_messages``,
``render_template``, ``render_template_string``, ``abort``, ``redirect``,
``escape``, ``Markup``, the hooks, ``errorhandler``, ``context_processor``,
``test_request_context`` and ``request_context``), each view showing what
it saw as plain ASCII text so that Python 2 and 3 answer alike.

It runs on the original Flask 0.1 (Python 2.7, Werkzeug 0.6.2, Jinja2
2.5.5; the worker registers ``flask`` as ``flask01``) and on flask01, so it
keeps to the Python both understand.  ``unicode_literals`` makes every
literal text on Python 2 as on Python 3.  The views it writes as the
modern_parity application does are in ``shared_views.py``, beside it.
"""

from __future__ import unicode_literals

import sys

import shared_views as shared

import flask01 as flask

PY2 = sys.version_info[0] == 2
if PY2:  # pragma: no cover - the original side only
    text_type = unicode  # noqa: F821
    binary_type = str
    integer_types = (int, long)  # noqa: F821
else:
    text_type = str
    binary_type = bytes
    integer_types = (int,)

#: a native string: Werkzeug 0.6 signs with hmac, which wants bytes on Python 2
SECRET = str("generated parity secret")


def _escape(text):
    out = []
    for char in text:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif char == "'":
            out.append("\\'")
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code < 0x100:
            out.append("\\x%02x" % code)
        elif code < 0x10000:
            out.append("\\u%04x" % code)
        else:
            out.append("\\U%08x" % code)
    return "".join(out)


def _text(value):
    if isinstance(value, binary_type):
        return value.decode("latin-1")
    return value


def _key(value):
    """A key of a multi-dict or the session.  Werkzeug 0.6 left the keys of
    ``args`` and ``form`` undecoded: Python 2 byte strings, which a Python
    2 application compared with its own UTF-8 ``str`` literals.  They are
    shown decoded as UTF-8, as flask01 decodes them on Python 3, so that
    only what differs beyond that shows."""
    if isinstance(value, binary_type):
        return value.decode("utf-8", "replace")
    return value


def _order(key):
    """Sort keys of any kind: a multipart part without a name has the key
    None, which Python 3 does not compare with text."""
    return (key is not None, _key(key) if key is not None else "")


def show(value):
    """*value* as ASCII text, the same on Python 2 and 3: bytes and text
    alike are quoted (bytes read as Latin-1, as WSGI does), mappings
    sorted by key, a multi-dict with every value of a key, a context
    local as what it stands for."""
    if hasattr(value, "_get_current_object"):
        value = value._get_current_object()
    if value is None or isinstance(value, bool):
        return "%s" % value
    if isinstance(value, integer_types):
        return "%d" % value
    if isinstance(value, float):
        return "%r" % value
    if isinstance(value, (binary_type, text_type)):
        return "'" + _escape(_text(value)) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if hasattr(value, "getlist"):
        keys = sorted(value.keys(), key=_order)
        return "{" + ", ".join(show(_key(k)) + ": " + show(value.getlist(k)) for k in keys) + "}"
    if isinstance(value, dict):
        keys = sorted(value.keys(), key=_order)
        return "{" + ", ".join(show(_key(k)) + ": " + show(value[k]) for k in keys) + "}"
    return "<%s>" % type(value).__name__


def lines(*pairs):
    """A plain-text page, one ``name: value`` line per pair."""
    return "\n".join("%s: %s" % (name, show(value)) for name, value in pairs) + "\n"


def _int(text):
    """int(), failing with ValueError on Python 2 as on 3 (Python 2's
    int() of non-ASCII text raises UnicodeEncodeError)."""
    try:
        return int(text)
    except UnicodeError:
        raise ValueError(text)


def _ascii_keys(mapping):
    return dict((str(k), v) for k, v in mapping.items() if _is_identifier(k))


def _is_identifier(key):
    return (
        bool(key)
        and all(c.isalnum() or c == "_" for c in key)
        and all(ord(c) < 128 for c in key)
        and not key[0].isdigit()
    )


#: the templates render_template_string is given, by number
TEMPLATE_SOURCES = [
    "{{ value }}|{{ value|e }}|{{ value|safe }}|{{ markup }}",
    "{% for k in request.args|sort %}{{ k }}={{ request.args[k] }};{% endfor %}",
    "{{ proc_value }} {{ proc_markup }} {{ g.first_method }} {{ session.get('k') is string }}",
    "{% for m in get_flashed_messages() %}<{{ m }}>{% endfor %}{{ url_for('index') }}",
    "{% autoescape false %}{{ value }}{% endautoescape %}{% with y = markup %}{{ y }}{% endwith %}",
    "{{ value|upper }} {{ value|length }} {{ value|replace('a', '<a>') }}",
]


def create_app():
    app = flask.Flask(__name__)
    app.secret_key = SECRET

    @app.before_request
    def before():
        flask.g.first_method = flask.request.method
        headers = flask.request.headers
        if headers.get("X-Short") is not None:
            return "short-circuited by before_request: %s\n" % show(headers.get("X-Short"))
        if headers.get("X-Before-Raise") is not None:
            raise LookupError("raised in before_request")

    @app.before_request
    def second_before():
        flask.g.hooks = ["second before"]

    @app.after_request
    def after(response):
        response.headers["X-After"] = show(getattr(flask.g, "hooks", None))
        headers = flask.request.headers
        if headers.get("X-After-Raise") is not None:
            raise LookupError("raised in after_request")
        if headers.get("X-Replace") is not None:
            return flask.Response("replaced by after_request\n", 202, mimetype="text/plain")
        return response

    @app.context_processor
    def processor():
        return dict(
            proc_value="from the context processor",
            proc_markup=flask.Markup("<em>processor</em>"),
            proc_path=flask.request.path,
        )

    @app.errorhandler(404)
    def not_found(error):
        return (
            "custom 404: %s %s\n" % (show(flask.request.path), type(error).__name__),
            404,
        )

    @app.errorhandler(403)
    def forbidden(error):
        return flask.Response("custom 403\n", 403, {"X-Handler": "403"})

    @app.errorhandler(500)
    def server_error(error):
        return "custom 500: %s\n" % type(error).__name__, 500

    shared.add_views_alike(app, flask, lines, TEMPLATE_SOURCES)

    everything = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"]

    @app.route("/echo/", methods=everything)
    @app.route("/echo/<path:rest>", methods=everything)
    def echo(rest=None):
        req = flask.request
        return lines(
            *[("rest", rest), ("method", req.method), ("path", req.path)]
            + shared.url_parts(req)
            + [
                ("endpoint", req.endpoint),
                ("view_args", req.view_args),
                ("is_request", isinstance(req._get_current_object(), flask.Request)),
            ]
        )

    form_methods = ["POST", "PUT", "DELETE", "PATCH", "GET"]

    @app.route("/form", methods=form_methods)
    def form():
        req = flask.request
        files = []
        for name in sorted(req.files.keys(), key=_order):
            for stored in req.files.getlist(name):
                files.append([_key(name), stored.filename, stored.content_type, stored.read()])
        return lines(*shared.form_parts(req, files))

    @app.route("/data", methods=form_methods)
    def data():
        req = flask.request
        return lines(
            ("data", req.data),
            ("mimetype", req.mimetype),
            ("content_type", req.content_type),
            ("content_length", req.content_length),
        )

    @app.route("/form-then-data", methods=form_methods)
    def form_then_data():
        req = flask.request
        return lines(("form", req.form), ("data", req.data))

    @app.route("/headers", methods=["GET", "POST"])
    def headers():
        req = flask.request
        return lines(
            *shared.header_parts(req)
            + [
                ("x_custom", req.headers.get("X-Custom")),
                ("is_xhr", req.is_xhr),
                ("is_secure", req.is_secure),
                ("remote_addr", req.remote_addr),
                ("referrer", req.referrer),
            ]
        )

    @app.route("/accept")
    def accept():
        req = flask.request
        auth = req.authorization
        return lines(
            ("mimetypes", req.accept_mimetypes.best),
            ("languages", req.accept_languages.best),
            ("charsets", req.accept_charsets.best),
            ("authorization", auth and [auth.username, auth.password]),
            ("if_none_match", sorted(req.if_none_match)),
            ("if_none_match a", req.if_none_match.contains("a")),
        )

    @app.route("/cookies", methods=["GET", "POST"])
    def cookies():
        # the session cookie's value is each side's own encoding: only
        # whether it came is shown; one value a name (0.6 had a dict)
        jar = flask.request.cookies
        shown = dict((k, jar[k]) for k in jar.keys() if k != app.session_cookie_name)
        return lines(
            ("cookies", shown),
            ("session cookie", app.session_cookie_name in jar),
            ("get flavour", jar.get("flavour")),
        )

    @app.route("/setcookie")
    def setcookie():
        response = flask.Response("cookie set\n", mimetype="text/plain")
        return shared.set_cookie_as_asked(response, flask.request.args)

    @app.route("/s/<op>")
    def session_op(op):
        sess = flask.session
        a = flask.request.args
        # in one order on both sides (a Python 2 dict has its own), and
        # text, as a Python 2 application would store them (a session
        # mixing str and unicode keys fails to sort on Python 2)
        keys = [(_key(k), k) for k in sorted(a.keys(), key=_key)]
        if op == "set":
            for key, raw in keys:
                sess[key] = a[raw]
        elif op == "int":
            for key, raw in keys:
                sess[key] = _int(a[raw])
        elif op == "append":
            for key, raw in keys:
                sess.setdefault(key, []).append(a[raw])
        elif op == "del":
            for key, _ in keys:
                del sess[key]
        elif op == "pop":
            for key, _ in keys:
                sess.pop(key, None)
        elif op == "clear":
            sess.clear()
        elif op == "update":
            sess.update(dict((_key(k), v) for k, v in a.to_dict().items()))
        elif op != "show":
            flask.abort(404)
        return lines(("session", sess), ("new", sess.new), ("modified", sess.modified))

    @app.route("/flash")
    def flash():
        for message in flask.request.args.getlist("m"):
            flask.flash(message)
        return lines(("flashed", flask.request.args.getlist("m")))

    @app.route("/flashes")
    def flashes():
        first = flask.get_flashed_messages()
        again = flask.get_flashed_messages()
        return lines(("first", first), ("again", again))

    @app.route("/url/<endpoint>")
    def url(endpoint):
        values = _ascii_keys(flask.request.args.to_dict())
        if endpoint in ("num", "flt"):
            # Python 2's int() and float() of non-ASCII text or of a NUL
            # raise UnicodeEncodeError, Python 3's ValueError: not compared
            values = dict((k, v) for k, v in values.items() if all(0 < ord(c) < 128 for c in v))
        built = flask.url_for(endpoint, **values)
        # the query's order is a dict's (arbitrary on Python 2): sorted
        path, _, query = built.partition("?")
        return lines(("built", path), ("query", sorted(query.split("&")) if query else []))

    @app.route("/markup")
    def markup():
        s = flask.request.args.get("s", "")
        return lines(
            *shared.markup_parts(flask, s)
            + [("add", flask.Markup("<p>") + s), ("escape markup", flask.escape(flask.Markup(s)))]
        )

    @app.route("/markup-text")
    def markup_text():
        s = flask.request.args.get("s", "")
        return lines(*shared.markup_text_parts(flask, s))

    def own_answer(kind, a, body, status, extra):
        """What ``/respond/<kind>`` returns for the kinds of Flask 0.1's own."""
        if kind == "unicode":
            return "gr\xfc\xdfe \u2603 " + body
        if kind == "headers":
            return body, status, extra
        if kind == "header-list":
            return body, status, list(extra.items())
        if kind == "mimetype":
            return body, status, None, a.get("mimetype", "application/json")
        if kind == "content-type":
            return body, status, None, None, a.get("ct", "text/plain; charset=latin-1")
        if kind == "generator":

            def chunks():
                yield "one "
                yield body

            return flask.Response(chunks(), status=status)
        flask.abort(404)

    shared.add_respond(app, flask, ["GET", "POST", "HEAD"], own_answer)

    @app.route("/ctx")
    def ctx():
        a = flask.request.args
        outer = flask.request.path
        flask.g.outer = "outer g"
        path = shared.native(a.get("path", "/"))
        with app.test_request_context(
            path, method=a.get("m", "GET"), **shared.context_arguments(a)
        ):
            inner = shared.seen_in_test_request_context(flask.request) + [
                getattr(flask.g, "outer", "fresh g"),
                flask.url_for("echo", rest="x y"),
                flask.current_app._get_current_object() is app,
            ]
        return lines(("inner", inner), ("after", [flask.request.path, outer, flask.g.outer]))

    @app.route("/request-context")
    def request_context():
        environ = dict(flask.request.environ)
        # a native string, as a server puts it into the environ
        path = flask.request.args.get("path", "/echo/x").encode("utf-8")
        environ[str("PATH_INFO")] = path if PY2 else path.decode("latin-1")
        with app.request_context(environ):
            inner = [flask.request.path, flask.request.args, flask.session.get("k")]
            built = flask.url_for("index")
        request = flask.Request(environ)
        return lines(("inner", inner), ("built", built), ("parsed", request.path))

    @app.route("/app")
    def current():
        flask.g.value = flask.request.args.get("v")
        return lines(
            ("same app", flask.current_app._get_current_object() is app),
            ("package", flask.current_app.package_name),
            ("debug", flask.current_app.debug),
            ("g", flask.g.value),
            ("response class", flask.current_app.response_class is flask.Response),
        )

    @app.route("/raise/<kind>", methods=["GET", "POST"])
    def raising(kind):
        if kind in shared.RAISES_ALIKE:
            return shared.raise_alike(flask, kind)
        if kind == "files":
            return flask.request.files["missing"]
        if kind == "encode":
            return "\xe9".encode("ascii")
        return "no error\n"

    @app.route("/num/<int:n>")
    def num(n):
        return lines(("n", n))

    @app.route("/post-only", methods=["POST"])
    def post_only():
        return "posted\n"

    return app


def create_foreign_app():
    """An application with another secret key, whose session cookie the
    cases send to the first one as a foreign cookie."""
    foreign = flask.Flask(__name__)
    foreign.secret_key = str("another secret")

    @foreign.route("/s/set")
    def set_value():
        for key in flask.request.args.keys():
            flask.session[key] = flask.request.args[key]
        return "set\n"

    return foreign
