"""Blueprints: registration, nesting, scoped hooks and handlers, URL
building, templates and static files, URL processors."""

import pytest

import flask01.modern as flask


@pytest.fixture
def shop():
    bp = flask.Blueprint("shop", __name__, url_prefix="/shop")

    @bp.route("/")
    def index():
        return f"{flask.request.blueprint} {flask.request.blueprints}"

    @bp.route("/item/<int:number>")
    def item(number):
        return flask.url_for(".index")

    return bp


def test_a_blueprint_route_is_served_under_its_prefix(app, client, shop):
    app.register_blueprint(shop)
    with client.get("/shop/") as response:
        assert response.data == b"shop ['shop']"


def test_register_blueprint_options_override_the_blueprints_own(app, client, shop):
    app.register_blueprint(shop, url_prefix="/store", name="store")
    with client.get("/store/") as response:
        assert response.data == b"store ['store']"
    assert client.get("/shop/").status_code == 404


def test_url_for_with_a_leading_dot_is_relative_to_the_current_blueprint(app, client, shop):
    app.register_blueprint(shop)
    with client.get("/shop/item/3") as response:
        assert response.data == b"/shop/"


def test_the_same_blueprint_twice_needs_a_new_name(app, shop):
    app.register_blueprint(shop)
    with pytest.raises(ValueError, match="already registered"):
        app.register_blueprint(shop)
    app.register_blueprint(shop, name="again", url_prefix="/again")
    assert set(app.blueprints) == {"shop", "again"}


def test_a_name_with_a_dot_is_refused():
    with pytest.raises(ValueError, match="may not contain a dot"):
        flask.Blueprint("a.b", __name__)


def test_nested_blueprints_join_prefixes_and_names(app, client):
    parent = flask.Blueprint("parent", __name__, url_prefix="/parent")
    child = flask.Blueprint("child", __name__, url_prefix="/child")
    child.route("/")(lambda: f"{flask.request.blueprints} {flask.url_for('parent.child.leaf')}")
    child.add_url_rule("/leaf", "leaf", lambda: "leaf")
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    with client.get("/parent/child/") as response:
        assert response.data == b"['parent.child', 'parent'] /parent/child/leaf"


def _hooks_seen(app, shop, before, after, teardown):
    """Give *shop* a hook through each of *before*, *after* and *teardown*
    (its own registering methods or its app-wide ones), register it on
    *app*, which gets a home page: the list the hooks append to."""
    seen = []
    before(lambda: seen.append("before"))
    after(lambda response: seen.append("after") or response)
    teardown(lambda exc: seen.append("teardown"))
    app.route("/")(lambda: "home")
    app.register_blueprint(shop)
    return seen


def test_blueprint_hooks_run_only_for_its_own_views(app, client, shop):
    seen = _hooks_seen(app, shop, shop.before_request, shop.after_request, shop.teardown_request)
    client.get("/").close()
    assert seen == []
    client.get("/shop/").close()
    assert seen == ["before", "after", "teardown"]


def test_app_wide_hooks_of_a_blueprint_run_for_every_request(app, client, shop):
    seen = _hooks_seen(
        app, shop, shop.before_app_request, shop.after_app_request, shop.teardown_app_request
    )
    client.get("/").close()
    assert seen == ["before", "after", "teardown"]


def test_hooks_run_app_first_before_and_blueprint_first_after(app, client, shop):
    seen = []
    app.before_request(lambda: seen.append("app before"))
    shop.before_request(lambda: seen.append("shop before"))
    app.after_request(lambda r: seen.append("app after") or r)
    shop.after_request(lambda r: seen.append("shop after") or r)
    app.register_blueprint(shop)
    client.get("/shop/").close()
    assert seen == ["app before", "shop before", "shop after", "app after"]


def test_a_blueprint_error_handler_wins_for_its_own_views(app, client, shop):
    shop.route("/fail")(lambda: flask.abort(403))
    app.route("/fail")(lambda: flask.abort(403))
    shop.errorhandler(403)(lambda e: ("shop says no", 403))
    app.errorhandler(403)(lambda e: ("app says no", 403))
    app.register_blueprint(shop)
    assert client.get("/shop/fail").data == b"shop says no"
    assert client.get("/fail").data == b"app says no"


