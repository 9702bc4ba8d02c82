"""Where flask01.modern answers otherwise than Flask 2.1.3 on purpose:
each test shows one row of the deviation register (docs/deviations.rst),
found by the generated differential cases (tests/differential/modern.py),
whose recognizer of that row is as narrow as these tests."""

import flask01.modern as flask


def _app_with_limit():
    app = flask.Flask("limits")
    app.config["MAX_CONTENT_LENGTH"] = 10
    app.add_url_rule("/data", "data", lambda: flask.request.get_data(), methods=["POST"])
    app.add_url_rule(
        "/json", "json", lambda: {"got": flask.request.get_json(force=True)}, methods=["POST"]
    )
    return app


# -- M-max-content-length-data ----------------------------------------------


def test_get_data_over_max_content_length_is_413():
    with _app_with_limit().test_client().post("/data", data=b"x" * 11) as response:
        assert response.status_code == 413


def test_get_json_over_max_content_length_is_413():
    client = _app_with_limit().test_client()
    with client.post("/json", data=b'["' + b"x" * 20 + b'"]') as response:
        assert response.status_code == 413


def test_get_data_within_max_content_length_is_read():
    with _app_with_limit().test_client().post("/data", data=b"x" * 10) as response:
        assert response.data == b"x" * 10


# -- M-host-validated -------------------------------------------------------


def test_a_host_that_is_not_a_host_name_is_read_as_empty():
    app = flask.Flask("hosts")
    for host in ["a_b", "_", " 127.0.0.1\t", "evil.example/x"]:
        with app.test_request_context(headers={"Host": host}):
            assert flask.request.host == "", host
            assert flask.request.url == "http:///"


def test_a_host_name_with_a_port_is_kept():
    app = flask.Flask("hosts")
    with app.test_request_context(headers={"Host": "Example.com:8080"}):
        assert flask.request.host == "Example.com:8080"


# -- M-redirect-control-characters -----------------------------------------


def test_a_nul_in_a_redirect_target_is_sent_percent_encoded():
    response = flask.redirect("../\x00up")
    assert response.headers["Location"] == "../%00up"
    assert 'href="../%00up"' in response.get_data(as_text=True)


def test_a_line_break_in_a_redirect_target_is_percent_encoded_as_in_flask_213():
    assert flask.redirect("/a\r\nX: y").headers["Location"] == "/a%0D%0AX:%20y"


# -- M-multipart-decoder ----------------------------------------------------


def test_a_part_without_a_name_is_kept_under_none():
    app = flask.Flask("forms")
    body = b"--b\r\nContent-Disposition: form-data\r\n\r\nv\r\n--b--\r\n"
    with app.test_request_context(
        "/", method="POST", data=body, content_type="multipart/form-data; boundary=b"
    ):
        assert flask.request.form.to_dict(flat=False) == {None: ["v"]}


# -- M-merged-slashes -------------------------------------------------------


def test_doubled_slashes_in_a_path_value_are_merged_by_the_redirect():
    app = flask.Flask("slashes")
    app.add_url_rule("/echo/<path:rest>", "echo", lambda rest: rest)
    with app.test_client().get("/echo//x//") as response:
        assert response.status_code == 308
        assert response.headers["Location"] == "http://localhost/echo/x/"


# -- M-bytes-url ---------------------------------------------------------------


def test_a_url_given_as_bytes_names_its_host():
    from flask01.modern.testing import EnvironBuilder

    app = flask.Flask("bytes_url")
    for url, host in [(b"http://h.example/x", "h.example"), (b"//x", "x")]:
        builder = EnvironBuilder(app, url)
        try:
            assert builder.get_environ()["HTTP_HOST"] == host
        finally:
            builder.close()
