"""Static files under /static, served by Werkzeug's middleware."""

from spec import get, head, post, request

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)

    @app.route("/")
    def index():
        return flask.url_for("static", filename="style.css")

    return app


# Fixed dates in validators, so that the original and flask01 compare the
# same thing: one before the files were written, one far after.
_LONG_AGO = "Mon, 01 Jan 1990 00:00:00 GMT"
_FAR_FUTURE = "Fri, 01 Jan 2100 00:00:00 GMT"

REQUESTS = [
    get("/"),
    get("/static/style.css"),
    get("/static/hello.txt"),
    get("/static/data.unknownext", note="unknown types are text/plain"),
    get("/static/sub/nested.js"),
    get("/static/missing.css"),
    head("/static/hello.txt"),
    post("/static/hello.txt", deviation="D-static-post"),
    request("DELETE", "/static/hello.txt", deviation="D-static-post"),
    get("/static/hello.txt", headers=[("If-Modified-Since", _FAR_FUTURE)]),
    get("/static/hello.txt", headers=[("If-Modified-Since", _LONG_AGO)]),
    get("/static/sub", deviation="D-static-folder"),
    get("/static", deviation="D-static-folder"),
    get("/static/", deviation="D-static-folder"),
    get("/static/sub/../hello.txt", deviation="D-static-dotdot"),
    get("/static/%2e%2e/static_files.py"),
    get("/../static/hello.txt", deviation="D-static-dotdot"),
    get("/static/../static_files.py"),
    get("/static//hello.txt", deviation="D-static-slashes"),
    get("/static/hello.txt/", deviation="D-static-slashes"),
    get("/static/hello%00.txt", deviation="D-static-nul"),
    get("/static/%2Fetc%2Fpasswd"),
    get("/static/..%5Cstatic_files.py"),
]
