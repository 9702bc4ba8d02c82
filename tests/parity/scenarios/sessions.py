"""Sessions across requests: what is stored, when the cookie is sent,
and what happens to cookies the application did not sign."""

from spec import get

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)
    app.secret_key = "parity secret"

    @app.route("/set/<key>/<value>")
    def set_value(key, value):
        flask.session[key] = value
        return "set %s" % key

    @app.route("/count")
    def count():
        flask.session["count"] = flask.session.get("count", 0) + 1
        return "count %d" % flask.session["count"]

    @app.route("/read")
    def read():
        items = sorted(flask.session.items())
        return "session: %s" % ", ".join("%s=%s" % kv for kv in items)

    @app.route("/delete/<key>")
    def delete(key):
        del flask.session[key]
        return "deleted %s" % key

    @app.route("/pop-missing")
    def pop_missing():
        return "popped %r" % flask.session.pop("nothing-here", None)

    @app.route("/clear")
    def clear():
        flask.session.clear()
        return "cleared"

    @app.route("/list")
    def store_list():
        flask.session["items"] = ["a", "b"]
        return "stored a list"

    @app.route("/mutate-list")
    def mutate_list():
        flask.session["items"].append("c")
        return "mutated in place (not seen)"

    @app.route("/new")
    def new():
        return "new: %s, modified: %s" % (flask.session.new, flask.session.modified)

    return app


REQUESTS = [
    get("/new"),
    get("/read", note="reading an empty session sets no cookie"),
    get("/set/name/alice"),
    get("/read"),
    get("/new"),
    get("/count"),
    get("/count"),
    get("/read", note="reading sets no cookie"),
    get("/pop-missing", note="calling pop marks the session changed"),
    get("/delete/name"),
    get("/list"),
    get("/mutate-list"),
    get("/read"),
    get("/read", cookies={"session": "forged-value"}),
    get("/read", cookies={"session": ""}),
    get("/count", cookies={"session": "forged-value"}),
    get("/clear"),
    get("/read"),
]
