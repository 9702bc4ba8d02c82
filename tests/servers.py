"""Real servers on 127.0.0.1 for the tests, started and stopped by them."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import textwrap
import time


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_listening(port, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError("nothing listens on 127.0.0.1:%d after %ss" % (port, timeout))


def http_request(port, method, path, headers=None, body=None):
    """One HTTP/1.1 request on a fresh connection; (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@contextlib.contextmanager
def script_server(source, port):
    """Run *source* (a Python script that serves on *port*) in a child
    process for the ``with`` block, then stop it."""
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(source)],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        wait_until_listening(port)
        yield process
    finally:
        stop(process)


def stop(process, timeout=15):
    """Terminate *process*, kill it if it will not go, and reap it."""
    process.terminate()
    try:
        process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
