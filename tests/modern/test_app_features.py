"""What Flask 2.1.3 applications use beyond views and hooks: first-request
functions, template filters, tests and globals, streaming with the
context, async views, the instance folder, URL build error handlers,
explained template loading."""

import contextlib
import logging
import os
import sys

import pytest
from jinja2 import TemplateNotFound
from werkzeug.routing import BuildError

import flask01.modern as flask


def test_before_first_request_functions_run_once(app, client):
    calls = []
    app.before_first_request(lambda: calls.append("first"))
    app.route("/")(lambda: "ok")
    client.get("/").close()
    client.get("/").close()
    assert calls == ["first"]
    assert app.got_first_request


def test_setup_after_the_first_request_in_debug_mode_is_refused(app, client):
    app.debug = True
    app.route("/")(lambda: "ok")
    client.get("/").close()
    with pytest.raises(AssertionError, match="after the first request"):
        app.route("/late")(lambda: "late")


def test_template_filters_tests_and_globals_of_the_app(app):
    app.template_filter()(lambda s: s[::-1])
    app.add_template_filter(str.upper, "shout")
    app.template_test("even")(lambda n: n % 2 == 0)
    app.template_global("twice")(lambda n: 2 * n)

    @app.template_filter()
    def reverse(s):
        return s[::-1]

    with app.app_context():
        rendered = flask.render_template_string(
            "{{ 'abc'|reverse }} {{ 'a'|shout }} {{ 4 is even }} {{ twice(3) }}"
        )
    assert rendered == "cba A True 6"


def test_stream_with_context_keeps_the_request_while_the_body_streams(app, client):
    @app.route("/stream")
    def stream():
        @flask.stream_with_context
        def body():
            yield "hello "
            yield flask.request.args["name"]

        return flask.Response(body())

    with client.get("/stream?name=world") as response:
        assert response.get_data() == b"hello world"
    assert not flask.has_request_context()


def test_stream_with_context_outside_a_request_is_an_error():
    with pytest.raises(RuntimeError, match="no context"):
        flask.stream_with_context(iter(["x"]))


def test_stream_with_context_runs_teardown_after_the_body(app, client):
    seen = []
    app.teardown_request(lambda exc: seen.append("teardown"))

    @app.route("/")
    def index():
        def body():
            for chunk in "abc":
                seen.append(chunk)
                yield chunk

        return flask.Response(flask.stream_with_context(body()))

    with client.get("/") as response:
        # Werkzeug's client takes the first chunk to see that it started
        assert seen == ["a"]
        assert response.get_data() == b"abc"
    assert seen == ["a", "b", "c", "teardown"]


@pytest.mark.concurrent  # asgiref runs the coroutine in a thread of its own
@pytest.mark.usefixtures("asgiref_threads_end")
def test_async_views_and_hooks_run(app, client):
    pytest.importorskip("asgiref")

    @app.before_request
    async def before():
        flask.g.seen = "hook"

    @app.route("/")
    async def index():
        return f"async {flask.g.seen}"

    with client.get("/") as response:
        assert response.data == b"async hook"


def test_an_application_not_installed_keeps_its_instance_folder_beside_its_package():
    # this module lives in the package "tests" of the project's folder
    project = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert flask.Flask(__name__).instance_path == os.path.join(project, "instance")


def test_an_application_installed_in_a_virtual_environment_uses_its_var_folder(tmp_path):
    site = tmp_path / "lib" / "python3.11" / "site-packages"
    site.mkdir(parents=True)
    (site / "installed_app.py").write_text("")
    sys.path.insert(0, str(site))
    try:
        app = flask.Flask("installed_app")
    finally:
        sys.path.remove(str(site))
    assert app.instance_path == str(tmp_path / "var" / "installed_app-instance")


def test_a_relative_instance_path_is_refused(tmp_path):
    with pytest.raises(ValueError, match="must be absolute"):
        flask.Flask("x", root_path=str(tmp_path), instance_path="relative")


