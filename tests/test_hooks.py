"""before_request and after_request: order, short circuits, replacement."""

import flask01 as flask


def test_before_request_functions_run_in_registration_order(app, client):
    order = []
    app.before_request(lambda: order.append("first"))
    app.before_request(lambda: order.append("second"))
    app.route("/")(lambda: order.append("view") or "ok")
    client.get("/")
    assert order == ["first", "second", "view"]


def test_before_request_runs_before_url_matching(app, client):
    seen = []
    app.before_request(lambda: seen.append((flask.request.endpoint, flask.request.view_args)))
    app.route("/<x>")(lambda x: x)
    client.get("/value")
    assert seen == [(None, None)]


def test_first_before_request_returning_a_value_answers_the_request(app, client):
    later = []
    app.before_request(lambda: "stopped early")
    app.before_request(lambda: later.append("never"))
    app.route("/")(lambda: later.append("view") or "view")
    response = client.get("/")
    assert response.data == b"stopped early"
    assert later == []


def test_before_request_runs_even_for_unknown_urls(app, client):
    seen = []
    app.before_request(lambda: seen.append(flask.request.path))
    assert client.get("/nowhere").status_code == 404
    assert seen == ["/nowhere"]


def test_after_request_functions_chain_the_response(app, client):
    def tag(response):
        response.headers["X-Trail"] = response.headers.get("X-Trail", "") + "a"
        return response

    def tag_again(response):
        response.headers["X-Trail"] += "b"
        return response

    app.after_request(tag)
    app.after_request(tag_again)
    app.route("/")(lambda: "ok")
    assert client.get("/").headers["X-Trail"] == "ab"


def test_after_request_may_replace_the_response(app, client):
    app.after_request(lambda response: flask.Response("replaced", status=299))
    app.route("/")(lambda: "original")
    response = client.get("/")
    assert (response.status_code, response.data) == (299, b"replaced")


def test_session_is_saved_before_after_request_functions_run(app, client):
    cookies = []
    app.after_request(lambda r: cookies.append(r.headers.get("Set-Cookie")) or r)

    @app.route("/")
    def index():
        flask.session["k"] = "v"
        return "ok"

    client.get("/")
    assert cookies[0].startswith("session=")


def test_g_is_new_for_every_request(app, client):
    @app.route("/")
    def index():
        had = hasattr(flask.g, "mark")
        flask.g.mark = True
        return str(had)

    assert client.get("/").data == b"False"
    assert client.get("/").data == b"False"
