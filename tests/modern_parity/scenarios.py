"""Lifecycle scenarios, run on real Flask 2.1.3 and on flask01.modern.

Each scenario is a function ``scenario(flask, trace)`` that builds a small
application with the ``flask`` module it is given and records what
happens in *trace*: which hooks ran in which order, what the teardown
functions received, which contexts were on the stacks, what the client
got back, which errors were raised.  ``driver.py`` runs every scenario
with one of the two modules; ``compare.py`` compares the traces.

A scenario whose name is in :data:`FIXES` shows one of the upstream bugs
flask01.modern fixes: its traces must differ, and the fix's id says
which row of the deviation register explains why.
"""

import gc
import io
import os
import threading
import warnings
import wsgiref.util

HERE = os.path.dirname(os.path.abspath(__file__))

#: scenario name -> deviation register id of the upstream bug it shows
FIXES = {
    "send_file_call_on_close": "M-werkzeug-3039",
    "unclosed_test_response": "M-flask-5483",
    "copied_context_reads_upload": "M-flask-5399",
}

SCENARIOS = []


def scenario(f):
    SCENARIOS.append(f)
    return f


def _stacks(flask):
    """Whether an application and a request context are active."""
    return {"app": flask.has_app_context(), "request": flask.has_request_context()}


def _exc(e):
    return None if e is None else f"{type(e).__name__}: {e}"


def _hooked_app(flask, trace, **config):
    """An application whose every hook records itself."""
    app = flask.Flask(__name__, root_path=HERE)
    app.config.update(SECRET_KEY="parity", **config)

    @app.before_request
    def before_one():
        trace.append(["before_one", flask.request.endpoint])

    @app.before_request
    def before_two():
        trace.append(["before_two"])
        if flask.request.args.get("short") == "1":
            return "answered by before_request"

    @app.after_request
    def after_one(response):
        trace.append(["after_one", response.status_code])
        return response

    @app.after_request
    def after_two(response):
        trace.append(["after_two", response.status_code])
        response.headers["X-After"] = "two"
        return response

    @app.teardown_request
    def teardown_request_one(exc):
        trace.append(["teardown_request_one", _exc(exc), _stacks(flask)])

    @app.teardown_request
    def teardown_request_two(exc):
        trace.append(["teardown_request_two", _exc(exc)])

    @app.teardown_appcontext
    def teardown_app(exc):
        trace.append(["teardown_appcontext", _exc(exc), _stacks(flask)])

    @app.route("/")
    def index():
        trace.append(["view", flask.request.endpoint, _stacks(flask)])
        return "index"

    @app.route("/boom")
    def boom():
        trace.append(["view", "boom"])
        raise KeyError("boom")

    @app.route("/teapot")
    def teapot():
        flask.abort(418)

    return app


def _response(trace, response, session_interface=None, app=None):
    """Record what a client sees of *response*."""
    headers = {k.lower(): v for k, v in response.headers.items() if k.lower() != "set-cookie"}
    record = {
        "status": response.status,
        "headers": dict(sorted(headers.items())),
        "body": response.get_data(as_text=True),
    }
    cookies = response.headers.getlist("Set-Cookie")
    if cookies:
        record["cookies"] = [_cookie(c, app) for c in cookies]
    trace.append(["response", record])
    response.close()


def _cookie(header, app):
    """A Set-Cookie header with its signed value replaced by the session
    it holds, decoded by the application itself (signatures carry a
    timestamp)."""
    name, _, rest = header.partition("=")
    value, _, attributes = rest.partition(";")
    parts = sorted(a.strip() for a in attributes.split(";") if not a.strip().startswith("Expires"))
    if app is not None and value:
        signer = app.session_interface.get_signing_serializer(app)
        value = repr(sorted(signer.loads(value).items()))
    return [name, value, parts]


