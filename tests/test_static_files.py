"""Static files under static_path, and every way to ask for a file
outside the static folder."""

import pytest


def fetch(client, path, **kwargs):
    """GET *path* and close the response, so no file is left open."""
    with client.get(path, **kwargs) as response:
        return response.status_code, response.headers, response.get_data()


def test_file_in_the_static_folder_is_served(client):
    status, headers, body = fetch(client, "/static/hello.txt")
    assert (status, body) == (200, b"hello static\n")
    assert headers["Content-Type"].startswith("text/plain")
    assert headers["Cache-Control"] == "max-age=43200, public"
    assert "ETag" in headers
    assert "Last-Modified" in headers


def test_file_in_a_subfolder_is_served(client):
    status, headers, body = fetch(client, "/static/css/site.css")
    assert (status, body) == (200, b"h1 { color: red; }\n")
    assert headers["Content-Type"].startswith("text/css")


def test_unchanged_file_answers_304(client):
    _, headers, _ = fetch(client, "/static/hello.txt")
    status, _, body = fetch(client, "/static/hello.txt", headers={"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_missing_static_file_is_404(client):
    assert fetch(client, "/static/nope.txt")[0] == 404


@pytest.mark.parametrize(
    "path",
    [
        "/static/../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/%2E%2E/secret.txt",
        "/static/css/../../secret.txt",
        "/static/..%2fsecret.txt",
        "/static/..%2Fsecret.txt",
        "/static/%2e%2e%2fsecret.txt",
        "/static/..\\secret.txt",
        "/static/..%5csecret.txt",
        "/static//etc/passwd",
        "/static/%2Fetc%2Fpasswd",
        "/static/hello.txt%00.png",
        "/static/%00",
        "/static/../../../../etc/passwd",
        "/static",
        "/static/",
        "/static/css",
    ],
)
def test_paths_that_leave_the_static_folder_or_name_no_file_are_404(client, path):
    status, _, body = fetch(client, path)
    assert status == 404
    assert b"not to be served" not in body
    assert b"root:" not in body


def test_dot_segments_that_stay_inside_the_folder_resolve(client):
    assert fetch(client, "/static/css/../hello.txt")[2] == b"hello static\n"


def test_unknown_file_types_are_sent_as_text_plain(tmp_path):
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "blob.weird").write_bytes(b"?")
    app = _app_rooted_at(tmp_path)
    _, headers, _ = fetch(app.test_client(), "/static/blob.weird")
    assert headers["Content-Type"].startswith("text/plain")


def _app_rooted_at(folder):
    import sys
    import types

    import flask01

    module = types.ModuleType("rooted_app")
    module.__file__ = str(folder / "rooted_app.py")
    sys.modules["rooted_app"] = module
    try:
        return flask01.Flask("rooted_app")
    finally:
        del sys.modules["rooted_app"]


def test_text_files_name_their_charset(client):
    assert fetch(client, "/static/hello.txt")[1]["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_other_methods_get_the_file_not_an_empty_304(client, method):
    with client.open("/static/hello.txt", method=method) as response:
        assert (response.status_code, response.get_data()) == (200, b"hello static\n")


def test_doubled_slashes_are_not_collapsed(client):
    assert fetch(client, "/static//hello.txt")[0] == 404


def test_a_trailing_slash_after_a_file_name_still_serves_it(client):
    assert fetch(client, "/static/hello.txt/")[0] == 200


def test_dot_segments_before_the_static_prefix_are_not_dropped(client):
    assert fetch(client, "/../static/hello.txt")[0] == 404
