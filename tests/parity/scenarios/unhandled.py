"""Without a 500 handler an exception reaches the WSGI server."""

from spec import get

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)

    @app.route("/boom")
    def boom():
        raise ValueError("no handler for me")

    @app.route("/after")
    def after():
        return "the next request is fine"

    return app


REQUESTS = [get("/boom"), get("/after"), get("/nowhere")]
