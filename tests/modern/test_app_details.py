"""Details of flask01.modern's application object that ``nox -s
mutation`` found no test for: settings given in seconds, the instance
folder, URL defaults and build errors, routing redirects in debug mode,
error handlers, the null session, async views without asgiref, and
``run`` with the server left out."""

import builtins
import functools
import inspect
import logging
import threading
import traceback
from datetime import timedelta

import pytest
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import BuildError, RequestRedirect

import flask01.modern as flask
import flask01.modern.app as app_module
from flask01.modern.debughelpers import FormDataRoutingRedirect
from flask01.modern.scaffold import Scaffold


@pytest.fixture
def app(tmp_path):
    return flask.Flask("app_details", instance_path=str(tmp_path / "instance"))


def test_a_session_lifetime_given_in_seconds_is_a_timedelta(app):
    app.config["PERMANENT_SESSION_LIFETIME"] = 60
    assert app.permanent_session_lifetime == timedelta(seconds=60)


def test_an_instance_resource_is_opened_for_reading_bytes_by_default(app, tmp_path):
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "settings.cfg").write_bytes(b"X = 1\n")
    with app.open_instance_resource("settings.cfg") as f:
        assert f.read() == b"X = 1\n"


# -- URL defaults and build errors -----------------------------------------------


def test_the_url_defaults_of_a_nested_blueprint_apply_to_its_endpoints(app):
    parent, child = flask.Blueprint("parent", __name__), flask.Blueprint("child", __name__)
    child.add_url_rule("/page/<lang>", "page")
    child.url_defaults(lambda endpoint, values: values.setdefault("lang", "en"))
    parent.register_blueprint(child, url_prefix="/child")
    app.register_blueprint(parent, url_prefix="/parent")
    with app.test_request_context():
        assert flask.url_for("parent.child.page") == "/parent/child/page/en"


def test_a_url_defaults_function_is_given_the_endpoint(app):
    app.add_url_rule("/page/<name>", "page")
    app.url_defaults(lambda endpoint, values: values.setdefault("name", endpoint))
    with app.test_request_context():
        assert flask.url_for("page") == "/page/page"


def test_a_more_precise_build_error_raised_by_a_handler_is_the_one_raised(app):
    precise = BuildError("nowhere", {}, None)

    def handler(error, endpoint, values):
        raise precise

    app.url_build_error_handlers.append(handler)
    with app.test_request_context(), pytest.raises(BuildError) as info:
        flask.url_for("nowhere")
    assert info.value is precise


# -- routing errors in debug mode ------------------------------------------------------


def routing_error(app, error, method):
    """What ``raise_routing_exception`` raises for *error* on a *method*
    request, in debug mode."""
    app.debug = True
    with app.test_request_context("/", method=method):
        flask.request.routing_exception = error
        with pytest.raises((RequestRedirect, NotFound, FormDataRoutingRedirect)) as info:
            app.raise_routing_exception(flask.request)
    return info.value


def redirect(code):
    error = RequestRedirect("http://localhost/elsewhere/")
    error.code = code
    return error


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_in_debug_mode_a_301_redirect_of_a_request_without_a_body_is_raised(app, method):
    error = redirect(301)
    assert routing_error(app, error, method) is error


def test_in_debug_mode_a_301_redirect_of_a_post_is_an_error_that_explains(app):
    assert isinstance(routing_error(app, redirect(301), "POST"), FormDataRoutingRedirect)


def test_in_debug_mode_a_307_redirect_of_a_post_keeps_the_body_and_is_raised(app):
    error = redirect(307)
    assert routing_error(app, error, "POST") is error


def test_in_debug_mode_a_404_of_a_post_is_raised(app):
    error = NotFound()
    assert routing_error(app, error, "POST") is error


# -- error handlers ------------------------------------------------------------------------


def test_an_error_handler_is_given_the_exception(app):
    app.register_error_handler(404, lambda e: (f"handled {e.code}", 404))
    assert app.test_client().get("/missing").data == b"handled 404"


def test_a_slash_redirect_is_not_given_to_a_handler_of_its_class(app):
    app.add_url_rule("/folder/", "folder", lambda: "folder")
    app.register_error_handler(RequestRedirect, lambda e: "handled")
    response = app.test_client().get("/folder")
    assert (response.status_code, response.location) == (308, "http://localhost/folder/")