def test_instance_relative_config_reads_files_from_the_instance_folder(tmp_path):
    (tmp_path / "settings.py").write_text("SECRET_KEY = 'from the instance'\n")
    app = flask.Flask("x", instance_path=str(tmp_path), instance_relative_config=True)
    app.config.from_pyfile("settings.py")
    assert app.secret_key == "from the instance"


def test_open_instance_resource_may_write(tmp_path):
    app = flask.Flask("x", instance_path=str(tmp_path))
    with app.open_instance_resource("notes.txt", "w") as f:
        f.write("written")
    assert (tmp_path / "notes.txt").read_text() == "written"


def test_flask_debug_in_the_environment_turns_debug_on(monkeypatch, tmp_path):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert flask.Flask("x", root_path=str(tmp_path)).debug is True
    monkeypatch.setenv("FLASK_DEBUG", "false")
    assert flask.Flask("x", root_path=str(tmp_path)).debug is False


def test_a_url_build_error_handler_is_given_the_error_and_may_supply_the_url(app):
    app.url_build_error_handlers.append(
        lambda error, endpoint, values: (
            f"/fallback/{type(error).__name__}/{endpoint}/{values['_external']}"
        )
    )
    with app.test_request_context():
        assert flask.url_for("missing") == "/fallback/BuildError/missing/False"


def test_without_a_url_build_error_handler_the_build_error_is_raised(app):
    with app.test_request_context(), pytest.raises(BuildError):
        flask.url_for("missing")


def test_the_endpoint_decorator_gives_a_rule_its_view(app, client):
    app.add_url_rule("/", "home")
    app.endpoint("home")(lambda: "home")
    assert client.get("/").data == b"home"


def test_get_template_attribute_calls_a_macro(app, tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "macros.html").write_text(
        "{% macro hello(name) %}Hello {{ name }}!{% endmacro %}"
    )
    with app.app_context():
        assert flask.get_template_attribute("macros.html", "hello")("you") == "Hello you!"


def test_explained_template_loading_logs_every_folder_tried(app, client, caplog):
    app.config["EXPLAIN_TEMPLATE_LOADING"] = True
    bp = flask.Blueprint("bp", __name__, template_folder="templates")
    bp.route("/missing")(lambda: flask.render_template("missing.html"))
    app.register_blueprint(bp)
    app.testing = True
    with caplog.at_level(logging.INFO, logger=app.name), pytest.raises(TemplateNotFound):
        client.get("/missing")
    text = caplog.records[-1].getMessage()
    assert "1: trying loader of application 'modern_tests'" in text
    assert "2: trying loader of blueprint 'bp'" in text
    assert "Error: the template could not be found." in text
    assert "belongs to the blueprint 'bp'" in text


def test_the_shell_context_holds_the_app_g_and_what_processors_add(app):
    app.shell_context_processor(lambda: {"answer": 42})
    with app.app_context():
        context = app.make_shell_context()
    assert context["app"] is app
    assert context["answer"] == 42
    assert "g" in context


def test_in_debug_a_file_sent_without_multipart_is_explained(app, client):
    from flask01.modern.debughelpers import DebugFilesKeyError

    app.debug = True
    app.post("/upload")(lambda: flask.request.files["doc"].filename)
    # in debug mode the failed request's context is kept; the block pops it
    with client, pytest.raises(DebugFilesKeyError, match='enctype="multipart') as info:
        client.post("/upload", data={"doc": "report.pdf"})
    assert "This was submitted: 'report.pdf'" in str(info.value)


def test_outside_debug_a_missing_file_is_a_400(app, client):
    app.post("/upload")(lambda: flask.request.files["doc"].filename)
    assert client.post("/upload", data={"doc": "report.pdf"}).status_code == 400