def _expect_error(trace, label, call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - the error is what is recorded
        trace.append([label, "raised", type(e).__name__])
    else:
        trace.append([label, "no error"])


@scenario
def hook_order(flask, trace):
    app = _hooked_app(flask, trace)
    client = app.test_client()
    _response(trace, client.get("/"), app=app)
    _response(trace, client.get("/?short=1"), app=app)
    trace.append(["after", _stacks(flask)])


@scenario
def not_found_runs_before_request(flask, trace):
    app = _hooked_app(flask, trace)
    client = app.test_client()
    _response(trace, client.get("/missing"), app=app)
    _response(trace, client.post("/"), app=app)
    _response(trace, client.get("/teapot"), app=app)


@scenario
def unhandled_exception_becomes_500(flask, trace):
    app = _hooked_app(flask, trace)
    client = app.test_client()
    app.logger.disabled = True
    _response(trace, client.get("/boom"), app=app)
    trace.append(["after", _stacks(flask)])


@scenario
def testing_propagates_and_teardown_sees_it(flask, trace):
    app = _hooked_app(flask, trace, TESTING=True)
    client = app.test_client()
    _expect_error(trace, "get /boom", lambda: client.get("/boom"))
    trace.append(["after", _stacks(flask)])


@scenario
def debug_preserves_context_on_exception(flask, trace):
    app = _hooked_app(flask, trace, DEBUG=True)
    client = app.test_client()
    _expect_error(trace, "get /boom", lambda: client.get("/boom"))
    trace.append(["preserved", _stacks(flask), flask.request.path])
    # The next request pops the preserved context first.
    _response(trace, client.get("/"), app=app)
    trace.append(["after", _stacks(flask)])


@scenario
def preserve_context_config_off(flask, trace):
    app = _hooked_app(flask, trace, DEBUG=True, PRESERVE_CONTEXT_ON_EXCEPTION=False)
    client = app.test_client()
    _expect_error(trace, "get /boom", lambda: client.get("/boom"))
    trace.append(["after", _stacks(flask)])


@scenario
def client_with_block_keeps_last_context(flask, trace):
    app = _hooked_app(flask, trace)
    with app.test_client() as client:
        _response(trace, client.get("/?x=1"), app=app)
        trace.append(["inside with", _stacks(flask), flask.request.args.get("x")])
        _response(trace, client.get("/?x=2"), app=app)
        trace.append(["inside with", flask.request.args.get("x")])
    trace.append(["after with", _stacks(flask)])
    _expect_error(trace, "nested", lambda: _nested_client(app))


def _nested_client(app):
    with app.test_client() as client, client:
        pass


@scenario
def error_handlers_by_code_and_class(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)

    class AppError(Exception):
        pass

    class SpecificError(AppError):
        pass

    @app.errorhandler(404)
    def not_found(e):
        trace.append(["404 handler", type(e).__name__])
        return "custom 404", 404

    @app.errorhandler(AppError)
    def app_error(e):
        trace.append(["AppError handler", type(e).__name__])
        return "app error", 400

    @app.errorhandler(500)
    def server_error(e):
        original = getattr(e, "original_exception", None)
        trace.append(["500 handler", type(e).__name__, type(original).__name__])
        return "custom 500", 500

    @app.route("/specific")
    def specific():
        raise SpecificError()

    @app.route("/other")
    def other():
        raise ValueError("other")

    @app.route("/abort")
    def aborting():
        flask.abort(404)

    app.logger.disabled = True
    client = app.test_client()
    for path in ("/nothing", "/specific", "/other", "/abort"):
        _response(trace, client.get(path))
    _expect_error(trace, "register 999", lambda: app.errorhandler(999)(lambda e: e))
    _expect_error(trace, "register instance", lambda: app.errorhandler(ValueError())(lambda e: e))


@scenario
def http_exception_handler_catches_all_codes(flask, trace):
    from werkzeug.exceptions import HTTPException

    app = flask.Flask(__name__, root_path=HERE)

    @app.errorhandler(HTTPException)
    def any_http(e):
        trace.append(["HTTPException handler", e.code])
        return f"http {e.code}", e.code

    @app.route("/a/")
    def slash():
        return "slash"

    client = app.test_client()
    _response(trace, client.get("/missing"))
    _response(trace, client.post("/a/"))
    _response(trace, client.get("/a"))


@scenario
def errors_in_hooks_and_handlers(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)
    app.logger.disabled = True

    @app.before_request
    def before():
        if flask.request.path == "/before":
            raise RuntimeError("in before_request")

    @app.after_request
    def after(response):
        if flask.request.path == "/after":
            raise RuntimeError("in after_request")
        return response

    @app.errorhandler(500)
    def failing_handler(e):
        trace.append(["500 handler", type(e.original_exception).__name__])
        if flask.request.path == "/handler":
            raise RuntimeError("in the 500 handler")
        return "handled", 500

    @app.teardown_request
    def teardown(exc):
        trace.append(["teardown", _exc(exc)])

    @app.route("/<name>")
    def view(name):
        if name == "handler":
            raise ValueError("view")
        return name

    client = app.test_client()
    for path in ("/before", "/after", "/fine"):
        _response(trace, client.get(path))
    _expect_error(trace, "get /handler", lambda: client.get("/handler"))
    trace.append(["after", _stacks(flask)])


@scenario
def g_lives_on_the_app_context(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)

    @app.route("/")
    def index():
        before = flask.g.get("value")
        flask.g.value = "set in view"
        return repr(before)

    @app.teardown_appcontext
    def teardown(exc):
        trace.append(["teardown sees g", flask.g.get("value")])

    client = app.test_client()
    _response(trace, client.get("/"))
    _response(trace, client.get("/"))
    with app.app_context():
        flask.g.value = "outer"
        with app.test_request_context("/"):
            trace.append(["g inside request in app ctx", flask.g.value])
        trace.append(["g after request", flask.g.value, "value" in flask.g])
        trace.append(["g.pop", flask.g.pop("value"), flask.g.pop("value", "gone")])
        trace.append(["g.setdefault", flask.g.setdefault("n", 1), list(flask.g)])


@scenario
def push_and_pop_by_hand(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)

    @app.teardown_request
    def teardown(exc):
        trace.append(["teardown_request", _exc(exc)])

    @app.teardown_appcontext
    def teardown_app(exc):
        trace.append(["teardown_appcontext", _exc(exc)])

    ctx = app.test_request_context("/x?a=1")
    trace.append(["before push", _stacks(flask)])
    ctx.push()
    trace.append(["pushed", _stacks(flask), flask.request.path, flask.current_app.name])
    ctx.pop()
    trace.append(["popped", _stacks(flask)])

    # Nested pushes of one context: teardown only on the last pop.
    ctx = app.test_request_context("/")
    ctx.push()
    ctx.push()
    ctx.pop()
    trace.append(["after inner pop", _stacks(flask)])
    ctx.pop()
    trace.append(["after outer pop", _stacks(flask)])

    # An explicit exception reaches the teardown functions.
    ctx = app.test_request_context("/")
    ctx.push()
    ctx.pop(ValueError("given"))

    # A request context reuses an app context of the same application.
    with app.app_context() as app_ctx:
        with app.test_request_context("/"):
            trace.append(["same app ctx", flask._app_ctx_stack.top is app_ctx])
        trace.append(["app ctx still there", _stacks(flask)])

    # Popping in the wrong order.
    first = app.test_request_context("/first")
    second = app.test_request_context("/second")
    first.push()
    second.push()
    _expect_error(trace, "pop first while second on top", first.pop)
    trace.append(["after wrong pop", _stacks(flask)])
    while flask.has_request_context():
        flask._request_ctx_stack.pop()
    trace.append(["cleaned", _stacks(flask)])

    other = app.app_context()
    mine = app.app_context()
    other.push()
    mine.push()
    _expect_error(trace, "pop app ctx out of order", other.pop)
    while flask.has_app_context():
        flask._app_ctx_stack.pop()


@scenario
def outside_any_context(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)

    @app.route("/")
    def index():
        return ""

    trace.append(["stacks", _stacks(flask)])
    _expect_error(trace, "request.path", lambda: flask.request.path)
    _expect_error(trace, "current_app.name", lambda: flask.current_app.name)
    _expect_error(trace, "g.x", lambda: flask.g.x)
    _expect_error(trace, "session.get", lambda: flask.session.get("a"))
    _expect_error(trace, "url_for", lambda: flask.url_for("index"))
    _expect_error(trace, "after_this_request", lambda: flask.after_this_request(len))
    _expect_error(
        trace, "copy_current_request_context", lambda: flask.copy_current_request_context(len)
    )
    with app.app_context():
        _expect_error(
            trace, "url_for in app ctx without SERVER_NAME", lambda: flask.url_for("index")
        )
    app.config["SERVER_NAME"] = "example.org"
    with app.app_context():
        trace.append(["url_for in app ctx", flask.url_for("index", q="1")])


@scenario
def url_building(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)

    @app.route("/user/<int:user_id>")
    def user(user_id):
        return str(user_id)

    @app.route("/post", methods=["POST"])
    def post():
        return ""

    with app.test_request_context("/"):
        trace.append(["relative", flask.url_for("user", user_id=3, page=2)])
        trace.append(["external", flask.url_for("user", user_id=3, _external=True)])
        trace.append(["anchor", flask.url_for("user", user_id=3, _anchor="top part")])
        trace.append(["scheme", flask.url_for("user", user_id=3, _external=True, _scheme="https")])
        trace.append(["method", flask.url_for("post", _method="POST")])
        trace.append(["static", flask.url_for("static", filename="a b.txt")])
        _expect_error(trace, "missing value", lambda: flask.url_for("user"))
        _expect_error(
            trace,
            "scheme without external",
            lambda: flask.url_for("user", user_id=1, _scheme="https"),
        )


@scenario
def routing_methods_and_redirects(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)

    @app.route("/item/", methods=["GET", "POST"])
    def item():
        return flask.request.method

    @app.route("/options", methods=["GET", "OPTIONS"])
    def options():
        return "own options"

    client = app.test_client()
    _response(trace, client.get("/item?x=1"))
    _response(trace, client.post("/item/"))
    _response(trace, client.delete("/item/"))
    _response(trace, client.options("/item/"))
    _response(trace, client.options("/options"))
    _response(trace, client.head("/item/"))
    _expect_error(trace, "methods as a string", lambda: app.route("/s", methods="GET")(item))
    _expect_error(trace, "endpoint overwritten", lambda: app.add_url_rule("/o", "item", len))


@scenario
def make_response_forms(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)
    views = {
        "str": lambda: "text",
        "bytes": lambda: b"bytes",
        "dict": lambda: {"b": 1, "a": [1, 2]},
        "tuple_status": lambda: ("made", 201),
        "tuple_status_text": lambda: ("made", "299 Custom"),
        "tuple_headers": lambda: ("h", {"X-A": "1"}),
        "tuple_headers_list": lambda: ("h", [("X-B", "2")]),
        "tuple_three": lambda: ("all", 202, {"X-C": "3"}),
        "response_tuple": lambda: (flask.Response("r", status=200), 203, {"X-D": "4"}),
        "wsgi": lambda: _wsgi_app,
        "none": lambda: None,
        "int": lambda: 5,
        "four": lambda: ("a", 1, {}, 2),
        "jsonify_list": lambda: flask.jsonify([1, "two"]),
        "jsonify_kwargs": lambda: flask.jsonify(z=1, a="é"),
        "make_response": lambda: flask.make_response("mr", 206, {"X-E": "5"}),
        "redirect": lambda: flask.redirect("/elsewhere"),
    }
    for name, view in views.items():
        app.add_url_rule("/" + name, name, view)
    app.config["TESTING"] = True
    client = app.test_client()
    for name in views:
        try:
            response = client.get("/" + name)
        except TypeError as e:
            trace.append([name, "TypeError", str(e).splitlines()[0]])
        else:
            _response(trace, response)


def _wsgi_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"from a WSGI app"]


