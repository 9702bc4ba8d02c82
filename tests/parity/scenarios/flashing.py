"""Flashing a message across a redirect."""
from spec import get, post

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)
    app.secret_key = "flash secret"

    @app.route("/")
    def index():
        return flask.render_template("flashes.html")

    @app.route("/twice")
    def twice():
        first = flask.get_flashed_messages()
        second = flask.get_flashed_messages()
        return "first=%r same=%s" % ([str(m) for m in first], first is second)

    @app.route("/save", methods=["POST"])
    def save():
        flask.flash(u"Saved \u201c%s\u201d" % flask.request.form["title"])
        flask.flash("<b>escaped</b>")
        return flask.redirect(flask.url_for("index"))

    @app.route("/many")
    def many():
        for i in range(3):
            flask.flash("message %d" % i)
        return "flashed three"

    return app


REQUESTS = [
    get("/", note="no messages yet"),
    post("/save", form=[("title", "Hello")]),
    get("/", note="the messages, once"),
    get("/", note="gone after being shown"),
    get("/many"),
    get("/twice"),
    get("/twice"),
]
