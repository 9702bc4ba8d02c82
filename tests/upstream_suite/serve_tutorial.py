"""Serve Flask 2.1.3's tutorial, flaskr, with the ``flask01`` console
command and use it over HTTP on 127.0.0.1.

    python serve_tutorial.py TUTORIAL_FOLDER

The tutorial is copied to a temporary folder (its instance folder, with
the database, is written next to it), ``import flask`` is pointed at
flask01.modern by ``sitealias/``, and then, as the tutorial's README says
with ``flask`` in place of ``flask01``::

    FLASK_APP=flaskr flask01 init-db
    FLASK_APP=flaskr flask01 run --host 127.0.0.1 --port PORT

A reader registers, logs in, writes a post and finds it on the index
page.  Every step is bounded in time, and the server is stopped whatever
happens.  Exit status 0 when every answer was right.
"""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
#: the console command of the environment running this script
FLASK01 = os.path.join(os.path.dirname(sys.executable), "flask01")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_listening(port, server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listened on 127.0.0.1:{port} within {timeout} s")


def request(port, method, path, form=None, cookie=None):
    """``(status, headers, body)`` of one request."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if cookie:
            headers["Cookie"] = cookie
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def check(condition, what):
    print(("ok     " if condition else "FAILED ") + what, flush=True)
    return condition


def use_the_blog(port):
    """Register, log in, write a post, read it; whether every answer was
    right."""
    results = []
    status, _, body = request(port, "GET", "/")
    results.append(check(status == 200 and b"Posts" in body, "GET / shows the index"))
    account = {"username": "reader", "password": "secret"}
    status, headers, _ = request(port, "POST", "/auth/register", account)
    results.append(check(status == 302 and headers["Location"].endswith("/auth/login"), "register"))
    status, headers, _ = request(port, "POST", "/auth/login", account)
    cookie = headers.get("Set-Cookie", "").split(";")[0]
    results.append(check(status == 302 and cookie.startswith("session="), "log in"))
    post = {"title": "Served by flask01", "body": "through the console command"}
    status, _, _ = request(port, "POST", "/create", post, cookie)
    results.append(check(status == 302, "write a post"))
    status, _, body = request(port, "GET", "/", cookie=cookie)
    results.append(check(status == 200 and b"Served by flask01" in body, "read it on /"))
    return all(results)


def main(tutorial):
    with tempfile.TemporaryDirectory(prefix="flaskr-") as work:
        shutil.copytree(tutorial, os.path.join(work, "tutorial"))
        folder = os.path.join(work, "tutorial")
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("FLASK_")},
            "FLASK_APP": "flaskr",
            "PYTHONPATH": os.pathsep.join([os.path.join(HERE, "sitealias"), HERE, folder]),
        }
        subprocess.run([FLASK01, "init-db"], cwd=folder, env=env, check=True, timeout=60)
        port = free_port()
        with open(os.path.join(work, "server.log"), "w+") as log:
            server = subprocess.Popen(
                [FLASK01, "run", "--host", "127.0.0.1", "--port", str(port)],
                cwd=folder,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_listening(port, server)
                passed = use_the_blog(port)
            finally:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait(timeout=10)
            log.seek(0)
            output = log.read()
        print(output, end="")
        return 0 if passed and f"Running on http://127.0.0.1:{port}" in output else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
