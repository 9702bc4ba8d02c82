"""Smoke-test an installed flask01 (``nox -s build`` runs it).

    cd SOMEWHERE_ELSE && ENV/bin/python -I tools/smoke_wheel.py

Run it with the Python of a virtual environment the wheel was installed
into, from a folder outside the source tree and with ``-I``, so that
neither the current folder nor this script's folder is on ``sys.path``:
then ``import flask01`` can only find the installed copy, and the first
check makes sure it did.  The rest serve a tiny application of each
version through its test client.
"""

import importlib.metadata
import json
import os
import sys
import sysconfig


def check(what, got, expected):
    if got != expected:
        raise SystemExit(f"FAIL {what}: expected {expected!r}, got {got!r}")
    print(f"ok   {what}")


def check_installed():
    import flask01
    import flask01.modern

    site = os.path.realpath(sysconfig.get_paths()["purelib"])
    check("running in a virtual environment", sys.prefix != sys.base_prefix, True)
    for module in (flask01, flask01.modern):
        where = os.path.realpath(module.__file__)
        check(f"{module.__name__} comes from {site}", os.path.commonpath([site, where]), site)
    dist = importlib.metadata.distribution("flask01")
    check("the metadata's licence", dist.metadata["License-Expression"], "BSD-3-Clause")
    licence = [f for f in dist.files if f.name == "LICENSE"]
    check(
        "the licence file is installed", len(licence) == 1 and licence[0].locate().is_file(), True
    )
    direct_url = json.loads(dist.read_text("direct_url.json") or "{}")
    editable = direct_url.get("dir_info", {}).get("editable", False)
    check("installed from the wheel, not editable", editable, False)
    return site


def smoke_flask01():
    import flask01 as flask

    app = flask.Flask(__name__)
    app.secret_key = "smoke test"

    @app.route("/")
    def index():
        return "Hello from flask01"

    @app.route("/hello/<name>")
    def hello(name):
        return flask.render_template_string("Hello, {{ name }}!", name=name)

    @app.route("/count")
    def count():
        flask.session["n"] = flask.session.get("n", 0) + 1
        return str(flask.session["n"])

    client = app.test_client()
    check("flask01: GET /", client.get("/").data, b"Hello from flask01")
    check("flask01: a template", client.get("/hello/<World>").data, b"Hello, &lt;World&gt;!")
    check("flask01: a missing page", client.get("/nowhere").status_code, 404)
    counts = [client.get("/count").data for _ in range(3)]
    check("flask01: the session cookie goes round", counts, [b"1", b"2", b"3"])
    with app.test_request_context():
        check("flask01: url_for", flask.url_for("hello", name="x"), "/hello/x")


def smoke_modern():
    from flask01 import modern as flask

    app = flask.Flask(__name__)
    app.secret_key = "smoke test"
    torn_down = []

    @app.route("/")
    def index():
        return "Hello from flask01.modern"

    @app.route("/json")
    def as_json():
        return flask.jsonify(name=flask.request.args["name"])

    @app.route("/count")
    def count():
        flask.session["n"] = flask.session.get("n", 0) + 1
        return str(flask.session["n"])

    @app.teardown_request
    def teardown(exc):
        torn_down.append(exc)

    client = app.test_client()
    check("flask01.modern: GET /", client.get("/").data, b"Hello from flask01.modern")
    check("flask01.modern: JSON", client.get("/json?name=x").get_json(), {"name": "x"})
    counts = [client.get("/count").data for _ in range(3)]
    check("flask01.modern: the session cookie goes round", counts, [b"1", b"2", b"3"])
    check("flask01.modern: teardown ran after each request", torn_down, [None] * 5)
    with app.test_request_context("/?a=1"):
        check("flask01.modern: url_for", flask.url_for("as_json", name="y"), "/json?name=y")
        check("flask01.modern: request.args", flask.request.args["a"], "1")
    check("flask01.modern: no context left", flask.has_request_context(), False)


if __name__ == "__main__":
    site = check_installed()
    smoke_flask01()
    smoke_modern()
    print(f"the installed flask01 and flask01.modern work, from {site}")