def test_an_app_errorhandler_of_a_blueprint_handles_errors_anywhere(app, client, shop):
    shop.app_errorhandler(404)(lambda e: ("lost", 404))
    app.register_blueprint(shop)
    assert client.get("/nowhere").data == b"lost"


def test_blueprint_context_processors_serve_its_views_only(app, client, shop):
    shop.context_processor(lambda: {"where": "in the shop"})
    shop.route("/where")(lambda: flask.render_template_string("{{ where }}"))
    app.route("/where")(lambda: flask.render_template_string("{{ where }}"))
    app.register_blueprint(shop)
    assert client.get("/shop/where").data == b"in the shop"
    assert client.get("/where").data == b""


def test_url_defaults_and_value_preprocessors_carry_a_value_through_urls(app, client):
    lang = flask.Blueprint("lang", __name__, url_prefix="/<lang_code>")

    @lang.url_defaults
    def add_language(endpoint, values):
        values.setdefault("lang_code", flask.g.lang_code)

    @lang.url_value_preprocessor
    def pull_language(endpoint, values):
        flask.g.lang_code = values.pop("lang_code")

    @lang.route("/about")
    def about():
        return f"{flask.g.lang_code} {flask.url_for('.about')}"

    app.register_blueprint(lang)
    with client.get("/fr/about") as response:
        assert response.data == b"fr /fr/about"


def test_url_defaults_given_at_registration_fill_rule_values(app, client):
    bp = flask.Blueprint("pages", __name__)
    bp.route("/page")(lambda kind: kind)
    app.register_blueprint(bp, url_defaults={"kind": "default"})
    assert client.get("/page").data == b"default"


def test_blueprint_templates_are_found_after_the_applications(app, client, tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "shared.html").write_text("from the app")
    (tmp_path / "bp_templates").mkdir()
    (tmp_path / "bp_templates" / "shared.html").write_text("from the blueprint")
    (tmp_path / "bp_templates" / "own.html").write_text("only the blueprint's")
    bp = flask.Blueprint("bp", __name__, template_folder="bp_templates", root_path=str(tmp_path))
    bp.route("/<name>")(lambda name: flask.render_template(f"{name}.html"))
    app.register_blueprint(bp, url_prefix="/bp")
    assert client.get("/bp/shared").data == b"from the app"
    assert client.get("/bp/own").data == b"only the blueprint's"


def test_a_blueprint_serves_its_own_static_files(app, client, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "style.css").write_text("body {}")
    bp = flask.Blueprint("ui", __name__, static_folder="assets", root_path=str(tmp_path))
    app.register_blueprint(bp, url_prefix="/ui")
    with client.get("/ui/assets/style.css") as response:
        assert response.data == b"body {}"
    with app.test_request_context():
        assert flask.url_for("ui.static", filename="style.css") == "/ui/assets/style.css"


def test_blueprint_template_filters_tests_and_globals_reach_the_app(app):
    bp = flask.Blueprint("tpl", __name__)
    bp.app_template_filter("shout")(str.upper)
    bp.app_template_test("short")(lambda s: len(s) < 4)
    bp.app_template_global("answer")(lambda: 42)
    app.register_blueprint(bp)
    with app.app_context():
        rendered = flask.render_template_string(
            "{{ 'hi'|shout }} {{ 'hi' is short }} {{ answer() }}"
        )
    assert rendered == "HI True 42"


def test_a_rule_of_an_empty_path_is_the_prefix_itself(app, client):
    bp = flask.Blueprint("root", __name__, url_prefix="/root")
    bp.add_url_rule("", "top", lambda: "top")
    app.register_blueprint(bp)
    assert client.get("/root").data == b"top"


def test_a_rules_own_defaults_join_the_registrations(app, client):
    bp = flask.Blueprint("pages", __name__)
    bp.route("/page", defaults={"page": "2"})(lambda kind, page: f"{kind} {page}")
    app.register_blueprint(bp, url_defaults={"kind": "news"})
    assert client.get("/page").data == b"news 2"


