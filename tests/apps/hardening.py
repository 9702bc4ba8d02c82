"""The site the hardening tests (tests/reliability/test_hardening.py)
serve: for flask01 or flask01.modern, the views an adversarial run of
both attacked (issue 13), as three applications under one WSGI callable
so that one server per framework serves them all.

* ``/``: default settings; a view that reads the body, one that reads
  the form, one that reads JSON, one that redirects to ``?next=``, and
  (modern) one that renders an SVG template;
* ``/limited``: the same with ``MAX_CONTENT_LENGTH = 1024`` (modern);
* ``/empty-key``: a session under ``secret_key = ""``.

Each view answers with JSON saying what it saw, so a test can tell an
answer from the view from one of the framework's refusals.
"""

import json

from werkzeug.middleware.dispatcher import DispatcherMiddleware

import flask01


def attacked_app(flask, max_content_length=None):
    app = flask.Flask("tests.apps")  # templates/badge.svg
    app.secret_key = "hardening"
    modern = flask is not flask01
    if modern:
        app.config["MAX_CONTENT_LENGTH"] = max_content_length

    @app.route("/body", methods=["POST"])
    def body():
        return json.dumps({"length": len(flask.request.get_data())})

    @app.route("/form", methods=["POST"])
    def form():
        fields = flask.request.form
        return json.dumps({"fields": len(fields), "a": len(fields.get("a", ""))})

    @app.route("/json", methods=["POST"])
    def json_body():
        return json.dumps({"type": type(flask.request.get_json()).__name__})

    @app.route("/next")
    def go_next():
        return flask.redirect(flask.request.args["next"])

    if modern:

        @app.route("/badge.svg")
        def badge():
            return flask.render_template("badge.svg", label=flask.request.args["label"])

    return app


def empty_key_app(flask):
    app = flask.Flask("tests.apps")
    app.secret_key = ""

    @app.route("/session")
    def session():
        seen = {"cookie": "session" in flask.request.cookies, "session": dict(flask.session)}
        return json.dumps(seen)

    @app.route("/login")
    def login():
        flask.session["user"] = "alice"
        return "logged in"

    return app


def hardening_site(flask):
    """The three applications of *flask* under one WSGI callable."""
    mounts = {"/empty-key": empty_key_app(flask)}
    if flask is not flask01:
        mounts["/limited"] = attacked_app(flask, max_content_length=1024)
    return DispatcherMiddleware(attacked_app(flask), mounts)
