"""Details of flask01.modern's helpers that ``nox -s mutation`` found no
test for: flash's default category and the edges of
stream_with_context."""

import pytest
from werkzeug.wsgi import ClosingIterator

import flask01.modern as flask


def test_a_message_flashed_without_a_category_has_the_category_message(app):
    with app.test_request_context():
        flask.flash("saved")
        assert flask.get_flashed_messages(with_categories=True) == [("message", "saved")]


def test_a_decorated_generator_function_gets_its_arguments(app, client):
    @flask.stream_with_context
    def greeting(greeting, name):
        yield f"{greeting} {name} {flask.request.args['mark']}"

    app.add_url_rule("/", "index", lambda: flask.Response(greeting("hello", name="world")))
    assert client.get("/?mark=!").data == b"hello world !"


def test_a_decorated_generator_function_keeps_its_name_and_doc():
    def lines():
        """The lines."""
        yield "a"

    decorated = flask.stream_with_context(lines)
    assert (decorated.__name__, decorated.__doc__) == ("lines", "The lines.")


def test_streaming_an_iterator_without_close_works(app, client):
    app.add_url_rule("/", "index", lambda: flask.Response(flask.stream_with_context(iter("ab"))))
    assert client.get("/").data == b"ab"


def test_an_iterator_streamed_to_its_end_is_closed(app, client):
    closed = []

    @app.route("/")
    def index():
        body = ClosingIterator([b"a", b"b"], lambda: closed.append(True))
        return flask.Response(flask.stream_with_context(body))

    assert client.get("/").data == b"ab"
    assert closed == [True]


def test_streaming_with_context_outside_a_request_says_there_is_no_context():
    with pytest.raises(RuntimeError) as info:
        flask.stream_with_context(iter(["x"]))
    assert str(info.value) == (
        "Attempted to stream with context but there was no context in the "
        "first place to keep around."
    )
