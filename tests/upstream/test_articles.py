"""The five articles' claims about Flask and Werkzeug as they are today,
checked on the installed releases (chapter 17 answers the articles point
by point).  Each test is named for what really happens, which is where
an article is right, and the correction where it is not.

Like the characterization tests beside them they import only Flask,
Werkzeug and the standard library.
"""

import asyncio
import io
import os
import threading
import wsgiref.util
import wsgiref.validate

import pytest
import sent_files
from werkzeug.test import Client, create_environ


def call(app, environ):
    """Call *app* as a server does; (status, the iterable it returned)."""
    started = []
    iterable = app(environ, lambda status, headers, exc_info=None: started.append(status))
    return started, iterable


# -- the first article: send_file and direct_passthrough ----------------------------


@pytest.fixture
def file_app(tmp_path):
    import flask

    (tmp_path / "big.bin").write_bytes(b"x" * 100_000)
    app = flask.Flask(__name__, root_path=str(tmp_path))
    app.opened, app.calls = [], []

    @app.route("/on")
    def on():
        response = flask.send_file("big.bin")
        app.opened.append(response.response)
        response.call_on_close(lambda: app.calls.append("ran"))
        return response

    @app.route("/off")
    def off():
        response = flask.send_file("big.bin")
        response.direct_passthrough = False
        return response

    return app


def test_direct_passthrough_hands_the_server_a_file_wrapper_object_not_a_read_method(file_app):
    # without a wsgi.file_wrapper from the server, Werkzeug's own wrapper
    started, iterable = call(file_app, create_environ("/on"))
    try:
        assert started == ["200 OK"]
        assert type(iterable).__name__ == "FileWrapper"
        assert not callable(iterable)  # an iterable with close(), not file.read
        assert callable(iterable.close)
    finally:
        iterable.close()


def test_closing_the_passthrough_body_closes_the_file_but_not_the_response(file_app):
    environ = create_environ("/on")
    environ["wsgi.file_wrapper"] = wsgiref.util.FileWrapper
    started, iterable = call(file_app, environ)
    assert started == ["200 OK"]  # the response started itself
    assert iterable is file_app.opened[0]  # and handed over its body, not itself
    iterable.close()
    assert iterable.filelike.closed  # the wrapper closed the file
    assert file_app.calls == []  # Response.close, which runs the callbacks, never ran


def test_without_direct_passthrough_the_file_is_still_sent_in_blocks_not_read_whole(file_app):
    started, iterable = call(file_app, create_environ("/off"))
    try:
        blocks = [len(block) for block in iterable]
    finally:
        iterable.close()
    assert sum(blocks) == 100_000
    assert max(blocks) <= 8192  # never the whole file in memory at once


def assert_nothing_to_send(app):
    """Serving *app*'s page fails as the server reads the body: the view
    returned a response whose file is closed already."""
    started, iterable = call(app, create_environ("/"))
    with pytest.raises(ValueError, match="closed file"):
        b"".join(iterable)
    iterable.close()


def test_closing_a_sent_file_response_in_the_view_leaves_nothing_to_send(tmp_path):
    import flask

    (tmp_path / "report.txt").write_text("all good")
    app = flask.Flask(__name__, root_path=str(tmp_path))

    @app.route("/")
    def report():
        response = flask.send_file("report.txt")
        response.close()  # what the second article says not to do
        return response

    assert_nothing_to_send(app)


def test_a_file_closed_by_a_with_block_in_the_view_leaves_nothing_to_send(tmp_path):
    import flask

    (tmp_path / "report.txt").write_text("all good")
    app = flask.Flask(__name__)

    @app.route("/")
    def report():
        with open(tmp_path / "report.txt", "rb") as f:
            response = flask.send_file(f, mimetype="text/plain")
        return response  # the with block closed the file already

    assert_nothing_to_send(app)


# -- the second article: the test client and send_from_directory --------------------


def test_flask_returns_the_body_with_its_file_open_and_only_the_caller_closes_it(tmp_path):
    environ = create_environ("/files/report.txt")
    environ["wsgi.file_wrapper"] = wsgiref.util.FileWrapper
    started, iterable = call(sent_files.files_app(tmp_path), environ)
    assert started == ["200 OK"]
    assert not iterable.filelike.closed  # Flask's part is over; the file is open
    iterable.close()  # what a WSGI server must do (PEP 3333)
    assert iterable.filelike.closed


# -- the third article: copied contexts and request.files ---------------------------


def upload_environ(size):
    from werkzeug.test import EnvironBuilder

    builder = EnvironBuilder(
        method="POST",
        data={"doc": (io.BytesIO(b"x" * size), "doc.bin")},
    )
    try:
        environ = builder.get_environ()
        body = environ["wsgi.input"].read()
    finally:
        builder.close()
        environ["wsgi.input"].close()
    environ["wsgi.input"] = io.BytesIO(body)  # in memory, closed by nobody's leak
    return environ


def test_a_copied_request_context_shares_the_request_and_its_upload_objects():
    import flask

    app = flask.Flask(__name__)
    with app.request_context(upload_environ(10)) as ctx:
        copy = ctx.copy()
        assert copy.request is ctx.request
        assert copy.request.files["doc"] is ctx.request.files["doc"]


