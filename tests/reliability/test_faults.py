"""10,000 requests that mix success with failure everywhere a failure
can happen: in views, before- and after-request functions, the 500
handler and (for flask01.modern) teardown functions.  Afterwards no
context is left on any stack, every file descriptor opened is closed
again, and nothing was left for the garbage collector to warn about.

Each request has its expected outcome, a status or "propagated" (the
exception reached the WSGI server, which answers 500 itself); the two
frameworks differ exactly where Flask 0.1 and Flask 2.1 differ.
"""

import gc
import warnings

import pytest
from werkzeug.exceptions import abort

import flask01
import tests.apps  # noqa: F401  (imported, so Flask finds its folder)
from tests.conftest import STACKS
from tests.reliability.conftest import open_fds

REQUESTS = 10_000
PROPAGATED = "propagated"

#: path -> expected outcome on flask01 and on flask01.modern.  flask01
#: (as 0.1) handles only what the view raises; before- and after-request
#: functions and a failing handler reach the server.  Modern handles
#: them all with the 500 handler, except a handler that fails itself and
#: a failing teardown, which reach the server there too.
SCENARIOS = {
    "/ok": (200, 200),
    "/file": (200, 200),
    "/forbidden": (403, 403),
    "/view-fails": (500, 500),
    "/before-fails": (PROPAGATED, 500),
    "/after-fails": (PROPAGATED, 500),
    "/handler-fails": (PROPAGATED, PROPAGATED),
    "/teardown-fails": (200, PROPAGATED),
    "/missing": (404, 404),
}


class Boom(Exception):
    """The fault every failing function raises."""


def faulty_app(flask):
    app = flask.Flask("tests.apps")  # its static/hello.txt
    modern = flask is not flask01
    if modern:
        app.logger.disabled = True  # 10,000 logged tracebacks tell nothing

    def fail_on(path):
        if flask.request.path == path:
            raise Boom(path)

    @app.before_request
    def before():
        fail_on("/before-fails")

    @app.after_request
    def after(response):
        fail_on("/after-fails")
        return response

    @app.errorhandler(500)
    def server_error(error):
        fail_on("/handler-fails")
        return "handled", 500

    @app.route("/ok")
    @app.route("/teardown-fails")
    def ok():
        return "ok"

    @app.route("/file")
    def a_file():
        if modern:
            return flask.send_file("static/hello.txt")
        with app.open_resource("static/hello.txt") as f:
            return f.read()

    @app.route("/forbidden")
    def forbidden():
        abort(403)

    @app.route("/view-fails")
    @app.route("/handler-fails")
    def view_fails():
        raise Boom("view")

    if modern:

        @app.teardown_request
        def teardown(exc):
            fail_on("/teardown-fails")

    return app


def outcome(client, path):
    try:
        with client.get(path) as response:
            response.get_data()
            return response.status_code
    except Boom:
        return PROPAGATED


def test_ten_thousand_mixed_faults_leave_no_context_no_fd_no_warning(framework):
    app = faulty_app(framework)
    client = app.test_client()
    column = 0 if framework is flask01 else 1
    paths = list(SCENARIOS)
    gc.collect()
    fds_before = open_fds()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wrong = []
        for i in range(REQUESTS):
            path = paths[i % len(paths)]
            got, expected = outcome(client, path), SCENARIOS[path][column]
            if got != expected:
                wrong.append((i, path, got, expected))
        del client
        gc.collect()

    assert wrong[:5] == []
    assert {name: stack.top for name, stack in STACKS.items()} == dict.fromkeys(STACKS)
    assert open_fds() == fds_before
    assert [str(w.message) for w in caught] == []


@pytest.mark.parametrize("path", list(SCENARIOS))
def test_each_fault_alone_gives_its_expected_outcome(framework, path):
    client = faulty_app(framework).test_client()
    assert outcome(client, path) == SCENARIOS[path][0 if framework is flask01 else 1]
