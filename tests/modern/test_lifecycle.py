"""The request lifecycle of flask01.modern: hook order, teardown,
preservation, g, and pushing and popping contexts by hand."""

import pytest

import flask01.modern as flask


@pytest.fixture
def events(app):
    """Record every hook of *app* as it runs."""
    seen = []
    app.before_request(lambda: seen.append("before"))
    app.after_request(lambda r: seen.append("after 1") or r)
    app.after_request(lambda r: seen.append("after 2") or r)
    app.teardown_request(lambda e: seen.append(("teardown_request 1", e)))
    app.teardown_request(lambda e: seen.append(("teardown_request 2", e)))
    app.teardown_appcontext(lambda e: seen.append(("teardown_appcontext", e)))

    @app.route("/")
    def index():
        seen.append("view")
        return "index"

    @app.route("/fail")
    def fail():
        raise ZeroDivisionError("view failed")

    return seen


def test_hooks_run_in_flask_order(client, events):
    client.get("/")
    assert events == [
        "before",
        "view",
        "after 2",
        "after 1",
        ("teardown_request 2", None),
        ("teardown_request 1", None),
        ("teardown_appcontext", None),
    ]


def test_before_request_answer_skips_the_view(app, client, events):
    app.before_request(lambda: "early")
    assert client.get("/").data == b"early"
    assert "view" not in events


def test_unhandled_error_is_a_500_and_teardown_receives_it(app, client, events):
    app.logger.disabled = True
    assert client.get("/fail").status_code == 500
    teardown = [e for e in events if isinstance(e, tuple)]
    assert [type(exc) for _, exc in teardown] == [ZeroDivisionError] * 3


def test_testing_mode_propagates_the_error_to_the_test(app, client, events):
    app.testing = True
    with pytest.raises(ZeroDivisionError):
        client.get("/fail")
    assert not flask.has_request_context()


def test_debug_mode_preserves_the_failed_context_until_the_next_request(app, client, events):
    app.debug = True
    with pytest.raises(ZeroDivisionError):
        client.get("/fail")
    assert flask.request.path == "/fail"
    assert flask._request_ctx_stack.top.preserved
    assert not [e for e in events if isinstance(e, tuple)]
    client.get("/")
    assert not flask.has_request_context()
    assert ("teardown_request 1", None) in events


def test_preserve_context_on_exception_can_be_turned_off(app, client, events):
    app.debug = True
    app.config["PRESERVE_CONTEXT_ON_EXCEPTION"] = False
    with pytest.raises(ZeroDivisionError):
        client.get("/fail")
    assert not flask.has_request_context()


def test_client_with_block_keeps_the_last_request_context(client, events):
    with client:
        client.get("/?x=1")
        assert flask.request.args["x"] == "1"
        assert not [e for e in events if isinstance(e, tuple)]
    assert not flask.has_request_context()
    assert ("teardown_appcontext", None) in events


def test_client_with_blocks_cannot_nest(client):
    with client, pytest.raises(RuntimeError, match="nest"):
        client.__enter__()


def test_g_lives_as_long_as_the_app_context(app):
    with app.app_context():
        flask.g.user = "ada"
        with app.test_request_context("/"):
            assert flask.g.user == "ada"
        assert flask.g.pop("user") == "ada"
        assert "user" not in flask.g


def test_each_request_gets_a_fresh_g(app, client):
    @app.route("/g")
    def read_g():
        before = flask.g.get("hits", 0)
        flask.g.hits = before + 1
        return str(before)

    assert client.get("/g").data == client.get("/g").data == b"0"


def test_request_context_pushes_an_app_context_and_pops_it(app):
    ctx = app.test_request_context("/")
    ctx.push()
    assert flask.current_app._get_current_object() is app
    ctx.pop()
    assert not flask.has_app_context()


def test_request_context_reuses_an_active_app_context(app):
    with app.app_context() as app_ctx:
        with app.test_request_context("/"):
            assert flask._app_ctx_stack.top is app_ctx
        assert flask.has_app_context()


