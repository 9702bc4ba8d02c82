"""Flashing messages to the next request."""

import pytest

import flask01 as flask


def test_flashed_message_is_shown_after_a_redirect_and_then_gone(app, client):
    @app.route("/save")
    def save():
        flask.flash("Saved!")
        return flask.redirect(flask.url_for("show"))

    @app.route("/show")
    def show():
        return "|".join(flask.get_flashed_messages())

    response = client.get("/save", follow_redirects=True)
    assert response.data == b"Saved!"
    assert client.get("/show").data == b""


def test_messages_keep_their_order(app, client):
    @app.route("/many")
    def many():
        for word in ("one", "two", "three"):
            flask.flash(word)
        return "ok"

    app.route("/show")(lambda: ",".join(flask.get_flashed_messages()))
    client.get("/many")
    assert client.get("/show").data == b"one,two,three"


def test_get_flashed_messages_returns_the_same_list_within_a_request(app):
    with app.test_request_context():
        flask.session["_flashes"] = ["a"]
        first = flask.get_flashed_messages()
        assert flask.get_flashed_messages() is first == ["a"]
        assert "_flashes" not in flask.session


def test_flash_without_secret_key_says_to_set_it(app):
    app.secret_key = None
    with app.test_request_context(), pytest.raises(RuntimeError, match="secret_key"):
        flask.flash("x")


def test_get_flashed_messages_without_secret_key_is_empty(app):
    app.secret_key = None
    with app.test_request_context():
        assert flask.get_flashed_messages() == []
