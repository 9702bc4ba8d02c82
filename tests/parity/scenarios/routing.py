"""Routing: rules, converters, trailing slashes, methods, 404/405/HEAD,
url_for with every kind of value."""
from spec import get, head, post, request

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)

    @app.route("/")
    def index():
        return "index"

    @app.route("/user/<username>")
    def show_user(username):
        return u"user %s" % username

    @app.route("/post/<int:post_id>")
    def show_post(post_id):
        return "post %d (%s)" % (post_id, type(post_id).__name__)

    @app.route("/price/<float:amount>")
    def price(amount):
        return "price %.2f" % amount

    @app.route("/files/<path:name>")
    def files(name):
        return u"file %s" % name

    @app.route("/projects/")
    def projects():
        return "projects"

    @app.route("/about")
    def about():
        return "about"

    @app.route("/submit", methods=["GET", "POST"])
    def submit():
        return "submit via %s" % flask.request.method

    @app.route("/only-post", methods=["POST"])
    def only_post():
        return "posted"

    @app.route("/endpoint")
    def endpoint():
        req = flask.request
        return "%s %r" % (req.endpoint, sorted(req.view_args.items()))

    @app.route("/urls")
    def urls():
        built = [
            flask.url_for("index"),
            flask.url_for("show_user", username="jane doe"),
            flask.url_for("show_user", username=u"j\xfcrgen"),
            flask.url_for("show_post", post_id=42),
            flask.url_for("price", amount=2.5),
            flask.url_for("files", name="a/b c.txt"),
            flask.url_for("projects"),
            flask.url_for("show_post", post_id=7, page=2),
            flask.url_for("index", q="a&b=c"),
            flask.url_for("static", filename="style.css"),
        ]
        return "\n".join(built)

    def lonely():
        return "registered by add_url_rule"

    app.add_url_rule("/lonely", "lonely")
    app.view_functions["lonely"] = lonely
    return app


REQUESTS = [
    get("/"),
    get("/user/alice"),
    get("/user/j%C3%BCrgen", note="a percent-encoded UTF-8 path segment"),
    get("/user/a%2Fb", note="an encoded slash is decoded before matching"),
    get("/post/42"),
    get("/post/forty-two", note="the int converter refuses"),
    get("/post/-1"),
    get("/price/2.50"),
    get("/price/2"),
    get("/files/a/b/c.txt"),
    get("/projects/"),
    get("/projects", note="missing trailing slash redirects"),
    get("/projects", query="x=1", deviation="D-redirect-query"),
    get("/about/", note="extra trailing slash is not found"),
    get("/about"),
    get("/submit"),
    post("/submit", form=[("a", "b")]),
    post("/", note="GET-only rule refuses POST with 405 and Allow"),
    request("PUT", "/submit"),
    get("/only-post"),
    post("/only-post"),
    head("/", note="HEAD comes with GET and has no body"),
    head("/missing"),
    request("OPTIONS", "/"),
    get("/missing"),
    get("/endpoint"),
    get("/urls"),
    get("/lonely"),
    get("//user/alice"),
    get("/user/alice", query="a=1&a=2"),
]