#: the two contexts, each with the name its teardown functions go by
#: (``teardown_request``, ``do_teardown_appcontext``) and its factory
EACH_CONTEXT = pytest.mark.parametrize(
    ("teardown", "context"),
    [("request", "test_request_context"), ("appcontext", "app_context")],
    ids=["request-context", "app-context"],
)


@EACH_CONTEXT
def test_teardown_runs_once_on_the_last_of_nested_pushes(app, teardown, context):
    seen = []
    getattr(app, "teardown_" + teardown)(seen.append)
    ctx = getattr(app, context)()
    ctx.push()
    ctx.push()
    ctx.pop()
    assert seen == []
    ctx.pop()
    assert seen == [None]


@EACH_CONTEXT
def test_do_teardown_passes_the_exception_being_handled(app, teardown, context):
    seen = []
    getattr(app, "teardown_" + teardown)(seen.append)
    error = LookupError("handled")
    with getattr(app, context)():
        try:
            raise error
        except LookupError:
            getattr(app, "do_teardown_" + teardown)()
    # popping the context ran the function a second time, with no error
    assert seen == [error, None]


def test_popping_the_wrong_request_context_is_an_assertion_error(app):
    first, second = app.test_request_context("/1"), app.test_request_context("/2")
    first.push()
    second.push()
    with pytest.raises(AssertionError, match="Popped wrong request context"):
        first.pop()
    _empty_the_stacks()


def test_popping_the_wrong_app_context_is_an_assertion_error(app):
    first, second = app.app_context(), app.app_context()
    first.push()
    second.push()
    with pytest.raises(AssertionError, match="Popped wrong app context"):
        first.pop()
    _empty_the_stacks()


def _empty_the_stacks():
    """After a wrong pop the stacks are in disorder by design; clear them
    without running any more teardown."""
    for stack in (flask._request_ctx_stack, flask._app_ctx_stack):
        while stack.top is not None:
            stack.pop()


def test_pop_passes_an_explicit_exception_to_teardown(app):
    seen = []
    app.teardown_request(seen.append)
    ctx = app.test_request_context("/")
    ctx.push()
    error = ValueError("given")
    ctx.pop(error)
    assert seen == [error]


def test_auto_pop_keeps_the_context_when_asked_by_the_client(app):
    ctx = app.test_request_context("/", environ_overrides={"flask._preserve_context": True})
    ctx.push()
    ctx.auto_pop(None)
    assert ctx.preserved
    assert flask._request_ctx_stack.top is ctx
    app.test_request_context("/next").push()
    assert flask.request.path == "/next"
    flask._request_ctx_stack.top.pop()


def test_match_request_stores_the_rule_or_the_error(app):
    @app.route("/user/<int:uid>")
    def user(uid):
        return ""

    with app.test_request_context("/user/3"):
        assert (flask.request.endpoint, flask.request.view_args) == ("user", {"uid": 3})
    with app.test_request_context("/nowhere"):
        assert flask.request.routing_exception.code == 404


def test_after_this_request_runs_before_the_app_hooks(app, client):
    order = []
    app.after_request(lambda r: order.append("app") or r)

    @app.route("/")
    def index():
        flask.after_this_request(lambda r: order.append("this") or r)
        return ""

    client.get("/")
    assert order == ["this", "app"]


def test_context_functions_outside_a_request_say_so():
    with pytest.raises(RuntimeError, match="outside of request context"):
        flask.request.path  # noqa: B018
    with pytest.raises(RuntimeError, match="outside of application context"):
        flask.g.x  # noqa: B018
    with pytest.raises(RuntimeError, match="while a request is handled"):
        flask.after_this_request(len)
    with pytest.raises(RuntimeError, match="while a request is handled"):
        flask.copy_current_request_context(len)
    assert not flask.has_app_context()
    assert not flask.has_request_context()