def test_a_copy_that_ends_first_closes_the_upload_under_the_original():
    import flask

    app = flask.Flask(__name__)
    with app.request_context(upload_environ(10)) as ctx:
        upload = flask.request.files["doc"]
        with ctx.copy():
            pass
        assert upload.stream.closed


@pytest.mark.concurrent  # the worker is a thread
def test_a_worker_in_a_copied_context_reads_the_upload_while_the_view_waits():
    import flask

    app = flask.Flask(__name__)
    read = []

    @app.route("/upload", methods=["POST"])
    def upload():
        @flask.copy_current_request_context
        def store():
            read.append(flask.request.files["doc"].read())

        worker = threading.Thread(target=store)
        worker.start()
        worker.join(10)  # the view waits: the open file is shared, not lost
        return "stored"

    client = app.test_client()
    with client.post("/upload", data={"doc": (io.BytesIO(b"the document"), "doc.txt")}) as r:
        assert r.data == b"stored"
    assert read == [b"the document"]


def open_fds():
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc")
def test_a_small_upload_is_held_in_memory_and_a_large_one_in_a_temporary_file():
    import flask

    app = flask.Flask(__name__)
    for size, files_opened in [(10, 0), (600_000, 1)]:
        with app.request_context(upload_environ(size)):
            before = open_fds()
            upload = flask.request.files["doc"]
            assert open_fds() - before == files_opened, size
            assert len(upload.read()) == size


# -- the fourth article: starting up -------------------------------------------------


def test_flask_run_is_not_deprecated_and_still_ends_in_run_simple(monkeypatch):
    import flask
    import werkzeug.serving

    calls = []
    monkeypatch.setattr(werkzeug.serving, "run_simple", lambda *a, **kw: calls.append((a, kw)))
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    app = flask.Flask(__name__)
    app.run(host="127.0.0.1", port=5000, load_dotenv=False)  # warnings are errors here
    (args, kwargs) = calls[0]
    assert args == ("127.0.0.1", 5000, app)


def test_run_simple_takes_static_files_as_a_mapping_of_paths_not_a_flag(tmp_path):
    from werkzeug.middleware.shared_data import SharedDataMiddleware

    (tmp_path / "hello.txt").write_text("static")
    # what run_simple does with static_files
    app = SharedDataMiddleware(lambda environ, start_response: [], {"/static": str(tmp_path)})
    with Client(app).get("/static/hello.txt") as response:
        assert response.data == b"static"
    with pytest.raises((TypeError, AttributeError)):
        SharedDataMiddleware(app, True)


# -- the fifth article: WSGI and the contexts -----------------------------------------


def test_a_wsgi_application_may_call_start_response_when_its_body_is_first_iterated():
    def lazy(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        yield b"late"

    app = wsgiref.validate.validator(lazy)  # PEP 3333's checks
    started, iterable = call(app, create_environ("/"))
    assert started == []  # the application has returned; nothing started yet
    assert list(iterable) == [b"late"]
    assert started == ["200 OK"]
    iterable.close()


def test_current_app_outside_an_application_context_raises():
    import flask

    app = flask.Flask(__name__)
    with app.app_context():
        assert flask.current_app.name == app.name
    with pytest.raises(RuntimeError, match="application context"):
        flask.current_app.name  # noqa: B018  (the application object still exists)


def test_the_request_context_holds_request_and_session_and_the_app_context_g():
    import flask

    app = flask.Flask(__name__)
    with app.app_context() as app_ctx:
        assert flask.g._get_current_object() is app_ctx.g  # no request needed
        with app.test_request_context("/") as ctx:
            assert flask.request._get_current_object() is ctx.request
            assert flask.session._get_current_object() is ctx.session
            assert flask.g._get_current_object() is app_ctx.g


def test_g_starts_empty_in_every_request():
    import flask

    app = flask.Flask(__name__)

    @app.route("/")
    def index():
        seen = flask.g.get("seen", "nothing")
        flask.g.seen = "the first request"
        return seen

    client = app.test_client()
    assert [client.get("/").data for _ in range(2)] == [b"nothing", b"nothing"]


def test_a_local_stack_is_per_task_not_only_per_thread():
    from werkzeug.local import LocalStack

    stack = LocalStack()

    async def main():
        pushed = asyncio.Event()

        async def first():
            stack.push("first task")
            pushed.set()
            return stack.top

        async def second():
            await pushed.wait()
            return stack.top

        return await asyncio.gather(first(), second())

    assert asyncio.run(main()) == ["first task", None]  # one thread, two tasks


def test_the_url_is_matched_when_the_request_context_is_pushed_before_any_dispatch():
    import flask

    app = flask.Flask(__name__)
    app.add_url_rule("/about", "about", lambda: "about")
    with app.test_request_context("/about"):
        assert flask.request.url_rule.rule == "/about"
        assert flask.request.endpoint == "about"


def test_the_response_is_called_while_the_request_context_is_still_pushed():
    import flask

    seen = []

    class Response(flask.Response):
        def __call__(self, environ, start_response):
            seen.append(flask.has_request_context())
            return super().__call__(environ, start_response)

    app = flask.Flask(__name__)
    app.response_class = Response
    app.add_url_rule("/", "index", lambda: "hello")
    started, iterable = call(app, create_environ("/"))
    iterable.close()
    assert seen == [True]
    assert not flask.has_request_context()  # popped after the response was called