class _Codeless(HTTPException):
    pass


def test_an_http_exception_without_a_code_is_not_given_to_a_handler(app):
    app.register_error_handler(_Codeless, lambda e: "handled")
    with app.test_request_context():
        error = _Codeless()
        assert app.handle_http_exception(error) is error


def test_an_error_in_finishing_the_500_response_is_logged_in_words_that_say_so(app, caplog):
    @app.after_request
    def fail(response):
        raise LookupError("after request")

    with app.test_request_context(), caplog.at_level(logging.ERROR, logger=app.logger.name):
        app.finalize_request("error page", from_error_handler=True)
    assert [r.getMessage() for r in caplog.records] == [
        "Request finalizing failed with an error while handling an error"
    ]


def test_a_callable_that_fails_as_a_wsgi_application_is_refused_with_its_traceback(app):
    def not_a_response(environ):  # one argument: not a WSGI application
        return []

    with app.test_request_context(), pytest.raises(TypeError) as info:
        app.make_response(not_a_response)
    assert "did not return a valid response" in str(info.value)
    # the traceback goes on to where calling it as an application failed
    frames = [frame.name for frame in traceback.extract_tb(info.value.__traceback__)]
    assert frames[-1] == "run_wsgi_app"


class _SaysWhere(HTTPException):
    code = 410

    def get_description(self, environ=None, scope=None):
        return f"gone from {environ['PATH_INFO']}"


def test_an_http_exception_returned_by_a_view_is_made_a_response_with_the_environ(app):
    app.add_url_rule("/old", "old", lambda: _SaysWhere())
    response = app.test_client().get("/old")
    assert response.status_code == 410
    assert b"gone from /old" in response.data


# -- the null session ------------------------------------------------------------------------


class _RecordingInterface(flask.SessionInterface):
    """Opens no session (so requests get the null session) and notes
    every save it is asked for."""

    def __init__(self):
        self.saved = []

    def open_session(self, app, request):
        return None

    def save_session(self, app, session, response):
        self.saved.append(session)


def test_the_null_session_is_never_saved(app):
    app.session_interface = _RecordingInterface()
    app.add_url_rule("/", "index", lambda: "ok")
    assert app.test_client().get("/").data == b"ok"
    assert app.session_interface.saved == []


# -- async views without asgiref -------------------------------------------------------------


def test_an_async_view_without_asgiref_says_what_to_install(app, monkeypatch):
    real_import = builtins.__import__

    def no_asgiref(name, *args, **kwargs):
        if name.startswith("asgiref"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_asgiref)

    async def view():
        return "never"

    with pytest.raises(RuntimeError) as info:
        app.async_to_sync(view)
    assert str(info.value) == "Install Flask with the 'async' extra in order to use async views."


# -- run, with the server left out -----------------------------------------------------------


@pytest.fixture
def served(app, monkeypatch):
    """``app.run`` with Werkzeug's ``run_simple`` replaced by a note of
    its arguments; no environment variables read or .env files loaded."""
    calls = []
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    monkeypatch.delenv("WERKZEUG_RUN_MAIN", raising=False)
    monkeypatch.setattr("werkzeug.serving.run_simple", lambda *a, **kw: calls.append((a, kw)))
    return calls


def test_run_shows_the_banner_with_the_environment_debug_mode_and_name(app, served, capsys):
    app.env = "development"
    app.run(debug=True, load_dotenv=False)
    assert capsys.readouterr().out.splitlines() == [
        " * Serving Flask app 'app_details' (lazy loading)",
        " * Environment: development",
        " * Debug mode: on",
    ]


def test_after_run_returns_the_next_request_is_a_first_request_again(app, served):
    app.add_url_rule("/", "index", lambda: "ok")
    app.test_client().get("/")
    app.run(load_dotenv=False)
    assert app.got_first_request is False


def test_an_async_view_is_wrapped_by_asgirefs_async_to_sync(app):
    sync = pytest.importorskip("asgiref.sync")

    async def view():
        return "async"

    wrapped = app.async_to_sync(view)  # calling it would start asgiref's thread
    assert isinstance(wrapped, sync.AsyncToSync)
    assert wrapped.awaitable is view


# -- which callables are async ----------------------------------------------------------------