def test_in_debug_a_redirect_that_drops_a_post_body_is_explained(app, client, monkeypatch):
    from werkzeug.routing import RequestRedirect

    from flask01.modern.debughelpers import FormDataRoutingRedirect

    # Werkzeug's redirects are 308s today, which keep the body; a 301 does not
    monkeypatch.setattr(RequestRedirect, "code", 301)
    app.debug = True
    app.post("/folder/")(lambda: "ok")
    with client, pytest.raises(FormDataRoutingRedirect, match="trailing slash"):
        client.post("/folder", data={"a": "b"})


def test_explained_loading_reports_a_found_template_and_several_matches(app, tmp_path, caplog):
    from jinja2 import DictLoader

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("app's")
    app.config["EXPLAIN_TEMPLATE_LOADING"] = True
    bp = flask.Blueprint("bp", __name__)
    bp.jinja_loader  # noqa: B018 - made once, replaced below
    bp._jinja_loader = DictLoader({"page.html": "blueprint's"})
    app.register_blueprint(bp)
    with caplog.at_level(logging.INFO, logger=app.name), app.app_context():
        assert flask.render_template("page.html") == "app's"
    text = caplog.records[-1].getMessage()
    assert "-> found (" in text
    assert "class: jinja2.loaders.DictLoader" in text
    assert "Warning: multiple loaders returned a match for the template." in text


def test_the_environment_keeps_a_loader_it_is_given(app):
    from jinja2 import DictLoader

    from flask01.modern.templating import Environment

    loader = DictLoader({})
    assert Environment(app, loader=loader).loader is loader


def test_the_loader_lists_the_templates_of_the_app_and_its_blueprints(app, tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "a.html").write_text("")
    (tmp_path / "bp").mkdir()
    (tmp_path / "bp" / "b.html").write_text("")
    app.register_blueprint(
        flask.Blueprint("bp", __name__, root_path=str(tmp_path), template_folder="bp")
    )
    assert sorted(app.jinja_env.list_templates()) == ["a.html", "b.html"]


def test_in_debug_a_missing_file_that_is_no_form_field_is_the_usual_key_error(app, client):
    from werkzeug.exceptions import BadRequestKeyError

    from flask01.modern.debughelpers import DebugFilesKeyError

    app.debug = True
    app.post("/upload")(lambda: flask.request.files["doc"].filename)
    with client, pytest.raises(BadRequestKeyError) as info:
        client.post("/upload", data={"other": "x"})
    assert not isinstance(info.value, DebugFilesKeyError)


def test_in_debug_a_redirect_elsewhere_that_drops_a_body_says_so(app, client, monkeypatch):
    from werkzeug.routing import RequestRedirect

    from flask01.modern.debughelpers import FormDataRoutingRedirect

    monkeypatch.setattr(RequestRedirect, "code", 301)
    app.debug = True
    app.url_map.add(app.url_rule_class("/old", redirect_to="/new", methods=["POST"]))
    with client, pytest.raises(FormDataRoutingRedirect) as info:
        client.post("/old", data={"a": "b"})
    assert "trailing slash" not in str(info.value)


@pytest.mark.parametrize(
    ("layout", "prefix"),
    [
        (("lib", "python3.11", "site-packages"), ()),
        (("Lib", "site-packages"), ()),
        (("site-packages",), ()),
    ],
)
def test_find_package_knows_the_prefix_of_an_installed_module(tmp_path, layout, prefix):
    from flask01.modern.helpers import find_package

    site = tmp_path.joinpath(*layout)
    site.mkdir(parents=True)
    (site / "installed_mod.py").write_text("")
    sys.path.insert(0, str(site))
    try:
        found = find_package("installed_mod")
    finally:
        sys.path.remove(str(site))
    expected_prefix = str(site.parent) if layout == ("site-packages",) else str(tmp_path)
    assert found == (expected_prefix, str(site))


def test_find_package_of_a_package_installed_in_this_environment_is_under_sys_prefix():
    from flask01.modern.helpers import find_package

    prefix, path = find_package("werkzeug")
    assert prefix == os.path.abspath(sys.prefix)
    assert path.startswith(prefix)


