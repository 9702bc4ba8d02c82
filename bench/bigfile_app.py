"""The application a real server runs for :mod:`bench.bigfile`.

The server calls :func:`serve` by name, so its settings come from the
environment: ``BENCH_FILE`` is the file to send and ``BENCH_STACK`` says
which stack sends it (``flask01.modern``, ``Flask`` or ``Werkzeug``).

``GET /file`` sends the file; every stack registers a ``call_on_close``
callback that counts, so the report can show which stacks run it.
``GET /reset`` starts a measurement (it resets the kernel's record of
this process's peak memory); ``GET /stats`` ends one: peak memory, CPU
time, the ``sendfile(2)`` calls made and the callbacks run.
"""

import json
import os
import time

from werkzeug.wrappers import Request, Response

COUNTS = {"sendfile_calls": 0, "sendfile_bytes": 0, "closed": 0}


def _count_sendfile():
    """Wrap ``os.sendfile`` (which ``socket.sendfile`` calls) so that
    the statistics can tell whether the server used it."""
    real = os.sendfile

    def sendfile(out_fd, in_fd, offset, count, *args, **kwargs):
        sent = real(out_fd, in_fd, offset, count, *args, **kwargs)
        COUNTS["sendfile_calls"] += 1
        COUNTS["sendfile_bytes"] += sent
        return sent

    os.sendfile = sendfile


def _closed():
    COUNTS["closed"] += 1


def _memory_kib():
    """(current, peak) resident memory of this process in KiB."""
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            fields[name] = value.split()[0] if value.strip() else ""
    return int(fields["VmRSS"]), int(fields["VmHWM"])


def _reset_peak():
    """Make the kernel's peak (VmHWM) start again from the current
    resident size; Linux allows it since 4.0."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _stats(reset):
    rss, peak = _memory_kib()
    body = dict(COUNTS, rss_kib=rss, peak_kib=peak, cpu_ns=time.process_time_ns())
    if reset:
        body["peak_reset"] = _reset_peak()
        body["rss_kib"], body["peak_kib"] = _memory_kib()
    return Response(json.dumps(body), mimetype="application/json")


def _file_app(stack, path):
    """A WSGI application that answers every request with the file,
    built on *stack* the way its users would write it."""
    if stack == "Werkzeug":
        from werkzeug.utils import send_file

        @Request.application
        def send(request):
            response = send_file(path, request.environ)
            response.call_on_close(_closed)
            return response

        return send
    if stack == "flask01.modern":
        import flask01.modern as framework
    else:
        import flask as framework
    app = framework.Flask(__name__)

    @app.route("/file")
    def send():
        response = framework.send_file(path)
        response.call_on_close(_closed)
        return response

    return app


def make_app(stack, path):
    send = _file_app(stack, path)

    def application(environ, start_response):
        path_info = environ.get("PATH_INFO")
        if path_info in ("/stats", "/reset"):
            return _stats(reset=path_info == "/reset")(environ, start_response)
        return send(environ, start_response)

    return application


def serve():
    """The application factory the server calls
    (``bench.bigfile_app:serve()``), configured from the environment."""
    _count_sendfile()
    return make_app(os.environ["BENCH_STACK"], os.environ["BENCH_FILE"])
