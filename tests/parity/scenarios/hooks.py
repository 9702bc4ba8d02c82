"""before_request / after_request: order, short-circuits, replacement,
and g living for exactly one request."""

from spec import get

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)

    @app.before_request
    def first():
        flask.g.trail = ["first"]
        # Flask 0.1 runs before_request functions before URL matching.
        flask.g.endpoint_seen = repr(flask.request.endpoint)

    @app.before_request
    def second():
        flask.g.trail.append("second")
        if flask.request.args.get("stop") == "before":
            return "stopped in before_request"

    @app.before_request
    def third():
        flask.g.trail.append("third")

    @app.after_request
    def add_header(response):
        response.headers["X-Trail"] = ",".join(flask.g.trail + ["after1"])
        return response

    @app.after_request
    def maybe_replace(response):
        if flask.request.args.get("replace"):
            return flask.Response("replaced by after_request", status=299)
        response.headers["X-Second-After"] = "yes"
        return response

    @app.route("/")
    def index():
        flask.g.trail.append("view")
        return "view ran, endpoint seen before matching: %s" % flask.g.endpoint_seen

    @app.route("/g")
    def g_is_fresh():
        had = hasattr(flask.g, "leftover")
        flask.g.leftover = True
        return "g had leftover: %s" % had

    @app.route("/registry")
    def registry():
        return "%d before, %d after" % (len(app.before_request_funcs), len(app.after_request_funcs))

    @app.route("/missing-view-404s-too")
    def never():
        return "never"

    return app


REQUESTS = [
    get("/"),
    get("/", query="stop=before"),
    get("/", query="replace=1"),
    get("/g"),
    get("/g", note="g does not survive into the next request"),
    get("/registry"),
    get("/nowhere", note="hooks run for a 404 as well"),
]
