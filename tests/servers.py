"""Real servers on 127.0.0.1 for the tests, started and stopped by them.

* :func:`threaded_server`: Werkzeug's threaded server in a thread of the
  test process;
* :func:`script_server`: a Python script that serves (waitress, gunicorn,
  ``app.run``) in a child process;
* :func:`http_request` and :func:`raw_request`: a client for either.

Tests that use them carry the ``concurrent`` marker (``nox -s stress``
runs those many times under load).
"""

import contextlib
import errno
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time

from werkzeug.serving import make_server

#: how often a server thread looks whether it was asked to stop.  The
#: default of ``serve_forever`` (0.5 s) made every stop cost a quarter
#: of a second on average.
POLL_INTERVAL = 0.05


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerFailed(RuntimeError):
    """A server process ended, or never listened, when it should have
    been serving."""


def wait_until_listening(port, process=None, timeout=10.0):
    """Return once something accepts connections on 127.0.0.1:*port*.

    With *process*, the server's child process, fail at once if it has
    ended rather than waiting for the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        if process is not None and process.poll() is not None:
            code = process.returncode
            raise ServerFailed(f"the server exited with code {code} before it listened on {port}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        if time.monotonic() > deadline:
            raise ServerFailed(f"nothing listens on 127.0.0.1:{port} after {timeout}s")
        time.sleep(0.02)


def http_request(port, method, path, headers=None, body=None):
    """One HTTP/1.1 request on a fresh connection; (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def raw_request(port, request_bytes):
    """Send *request_bytes* as they are to 127.0.0.1:*port*, then read
    until the server closes; (status code, the whole answer).

    A server may answer and close before it has read all that was sent
    (a 431 after the first 64 KiB of a header line, say): HTTP allows
    it.  The kernel then resets the connection, so that sending the rest
    or shutting down our side fails and reading ends with a reset after
    the answer.  None of that is an error here: the answer is what the
    server sent before it closed."""
    answer = b""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(request_bytes)
            sock.shutdown(socket.SHUT_WR)
        except OSError as e:
            if not _closed_by_peer(e):
                raise
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except OSError as e:
            if not _closed_by_peer(e):
                raise
    assert answer, "the server closed the connection without answering"
    return int(answer.split(b" ", 2)[1]), answer


def _closed_by_peer(error):
    return isinstance(error, (BrokenPipeError, ConnectionResetError)) or (
        error.errno == errno.ENOTCONN
    )


@contextlib.contextmanager
def threaded_server(app, **options):
    """Werkzeug's threaded server on 127.0.0.1, an ephemeral port, in a
    thread of this process, for the ``with`` block; gives the port.

    *options* go to :func:`werkzeug.serving.make_server`."""
    server = make_server("127.0.0.1", 0, app, threaded=True, **options)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": POLL_INTERVAL},
        name=f"server-{server.server_port}",
    )
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@contextlib.contextmanager
def script_server(source, port):
    """Run *source* (a Python script that serves on *port*) in a child
    process for the ``with`` block, then stop it.

    If the script ends before it listens (a missing package, a port
    taken), or ends while the block runs, this fails at once and shows
    what the script printed."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    # The output goes to a file, not a pipe: a server that logs more than
    # a pipe holds would otherwise block, since no one reads it meanwhile.
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(source)],
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, PYTHONWARNINGS="ignore"),
        )
        try:
            wait_until_listening(port, process)
        except ServerFailed as e:
            stop(process)
            raise ServerFailed(f"{e}; it printed:\n{_read(output)}") from None
        try:
            yield process
        finally:
            ended_by_itself = process.poll() is not None
            stop(process)
            if ended_by_itself:
                # the cause of whatever failed in the block, if anything did
                code = process.returncode
                raise ServerFailed(
                    f"the server exited with code {code}; it printed:\n{_read(output)}"
                )


def _read(output):
    output.seek(0)
    return output.read().decode(errors="replace")


def stop(process, timeout=15):
    """Terminate *process*, kill it if it will not go, and reap it."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
