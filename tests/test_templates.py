"""Templates, the template context and autoescaping."""

import pytest
from jinja2 import TemplateNotFound

import flask01 as flask


def test_render_template_reads_from_the_templates_folder(app):
    with app.test_request_context():
        html = flask.render_template("hello.html", greeting="Hi", name="<you>")
    assert html == "<p>Hi, &lt;you&gt;!</p>"


def test_templates_extend_layouts(app):
    with app.test_request_context():
        assert flask.render_template("child.html", site="S", title="T") == "<title>S</title>[T]"


def test_request_session_and_g_are_in_every_template(app):
    with app.test_request_context("/where?x=1"):
        flask.g.user = "ann"
        flask.session["k"] = "v"
        html = flask.render_template_string(
            "{{ request.path }} {{ request.args.x }} {{ session.k }} {{ g.user }}"
        )
    assert html == "/where 1 v ann"


def test_context_processors_add_values_and_win_over_the_callers(app):
    app.context_processor(lambda: {"site": "from processor"})
    with app.test_request_context():
        assert flask.render_template_string("{{ site }}", site="caller") == "from processor"


def test_context_processors_run_in_order(app):
    app.context_processor(lambda: {"v": 1})
    app.context_processor(lambda: {"v": 2})
    with app.test_request_context():
        assert flask.render_template_string("{{ v }}") == "2"


def test_every_template_is_autoescaped(app):
    with app.test_request_context():
        assert flask.render_template_string("{{ x }}", x="<b>") == "&lt;b&gt;"


def test_markup_is_not_escaped_again(app):
    with app.test_request_context():
        out = flask.render_template_string("{{ x }}", x=flask.Markup("<b>ok</b>"))
    assert out == "<b>ok</b>"


def test_with_and_autoescape_statements_are_available(app):
    source = (
        "{% with y = '<y>' %}{{ y }}{% endwith %}{% autoescape false %}{{ z }}{% endautoescape %}"
    )
    with app.test_request_context():
        assert flask.render_template_string(source, z="<z>") == "&lt;y&gt;<z>"


def test_url_for_and_get_flashed_messages_are_template_globals(app):
    app.route("/page/<int:n>")(lambda n: "")
    with app.test_request_context():
        flask.session["_flashes"] = ["m"]
        out = flask.render_template_string(
            "{{ url_for('static', filename='a.css') }} {{ url_for('<lambda>', n=2) }} "
            "{{ get_flashed_messages()|join }}"
        )
    assert out == "/static/a.css /page/2 m"


def test_missing_template_raises_template_not_found(app):
    with app.test_request_context(), pytest.raises(TemplateNotFound):
        flask.render_template("missing.html")


def test_rendering_outside_a_request_says_so(app):
    with pytest.raises(RuntimeError, match="outside of request context"):
        flask.render_template_string("x")
