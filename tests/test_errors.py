"""Error handlers, and what happens to exceptions nobody handles."""

import pytest

import flask01 as flask


def test_handler_for_a_code_answers_http_errors(app, client):
    app.errorhandler(404)(lambda e: (f"custom {e.code}", 404))
    response = client.get("/nowhere")
    assert (response.status_code, response.data) == (404, b"custom 404")


def test_handler_assigned_to_error_handlers_directly_works_too(app, client):
    app.error_handlers[403] = lambda e: ("no", 403)
    app.route("/")(lambda: flask.abort(403))
    assert client.get("/").data == b"no"


def test_http_error_without_handler_is_werkzeugs_page(app, client):
    app.route("/")(lambda: flask.abort(410))
    response = client.get("/")
    assert response.status_code == 410
    assert b"<title>410 Gone</title>" in response.data


def test_500_handler_receives_exceptions_raised_by_views(app, client):
    app.errorhandler(500)(lambda e: (f"caught {type(e).__name__}", 500))
    app.route("/")(lambda: 1 // 0)
    response = client.get("/")
    assert (response.status_code, response.data) == (500, b"caught ZeroDivisionError")


def test_exception_without_500_handler_propagates(app, client):
    def fail():
        raise ValueError("nobody handles me")

    app.route("/")(fail)
    with pytest.raises(ValueError, match="nobody handles me"):
        client.get("/")


def test_debug_mode_skips_the_500_handler(app, client):
    app.debug = True
    app.errorhandler(500)(lambda e: "handled")
    app.route("/")(lambda: 1 // 0)
    with pytest.raises(ZeroDivisionError):
        client.get("/")
    flask._request_ctx_stack.pop()


def test_debug_mode_keeps_the_failed_request_on_the_stack_for_the_debugger(app, client):
    app.debug = True

    @app.route("/broken")
    def broken():
        raise KeyError("x")

    with pytest.raises(KeyError):
        client.get("/broken?probe=1")
    try:
        assert flask.request.args["probe"] == "1"
    finally:
        flask._request_ctx_stack.pop()


def test_failed_request_is_popped_when_not_debugging(app, client):
    app.route("/")(lambda: 1 // 0)
    with pytest.raises(ZeroDivisionError):
        client.get("/")
    assert flask._request_ctx_stack.top is None


def test_errors_in_before_request_are_not_handled_by_the_500_handler(app, client):
    # Flask 0.1 only catches exceptions inside dispatch_request.
    app.errorhandler(500)(lambda e: "handled")
    app.before_request(lambda: 1 // 0)
    with pytest.raises(ZeroDivisionError):
        client.get("/")
