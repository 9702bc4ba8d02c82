"""What a view can read from the request."""
from spec import get, post, request

import flask01 as flask

app = None


def _pairs(multidict):
    return ", ".join("%s=%s" % (k, v) for k, v in sorted(multidict.items(multi=True)))


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)

    @app.route("/args")
    def args():
        return u"args: %s | first a: %s | type: %s" % (
            _pairs(flask.request.args), flask.request.args.get("a"),
            flask.request.args.get("n", type=int))

    @app.route("/form", methods=["POST"])
    def form():
        return u"form: %s" % _pairs(flask.request.form)

    @app.route("/upload", methods=["POST"])
    def upload():
        stored = flask.request.files["document"]
        return u"file %s (%s): [%s], title %s" % (
            stored.filename, flask.request.files.keys() and "present",
            stored.read().decode("utf-8"), flask.request.form["title"])

    @app.route("/values", methods=["GET", "POST"])
    def values():
        return u"values: %s" % _pairs(flask.request.values)

    @app.route("/raw", methods=["POST"])
    def raw():
        return u"data: [%s], mimetype: %s" % (flask.request.data.decode("utf-8"),
                                            flask.request.mimetype)

    @app.route("/headers")
    def headers():
        req = flask.request
        return u"ua=%s custom=%s accept=%s" % (
            req.user_agent.string, req.headers.get("X-Custom"),
            req.headers.get("Accept"))

    @app.route("/cookies")
    def cookies():
        return u"cookies: %s" % ", ".join(
            "%s=%s" % kv for kv in sorted(flask.request.cookies.items()))

    @app.route("/urls/<path:rest>")
    def urls(rest):
        req = flask.request
        return u"\n".join([req.path, req.script_root, req.url, req.base_url,
                           req.url_root, req.host_url, req.method,
                           req.remote_addr, rest])

    @app.route("/is-xhr")
    def is_xhr():
        return "method=%s secure=%s" % (flask.request.method, flask.request.is_secure)

    return app


REQUESTS = [
    get("/args", query="a=1&b=two&a=3&n=7"),
    get("/args", query="a=%C3%A9t%C3%A9&n=x"),
    get("/args"),
    post("/form", form=[("name", u"J\xfcrgen"), ("tag", "x"), ("tag", "y")]),
    post("/upload", form=[("title", "report")],
         files=[("document", "notes.txt", b"line one\nline two")]),
    post("/values", query="q=from-query", form=[("f", "from-form")]),
    get("/values", query="q=1&q=2"),
    post("/raw", body=b"{\"a\": 1}", content_type="application/json"),
    post("/raw", body=b"plain", content_type="text/plain"),
    get("/headers", headers=[("User-Agent", "parity/1.0"), ("X-Custom", "yes"),
                             ("Accept", "text/html")]),
    get("/cookies", cookies={"a": "1", "b": "two"}),
    get("/urls/x/y", query="z=1"),
    request("PATCH", "/is-xhr"),
]