@scenario
def sessions_and_cookies(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)
    app.secret_key = "parity"

    @app.route("/set/<value>")
    def set_value(value):
        flask.session["value"] = value
        flask.session["tuple"] = (1, "two")
        flask.session["bytes"] = b"\x00\xff"
        return "set"

    @app.route("/get")
    def get_value():
        return repr(
            (flask.session.get("value"), flask.session.get("tuple"), flask.session.get("bytes"))
        )

    @app.route("/untouched")
    def untouched():
        return "untouched"

    @app.route("/permanent")
    def permanent():
        flask.session.permanent = True
        return "permanent"

    @app.route("/clear")
    def clear():
        flask.session.clear()
        return "cleared"

    @app.route("/pop-missing")
    def pop_missing():
        flask.session.pop("missing", None)
        return "popped"

    client = app.test_client()
    for path in (
        "/set/a",
        "/get",
        "/untouched",
        "/pop-missing",
        "/permanent",
        "/get",
        "/clear",
        "/get",
    ):
        _response(trace, client.get(path), app=app)
    client.set_cookie("session", "forged.value.sig")
    _response(trace, client.get("/get"), app=app)
    with client.session_transaction() as sess:
        sess["value"] = "from transaction"
    _response(trace, client.get("/get"), app=app)

    nokey = flask.Flask(__name__, root_path=HERE)

    @nokey.route("/")
    def write():
        flask.session["a"] = 1
        return ""

    @nokey.route("/read")
    def read():
        return repr(flask.session.get("a"))

    nokey.config["TESTING"] = True
    _expect_error(trace, "write without secret key", lambda: nokey.test_client().get("/"))
    _response(trace, nokey.test_client().get("/read"))


