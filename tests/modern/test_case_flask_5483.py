"""Case study Flask 5483: unclosed test responses.

Upstream (see tests/upstream), ``client.get()`` on a
``send_from_directory`` route leaves the file open until the response is
garbage-collected, and ``-W error`` turns the ResourceWarning into a
failure.  flask01.modern's client reads and closes every body that is not
a stream before returning the response; streams stay streams, and one
left open is reported with the place that made it.
"""

import gc
import io
import warnings

import pytest

import flask01.modern as flask
from tests.modern.conftest import open_fds


@pytest.fixture
def files(app):
    @app.route("/files/<path:name>")
    def files(name):
        return flask.send_from_directory("static", name)

    return app


def test_the_ordinary_test_leaks_nothing(files, client):
    before = open_fds()
    response = client.get("/files/hello.txt")
    assert response.status_code == 200
    assert open_fds() == before


def test_a_dropped_response_raises_no_resource_warning(files, client):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.get("/files/hello.txt")
        gc.collect()
    assert caught == []


def test_the_body_is_still_there_after_the_file_was_closed(files, client):
    response = client.get("/files/hello.txt")
    assert response.data == b"hello\n"
    assert response.headers["Content-Length"] == "6"


def test_redirects_and_static_files_leak_nothing(app, client):
    before = open_fds()
    for _ in range(10):
        client.get("/static/hello.txt")
    assert open_fds() == before


def test_streaming_responses_still_stream(app, client):
    produced = []

    @app.route("/stream")
    def stream():
        def generate():
            for part in ("one", "two", "three"):
                produced.append(part)
                yield part

        return flask.Response(generate())

    with client.get("/stream") as response:
        chunks = iter(response.response)
        assert next(chunks) == b"one"
        assert produced == ["one"]
        assert next(chunks) == b"two"
        assert produced == ["one", "two"]


def test_reading_a_whole_stream_closes_it(app, client):
    closed = []

    @app.route("/stream")
    def stream():
        def generate():
            try:
                yield "all"
            finally:
                closed.append(True)

        return flask.Response(generate())

    assert client.get("/stream").data == b"all"
    assert closed == [True]


def make_and_drop_a_stream(client):
    client.get("/stream")


def test_a_stream_left_open_is_reported_with_the_test_that_made_it(app, client):
    @app.route("/stream")
    def stream():
        return flask.Response(iter(["a", "b"]))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        make_and_drop_a_stream(client)
        gc.collect()
    (warning,) = caught
    assert warning.category is ResourceWarning
    message = str(warning.message)
    assert "GET http://localhost/stream" in message
    assert "test_case_flask_5483.py:" in message
    assert "in make_and_drop_a_stream" in message


def test_a_closed_stream_is_not_reported(app, client):
    @app.route("/stream")
    def stream():
        return flask.Response(iter(["a"]))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.get("/stream").close()
        gc.collect()
    assert caught == []


def test_call_on_close_of_an_ordinary_response_runs_in_the_test(app, client):
    calls = []

    @app.route("/")
    def index():
        response = flask.make_response("body")
        response.call_on_close(lambda: calls.append("closed"))
        return response

    client.get("/")
    assert calls == ["closed"]


def _upload(size):
    return {"doc": (io.BytesIO(b"x" * size), "doc.bin")}


def test_a_big_upload_leaves_no_temporary_file_open(app, client):
    @app.post("/upload")
    def upload():
        return str(len(flask.request.files["doc"].read()))

    before = open_fds()
    with client.post("/upload", data=_upload(600_000)) as response:
        assert response.data == b"600000"
    assert open_fds() == before
    del response
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    assert [str(w.message) for w in caught] == []


def test_a_request_context_made_up_with_a_big_upload_leaves_no_file_open(app):
    before = open_fds()
    with app.test_request_context(method="POST", data=_upload(600_000)):
        assert len(flask.request.files["doc"].read()) == 600_000
    assert open_fds() == before


def test_a_preserved_request_can_read_its_big_upload_after_the_response(app, client):
    app.post("/upload")(lambda: "not read in the view")
    with client:
        client.post("/upload", data=_upload(600_000)).close()
        assert len(flask.request.files["doc"].read()) == 600_000
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    assert [str(w.message) for w in caught] == []


def test_a_stream_made_in_a_with_client_block_is_not_reported(app, client):
    # Flask 2.1.3's own test_client_pop_all_preserved drops such a response
    @app.route("/stream")
    def stream():
        return flask.Response(flask.stream_with_context(iter(["a"])))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with client:
            client.get("/stream")
            gc.collect()
        gc.collect()
    assert caught == []
    assert not flask.has_request_context()


def test_a_stream_made_in_a_with_client_block_is_closed_when_the_block_ends(app, client):
    closed = []

    @app.route("/stream")
    def stream():
        def generate():
            try:
                yield "a"
            finally:
                closed.append(True)

        return flask.Response(generate())

    with client:
        response = client.get("/stream")
        assert closed == []
    assert closed == [True]
    del response