def test_a_blueprint_cannot_nest_itself():
    bp = flask.Blueprint("loop", __name__)
    with pytest.raises(ValueError, match="on itself"):
        bp.register_blueprint(bp)


def test_endpoints_and_view_names_with_dots_are_refused():
    bp = flask.Blueprint("bp", __name__)
    with pytest.raises(ValueError, match="'endpoint' may not contain a dot"):
        bp.add_url_rule("/", "a.b", lambda: "")

    def view():
        return ""

    view.__name__ = "a.b"
    with pytest.raises(ValueError, match="'view_func' name may not contain a dot"):
        bp.add_url_rule("/", view_func=view)


def test_record_once_runs_only_at_the_first_registration(app):
    bp = flask.Blueprint("once", __name__)
    calls = []
    bp.record_once(lambda state: calls.append(state.name))
    app.register_blueprint(bp)
    app.register_blueprint(bp, name="twice")
    assert calls == ["once"]


def test_a_blueprint_that_warns_on_changes_after_registration(app):
    class Strict(flask.Blueprint):
        warn_on_modifications = True

    bp = Strict("strict", __name__)
    app.register_blueprint(bp)
    with pytest.warns(Warning, match="already registered once"):
        bp.record(lambda state: None)


@pytest.mark.parametrize(
    ("parent", "child", "given", "expected"),
    [
        (None, "/child", None, "/child/"),
        ("/parent", None, None, "/parent/"),
        (None, None, "/given", "/given/"),
        ("/parent", "/child", None, "/parent/child/"),
    ],
)
def test_nested_prefixes_combine_whichever_is_given(app, client, parent, child, given, expected):
    outer = flask.Blueprint("outer", __name__, url_prefix=parent)
    inner = flask.Blueprint("inner", __name__, url_prefix=child)
    inner.route("/")(lambda: "inner")
    outer.register_blueprint(inner, **({"url_prefix": given} if given else {}))
    app.register_blueprint(outer)
    with app.test_request_context():
        assert flask.url_for("outer.inner.<lambda>") == expected


def test_blueprint_commands_join_the_applications_command_line(app):
    grouped = flask.Blueprint("tools", __name__)
    grouped.cli.command("hello")(lambda: print("hello"))
    flat = flask.Blueprint("flat", __name__, cli_group=None)
    flat.cli.command("top")(lambda: print("top"))
    renamed = flask.Blueprint("renamed", __name__)
    renamed.cli.command("x")(lambda: None)
    for bp, options in ((grouped, {}), (flat, {}), (renamed, {"cli_group": "other"})):
        app.register_blueprint(bp, **options)
    assert {"tools", "top", "other"} <= set(app.cli.commands)
    assert app.test_cli_runner().invoke(args=["tools", "hello"]).output == "hello\n"


def test_app_wide_first_request_functions_context_processors_and_url_processors(app, client):
    bp = flask.Blueprint("extras", __name__)
    seen = []
    bp.before_app_first_request(lambda: seen.append("first"))
    bp.app_context_processor(lambda: {"site": "everywhere"})
    bp.app_url_value_preprocessor(lambda endpoint, values: seen.append(endpoint))
    bp.app_url_defaults(lambda endpoint, values: values.setdefault("n", 7))
    app.route("/<int:n>")(
        lambda n: flask.render_template_string("{{ site }} ") + flask.url_for("<lambda>")
    )
    app.register_blueprint(bp)
    assert client.get("/3").data == b"everywhere /7"
    assert seen == ["first", "<lambda>"]


def test_a_nested_blueprint_without_any_prefix_serves_its_routes_at_their_own_paths(app, client):
    parent = flask.Blueprint("parent", __name__)
    child = flask.Blueprint("child", __name__)
    child.route("/c")(lambda: flask.request.endpoint)
    parent.register_blueprint(child)
    app.register_blueprint(parent)
    assert client.get("/c").get_data(as_text=True) == "parent.child.<lambda>"