async def _coroutine_function():
    return "async"


def _plain_function():
    return "sync"


@pytest.mark.parametrize(
    "func",
    [
        _coroutine_function,
        _plain_function,
        functools.partial(_coroutine_function),
        functools.wraps(_coroutine_function)(lambda: None),
        functools.wraps(_plain_function)(lambda: None),
        len,
        type("Callable", (), {"__call__": _coroutine_function})(),
    ],
    ids=["async def", "def", "partial of async", "wraps async", "wraps def", "builtin", "object"],
)
def test_the_async_check_answers_as_inspect_does(func):
    assert app_module.iscoroutinefunction(func) is inspect.iscoroutinefunction(func)


def test_the_async_check_sees_a_plain_function_is_not_async():
    assert app_module.iscoroutinefunction(_plain_function) is False
    assert app_module.iscoroutinefunction(_coroutine_function) is True


@pytest.mark.skipif(
    not hasattr(inspect, "markcoroutinefunction"), reason="markcoroutinefunction is Python 3.12's"
)
def test_a_function_marked_as_a_coroutine_function_counts_as_async():
    def marked():
        return "sync, marked"

    inspect.markcoroutinefunction(marked)
    assert app_module.iscoroutinefunction(marked) is True


def test_setting_debug_makes_an_existing_jinja_environment_reload_templates(app):
    assert app.jinja_env.auto_reload is False
    app.debug = True
    assert app.jinja_env.auto_reload is True


def test_send_file_max_age_default_set_in_seconds_reads_as_a_timedelta(app):
    app.send_file_max_age_default = 60
    assert app.config["SEND_FILE_MAX_AGE_DEFAULT"] == 60
    assert app.send_file_max_age_default == timedelta(seconds=60)


def test_templates_auto_reload_set_off_stays_off_in_debug_mode(app):
    app.templates_auto_reload = False
    app.debug = True
    assert app.config["TEMPLATES_AUTO_RELOAD"] is False
    assert app.templates_auto_reload is False
    assert app.jinja_env.auto_reload is False


def test_a_build_error_handler_that_returns_none_passes_to_the_next(app):
    app.url_build_error_handlers.append(lambda error, endpoint, values: None)
    app.url_build_error_handlers.append(lambda error, endpoint, values: f"/built/{endpoint}")
    with app.test_request_context():
        assert flask.url_for("missing") == "/built/missing"


@pytest.mark.concurrent  # a second thread
def test_a_request_arriving_during_the_first_requests_functions_waits_and_skips_them(app):
    calls, second_waiting, done, threads = [], threading.Event(), [], []
    lock = app._before_request_lock

    class SignallingLock:
        """The application's lock, saying when a second thread waits on it."""

        def __enter__(self):
            if calls:  # the first request holds the lock
                second_waiting.set()
            return lock.__enter__()

        def __exit__(self, *exc_info):
            return lock.__exit__(*exc_info)

    app._before_request_lock = SignallingLock()

    @app.before_first_request
    def first():
        calls.append("first")
        second = threading.Thread(target=lambda: done.append(app.test_client().get("/").data))
        second.start()
        assert second_waiting.wait(5)
        calls.append("first ends")
        threads.append(second)

    app.route("/")(lambda: calls.append("view") or "ok")
    assert app.test_client().get("/").data == b"ok"
    threads[0].join(5)
    assert done == [b"ok"]
    # run once, and the second request's view only after it ended
    assert calls == ["first", "first ends", "view", "view"]


def test_a_blueprint_shows_its_class_and_name(app):
    assert repr(flask.Blueprint("shop", __name__)) == "<Blueprint 'shop'>"


def test_the_shared_scaffold_leaves_rules_and_setup_state_to_its_subclasses(tmp_path):
    scaffold = Scaffold("bare", root_path=str(tmp_path))
    with pytest.raises(NotImplementedError):
        scaffold.route("/")(lambda: "")
    with pytest.raises(NotImplementedError):
        scaffold.add_url_rule("/")
    with pytest.raises(NotImplementedError):
        scaffold.before_request(lambda: None)


def test_an_error_handler_for_an_exception_instance_is_refused(app):
    with pytest.raises(ValueError, match="Handlers can only be registered for exception classes"):
        app.register_error_handler(NotFound(), lambda error: "")
