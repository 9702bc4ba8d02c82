"""The application the real-server tests serve in a child process."""

import flask01 as flask
from tests.apps import make_app

app = make_app()


@app.route("/")
def index():
    flask.session["visits"] = flask.session.get("visits", 0) + 1
    return f"visit {flask.session['visits']}"


@app.route("/echo", methods=["POST"])
def echo():
    return "echo " + flask.request.form["word"]


@app.route("/folder/")
def folder():
    return "folder"