@contextlib.contextmanager
def _two_portions_on_the_path(tmp_path, package, first, modules_of_two=()):
    """The folders ``one`` and ``two`` of *tmp_path*, each holding a portion
    of the namespace package *package* with a subpackage named for the
    folder (and ``two`` the modules *modules_of_two*), on ``sys.path``
    for the while, the folder named *first* before the other."""
    folders = []
    for name in ("one", "two"):
        (tmp_path / name / package / name).mkdir(parents=True)
        (tmp_path / name / package / name / "__init__.py").write_text("")
        folders.append(str(tmp_path / name))
    for module in modules_of_two:
        (tmp_path / "two" / package / module).write_text("")
    sys.path[:0] = folders if first == "one" else reversed(folders)
    try:
        yield
    finally:
        for folder in folders:
            sys.path.remove(folder)


def test_find_package_of_a_namespace_package_picks_the_folder_holding_it(tmp_path):
    from flask01.modern.helpers import find_package

    with _two_portions_on_the_path(tmp_path, "space_pkg", first="two"):
        assert find_package("space_pkg.two") == (None, str(tmp_path / "two"))
        assert find_package("space_pkg") == (None, str(tmp_path / "two"))


def test_in_debug_a_missing_file_of_a_multipart_form_is_not_explained_as_an_enctype(app, client):
    from werkzeug.exceptions import BadRequestKeyError

    app.debug = True
    app.post("/upload")(lambda: flask.request.files["doc"].filename)
    with client, pytest.raises(KeyError) as info:
        client.post("/upload", data={"doc": "report.pdf"}, content_type="multipart/form-data")
    assert type(info.value) is BadRequestKeyError


def test_a_module_or_a_missing_name_in_a_namespace_package_gets_its_first_folder(tmp_path):
    from flask01.modern.helpers import find_package

    with _two_portions_on_the_path(tmp_path, "spaced_pkg", first="one", modules_of_two=["mod.py"]):
        # as Flask 2.1.3: only a subpackage picks its own folder
        assert find_package("spaced_pkg.mod") == (None, str(tmp_path / "one"))
        assert find_package("spaced_pkg.missing") == (None, str(tmp_path / "one"))


def test_explained_loading_of_a_template_found_once_reports_no_error_or_warning(
    app, tmp_path, caplog
):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("app's")
    app.config["EXPLAIN_TEMPLATE_LOADING"] = True
    with caplog.at_level(logging.INFO, logger=app.name), app.app_context():
        assert flask.render_template("page.html") == "app's"
    text = caplog.records[-1].getMessage()
    assert "-> found (" in text
    assert "Error:" not in text
    assert "Warning:" not in text


def test_the_enctype_explanation_for_a_key_the_form_lacks_names_no_submitted_files(app):
    from flask01.modern.debughelpers import DebugFilesKeyError

    with app.test_request_context("/", method="POST", data={"other": "x"}):
        message = str(DebugFilesKeyError(flask.request, "doc"))
    # Flask 2.1.3's words, to the letter
    assert message == (
        "You tried to access the file 'doc' in the request.files dictionary but it does "
        "not exist. The mimetype for the request is 'application/x-www-form-urlencoded' "
        "instead of 'multipart/form-data' which means that no file contents were "
        "transmitted. To fix this error you should provide "
        'enctype="multipart/form-data" in your form.'
    )


def test_a_template_is_found_past_a_blueprint_without_a_template_folder(app, tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("app's {{ 1 + 1 }}")
    bp = flask.Blueprint("plain", __name__)
    app.register_blueprint(bp)
    with app.app_context():
        assert flask.render_template("page.html") == "app's 2"
        assert app.jinja_env.list_templates() == ["page.html"]


def test_an_empty_session_that_was_only_read_sets_no_cookie_and_no_vary(app, client):
    app.route("/read")(lambda: str(flask.session.get("user")))
    response = client.get("/read")
    assert response.get_data(as_text=True) == "None"
    assert "Set-Cookie" not in response.headers
    assert "Vary" not in response.headers
