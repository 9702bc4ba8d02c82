"""Shared fixtures.  Every test runs with warnings as errors (see
pyproject.toml) and must leave no request context behind."""

import pytest

import flask01
import flask01.modern

# every thread and child process a test starts has ended after it, and a
# test that starts a thread or a server is marked `concurrent`
pytest_plugins = ["tests.isolation"]

STACKS = {
    "flask01 request": flask01._request_ctx_stack,
    "modern request": flask01.modern._request_ctx_stack,
    "modern app": flask01.modern._app_ctx_stack,
}


def pytest_addoption(parser):
    parser.addoption(
        "--site",
        metavar="DIR",
        help="the built documentation site; tests/site/ checks it (nox -s docs passes it)",
    )


def pytest_ignore_collect(collection_path, config):
    # tests/site/ needs a built site and Sphinx: it belongs to `nox -s docs`.
    if collection_path.name == "site" and collection_path.parent.name == "tests":
        return not config.getoption("site")
    return None


@pytest.fixture(autouse=True)
def no_context_left_behind():
    """Fail any test that leaves a context on one of the stacks."""
    for name, stack in STACKS.items():
        assert stack.top is None, f"a {name} context was left by an earlier test"
    yield
    leftovers = [name for name, stack in STACKS.items() if stack.top is not None]
    for stack in STACKS.values():
        while stack.top is not None:
            stack.pop()
    assert not leftovers, f"the test left contexts on the stacks: {leftovers}"


@pytest.fixture
def app():
    """A fresh application rooted in tests/apps (templates, static)."""
    from tests.apps import make_app

    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()
