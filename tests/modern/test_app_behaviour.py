"""Behaviours of Flask 2.1.3 that flask01.modern keeps and no other test
pinned down: automatic OPTIONS, what a view may return, trapping and
handling errors, templates, JSON bodies, sessions, flashing, URLs, the
test client, config and serving.  Every expectation here is what Flask
2.1.3 (on Werkzeug 2.1.2) answers to the same code."""

import io
import logging
import os
import re
import sys
import types
from datetime import datetime, timedelta, timezone

import pytest
from markupsafe import Markup
from werkzeug.exceptions import BadRequest, BadRequestKeyError, NotFound
from werkzeug.http import parse_date
from werkzeug.test import EnvironBuilder, create_environ
from werkzeug.wrappers import Request as WerkzeugRequest
from werkzeug.wrappers import Response as WerkzeugResponse

import flask01.modern as flask


class Shouty:
    """An object that renders itself as HTML, as Markup and many
    template libraries' objects do."""

    def __html__(self):
        return "<i>hi</i>"


# -- automatic OPTIONS ------------------------------------------------------


def test_options_is_answered_with_the_allowed_methods_and_no_body(app, client):
    app.add_url_rule("/", "index", lambda: "the view")
    response = client.options("/")
    assert response.status_code == 200
    assert response.data == b""
    assert set(response.allow) == {"GET", "HEAD", "OPTIONS"}


def test_options_allows_the_methods_of_every_rule_on_the_url(app, client):
    app.add_url_rule("/", "read", lambda: "", methods=["GET"])
    app.add_url_rule("/", "write", lambda: "", methods=["POST"])
    assert set(client.options("/").allow) == {"GET", "HEAD", "POST", "OPTIONS"}


def test_options_does_not_call_the_view(app, client):
    calls = []
    app.add_url_rule("/", "index", lambda: calls.append("view") or "")
    client.options("/")
    assert calls == []


def test_a_rule_that_lists_options_leaves_it_to_the_view(app, client):
    app.add_url_rule("/", "index", lambda: "the view", methods=["GET", "OPTIONS"])
    assert client.options("/").data == b"the view"


def test_provide_automatic_options_false_makes_options_not_allowed(app, client):
    app.add_url_rule("/", "index", lambda: "", provide_automatic_options=False)
    assert client.options("/").status_code == 405


def test_a_views_provide_automatic_options_attribute_is_obeyed(app, client):
    def index():
        return ""

    index.provide_automatic_options = False
    app.add_url_rule("/", view_func=index)
    assert client.options("/").status_code == 405


def test_a_views_required_methods_are_added_to_the_rules(app, client):
    def index():
        return flask.request.method

    index.required_methods = ["POST"]
    app.add_url_rule("/", view_func=index, methods=["GET"])
    assert client.post("/").data == b"POST"


# -- registering views --------------------------------------------------------


def test_methods_given_as_a_string_are_a_type_error(app):
    with pytest.raises(TypeError, match="list of strings"):
        app.add_url_rule("/", "index", lambda: "", methods="POST")


def test_a_rule_added_without_a_view_serves_the_view_given_later(app, client):
    app.add_url_rule("/later", "later")
    app.view_functions["later"] = lambda: "given later"
    assert client.get("/later").data == b"given later"


def test_a_second_view_for_an_endpoint_is_refused(app):
    app.add_url_rule("/", "index", lambda: "first")
    with pytest.raises(AssertionError, match="overwriting an existing endpoint function: index"):
        app.add_url_rule("/other", "index", lambda: "second")


# -- what a view may return ----------------------------------------------------


def test_a_tuple_of_four_is_a_type_error(app, client):
    app.testing = True
    app.add_url_rule("/", "index", lambda: ("body", 200, {}, "extra"))
    with pytest.raises(TypeError, match="did not return a valid response tuple"):
        client.get("/")


def test_a_dict_with_a_status_code_is_json_with_that_status(app, client):
    app.add_url_rule("/", "index", lambda: ({"made": True}, 201))
    response = client.get("/")
    assert response.status_code == 201
    assert response.get_json() == {"made": True}


def test_a_dict_with_a_status_string_keeps_the_reason_phrase(app, client):
    app.add_url_rule("/", "index", lambda: ({"made": True}, "202 QUEUED"))
    assert client.get("/").status == "202 QUEUED"


