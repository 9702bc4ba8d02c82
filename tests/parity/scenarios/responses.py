"""make_response: every kind of value a view may return."""
from werkzeug.exceptions import NotFound

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)

    @app.route("/text")
    def text():
        return "plain text"

    @app.route("/unicode")
    def unicode_text():
        return u"gr\xfc\xdfe \u2603"

    @app.route("/tuple-status")
    def tuple_status():
        return "created", 201

    @app.route("/tuple-status-string")
    def tuple_status_string():
        return "teapot", "418 I'M A TEAPOT"

    @app.route("/tuple-headers")
    def tuple_headers():
        return "with headers", 200, {"X-Custom": "yes"}

    @app.route("/tuple-header-list")
    def tuple_header_list():
        return "header list", 202, [("X-One", "1"), ("X-Two", "2")]

    @app.route("/tuple-mimetype")
    def tuple_mimetype():
        return "{}", 200, None, "application/json"

    @app.route("/tuple-content-type")
    def tuple_content_type():
        return "x", 200, None, None, "text/plain; charset=latin-1"

    @app.route("/response-object")
    def response_object():
        response = flask.Response("built by hand", status=203)
        response.headers["X-Hand"] = "made"
        response.set_cookie("flavour", "oatmeal")
        return response

    @app.route("/generator")
    def generator():
        def chunks():
            yield "one,"
            yield "two,"
            yield "three"
        return flask.Response(chunks(), mimetype="text/plain")

    @app.route("/wsgi-app")
    def wsgi_app():
        def application(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain"),
                                      ("X-Wsgi", "yes")])
            return [b"from a WSGI app: ", environ["PATH_INFO"].encode("ascii")]
        return application

    @app.route("/werkzeug-exception")
    def werkzeug_exception():
        return NotFound()

    @app.route("/abort-403")
    def abort_403():
        flask.abort(403)

    @app.route("/abort-404")
    def abort_404():
        flask.abort(404)

    @app.route("/redirect")
    def redirect():
        return flask.redirect("/text")

    @app.route("/redirect-301")
    def redirect_301():
        return flask.redirect(flask.url_for("text"), 301)

    @app.route("/none")
    def none():
        return None

    @app.route("/int")
    def integer():
        return 42

    @app.route("/escape")
    def escape():
        return flask.escape(u"<b>\"bold\" & 'more'</b>")

    @app.route("/markup")
    def markup():
        return flask.Markup("<em>%s</em>") % u"<script>"

    return app


def _paths():
    from spec import get, head
    requests = [get(p) for p in (
        "/text", "/unicode", "/tuple-status", "/tuple-status-string",
        "/tuple-headers", "/tuple-header-list", "/tuple-mimetype",
        "/tuple-content-type", "/response-object", "/generator",
        "/wsgi-app", "/werkzeug-exception", "/abort-403", "/abort-404",
        "/none", "/int", "/escape", "/markup")]
    requests.append(get("/redirect"))
    requests.append(get("/redirect-301"))
    requests.append(head("/generator"))
    requests.append(head("/text"))
    return requests


REQUESTS = _paths()
