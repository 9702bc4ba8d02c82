"""``url_for`` in flask01.modern at its edges, word for word where it
refuses, and the debug-mode check of routing redirects.  (Found untested
by ``nox -s mutation``.)"""

import pytest

import flask01.modern as flask


@pytest.fixture
def app():
    app = flask.Flask(__name__)
    app.add_url_rule("/", "index", lambda: "index")
    app.add_url_rule("/folder/", "folder", lambda: "folder", methods=["GET", "POST"])
    return app


def test_outside_an_application_context_it_says_so():
    with pytest.raises(RuntimeError) as refused:
        flask.url_for("index")
    assert str(refused.value) == (
        "Attempted to generate a URL without the application context being pushed. "
        "This has to be executed when application context is available."
    )


def test_outside_a_request_without_a_server_name_it_says_what_to_set(app):
    with app.app_context(), pytest.raises(RuntimeError) as refused:
        flask.url_for("index")
    assert str(refused.value) == (
        "url_for() outside a request needs to know the server: set the SERVER_NAME config key."
    )


def test_outside_a_request_urls_are_external_unless_asked_not_to_be(app):
    app.config["SERVER_NAME"] = "example.org"
    with app.app_context():
        assert flask.url_for("folder") == "http://example.org/folder/"
        assert flask.url_for("folder", _external=False) == "/folder/"


def test_a_scheme_without_external_is_refused_word_for_word(app):
    with app.test_request_context(), pytest.raises(ValueError, match="_scheme") as refused:
        flask.url_for("index", _scheme="https")
    assert str(refused.value) == "When specifying _scheme, _external must be True"


def test_a_scheme_applies_to_one_url_only(app):
    with app.test_request_context():
        assert flask.url_for("index", _scheme="https", _external=True) == "https://localhost/"
        assert flask.url_for("index", _external=True) == "http://localhost/"


def test_an_anchor_keeps_slashes_and_colons_and_escapes_the_rest(app):
    with app.test_request_context():
        assert flask.url_for("index", _anchor="a/b:c d") == "/#a/b:c%20d"


def test_a_relative_endpoint_without_a_blueprint_is_the_applications(app):
    with app.test_request_context():
        assert flask.url_for(".folder") == "/folder/"


def test_a_build_error_handler_sees_every_special_value(app):
    seen = []

    def handler(error, endpoint, values):
        seen.append((endpoint, values))
        return "/handled"

    app.url_build_error_handlers.append(handler)
    with app.test_request_context():
        url = flask.url_for(
            "missing", _anchor="a", _method="GET", _scheme="https", _external=True, x=1
        )
    assert url == "/handled"
    assert seen == [
        (
            "missing",
            {"x": 1, "_external": True, "_anchor": "a", "_method": "GET", "_scheme": "https"},
        )
    ]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_in_debug_mode_a_slash_redirect_is_still_a_308_for_any_method(app, method):
    # Werkzeug's slash redirect is a 308, which keeps the method and the
    # body, so Flask 2.1.3's debug check for a lost form never fires
    app.debug = True
    with app.test_client().open("/folder", method=method) as response:
        assert response.status_code == 308
