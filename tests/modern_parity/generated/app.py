"""The application the generated modern_parity cases are sent to.

:func:`create_app` builds, with the ``flask`` module it is given (real
Flask 2.1.3 or flask01.modern), one application that uses the public API
both share: the hooks of the request and application contexts and their
teardown, the signals, sessions and flashing, templates with a filter, a
global and a context processor, ``url_for`` with URL defaults and value
preprocessors, ``abort``, ``redirect``, ``make_response``, ``jsonify``,
``send_file`` and ``send_from_directory``, ``after_this_request``,
``copy_current_request_context``, ``stream_with_context``, contexts pushed
by hand, a blueprint, error handlers by code and by class, and the route
shortcuts.  What happens is appended to the *trace* list; each view shows
what it saw as ASCII text (:func:`show`).  The views it writes as the
parity application does are ``tests/parity/generated/shared_views.py``,
which the worker puts on ``sys.path``.
"""

import io
import os

import shared_views as shared
from werkzeug.exceptions import HTTPException

HERE = os.path.dirname(os.path.abspath(__file__))

SIGNALS = [
    "request_started",
    "request_finished",
    "got_request_exception",
    "request_tearing_down",
    "appcontext_tearing_down",
    "appcontext_pushed",
    "appcontext_popped",
    "before_render_template",
    "template_rendered",
    "message_flashed",
]


