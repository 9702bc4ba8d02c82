"""Details of flask01.modern's test client that ``nox -s mutation`` found
no test for: the client as a context manager, a body without ``close``,
and the report of a stream left open (its request part; the place it
names is read from the call stack, see test_case_flask_5483.py)."""

import gc
import threading
import warnings

import pytest

import flask01.modern as flask
from flask01.modern.sessions import SecureCookieSessionInterface
from flask01.modern.testing import EnvironBuilder


@pytest.fixture
def app():
    app = flask.Flask(__name__)
    app.add_url_rule("/", "index", lambda: "index")
    app.add_url_rule("/stream", "stream", lambda: flask.Response(iter(["a", "b"])))
    return app


def test_a_client_can_be_used_in_with_blocks_one_after_another(app):
    client = app.test_client()
    for _ in range(2):
        with client:
            client.get("/?round=1").close()
            assert flask.request.args["round"] == "1"
    assert not flask.has_request_context()


def test_nesting_with_blocks_of_one_client_is_refused_in_words_that_say_so(app):
    client = app.test_client()
    with client, pytest.raises(RuntimeError) as info, client:
        pass
    assert str(info.value) == "Cannot nest client invocations"


def test_after_a_with_block_requests_keep_no_context(app):
    client = app.test_client()
    with client:
        client.get("/").close()
    client.get("/").close()
    assert not flask.has_request_context()


def test_a_list_body_of_a_wsgi_middleware_is_read(app):
    def middleware(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"from the middleware"]

    app.wsgi_app = middleware
    assert app.test_client().get("/").data == b"from the middleware"


def make_and_drop_a_stream(client):
    client.get("/stream?x=1")


def test_a_stream_left_open_is_reported_with_the_request_that_made_it(app):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        make_and_drop_a_stream(app.test_client())
        gc.collect()
    (warning,) = caught
    assert warning.category is ResourceWarning
    assert str(warning.message).startswith(
        "A streaming test response was never closed: GET http://localhost/stream?x=1 made at "
    )


def test_a_cookie_set_without_a_path_is_sent_back_only_under_the_path_that_set_it(app):
    @app.route("/dir/set")
    def set_cookie():
        response = flask.make_response("set")
        response.headers.add("Set-Cookie", "k=v")
        return response

    app.add_url_rule("/dir/read", "read", lambda: flask.request.cookies.get("k", "none"))
    app.add_url_rule("/read", "read_root", lambda: flask.request.cookies.get("k", "none"))
    client = app.test_client()
    client.get("/dir/set").close()
    assert (client.get("/dir/read").data, client.get("/read").data) == (b"v", b"none")


def test_the_builders_base_url_is_rebuilt_from_its_parts(app):
    builder = EnvironBuilder(app, "/x", base_url="https://h.example:8443/root/")
    assert (builder.base_url, builder.script_root, builder.host, builder.path) == (
        "https://h.example:8443/root/",
        "/root",
        "h.example:8443",
        "/x",
    )


def test_a_path_given_as_bytes_is_read_as_utf8(app):
    builder = EnvironBuilder(app, b"/caf\xc3\xa9?a=1")
    try:
        environ = builder.get_environ()
    finally:
        builder.close()
    assert (builder.path, environ["PATH_INFO"], environ["QUERY_STRING"]) == (
        "/caf%C3%A9",
        "/caf\xc3\xa9",  # the WSGI string of the UTF-8 bytes
        "a=1",
    )


def test_a_path_given_as_bytes_that_are_not_utf8_fails(app):
    with pytest.raises(UnicodeDecodeError):
        EnvironBuilder(app, b"/caf\xe9")


@pytest.mark.parametrize("base_url", ["http://h/?q=1", "http://h/#f"])
def test_a_base_url_with_a_query_or_fragment_is_refused(app, base_url):
    with pytest.raises(ValueError, match="must not contain a query string or fragment"):
        EnvironBuilder(app, "/x", base_url=base_url)


def test_a_session_transaction_on_a_null_session_saves_nothing(app):
    saved = []

    class NullOpening(SecureCookieSessionInterface):
        def open_session(self, app, request):
            return self.make_null_session(app)

        def save_session(self, app, session, response):
            saved.append(session)

    app.session_interface = NullOpening()
    client = app.test_client()
    with client.session_transaction() as session:
        assert app.session_interface.is_null_session(session)
    assert saved == []
    assert client.get_cookie("session") is None


@pytest.mark.concurrent  # a second thread
def test_a_response_another_thread_finishes_meanwhile_does_not_unstream_the_clients(app):
    """The client's stream stays a stream when, after it was finished, another
    thread's request finishes a body that is not streamed."""
    produced = []

    @app.route("/outer")
    def outer():
        def body():
            for chunk in "ab":
                produced.append(chunk)
                yield chunk

        return app.response_class(body())

    @app.teardown_request
    def request_in_another_thread(error):
        # teardown runs after request_finished, while the client still
        # watches the signal for its own response
        if flask.request.path == "/outer":
            other = threading.Thread(target=lambda: app.test_client().get("/"))
            other.start()
            other.join(5)

    response = app.test_client().get("/outer")
    # not read at once, as a stream (only what starts the response is)
    assert produced == ["a"]
    assert response.get_data() == b"ab"
    response.close()