def test_a_dict_with_headers_is_json_with_those_headers(app, client):
    app.add_url_rule("/", "index", lambda: ({"made": True}, {"X-Made": "yes"}))
    response = client.get("/")
    assert response.headers["X-Made"] == "yes"
    assert response.mimetype == "application/json"


def test_a_plain_werkzeug_response_becomes_the_response_class(app):
    with app.test_request_context("/"):
        response = app.make_response(WerkzeugResponse("plain", status=203))
    assert isinstance(response, flask.Response)
    assert (response.status_code, response.get_data()) == (203, b"plain")


def test_a_wsgi_application_is_called_for_the_response(app, client):
    def wsgi_app(environ, start_response):
        start_response("418 I'M A TEAPOT", [("X-Path", environ["PATH_INFO"])])
        return [b"short and stout"]

    app.add_url_rule("/tea", "tea", lambda: wsgi_app)
    response = client.get("/tea")
    assert response.status_code == 418
    assert response.headers["X-Path"] == "/tea"
    assert response.data == b"short and stout"


def test_a_callable_that_is_no_wsgi_application_is_a_type_error(app, client):
    app.testing = True
    app.add_url_rule("/", "index", lambda: lambda: None)
    with pytest.raises(TypeError, match="but it was a function"):
        client.get("/")


def test_a_value_of_another_type_is_a_type_error_naming_it(app, client):
    app.testing = True
    app.add_url_rule("/", "index", lambda: 42)
    with pytest.raises(TypeError, match="but it was a int"):
        client.get("/")


def test_make_response_without_arguments_is_an_empty_200(app):
    with app.test_request_context("/"):
        response = flask.make_response()
    assert (response.status_code, response.get_data()) == (200, b"")


def test_make_response_with_several_arguments_reads_them_as_a_tuple(app):
    with app.test_request_context("/"):
        response = flask.make_response("body", 201, {"X-Extra": "1"})
    assert (response.status_code, response.get_data()) == (201, b"body")
    assert response.headers["X-Extra"] == "1"


# -- handling errors -----------------------------------------------------------


def test_a_handler_for_a_status_code_answers_that_error(app, client):
    app.register_error_handler(404, lambda e: ("no such page", 404))
    response = client.get("/missing")
    assert (response.status_code, response.data) == (404, b"no such page")


def test_a_handler_for_a_subclass_does_not_catch_its_base_class(app, client):
    class GoneFishing(NotFound):
        pass

    app.register_error_handler(GoneFishing, lambda e: "gone fishing")
    response = client.get("/missing")
    assert response.status_code == 404
    assert b"gone fishing" not in response.data


def test_a_handler_for_an_exception_instance_is_a_type_error(app):
    # Flask 2.1.3's message is Python's own ("issubclass() arg 1 must be a
    # class"); 2.2 explained it.  The type is what code can rely on.
    with pytest.raises(TypeError):
        app.register_error_handler(ValueError("x"), lambda e: "")


def test_trap_http_exceptions_lets_an_http_error_reach_the_test(app, client):
    app.testing = True
    app.config["TRAP_HTTP_EXCEPTIONS"] = True
    with pytest.raises(NotFound):
        client.get("/missing")


def test_a_trapped_http_error_without_a_handler_is_a_500_in_production(app, client):
    app.config["TRAP_HTTP_EXCEPTIONS"] = True
    app.logger.disabled = True  # the 500 is logged; keep the test's output clean
    try:
        assert client.get("/missing").status_code == 500
    finally:
        app.logger.disabled = False


def test_trap_bad_request_errors_lets_a_400_reach_the_test(app, client):
    app.testing = True
    app.config["TRAP_BAD_REQUEST_ERRORS"] = True
    app.add_url_rule("/", "index", lambda: flask.abort(400))
    with pytest.raises(BadRequest):
        client.get("/")


def _reading_a_missing_form_key(app):
    """*app* with one page, ``POST /``, that reads a key the form lacks."""
    app.add_url_rule("/", "index", lambda: flask.request.form["missing"], methods=["POST"])


def test_in_debug_mode_a_missing_form_key_reaches_the_test(app, client):
    app.debug = True
    app.config["PRESERVE_CONTEXT_ON_EXCEPTION"] = False
    _reading_a_missing_form_key(app)
    with pytest.raises(BadRequestKeyError):
        client.post("/")