def show(value):
    """*value* as ASCII text: mappings sorted, a multi-dict with every
    value of a key, a context local as what it stands for."""
    if hasattr(value, "_get_current_object"):
        value = value._get_current_object()
    if isinstance(value, (str, bytes, int, float, bool)) or value is None:
        return ascii(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if hasattr(value, "getlist"):
        keys = sorted(value.keys(), key=_order)
        return "{" + ", ".join(show(k) + ": " + show(value.getlist(k)) for k in keys) + "}"
    if isinstance(value, dict):
        keys = sorted(value.keys(), key=_order)
        return "{" + ", ".join(show(k) + ": " + show(value[k]) for k in keys) + "}"
    return f"<{type(value).__name__}>"


def _order(key):
    return (key is not None, str(key))


def lines(*pairs):
    return "\n".join(f"{name}: {show(value)}" for name, value in pairs) + "\n"


def _identifiers(mapping):
    return {k: v for k, v in mapping.items() if k.isidentifier() and k.isascii()}


class AppError(Exception):
    """An exception of the application's own, with a handler by class."""


class SubError(AppError):
    pass


TEMPLATE_SOURCES = [
    "{{ value }}|{{ value|e }}|{{ value|safe }}|{{ markup }}|{{ value|tojson }}",
    "{% for k in request.args|sort %}{{ k }}={{ request.args[k] }};{% endfor %}",
    "{{ proc_value }} {{ proc_markup }} {{ g.first_method }} {{ session.get('k') is none }}",
    "{% for m in get_flashed_messages() %}<{{ m }}>{% endfor %}{{ url_for('index') }}",
    "{% autoescape false %}{{ value }}{% endautoescape %}{% with y = markup %}{{ y }}{% endwith %}",
    "{{ value|upper }} {{ value|length }} {{ value|replace('a', '<a>') }} {{ value|shout }}",
    "{{ {'v': value, 'n': [1, none]}|tojson }} {{ gen_global() }} {{ config.DEBUG }}",
]


def create_app(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)
    app.config.update(SECRET_KEY="generated modern secret", MAX_CONTENT_LENGTH=4096)
    app.logger.disabled = True

    def record(*event):
        trace.append(list(event))

    def stacks():
        return [flask.has_app_context(), flask.has_request_context()]

    for name in SIGNALS:
        signal = getattr(flask, name)

        def receiver(sender, _name=name, **extra):
            detail = sorted(extra)
            if _name == "got_request_exception":
                detail = type(extra.get("exception")).__name__
            elif _name == "message_flashed":
                detail = [extra.get("message"), extra.get("category")]
            elif _name in ("template_rendered", "before_render_template"):
                detail = extra["template"].name
            elif _name in ("request_tearing_down", "appcontext_tearing_down"):
                exc = extra.get("exc")
                detail = None if exc is None else type(exc).__name__
            elif _name == "request_finished":
                detail = extra["response"].status_code
            record("signal", _name, detail)

        signal.connect(receiver, app, weak=False)

    @app.before_first_request
    def first():
        record("before_first_request")

    @app.url_value_preprocessor
    def pull(endpoint, values):
        if values and "lang" in values:
            flask.g.lang = values.pop("lang")

    @app.url_defaults
    def push(endpoint, values):
        if "lang" in values or not flask.g.get("lang"):
            return
        if app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = flask.g.lang

    @app.before_request
    def before():
        flask.g.first_method = flask.request.method
        record("before_request", flask.request.endpoint, stacks())
        headers = flask.request.headers
        if "X-Short" in headers:
            return "short-circuited by before_request: {}\n".format(ascii(headers["X-Short"]))
        if "X-Before-Raise" in headers:
            raise LookupError("raised in before_request")
        if "X-Before-Abort" in headers:
            flask.abort(403)
        return None

    @app.after_request
    def after(response):
        record("after_request", response.status_code)
        response.headers["X-After"] = "seen"
        if "X-After-Raise" in flask.request.headers:
            raise LookupError("raised in after_request")
        if "X-Replace" in flask.request.headers:
            return flask.Response("replaced by after_request\n", 202, mimetype="text/plain")
        return response

    @app.teardown_request
    def teardown_request(exc):
        record("teardown_request", None if exc is None else type(exc).__name__, stacks())

    @app.teardown_appcontext
    def teardown_appcontext(exc):
        record("teardown_appcontext", None if exc is None else type(exc).__name__)

    @app.context_processor
    def processor():
        return {
            "proc_value": "from the context processor",
            "proc_markup": flask.Markup("<em>processor</em>"),
            "proc_path": flask.request.path if flask.has_request_context() else None,
        }

    @app.template_filter("shout")
    def shout(value):
        return str(value).upper() + "!"

    @app.template_global("gen_global")
    def gen_global():
        return "global"

    @app.errorhandler(404)
    def not_found(error):
        record("404 handler", type(error).__name__)
        return f"custom 404: {ascii(flask.request.path)} {type(error).__name__}\n", 404

    @app.errorhandler(AppError)
    def app_error(error):
        record("AppError handler", type(error).__name__)
        return f"app error {type(error).__name__}\n", 409

    @app.errorhandler(500)
    def server_error(error):
        original = getattr(error, "original_exception", None)
        record("500 handler", type(error).__name__, type(original).__name__)
        return f"custom 500: {type(original).__name__}\n", 500

    def teapot(error):
        return flask.jsonify(code=error.code, name=error.name), error.code

    app.register_error_handler(418, teapot)

    shared.add_views_alike(app, flask, lines, TEMPLATE_SOURCES)

    everything = ["GET", "POST", "PUT", "DELETE", "PATCH", "PROPFIND"]

    @app.route("/echo/", methods=everything)
    @app.route("/echo/<path:rest>", methods=everything)
    def echo(rest=None):
        req = flask.request
        return lines(
            ("rest", rest),
            ("method", req.method),
            ("path", req.path),
            ("full_path", req.full_path),
            *shared.url_parts(req),
            ("scheme", req.scheme),
            ("endpoint", req.endpoint),
            ("view_args", req.view_args),
            ("url_rule", str(req.url_rule)),
            ("access_route", list(req.access_route)),
            ("remote_addr", req.remote_addr),
        )

    body_methods = ["POST", "PUT", "DELETE", "PATCH", "GET"]

    @app.route("/form", methods=body_methods)
    def form():
        req = flask.request
        files = []
        for name in sorted(req.files.keys()):
            for stored in req.files.getlist(name):
                files.append([name, stored.filename, stored.mimetype, stored.read()])
        return lines(
            *shared.form_parts(req, files),
            ("content_length", req.content_length),
        )

    @app.route("/data", methods=body_methods)
    def data():
        req = flask.request
        return lines(
            ("data", req.get_data()),
            ("mimetype", req.mimetype),
            ("is_json", req.is_json),
            ("json", req.get_json(silent=True)),
        )

    @app.route("/json", methods=body_methods)
    def json_view():
        return flask.jsonify(got=flask.request.get_json(force="force" in flask.request.args))

    @app.route("/headers", methods=["GET", "POST"])
    def headers():
        req = flask.request
        return lines(
            *shared.header_parts(req),
            ("is_secure", req.is_secure),
            ("referrer", req.referrer),
            ("mimetypes", req.accept_mimetypes.best),
            ("languages", req.accept_languages.best),
            ("authorization", req.authorization and req.authorization.type),
            ("if_none_match", sorted(req.if_none_match)),
            ("range", req.range and req.range.to_header()),
        )

    @app.route("/cookies", methods=["GET", "POST"])
    def cookies():
        jar = flask.request.cookies
        return lines(
            ("cookies", {k: v for k, v in jar.items() if k != "session"}),
            ("session cookie", "session" in jar),
        )

    @app.route("/setcookie")
    def setcookie():
        a = flask.request.args
        return shared.set_cookie_as_asked(
            flask.make_response("cookie set\n"), a, samesite=a.get("samesite")
        )

    @app.route("/s/<op>")
    def session_op(op):
        sess = flask.session
        a = flask.request.args
        keys = sorted(a.keys())
        if op == "set":
            for key in keys:
                sess[key] = a[key]
        elif op == "int":
            for key in keys:
                sess[key] = int(a[key])
        elif op == "append":
            for key in keys:
                sess.setdefault(key, []).append(a[key])
        elif op == "del":
            for key in keys:
                del sess[key]
        elif op == "pop":
            for key in keys:
                sess.pop(key, None)
        elif op == "clear":
            sess.clear()
        elif op == "permanent":
            sess.permanent = a.get("on", "1") == "1"
        elif op == "bytes":
            sess["bytes"] = a.get("v", "").encode("utf-8")
            sess["tuple"] = (1, a.get("v", ""))
        elif op != "show":
            flask.abort(404)
        return lines(
            ("session", sess),
            ("new", sess.new),
            ("modified", sess.modified),
            ("permanent", sess.permanent),
        )

    @app.route("/flash")
    def flash():
        a = flask.request.args
        for message in a.getlist("m"):
            flask.flash(message, a.get("c", "message"))
        return lines(("flashed", a.getlist("m")))

    @app.route("/flashes")
    def flashes():
        a = flask.request.args
        first = flask.get_flashed_messages(with_categories="with" in a)
        errors = flask.get_flashed_messages(category_filter=a.getlist("only"))
        return lines(("first", first), ("filtered", errors))

    @app.route("/url/<endpoint>")
    def url(endpoint):
        a = flask.request.args
        values = _identifiers(a.to_dict())
        for flag in ("_external",):
            if flag in values:
                values[flag] = values[flag] == "1"
        return lines(("built", flask.url_for(endpoint, **values)))

    @app.route("/<lang>/page/<int:n>")
    def lang_page(n):
        return lines(
            ("lang", flask.g.get("lang")), ("n", n), ("next", flask.url_for("lang_page", n=n + 1))
        )

    @app.route("/markup")
    def markup():
        s = flask.request.args.get("s", "")
        return lines(*shared.markup_parts(flask, s) + shared.markup_text_parts(flask, s))

    def own_answer(kind, a, body, status, extra):
        """What ``/respond/<kind>`` returns for the kinds of Flask 2.1's own."""
        if kind == "dict":
            return {"body": body, "n": [1, 2]}
        if kind == "list":
            return [body]
        if kind == "headers":
            return body, extra
        if kind == "all":
            return body, status, extra
        if kind == "response-tuple":
            return flask.Response(body), status, extra
        if kind == "make_response":
            return flask.make_response(body, status, extra)
        if kind == "jsonify":
            return flask.jsonify(body=body, status=a.get("s"))
        if kind == "generator":

            def chunks():
                yield "one "
                yield flask.request.args.get("body", "body")

            return flask.Response(flask.stream_with_context(chunks()), status=status)
        flask.abort(404)

    shared.add_respond(app, flask, ["GET", "HEAD", "POST"], own_answer)

    @app.route("/send/<kind>")
    def send(kind):
        a = flask.request.args
        if kind == "file":
            return flask.send_file(
                os.path.join(HERE, "static", "hello.txt"),
                as_attachment="attach" in a,
                download_name=a.get("name"),
                conditional="unconditional" not in a,
                max_age=a.get("max_age", type=int),
            )
        if kind == "memory":
            return flask.send_file(
                io.BytesIO(a.get("body", "in memory").encode("utf-8")),
                mimetype=a.get("mimetype", "text/plain"),
                download_name=a.get("name"),
                as_attachment="attach" in a,
            )
        return flask.send_from_directory(os.path.join(HERE, "static"), a.get("name", "hello.txt"))

    @app.route("/ctx")
    def ctx():
        a = flask.request.args
        outer = flask.request.path
        flask.g.outer = "outer g"
        arguments = shared.context_arguments(a)
        with app.test_request_context(a.get("path", "/"), method=a.get("m", "GET"), **arguments):
            inner = shared.seen_in_test_request_context(flask.request) + [
                flask.g.get("outer", "same g? no"),
                flask.url_for("echo", rest="x y"),
                flask.current_app._get_current_object() is app,
                stacks(),
            ]
        with app.app_context():
            in_app = [flask.g.get("outer", "fresh g"), stacks()]
        return lines(("inner", inner), ("app ctx", in_app), ("after", [flask.request.path, outer]))

    @app.route("/push")
    def push_by_hand():
        a = flask.request.args
        context = app.test_request_context(a.get("path", "/echo/x"))
        context.push()
        try:
            seen = [flask.request.path, stacks()]
            copy = context.copy()
        finally:
            context.pop()
        with copy:
            copied = flask.request.path
        app_ctx = app.app_context()
        app_ctx.push()
        app_ctx.pop()
        return lines(("seen", seen), ("copied", copied), ("after", stacks()))

    @app.route("/this")
    def this_request():
        @flask.after_this_request
        def add_header(response):
            record("after_this_request")
            response.headers["X-This"] = "1"
            return response

        @flask.copy_current_request_context
        def copied():
            return [flask.request.path, flask.g.get("first_method")]

        return lines(("copied", copied()))

    @app.route("/g")
    def g_view():
        g = flask.g
        g.a = flask.request.args.get("v")
        return lines(
            ("get", g.get("a")),
            ("pop", g.pop("a", None)),
            ("missing", g.pop("missing", "default")),
            ("setdefault", g.setdefault("b", 1)),
            ("in", "b" in g),
            ("iter", sorted(g)),
        )

    @app.route("/raise/<kind>", methods=["GET", "POST"])
    def raising(kind):
        if kind in shared.RAISES_ALIKE:
            return shared.raise_alike(flask, kind)
        if kind == "app":
            raise AppError()
        if kind == "sub":
            raise SubError()
        if kind == "http":
            raise HTTPException()
        if kind == "teapot":
            flask.abort(418)
        return "no error\n"

    @app.route("/loose", strict_slashes=False)
    def loose():
        return "loose\n"

    @app.route("/num/<int:n>")
    @app.route("/num/<int(signed=True):n>/signed")
    def num(n):
        return lines(("n", n))

    @app.route("/uuid/<uuid:u>")
    def uuid(u):
        return lines(("u", str(u)))

    @app.route("/any/<any(a, b, 'c d'):w>")
    def any_(w):
        return lines(("w", w))

    @app.get("/get-only")
    def get_only():
        return "get only\n"

    @app.post("/post-only")
    def post_only():
        return "posted\n"

    @app.route("/options", methods=["GET", "OPTIONS"])
    def options():
        return "own options\n"

    bp = flask.Blueprint("bp", __name__, url_prefix="/bp")

    @bp.before_request
    def bp_before():
        record("bp before_request")

    @bp.errorhandler(404)
    def bp_not_found(error):
        return "blueprint 404\n", 404

    @bp.route("/")
    def bp_index():
        return lines(
            ("blueprint", flask.request.blueprint),
            ("endpoint", flask.request.endpoint),
            ("url", flask.url_for(".bp_item", item="x y")),
        )

    @bp.route("/item/<item>")
    def bp_item(item):
        if item == "missing":
            flask.abort(404)
        return lines(("item", item))

    app.register_blueprint(bp)
    return app