@scenario
def flashing(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)
    app.secret_key = "parity"

    @app.route("/flash")
    def flash():
        flask.flash("plain")
        flask.flash("oops", "error")
        return ""

    @app.route("/read")
    def read():
        first = flask.get_flashed_messages(with_categories=True)
        again = flask.get_flashed_messages()
        errors = flask.get_flashed_messages(category_filter=["error"])
        return repr((first, again, errors))

    client = app.test_client()
    client.get("/flash")
    _response(trace, client.get("/read"), app=app)
    _response(trace, client.get("/read"), app=app)


@scenario
def templates_and_context_processors(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)

    @app.context_processor
    def extra():
        return {"who": "processor", "site": "parity"}

    with app.test_request_context("/page?q=1"):
        flask.g.user = "ada"
        source = (
            "{{ who }} {{ site }} {{ request.args.q }} {{ g.user }} {{ config.DEBUG }} {{ html }}"
        )
        trace.append(["string", flask.render_template_string(source, who="caller", html="<b>")])
        trace.append(["file", flask.render_template("page.html", html="<i>")])
        trace.append(["text file", flask.render_template("page.txt", html="<i>")])
        trace.append(["list", flask.render_template(["missing.html", "page.html"], html="")])
    with app.app_context():
        trace.append(["app ctx only", flask.render_template_string("{{ g }}{{ request }}")])


