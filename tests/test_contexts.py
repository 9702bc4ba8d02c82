"""The request context and the context locals."""

import threading

import pytest

import flask01 as flask


def test_request_context_binds_the_locals_for_the_with_block(app):
    with app.test_request_context("/hello?name=World"):
        assert flask.request.args["name"] == "World"
        assert flask.current_app._get_current_object() is app
        assert flask._request_ctx_stack.top.app is app
    assert flask._request_ctx_stack.top is None


def test_entering_a_request_context_returns_none_as_in_0_1(app):
    with app.test_request_context() as entered:
        assert entered is None


def test_nested_contexts_stack_and_restore(app):
    with app.test_request_context("/outer"):
        flask.g.where = "outer"
        with app.test_request_context("/inner"):
            assert flask.request.path == "/inner"
            assert not hasattr(flask.g, "where")
        assert flask.request.path == "/outer"
        assert flask.g.where == "outer"


def test_request_context_accepts_a_raw_environ(app):
    from werkzeug.test import create_environ

    with app.request_context(create_environ("/raw", method="PUT")):
        assert (flask.request.path, flask.request.method) == ("/raw", "PUT")


@pytest.mark.parametrize("name", ["request", "session", "g", "current_app"])
def test_locals_outside_a_request_raise_a_clear_runtime_error(name):
    with pytest.raises(RuntimeError, match="outside of request context"):
        getattr(flask, name).anything  # noqa: B018


def test_url_for_outside_a_request_fails():
    with pytest.raises(AttributeError):
        flask.url_for("index")


@pytest.mark.concurrent
def test_each_thread_sees_its_own_request(app):
    seen = {}
    barrier = threading.Barrier(2)

    def worker(name):
        with app.test_request_context("/" + name):
            barrier.wait(timeout=5)
            seen[name] = flask.request.path

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert seen == {"a": "/a", "b": "/b"}


def test_exception_inside_a_context_pops_it_when_not_debugging(app):
    with pytest.raises(KeyError), app.test_request_context():
        raise KeyError("x")
    assert flask._request_ctx_stack.top is None


def test_request_remembers_endpoint_and_view_args_after_dispatch(app, client):
    seen = []
    app.after_request(lambda r: seen.append((flask.request.endpoint, flask.request.view_args)) or r)
    app.route("/item/<int:n>")(lambda n: "x")
    client.get("/item/3")
    assert seen == [("<lambda>", {"n": 3})]
