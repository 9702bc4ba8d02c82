"""Request contexts: test_request_context inside a request, the stack
restored afterwards, g and url_for bound to the innermost request."""
from spec import get

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)
    app.secret_key = "context secret"

    @app.route("/")
    def index():
        return "index"

    @app.route("/other/<int:n>")
    def other(n):
        return "other %d" % n

    @app.route("/nested")
    def nested():
        flask.g.where = "outer"
        outer = flask.request.path
        with app.test_request_context("/other/5?x=1", method="POST"):
            inner = "%s %s %s %s" % (flask.request.path, flask.request.method,
                                     flask.request.args["x"],
                                     getattr(flask.g, "where", "fresh g"))
            built = flask.url_for("other", n=6)
            app_ok = flask.current_app is app
        after = "%s %s" % (flask.request.path, flask.g.where)
        return u"outer=%s | inner=%s | built=%s | app=%s | after=%s" % (
            outer, inner, built, app_ok, after)

    @app.route("/manual")
    def manual():
        environ = dict(flask.request.environ, PATH_INFO="/other/9")
        with app.request_context(environ):
            seen = flask.request.path
            session_kind = type(flask.session).__name__ != "NoneType"
        return "manual context saw %s, session %s" % (seen, session_kind)

    @app.route("/external")
    def external():
        with app.test_request_context("/", "http://example.com/app/"):
            return "script root %s, url_for %s" % (flask.request.script_root,
                                                  flask.url_for("other", n=1))

    return app


REQUESTS = [get("/nested"), get("/manual"), get("/external")]
