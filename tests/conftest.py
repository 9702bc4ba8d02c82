"""Shared fixtures.  Every test runs with warnings as errors (see
pyproject.toml) and must leave no request context behind."""
import pytest

import flask01


@pytest.fixture(autouse=True)
def no_context_left_behind():
    """Fail any test that leaves a request context on the stack."""
    assert flask01._request_ctx_stack.top is None, "a context was left by an earlier test"
    yield
    leftover = flask01._request_ctx_stack.top
    while flask01._request_ctx_stack.top is not None:
        flask01._request_ctx_stack.pop()
    assert leftover is None, "the test left a request context on the stack"


@pytest.fixture
def app():
    """A fresh application rooted in tests/apps (templates, static)."""
    from tests.apps import make_app

    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()