def test_in_debug_mode_a_handled_missing_form_key_names_the_key(app, client):
    app.debug = True
    app.config["TRAP_BAD_REQUEST_ERRORS"] = False
    _reading_a_missing_form_key(app)
    response = client.post("/")
    assert response.status_code == 400
    assert b"KeyError" in response.data
    assert b"missing" in response.data


def test_outside_debug_mode_a_missing_form_key_is_not_named(app, client):
    app.add_url_rule("/", "index", lambda: flask.request.form["missing"], methods=["POST"])
    response = client.post("/")
    assert response.status_code == 400
    assert b"KeyError" not in response.data


def test_handle_exception_raises_the_exception_it_is_given_in_testing(app):
    app.testing = True
    error = LookupError("given")
    with app.test_request_context("/"), pytest.raises(LookupError) as raised:
        app.handle_exception(error)
    assert raised.value is error


def test_a_base_exception_from_a_view_propagates_and_reaches_teardown(app, client):
    class Stop(BaseException):
        pass

    def index():
        raise Stop()

    seen = []
    app.add_url_rule("/", view_func=index)
    app.teardown_request(seen.append)
    with pytest.raises(Stop):
        client.get("/")
    assert [type(exc) for exc in seen] == [Stop]


def test_an_http_error_making_the_url_adapter_answers_the_request(app, client):
    class Picky(flask.Flask):
        def create_url_adapter(self, request):
            if request is not None and request.host != "localhost":
                raise BadRequest("unknown host")
            return super().create_url_adapter(request)

    picky = Picky("picky", root_path=app.root_path)
    picky.add_url_rule("/", "index", lambda: "served")
    assert picky.test_client().get("/", base_url="http://elsewhere/").status_code == 400


# -- application and request contexts -----------------------------------------


def test_g_pop_with_a_default_gives_the_default_for_a_missing_name(app):
    with app.app_context():
        assert flask.g.pop("missing", "fallback") == "fallback"


def test_g_setdefault_keeps_an_existing_value(app):
    with app.app_context():
        assert flask.g.setdefault("user", "first") == "first"
        assert flask.g.setdefault("user", "second") == "first"


def test_iterating_g_gives_the_names_set_on_it(app):
    with app.app_context():
        flask.g.a = 1
        flask.g.b = 2
        assert sorted(flask.g) == ["a", "b"]


def test_the_repr_of_g_names_its_application(app):
    with app.app_context():
        assert "'modern_tests'" in repr(flask.g)


def test_the_repr_of_a_g_outside_its_context_is_an_objects(app):
    with app.app_context():
        kept = flask.g._get_current_object()
    assert re.fullmatch(r"<\S+ object at 0x[0-9a-f]+>", repr(kept))


def test_a_request_contexts_g_is_its_app_contexts_with_a_deprecation_warning(app):
    with app.test_request_context("/") as ctx:
        flask.g.user = "ann"
        with pytest.warns(DeprecationWarning, match="Accessing 'g' on the request context"):
            assert ctx.g.user == "ann"


def test_setting_a_request_contexts_g_replaces_g_with_a_deprecation_warning(app):
    with app.test_request_context("/") as ctx:
        with pytest.warns(DeprecationWarning, match="Setting 'g' on the request context"):
            ctx.g = types.SimpleNamespace(user="bob")
        assert flask.g.user == "bob"


# -- the application's settings and files -------------------------------------


def test_an_app_in___main___is_named_after_the_script(app, monkeypatch):
    script = types.ModuleType("__main__")
    script.__file__ = "/srv/site/serve.py"
    monkeypatch.setitem(sys.modules, "__main__", script)
    assert flask.Flask("__main__", root_path=app.root_path).name == "serve"


def test_an_app_in_a___main___without_a_file_is_named___main__(app, monkeypatch):
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    assert flask.Flask("__main__", root_path=app.root_path).name == "__main__"


def test_an_app_in_a___main___without_a_file_is_rooted_in_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    monkeypatch.chdir(tmp_path)
    assert flask.Flask("__main__").root_path == str(tmp_path)


def test_the_repr_of_an_app_names_it(app):
    assert repr(app) == "<Flask 'modern_tests'>"


