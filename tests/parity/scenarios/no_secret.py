"""An application without a secret key has no usable session."""

from spec import get

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)

    @app.route("/write")
    def write():
        flask.session["x"] = 1
        return "wrote"

    @app.route("/flash")
    def flash():
        flask.flash("hello")
        return "flashed"

    @app.route("/plain")
    def plain():
        return "no session involved"

    return app


REQUESTS = [
    get("/plain"),
    get("/write", deviation="D-no-secret-key"),
    get("/flash", deviation="D-no-secret-key"),
]
