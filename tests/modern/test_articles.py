"""What the fifth article says about Flask's contexts, checked on
flask01.modern, whose ``ctx`` module has the layout the article quotes
(chapter 17 answers the articles point by point).  Each test is named
for what really happens; where the article has it otherwise, the test
is the correction."""

import pytest
from werkzeug.test import create_environ

import flask01.modern as flask
from flask01.modern import _app_ctx_stack, _request_ctx_stack


@pytest.mark.proves("flask01.modern.RequestContext.push")
def test_a_request_context_pushes_itself_on_the_request_stack_and_an_app_context_on_the_app_stack(
    app,
):
    ctx = app.test_request_context("/")
    ctx.push()
    try:
        assert _request_ctx_stack.top is ctx
        assert isinstance(_app_ctx_stack.top, flask.AppContext)
        assert _app_ctx_stack.top.app is app
    finally:
        ctx.pop()
    assert _request_ctx_stack.top is None
    assert _app_ctx_stack.top is None


@pytest.mark.proves("flask01.modern.AppContext.push", "flask01.modern.appcontext_pushed")
def test_appcontext_pushed_is_sent_by_the_app_context_push_not_the_request_context(app):
    sent = []

    def record(sender, **extra):
        sent.append(sender)

    flask.appcontext_pushed.connect(record, app)
    try:
        with app.app_context():
            assert sent == [app]
            with app.test_request_context("/"):  # reuses the app context on top
                assert sent == [app]
        with app.test_request_context("/"):  # pushes an app context of its own
            assert sent == [app, app]
    finally:
        flask.appcontext_pushed.disconnect(record, app)


def test_every_request_context_of_one_application_has_that_application(app):
    first, second = app.test_request_context("/"), app.test_request_context("/")
    assert first is not second
    assert first.app is second.app is app


@pytest.mark.proves("flask01.modern.RequestContext.match_request")
def test_the_url_is_matched_when_the_request_context_is_pushed_not_when_dispatching(app):
    app.add_url_rule("/about", "about", lambda: "about")
    with app.test_request_context("/about"):
        assert flask.request.url_rule.rule == "/about"
        assert flask.request.endpoint == "about"


@pytest.mark.proves("flask01.modern.Flask.wsgi_app")
def test_the_response_is_called_before_the_contexts_are_popped(app):
    seen = []

    class Response(flask.Response):
        def __call__(self, environ, start_response):
            seen.append((_request_ctx_stack.top is not None, _app_ctx_stack.top is not None))
            return super().__call__(environ, start_response)

    app.response_class = Response
    app.add_url_rule("/", "index", lambda: "hello")
    body = app.wsgi_app(create_environ("/"), lambda status, headers, exc_info=None: None)
    body.close()
    assert seen == [(True, True)]
    assert _request_ctx_stack.top is None
    assert _app_ctx_stack.top is None


def test_g_is_new_for_every_request(app, client):
    @app.route("/")
    def index():
        seen = flask.g.get("seen", "nothing")
        flask.g.seen = "the first request"
        return seen

    assert [client.get("/").data for _ in range(2)] == [b"nothing", b"nothing"]
