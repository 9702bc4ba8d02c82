"""Details of flask01.modern's contexts that ``nox -s mutation`` found no
test for: ``g``'s dict-like helpers, ``copy_current_request_context``
called in the same thread, what a copy shares, what ``with`` passes on
to ``pop``, and the contexts' reprs."""

import io

import pytest

import flask01.modern as flask
from flask01.modern.ctx import _AppCtxGlobals


@pytest.fixture
def app():
    return flask.Flask(__name__)


def test_g_get_pop_and_setdefault_use_the_name_given(app):
    with app.app_context():
        flask.g.x = 1
        assert flask.g.get("x") == 1
        assert flask.g.get("missing", "default") == "default"
        assert flask.g.setdefault("y", 2) == 2
        assert flask.g.y == 2
        assert flask.g.pop("x") == 1
        assert "x" not in flask.g
        assert flask.g.pop("x", "gone") == "gone"


def test_g_outside_an_application_context_has_the_plain_repr():
    assert repr(_AppCtxGlobals()).startswith("<flask01.modern.ctx._AppCtxGlobals object at ")


def test_a_request_context_repr_names_its_class_url_and_method(app):
    with app.test_request_context("/x?y=1", method="POST") as ctx:
        assert (
            repr(ctx)
            == "<RequestContext 'http://localhost/x?y=1' [POST] of tests.modern.test_ctx_details>"
        )


def test_a_copy_shares_the_request_and_the_session(app):
    app.secret_key = "copy"
    with app.test_request_context("/") as ctx:
        copy = ctx.copy()
        assert copy.request is ctx.request
        assert copy.session is ctx.session
        assert copy is not ctx


def test_a_copied_context_function_runs_later_with_its_arguments_and_its_request(app):
    seen = []

    @app.route("/later")
    def later():
        @flask.copy_current_request_context
        def work(a, b=None):
            """Work done after the request."""
            seen.append((flask.request.path, a, b))
            return "done"

        seen.append(work)
        return "ok"

    with app.test_client().get("/later"):
        pass
    work = seen.pop()
    assert not flask.has_request_context()
    assert work(1, b=2) == "done"
    assert seen == [("/later", 1, 2)]
    assert (work.__name__, work.__doc__) == ("work", "Work done after the request.")


def test_copying_outside_a_request_says_so(app):
    with pytest.raises(RuntimeError, match="only be used while a request is handled"):
        flask.copy_current_request_context(lambda: None)


def test_leaving_an_application_context_by_an_exception_passes_it_to_teardown(app):
    seen = []
    app.teardown_appcontext(seen.append)
    with pytest.raises(KeyError), app.app_context():
        raise KeyError("gone")
    assert [type(e) for e in seen] == [KeyError]


def test_leaving_a_request_context_by_an_exception_may_preserve_it(app):
    app.config["PRESERVE_CONTEXT_ON_EXCEPTION"] = True
    ctx = app.test_request_context("/")
    with pytest.raises(KeyError), ctx:
        raise KeyError("gone")
    try:
        assert ctx.preserved
        assert flask.request.path == "/"
    finally:
        ctx.pop()


def test_g_pop_with_a_default_takes_out_a_value_that_is_there(app):
    with app.app_context():
        flask.g.x = 1
        assert flask.g.pop("x", "default") == 1
        assert "x" not in flask.g


def test_a_request_copied_twice_is_closed_when_its_last_context_ends(app):
    data = {"f": (io.BytesIO(b"x"), "a.txt")}
    original = app.test_request_context("/", method="POST", data=data)
    with original:
        upload = flask.request.files["f"]
        first, second = original.copy(), original.copy()
    with first:
        pass
    assert not upload.stream.closed
    with second:
        pass
    assert upload.stream.closed