def test_static_files_are_served_at_an_explicit_static_url_path(app):
    app = flask.Flask("assets", root_path=app.root_path, static_url_path="/assets")
    client = app.test_client()
    assert client.get("/assets/hello.txt").data == b"hello\n"
    assert client.get("/static/hello.txt").status_code == 404


def test_without_a_static_folder_there_is_no_static_route(app):
    bare = flask.Flask("bare", root_path=app.root_path, static_folder=None)
    assert bare.static_url_path is None
    assert list(bare.url_map.iter_rules()) == []


def test_send_static_file_without_a_static_folder_is_an_error(app):
    bare = flask.Flask("bare", root_path=app.root_path, static_folder=None)
    with bare.test_request_context("/"), pytest.raises(RuntimeError, match="static_folder"):
        bare.send_static_file("hello.txt")


def test_static_files_take_their_max_age_from_a_timedelta_setting(app, client):
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = timedelta(hours=1)
    assert client.get("/static/hello.txt").cache_control.max_age == 3600


def test_static_files_take_their_max_age_from_a_number_of_seconds(app, client):
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 60
    assert client.get("/static/hello.txt").cache_control.max_age == 60


def test_send_files_max_age_argument_wins_over_the_setting(app, client):
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600
    app.add_url_rule("/file", "file", lambda: flask.send_file("static/hello.txt", max_age=5))
    assert client.get("/file").cache_control.max_age == 5


def test_open_resource_reads_a_file_relative_to_the_root_path(app):
    with app.open_resource("static/hello.txt") as f:
        assert f.read() == b"hello\n"


@pytest.mark.parametrize("mode", ["w", "a", "rb+"])
def test_open_resource_refuses_to_open_for_writing(app, mode):
    with pytest.raises(ValueError, match="only be opened for reading"):
        app.open_resource("static/hello.txt", mode)


def test_config_from_mapping_takes_only_upper_case_keys(app):
    before = set(app.config)
    assert app.config.from_mapping({"NAME": "a", "lower": "b"}, OTHER="c", other="d") is True
    assert {key: app.config[key] for key in set(app.config) - before} == {"NAME": "a", "OTHER": "c"}


def test_the_repr_of_a_config_shows_its_keys():
    assert repr(flask.Config("/", {"KEY": 1})) == "<Config {'KEY': 1}>"


def test_run_serves_without_reloader_or_debugger_by_default(app, monkeypatch):
    calls = []
    monkeypatch.setattr("werkzeug.serving.run_simple", lambda *a, **k: calls.append((a, k)))
    app.run()
    assert calls == [
        (
            ("127.0.0.1", 5000, app),
            {"use_reloader": False, "use_debugger": False, "threaded": True},
        )
    ]
    assert app.debug is False


def test_run_with_debug_sets_the_apps_debug_mode(app, monkeypatch):
    monkeypatch.setattr("werkzeug.serving.run_simple", lambda *a, **k: None)
    app.run(debug=True)
    assert app.debug is True


# -- the logger ----------------------------------------------------------------


@pytest.fixture
def lonely_app(app):
    """An application whose logger finds no handler anywhere up the tree,
    as on a machine where logging was never configured."""
    name = "flask01_lonely_logger"
    logger = logging.getLogger(name)
    saved = logger.handlers[:]
    logger.handlers.clear()
    yield flask.Flask(name, root_path=app.root_path)
    logger.handlers[:] = saved


def test_a_logger_with_no_handler_up_the_tree_writes_to_wsgi_errors(lonely_app, monkeypatch):
    @lonely_app.route("/")
    def index():
        flask.current_app.logger.error("nobody listens")
        return ""

    # pytest puts its capturing handlers on the root logger while the test
    # runs: take them away for the request.
    monkeypatch.setattr(logging.root, "handlers", [])
    errors = io.StringIO()
    lonely_app.test_client().get("/", errors_stream=errors)
    # the default format names the module that logged: this one
    this_module = os.path.splitext(os.path.basename(__file__))[0]
    assert f"ERROR in {this_module}: nobody listens" in errors.getvalue()


# -- templates -----------------------------------------------------------------


