"""send_file and send_from_directory: the options they hand on to
Werkzeug, the application's settings they apply, and the file wrapper
the server is given."""

import io
from datetime import datetime, timezone

import pytest
from werkzeug.wsgi import FileWrapper

import flask01.modern as flask


@pytest.fixture
def sent(app, client):
    """GET a response made by ``send_file(*args, **kwargs)``."""

    def sent(*args, headers=None, environ_overrides=None, **kwargs):
        app.add_url_rule("/sent", "sent", lambda: flask.send_file(*args, **kwargs))
        return client.get("/sent", headers=headers, environ_overrides=environ_overrides)

    return sent


def test_a_file_is_sent_inline_by_default(sent):
    response = sent("static/hello.txt")
    assert response.headers["Content-Disposition"] == "inline; filename=hello.txt"


def test_the_mimetype_given_is_the_content_type(sent):
    response = sent(io.BytesIO(b"a,b\n"), mimetype="text/csv")
    assert response.mimetype == "text/csv"


def test_as_attachment_with_a_download_name_asks_the_browser_to_save_it(sent):
    response = sent("static/hello.txt", as_attachment=True, download_name="report.txt")
    assert response.headers["Content-Disposition"] == "attachment; filename=report.txt"


def test_the_last_modified_time_given_is_sent(sent):
    when = datetime(2020, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    response = sent("static/hello.txt", last_modified=when)
    assert response.headers["Last-Modified"] == "Thu, 02 Jan 2020 03:04:05 GMT"


def test_etag_false_sends_no_etag(sent):
    assert "ETag" not in sent("static/hello.txt", etag=False).headers


def test_a_file_sent_without_conditional_ignores_a_range(sent):
    response = sent("static/hello.txt", conditional=False, headers={"Range": "bytes=0-1"})
    assert (response.status_code, response.data) == (200, b"hello\n")


def test_the_applications_max_age_default_sets_the_cache_lifetime(app, sent):
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 60
    assert sent("static/hello.txt").cache_control.max_age == 60


def test_use_x_sendfile_leaves_the_sending_to_the_server(app, sent):
    app.config["USE_X_SENDFILE"] = True
    response = sent("static/hello.txt")
    assert response.headers["X-Sendfile"].endswith("/static/hello.txt")
    assert response.data == b""


def test_the_response_is_of_the_applications_response_class(app):
    with app.test_request_context(), flask.send_file("static/hello.txt") as response:
        assert isinstance(response, flask.Response)


def test_a_full_response_does_not_advertise_ranges_as_in_flask_2_1_3(sent):
    assert "Accept-Ranges" not in sent("static/hello.txt").headers


def test_a_range_response_advertises_ranges(sent):
    response = sent("static/hello.txt", headers={"Range": "bytes=0-1"})
    assert (response.status_code, response.headers["Accept-Ranges"]) == (206, "bytes")


def test_a_response_that_supports_no_ranges_is_still_sent(sent):
    response = sent("static/hello.txt", conditional=False)
    assert (response.status_code, response.data) == (200, b"hello\n")


def test_a_response_that_supports_no_ranges_keeps_its_other_headers(sent):
    response = sent("static/hello.txt", conditional=False)
    assert response.headers["ETag"]
    assert response.headers["Cache-Control"] == "no-cache"


def recording_wrapper(given):
    """A server's ``wsgi.file_wrapper`` that notes what it was given."""

    def wrapper(file, block_size):
        given.append((file, block_size))
        return FileWrapper(file, block_size)

    return wrapper


def test_the_servers_file_wrapper_gets_werkzeugs_block_size(sent):
    given = []
    sent("static/hello.txt", environ_overrides={"wsgi.file_wrapper": recording_wrapper(given)})
    assert [size for _, size in given] == [8192]


def test_the_file_the_server_is_given_iterates_as_the_file_does(app):
    given = []
    environ = {"wsgi.file_wrapper": recording_wrapper(given)}
    with app.test_request_context(environ_overrides=environ), flask.send_file("static/hello.txt"):
        ((file, _),) = given
        assert list(file) == [b"hello\n"]


def test_an_empty_download_name_is_written_unquoted_under_the_headers_own_name(sent):
    response = sent("static/hello.txt", as_attachment=True, download_name="")
    assert ("Content-Disposition", "attachment; filename=") in response.headers.to_wsgi_list()