@scenario
def after_this_request_and_copied_context(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)

    @app.after_request
    def app_after(response):
        trace.append(["app after_request"])
        return response

    @app.teardown_request
    def teardown(exc):
        trace.append(["teardown", flask.request.path])

    @app.route("/")
    def index():
        @flask.after_this_request
        def add_header(response):
            trace.append(["after_this_request"])
            response.headers["X-This"] = "1"
            return response

        @flask.copy_current_request_context
        def in_thread():
            trace.append(["thread sees", flask.request.path, flask.g.get("mark")])

        flask.g.mark = "main"
        thread = threading.Thread(target=in_thread)
        thread.start()
        thread.join()
        return "ok"

    _response(trace, app.test_client().get("/"))


@scenario
def request_data_and_limits(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)
    app.config["MAX_CONTENT_LENGTH"] = 100

    @app.route("/form", methods=["POST"])
    def form():
        return repr(sorted(flask.request.form.items()))

    @app.route("/json", methods=["POST"])
    def json_view():
        return repr(flask.request.get_json())

    @app.route("/key")
    def key():
        return flask.request.args["missing"]

    client = app.test_client()
    _response(trace, client.post("/form", data={"a": "1"}))
    _response(trace, client.post("/form", data={"a": "x" * 200}))
    _response(trace, client.post("/json", json={"k": [1]}))
    _response(trace, client.post("/json", data="{bad", content_type="application/json"))
    _response(trace, client.get("/key"))