@pytest.fixture
def templates(app, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("{{ value }}|{{ extra }}")
    (folder / "page.txt").write_text("{{ value }}")
    return folder


def test_render_template_autoescapes_html_templates(app, templates):
    with app.app_context():
        assert flask.render_template("page.html", value="<b>", extra="") == "&lt;b&gt;|"


def test_render_template_does_not_escape_text_templates(app, templates):
    with app.app_context():
        assert flask.render_template("page.txt", value="<b>") == "<b>"


def test_render_template_adds_what_context_processors_give(app, templates):
    app.context_processor(lambda: {"extra": "from a processor"})
    with app.app_context():
        assert flask.render_template("page.html", value="v") == "v|from a processor"


def test_render_template_picks_the_first_template_that_exists(app, templates):
    with app.app_context():
        assert flask.render_template(["absent.html", "page.txt"], value="second") == "second"


def test_render_template_string_autoescapes(app):
    with app.app_context():
        assert flask.render_template_string("{{ v }}", v="<b>") == "&lt;b&gt;"


def test_render_template_string_sees_g_in_an_app_context(app):
    with app.app_context():
        flask.g.user = "ann"
        assert flask.render_template_string("{{ g.user }}") == "ann"


def test_render_template_string_sees_the_request_and_session(app):
    with app.test_request_context("/page?q=1"):
        flask.session["who"] = "ann"
        rendered = flask.render_template_string("{{ request.path }} {{ session.who }}")
    assert rendered == "/page ann"


def test_outside_any_context_the_template_context_gets_nothing_added(app):
    context = {}
    app.update_template_context(context)
    assert context == {}


# -- JSON request bodies -------------------------------------------------------


@pytest.fixture
def echo_json(app):
    @app.route("/json", methods=["POST"])
    def echo():
        return {"got": flask.request.get_json()}

    return "/json"


def test_a_body_that_is_not_json_is_a_400(client, echo_json):
    response = client.post(echo_json, data="{", content_type="application/json")
    assert response.status_code == 400


def test_outside_debug_mode_the_400_does_not_say_why_the_json_failed(client, echo_json):
    response = client.post(echo_json, data="{", content_type="application/json")
    assert b"Failed to decode JSON object" not in response.data


def test_in_debug_mode_the_400_says_why_the_json_failed(app, client, echo_json):
    app.debug = True
    response = client.post(echo_json, data="{", content_type="application/json")
    assert response.status_code == 400
    assert b"Failed to decode JSON object: Expecting property name" in response.data


def test_get_json_of_a_body_that_is_not_declared_json_is_a_400(client, echo_json):
    assert client.post(echo_json, data="{}", content_type="text/plain").status_code == 400


# -- sessions ------------------------------------------------------------------


def cookie_expiry(response):
    match = re.search(r"Expires=([^;]+)", response.headers["Set-Cookie"])
    return parse_date(match.group(1)) if match else None


def test_a_permanent_sessions_cookie_expires_after_the_lifetime(app, client):
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=2)

    @app.route("/")
    def index():
        flask.session.permanent = True
        flask.session["user"] = "ann"
        return ""

    expected = datetime.now(timezone.utc) + timedelta(days=2)
    expires = cookie_expiry(client.get("/"))
    assert abs(expires - expected) < timedelta(minutes=1)


def test_a_sessions_cookie_expires_with_the_browser_unless_permanent(app, client):
    @app.route("/")
    def index():
        flask.session["user"] = "ann"
        return ""

    assert cookie_expiry(client.get("/")) is None


@pytest.fixture
def signed_in(app, client):
    """A client that holds a session cookie with ``user`` in it."""

    @app.route("/sign-in")
    def sign_in():
        flask.session["user"] = "ann"
        return ""

    client.get("/sign-in")
    return client


def test_session_setdefault_of_a_present_key_varies_by_cookie_only(app, signed_in):
    app.add_url_rule("/", "index", lambda: flask.session.setdefault("user", "bob"))
    response = signed_in.get("/")
    assert response.data == b"ann"
    assert "Cookie" in response.vary
    assert "Set-Cookie" not in response.headers


def test_a_request_that_never_reads_the_session_does_not_vary_by_cookie(app, signed_in):
    app.add_url_rule("/", "index", lambda: "untouched")
    response = signed_in.get("/")
    assert "Vary" not in response.headers
    assert "Set-Cookie" not in response.headers


