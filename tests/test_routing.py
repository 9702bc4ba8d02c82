"""URL rules, converters, trailing slashes, methods and url_for."""

import pytest
from werkzeug.routing import RequestRedirect

import flask01 as flask


@pytest.fixture
def app(app):
    @app.route("/")
    def index():
        return "index"

    @app.route("/user/<name>")
    def user(name):
        return "user " + name

    @app.route("/post/<int:post_id>")
    def post(post_id):
        return f"post {post_id}"

    @app.route("/price/<float:amount>")
    def price(amount):
        return f"{amount:.1f}"

    @app.route("/files/<path:name>")
    def files(name):
        return name

    @app.route("/folder/")
    def folder():
        return "folder"

    @app.route("/leaf")
    def leaf():
        return "leaf"

    @app.route("/form", methods=["POST"])
    def form():
        return "posted"

    return app


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/", b"index"),
        ("/user/alice", b"user alice"),
        ("/user/j%C3%BCrgen", "user jürgen".encode()),
        ("/post/42", b"post 42"),
        ("/price/1.5", b"1.5"),
        ("/files/a/b/c.txt", b"a/b/c.txt"),
        ("/folder/", b"folder"),
    ],
)
def test_rule_matches_and_converts(client, path, body):
    response = client.get(path)
    assert (response.status_code, response.data) == (200, body)


@pytest.mark.parametrize("path", ["/post/abc", "/price/2", "/user/a/b", "/leaf/", "/nope"])
def test_unmatched_url_is_404(client, path):
    assert client.get(path).status_code == 404


def test_missing_trailing_slash_redirects_permanently_with_301(client):
    response = client.get("/folder")
    assert response.status_code == 301
    assert response.headers["Location"] == "http://localhost/folder/"


def test_an_error_handler_for_301_receives_werkzeugs_request_redirect(app, client):
    seen = []

    @app.errorhandler(301)
    def moved(error):
        seen.append(type(error))
        return "moved", 200

    assert client.get("/folder").data == b"moved"
    assert seen == [RequestRedirect]


def test_doubled_slashes_are_not_merged_into_a_match(client):
    # Werkzeug 0.6 matched the path as written; Werkzeug 2.2 and later
    # merge doubled slashes by default (through a redirect).
    assert client.get("//user//x").status_code == 404
    assert client.get("/user//x").status_code == 404


def test_trailing_slash_redirect_keeps_the_query_string(client):
    response = client.get("/folder?page=2")
    assert response.headers["Location"] == "http://localhost/folder/?page=2"


def test_wrong_method_is_405_with_allow_header(client):
    response = client.get("/form")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"POST"}


def test_head_is_answered_for_get_rules_without_a_body(client):
    response = client.head("/user/bob")
    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["Content-Length"] == "8"


def test_options_is_not_answered_automatically(client):
    assert client.open("/", method="OPTIONS").status_code == 405


def test_match_request_records_endpoint_and_view_args(app):
    with app.test_request_context("/post/7"):
        assert flask.request.endpoint is None
        assert app.match_request() == ("post", {"post_id": 7})
        assert flask.request.endpoint == "post"
        assert flask.request.view_args == {"post_id": 7}


def test_url_for_builds_paths_and_appends_unknown_values_as_query(app):
    with app.test_request_context():
        assert flask.url_for("index") == "/"
        assert flask.url_for("user", name="a b") == "/user/a%20b"
        assert flask.url_for("post", post_id=3, page=2) == "/post/3?page=2"
        assert flask.url_for("files", name="x/y.txt") == "/files/x/y.txt"
        assert flask.url_for("static", filename="css/site.css") == "/static/css/site.css"


def test_url_for_respects_the_script_root(app):
    with app.test_request_context("/", "http://example.com/mounted/"):
        assert flask.url_for("post", post_id=1) == "/mounted/post/1"


def test_url_for_unknown_endpoint_raises_build_error(app):
    from werkzeug.routing import BuildError

    with app.test_request_context(), pytest.raises(BuildError):
        flask.url_for("nowhere")


def test_url_for_escapes_as_werkzeug_0_6_did(app):
    with app.test_request_context():
        assert flask.url_for("static", filename="a b&c~d.css") == "/static/a%20b%26c%7Ed.css"
        assert flask.url_for("user", name="café") == "/user/caf%C3%A9"


def test_request_urls_are_uris_with_the_path_percent_encoded(app, client):
    @app.route("/urls/<name>")
    def urls(name):
        request = flask.request
        return " ".join([request.url, request.base_url, request.path])

    with client.get("/urls/caf%C3%A9?y=%C3%BC") as response:
        assert response.data.decode() == (
            "http://localhost/urls/caf%C3%A9?y=%C3%BC http://localhost/urls/caf%C3%A9 /urls/café"
        )
