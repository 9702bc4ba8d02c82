"""Templates: inheritance, the default and custom context processors,
autoescaping, Markup, the built-in with and autoescape statements."""
from spec import get

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)
    app.secret_key = "template secret"

    @app.context_processor
    def site():
        return {"site_name": "Parity & Co", "title": "from a processor"}

    @app.before_request
    def user():
        flask.g.user = "<alice>"

    @app.route("/page/<name>")
    def page(name):
        flask.session["visited"] = name
        return flask.render_template("page.html", name=name,
                                     items=["<one>", "two"], title="from the view")

    @app.route("/string")
    def string():
        return flask.render_template_string(
            u"{{ greeting }}, {{ who }}! {{ request.args.get('x', '-') }} "
            u"{{ url_for('page', name='a b') }} {{ site_name }}",
            greeting=flask.Markup("<i>Hi</i>"), who="<script>")

    @app.route("/statements")
    def statements():
        return flask.render_template_string(
            u"{% with x = '<x>' %}{{ x }}{% endwith %} "
            u"{% autoescape false %}{{ raw }}{% endautoescape %} "
            u"{{ raw|safe }} {{ raw|e }} {{ 'a,b'|replace(',', ';') }}",
            raw="<raw>")

    @app.route("/escape-helpers")
    def escape_helpers():
        return flask.render_template_string(
            u"{{ m }} {{ e }}", m=flask.Markup("<ok>"), e=flask.escape("<no>"))

    @app.route("/missing-template")
    def missing_template():
        return flask.render_template("does-not-exist.html")

    @app.route("/text-template")
    def text_template():
        return flask.render_template("plain.txt", value="<tag>")

    return app


REQUESTS = [
    get("/page/home"),
    get("/page/<b>", note="a path value is escaped in the page"),
    get("/string", query="x=%3Cy%3E"),
    get("/statements"),
    get("/escape-helpers"),
    get("/text-template", note="0.1 autoescapes every template, .txt too"),
    get("/missing-template"),
]