@scenario
def send_file_and_static(flask, trace):
    app = flask.Flask(__name__, root_path=HERE)
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 60

    @app.route("/download")
    def download():
        return flask.send_file("static/hello.txt", as_attachment=True, download_name="hi.txt")

    @app.route("/files/<path:name>")
    def files(name):
        return flask.send_from_directory("static", name)

    @app.route("/memory")
    def memory():
        return flask.send_file(io.BytesIO(b"in memory"), mimetype="text/plain")

    client = app.test_client()

    def record(response):
        # The values depend on the file's time and the clock; whether
        # each header is there is compared.
        for name in ("ETag", "Last-Modified", "Expires"):
            if name in response.headers:
                response.headers[name] = f"<{name}>"
        _response(trace, response)

    for path in (
        "/static/hello.txt",
        "/download",
        "/files/hello.txt",
        "/files/../scenarios.py",
        "/files/nothing",
        "/memory",
    ):
        record(client.get(path))
    record(client.get("/static/hello.txt", headers={"Range": "bytes=0-3"}))
    record(client.get("/static/hello.txt", headers={"Range": "bytes=900-"}))
    # Flask 2.1.3 sent static files without an ETag: revalidate by date.
    modified = client.get("/static/hello.txt").headers["Last-Modified"]
    record(client.get("/static/hello.txt", headers={"If-Modified-Since": modified}))
    etag = client.get("/download").headers["ETag"]
    record(client.get("/download", headers={"If-None-Match": etag}))
    record(client.head("/static/hello.txt"))


@scenario
def send_file_call_on_close(flask, trace):
    """Werkzeug 3039: behind a server's wsgi.file_wrapper, the response
    is never closed, so call_on_close callbacks do not run."""
    app = flask.Flask(__name__, root_path=HERE)

    @app.route("/")
    def download():
        response = flask.send_file("static/hello.txt")
        response.call_on_close(lambda: trace.append(["call_on_close ran"]))
        return response

    environ = _environ(app, "/")
    environ["wsgi.file_wrapper"] = wsgiref.util.FileWrapper
    body = app(environ, lambda status, headers, exc_info=None: None)
    trace.append(["body", b"".join(body).decode()])
    body.close()
    trace.append(["after close"])


def _environ(app, path):
    from werkzeug.test import create_environ

    return create_environ(path)


@scenario
def unclosed_test_response(flask, trace):
    """Flask 5483: a test that never closes a send_from_directory
    response leaves the file open."""
    app = flask.Flask(__name__, root_path=HERE)

    @app.route("/<name>")
    def files(name):
        return flask.send_from_directory("static", name)

    client = app.test_client()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.get("/hello.txt")
        trace.append(["status", response.status_code])
        del response
        gc.collect()
    trace.append(["warnings", sorted({w.category.__name__ for w in caught})])


@scenario
def copied_context_reads_upload(flask, trace):
    """Flask 5399: a copied context in a worker thread reads the upload
    after the view has returned."""
    app = flask.Flask(__name__, root_path=HERE)
    view_returned = threading.Event()
    workers = []

    @app.route("/upload", methods=["POST"])
    def upload():
        # The view looks at the upload first, as the view in the report did.
        trace.append(["view sees", flask.request.files["doc"].filename])

        @flask.copy_current_request_context
        def work():
            view_returned.wait(5)
            try:
                trace.append(["worker read", flask.request.files["doc"].read().decode()])
            except ValueError as e:
                trace.append(["worker failed", str(e)])

        worker = threading.Thread(target=work)
        worker.start()
        workers.append(worker)
        return "accepted"

    client = app.test_client()
    _response(trace, client.post("/upload", data={"doc": (io.BytesIO(b"payload"), "doc.txt")}))
    view_returned.set()
    workers[0].join(5)