def test_an_object_with___html___comes_back_from_the_session_as_markup(app, client):
    @app.route("/set")
    def set_value():
        flask.session["shown"] = Shouty()
        return ""

    @app.route("/get")
    def get_value():
        value = flask.session["shown"]
        return f"{isinstance(value, Markup)} {value}"

    client.get("/set")
    assert client.get("/get").data == b"True <i>hi</i>"


# -- flashing --------------------------------------------------------------------


@pytest.fixture
def flashed(app, client):
    """A client whose session holds two flashed messages."""

    @app.route("/flash")
    def flash():
        flask.flash("saved", "info")
        flask.flash("disk almost full", "warning")
        return ""

    client.get("/flash")
    return client


def test_get_flashed_messages_gives_the_messages_alone(app, flashed):
    app.add_url_rule("/", "index", lambda: repr(flask.get_flashed_messages()))
    assert flashed.get("/").data == b"['saved', 'disk almost full']"


def test_get_flashed_messages_keeps_only_the_categories_asked_for(app, flashed):
    app.add_url_rule(
        "/",
        "index",
        lambda: repr(flask.get_flashed_messages(True, category_filter=["warning"])),
    )
    assert flashed.get("/").data == b"[('warning', 'disk almost full')]"


def test_get_flashed_messages_gives_the_same_messages_twice_in_a_request(app, flashed):
    app.add_url_rule(
        "/", "index", lambda: repr([flask.get_flashed_messages(), flask.get_flashed_messages()])
    )
    assert (
        flashed.get("/").data == b"[['saved', 'disk almost full'], ['saved', 'disk almost full']]"
    )


def test_flashed_messages_are_gone_in_the_next_request(app, flashed):
    app.add_url_rule("/", "index", lambda: repr(flask.get_flashed_messages()))
    flashed.get("/")
    assert flashed.get("/").data == b"[]"


# -- URLs and JSON responses -----------------------------------------------------


def test_url_for_without_an_app_context_is_a_runtime_error():
    with pytest.raises(RuntimeError):
        flask.url_for("index")


def test_url_for_with__scheme_needs__external(app):
    app.add_url_rule("/", "index", lambda: "")
    with app.test_request_context("/"), pytest.raises(ValueError, match="_external must be True"):
        flask.url_for("index", _scheme="https")


def test_url_for_with__scheme_and__external_uses_that_scheme(app):
    app.add_url_rule("/page", "page", lambda: "")
    with app.test_request_context("/"):
        assert flask.url_for("page", _scheme="https", _external=True) == "https://localhost/page"


def test_url_for_with__anchor_appends_it_quoted(app):
    app.add_url_rule("/page", "page", lambda: "")
    with app.test_request_context("/"):
        assert flask.url_for("page", _anchor="part 2") == "/page#part%202"


def test_jsonify_encodes_an_object_with___html___as_its_html(app):
    with app.test_request_context("/"):
        assert flask.jsonify(Shouty()).get_json() == "<i>hi</i>"


# -- the test client -------------------------------------------------------------


def test_test_request_context_puts_the_subdomain_before_the_host(app):
    with app.test_request_context("/", subdomain="api"):
        assert flask.request.host == "api.localhost"


def test_test_request_context_with_a_base_url_uses_it(app):
    with app.test_request_context("/", base_url="https://b.example/root/"):
        assert flask.request.url == "https://b.example/root/"


@pytest.fixture
def echo_request(app):
    @app.route("/echo", methods=["GET", "PUT"])
    def echo():
        return f"{flask.request.method} {flask.request.path} {flask.request.args['q']}"


def test_the_client_opens_an_environ_builder(client, echo_request):
    assert client.open(EnvironBuilder("/echo?q=1", method="PUT")).data == b"PUT /echo 1"


def test_the_client_opens_a_wsgi_environ(client, echo_request):
    assert client.open(create_environ("/echo?q=2", method="PUT")).data == b"PUT /echo 2"


def test_the_client_opens_a_werkzeug_request(client, echo_request):
    request = WerkzeugRequest(create_environ("/echo?q=3"))
    assert client.open(request).data == b"GET /echo 3"


def test_session_transaction_without_a_secret_key_is_an_error(app, client):
    app.secret_key = None
    with pytest.raises(RuntimeError), client.session_transaction():
        pass
