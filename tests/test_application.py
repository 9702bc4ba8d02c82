"""The Flask object: its defaults, registries and resources."""

import os

import pytest
from jinja2 import FileSystemLoader
from werkzeug.routing import Map

import flask01
from flask01 import Flask

HERE = os.path.dirname(os.path.abspath(__file__))


def test_public_names_of_flask_0_1_are_exported():
    # the names flask.py defines or re-exports, a line per group as it has them
    # fmt: off
    names = [
        "Flask", "Request", "Response", "_RequestContext", "_RequestGlobals",
        "_request_ctx_stack", "current_app", "request", "session", "g",
        "url_for", "flash", "get_flashed_messages", "render_template",
        "render_template_string", "abort", "redirect", "escape", "Markup",
    ]
    # fmt: on
    missing = [name for name in names if not hasattr(flask01, name)]
    assert missing == []


def test_class_attributes_have_the_0_1_defaults():
    assert Flask.request_class is flask01.Request
    assert Flask.response_class is flask01.Response
    assert Flask.static_path == "/static"
    assert Flask.secret_key is None
    assert Flask.session_cookie_name == "session"
    assert Flask.jinja_options["autoescape"] is True


def test_new_application_has_empty_registries(app):
    assert app.debug is False
    assert app.view_functions == {}
    assert app.error_handlers == {}
    assert app.before_request_funcs == []
    assert app.after_request_funcs == []
    assert app.template_context_processors == [flask01._default_template_ctx_processor]
    assert isinstance(app.url_map, Map)


def test_package_name_and_root_path_come_from_the_module(app):
    assert app.package_name == "tests.apps"
    assert app.root_path == os.path.join(HERE, "apps")


def test_root_path_falls_back_to_the_working_directory_for_unknown_modules():
    assert Flask("no.such.module").root_path == os.getcwd()


def test_root_path_falls_back_to_the_working_directory_for_modules_without_file():
    assert Flask("sys").root_path == os.getcwd()


def test_static_endpoint_is_build_only(app):
    rules = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
    assert rules["static"].rule == "/static/<filename>"
    assert rules["static"].build_only


def test_no_static_rule_when_static_path_is_none():
    class NoStatic(Flask):
        static_path = None

    app = NoStatic(__name__)
    assert [rule.endpoint for rule in app.url_map.iter_rules()] == []
    assert app.wsgi_app.__func__ is Flask.wsgi_app


def test_jinja_loader_reads_the_templates_folder(app):
    loader = app.create_jinja_loader()
    assert isinstance(loader, FileSystemLoader)
    assert loader.searchpath == [os.path.join(HERE, "apps", "templates")]


def test_jinja_environment_knows_url_for_and_get_flashed_messages(app):
    assert app.jinja_env.globals["url_for"] is flask01.url_for
    assert app.jinja_env.globals["get_flashed_messages"] is flask01.get_flashed_messages
    assert app.jinja_env.autoescape is True


def test_open_resource_reads_bytes_relative_to_root_path(app):
    with app.open_resource("schema.sql") as f:
        assert f.read() == b"CREATE TABLE t (x);\n"


def test_open_resource_of_a_missing_file_raises(app):
    with pytest.raises(FileNotFoundError):
        app.open_resource("nope.sql")


@pytest.mark.parametrize("register", ["before_request", "after_request", "context_processor"])
def test_hook_decorators_register_and_return_the_function(app, register):
    def hook(*args):
        return None

    assert getattr(app, register)(hook) is hook
    registry = {
        "before_request": app.before_request_funcs,
        "after_request": app.after_request_funcs,
        "context_processor": app.template_context_processors,
    }[register]
    assert registry[-1] is hook


def test_route_registers_the_view_under_its_function_name(app):
    @app.route("/x")
    def some_view():
        return "x"

    assert app.view_functions == {"some_view": some_view}
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == "some_view")
    assert rule.methods == {"GET", "HEAD"}


def test_add_url_rule_registers_no_view(app):
    app.add_url_rule("/y", "why", methods=["POST"])
    assert app.view_functions == {}
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == "why")
    assert rule.methods == {"POST"}


def test_errorhandler_registers_by_code(app):
    @app.errorhandler(404)
    def missing(error):
        return "m", 404

    assert app.error_handlers == {404: missing}


def test_calling_the_app_runs_wsgi_app(app):
    calls = []

    def spy(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return []

    app.wsgi_app = spy
    app({"PATH_INFO": "/spied"}, None)
    assert calls == ["/spied"]
