"""Many clients at once on a threaded real server (Werkzeug's, gunicorn's
gthread worker, waitress): every response carries its own request's
data, and none is lost.

48 clients, each on its own keep-alive connection with its own session
cookie, make 12 requests each.  The first request of every client waits
at a barrier in the view until all 48 are inside a view together, so
the server provably handles at least 32 requests at the same time.
Each view stores the request's data on ``g`` and in the session, then
sleeps a moment so that other threads run before it answers from ``g``
and the session: if two requests shared one context, the answers would
cross.
"""

import http.client
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.reliability.serving import THREADED_SERVERS, serve
from tests.servers import http_request

pytestmark = pytest.mark.concurrent

CLIENTS = 48
REQUESTS_EACH = 12


def load_app(flask):
    """The application under load.  ``/served`` reports which requests
    its views served and whether the barrier broke, so that a server in
    another process can be asked."""
    app = flask.Flask(__name__)
    app.secret_key = "load test"
    lock = threading.Lock()
    barrier = threading.Barrier(CLIENTS, timeout=20)
    served = []

    @app.route("/served")
    def report():
        return json.dumps({"served": served, "barrier_broken": barrier.broken})

    @app.route("/visit/<client>/<int:number>")
    def visit(client, number):
        if number == 0:
            barrier.wait()
        flask.g.mine = (client, number, flask.request.args["token"])
        session = flask.session
        if session.get("client", client) != client:
            return f"session of {session['client']}", 409
        session["client"] = client
        session["visits"] = session.get("visits", 0) + 1
        time.sleep(0.002)
        with lock:
            served.append((client, number))
        body = {
            "g": list(flask.g.mine),
            "path": flask.request.path,
            "client": session["client"],
            "visits": session["visits"],
        }
        return json.dumps(body)

    return app


def one_client(port, client):
    """Make this client's requests on one connection, carrying the
    session cookie the server sets; return what went wrong, if anything."""
    problems = []
    cookie = None
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        for number in range(REQUESTS_EACH):
            token = f"{client}-{number}-token"
            headers = {"Cookie": cookie} if cookie else {}
            connection.request("GET", f"/visit/{client}/{number}?token={token}", headers=headers)
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                problems.append((client, number, response.status, body))
                continue
            cookie = response.getheader("Set-Cookie").split(";")[0]
            expected = {
                "g": [client, number, token],
                "path": f"/visit/{client}/{number}",
                "client": client,
                "visits": number + 1,
            }
            if json.loads(body) != expected:
                problems.append((client, number, json.loads(body)))
    finally:
        connection.close()
    return problems


@pytest.mark.parametrize("server", THREADED_SERVERS)
def test_concurrent_clients_each_get_their_own_request_g_and_session(framework, server):
    clients = [f"c{i:02d}" for i in range(CLIENTS)]
    factory = "tests.reliability.test_load:load_app"
    with serve(server, factory, framework, threads=CLIENTS) as port:
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(lambda c: one_client(port, c), clients))
        report = json.loads(http_request(port, "GET", "/served")[2])

    assert [p for problems in results for p in problems] == []
    assert not report["barrier_broken"], "fewer than all clients were inside a view at once"
    served = sorted(tuple(pair) for pair in report["served"])
    assert served == sorted((c, n) for c in clients for n in range(REQUESTS_EACH))
