"""A 1 GiB ``send_file`` through a real server, and the same file
streamed in process.

Werkzeug 3039 is about what happens *after* a file is sent: the
``call_on_close`` callbacks never ran.  flask01.modern's fix puts a thin
layer between the file and the server's ``wsgi.file_wrapper``
(:class:`flask01.modern.helpers._ClosesResponse`).  This measures what
that layer costs, against Werkzeug's own ``send_file`` with nothing in
between:

* through gunicorn (one sync worker on 127.0.0.1, which sends a file
  with ``sendfile(2)`` when the body has a ``fileno``) and a client
  reading the whole body: throughput, the worker's CPU time per
  transfer, the growth of its peak memory during the transfer, whether
  ``sendfile`` carried the bytes and whether the callback ran;
* in process, with no server: the rate at which the WSGI body is
  iterated, which is where a Python-level wrapper would show.

Transfers alternate between the stacks, and the medians are kept; the
two ratios are taken turn by turn, and :mod:`bench.verdicts` decides,
after a first batch of turns, whether more are needed.
"""

import contextlib
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from werkzeug.test import EnvironBuilder

from bench import bigfile_app
from tests.servers import free_port, stop, wait_until_listening

SIZE = 1 << 30
STACKS = ("flask01.modern", "Werkzeug", "Flask")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_file(folder, size=SIZE):
    """A file of *size* bytes of random data (not a sparse file, whose
    holes the kernel would send without reading anything)."""
    path = os.path.join(folder, "big.bin")
    block = os.urandom(1 << 20)
    with open(path, "wb") as f:
        for _ in range(size // len(block)):
            f.write(block)
    return path


@contextlib.contextmanager
def gunicorn(stack, path):
    """One gunicorn sync worker serving :mod:`bench.bigfile_app` on
    127.0.0.1 for the ``with`` block; yields its port."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        "1",
        "--timeout",
        "300",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "bench.bigfile_app:serve()",
    ]
    env = dict(os.environ, BENCH_STACK=stack, BENCH_FILE=path, PYTHONWARNINGS="ignore")
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        wait_until_listening(port, timeout=30)
        yield port
    finally:
        stop(process)


def _get_json(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        return json.loads(connection.getresponse().read())
    finally:
        connection.close()


def download(port):
    """Read the whole file over HTTP into one reused buffer; (bytes,
    seconds)."""
    buffer = memoryview(bytearray(1 << 20))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        start = time.perf_counter()
        connection.request("GET", "/file")
        response = connection.getresponse()
        received = 0
        while count := response.readinto(buffer):
            received += count
        return received, time.perf_counter() - start
    finally:
        connection.close()


def transfer(port):
    """One measured transfer: what the client saw and what the worker
    spent."""
    before = _get_json(port, "/reset")
    received, seconds = download(port)
    after = _get_json(port, "/stats")
    if received != SIZE:
        raise AssertionError(f"received {received} bytes of {SIZE}")
    return {
        "mib_per_s": received / seconds / (1 << 20),
        "cpu_ms": (after["cpu_ns"] - before["cpu_ns"]) / 1e6,
        "peak_growth_mib": (after["peak_kib"] - before["rss_kib"]) / 1024,
        "sendfile_share": (after["sendfile_bytes"] - before["sendfile_bytes"]) / SIZE,
        "callbacks": after["closed"] - before["closed"],
        "peak_reset": before.get("peak_reset", False),
    }


def in_process_rate(stack, path):
    """MiB per second of this thread's CPU time (its own and the
    kernel's on its behalf) at which the WSGI body is iterated with no
    server: the environ offers no ``wsgi.file_wrapper``, so Werkzeug's
    own 8 KiB-block wrapper reads the file.  CPU time, not the wall
    clock, so that another process's turn on the core is not counted."""
    application = bigfile_app.make_app(stack, path)
    environ = EnvironBuilder("/file").get_environ()
    start = time.thread_time()
    body = application(environ, lambda status, headers, exc_info=None: None)
    received = 0
    try:
        for chunk in body:
            received += len(chunk)
    finally:
        body.close()
    seconds = time.thread_time() - start
    if received != SIZE:
        raise AssertionError(f"{stack} streamed {received} bytes of {SIZE}")
    return received / seconds / (1 << 20)


def _alternating(stacks, turn):
    """The stacks in order on even turns and reversed on odd ones, so
    that none is always the first after a pause or always the last."""
    return stacks if turn % 2 == 0 else stacks[::-1]


def _median_of(rows):
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]}


class Turns:
    """The transfers and in-process streams taken so far, with the
    servers kept running so that more can be taken after a look at the
    figures (:func:`session` makes one)."""

    def __init__(self, path, ports):
        self.path = path
        self.ports = ports
        self.server = {stack: [] for stack in STACKS}
        self.streamed = {stack: [] for stack in STACKS}
        self._streams_warm = False

    def transfers(self, count):
        """*count* more turns through the servers, each stack once a
        turn, the order alternating from turn to turn."""
        for _ in range(count):
            turn = len(self.server[STACKS[0]])
            for stack in _alternating(STACKS, turn):
                self.server[stack].append(transfer(self.ports[stack]))

    def streams(self, count):
        """*count* more turns in process."""
        if not self._streams_warm:  # the allocator's first 1 GiB of blocks
            for stack in STACKS:
                in_process_rate(stack, self.path)
            self._streams_warm = True
        for _ in range(count):
            turn = len(self.streamed[STACKS[0]])
            for stack in _alternating(STACKS, turn):
                self.streamed[stack].append(in_process_rate(stack, self.path))

    def results(self):
        """Medians per stack: ``{"server": {stack: {...}}, "in_process":
        {stack: MiB/s}}``, the two ratios the targets judge, and every
        turn's figures under ``"turns"``."""
        server, streamed = self.server, self.streamed
        results = {"size_bytes": SIZE, "turns": {"server": server, "in_process": streamed}}
        if server[STACKS[0]]:
            results["server"] = {stack: _median_of(rows) for stack, rows in server.items()}
            # the fix's cost, as the median of ratios taken within each
            # turn, so that a slow stretch of the machine cancels out
            results["fix_cpu_ratio"] = statistics.median(cpu_ratios(server))
        if streamed[STACKS[0]]:
            results["in_process"] = {s: statistics.median(r) for s, r in streamed.items()}
            results["fix_rate_ratio"] = statistics.median(rate_ratios(streamed))
        return results


@contextlib.contextmanager
def session():
    """The file written and a warmed server per stack, for the ``with``
    block: yields a :class:`Turns`."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_file(folder)
        with contextlib.ExitStack() as servers:
            ports = {stack: servers.enter_context(gunicorn(stack, path)) for stack in STACKS}
            for port in ports.values():  # warm: imports, first request
                transfer(port)
            yield Turns(path, ports)


def measure(transfers=7, streams=7):
    """:meth:`Turns.results` after a fixed number of turns."""
    with session() as turns:
        turns.transfers(transfers)
        turns.streams(streams)
        return turns.results()


def cpu_ratios(server):
    """flask01.modern's worker CPU time over Werkzeug's, turn by turn."""
    pairs = zip(server["flask01.modern"], server["Werkzeug"], strict=True)
    return [modern["cpu_ms"] / werkzeug["cpu_ms"] for modern, werkzeug in pairs]


def rate_ratios(streamed):
    """Werkzeug's in-process rate over flask01.modern's, turn by turn."""
    pairs = zip(streamed["flask01.modern"], streamed["Werkzeug"], strict=True)
    return [werkzeug / modern for modern, werkzeug in pairs]
