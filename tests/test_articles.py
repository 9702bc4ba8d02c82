"""What the fourth and fifth articles say about Flask 0.1, checked on
flask01 (chapter 17 answers the articles point by point).  Each test is
named for what 0.1 really does; the article's points that already have a
test elsewhere are answered by that test (the chapter names it)."""

import pytest
from werkzeug.test import create_environ

import flask01
from flask01._werkzeug06 import SharedDataMiddleware


@pytest.mark.proves("flask01.Flask.wsgi_app")
def test_wsgi_app_starts_the_response_and_returns_its_body_not_the_response_object(app):
    app.route("/")(lambda: "Hello, Flask!")
    started = []
    body = app.wsgi_app(create_environ("/"), lambda status, headers: started.append(status))
    assert started == ["200 OK"]  # start_response ran before wsgi_app returned
    assert not isinstance(body, flask01.Response)
    assert b"".join(body) == b"Hello, Flask!"


def test_static_files_are_served_by_a_middleware_the_application_installs_not_by_run(app):
    # run() passes no static_files (test_run_and_messages.py checks its
    # arguments); the constructor wrapped wsgi_app instead
    assert isinstance(app.wsgi_app, SharedDataMiddleware)
    started = []
    body = app(create_environ("/static/hello.txt"), lambda s, h: started.append(s))
    try:
        assert started == ["200 OK"]
    finally:
        getattr(body, "close", lambda: None)()


def test_g_lives_on_the_request_context_in_0_1_and_is_new_for_every_request(app):
    seen = []

    @app.route("/")
    def index():
        seen.append((flask01._request_ctx_stack.top.g, getattr(flask01.g, "mark", None)))
        flask01.g.mark = "set"
        return ""

    client = app.test_client()
    client.get("/")
    client.get("/")
    (first, mark1), (second, mark2) = seen
    assert type(first).__name__ == "_RequestGlobals"
    assert first is not second
    assert mark1 is mark2 is None


def test_current_app_exists_only_while_a_request_is_handled_in_0_1(app):
    with app.test_request_context("/"):
        assert flask01.current_app._get_current_object() is app
    with pytest.raises(RuntimeError, match="request context"):
        flask01.current_app.name  # noqa: B018  (the application still exists)
