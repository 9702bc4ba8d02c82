"""Details of flask01.modern's test client that ``nox -s mutation`` found
no test for: the client as a context manager, a body without ``close``,
and the report of a stream left open (its request part; the place it
names is read from the call stack, see test_case_flask_5483.py)."""

import gc
import warnings

import pytest

import flask01.modern as flask


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
