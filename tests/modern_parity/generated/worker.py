"""Send generated request sequences to the generated application, on one
of Flask 2.1.3 or flask01.modern, and write what happened.

    python worker.py upstream batch CASES.jsonl OUT.jsonl   # PYTHONPATH: Flask 2.1.3
    python worker.py modern batch CASES.jsonl OUT.jsonl
    python worker.py modern serve      # one case a line, stdin to stdout

Every request is sent as a WSGI call with an environ built as the parity
driver builds one (``tests/parity/wsgi_environ.py``), so both sides get
the same bytes whatever their Werkzeug's test tools would do,
with a cookie jar of the case's own.  Each request's answer is the
trace of what the application recorded (hooks, signals, teardown, the
contexts left on the stacks afterwards) and the response as
``tests/modern_parity/scenarios.py`` records one, the session cookie
replaced by the session it holds, read by the application's own session
interface.  ``ETag``, ``Last-Modified`` and ``Expires`` values name a
file's time or the clock: they are replaced by placeholders, and a
request may send the last one seen back with ``{{etag}}`` or
``{{last-modified}}`` in a header.  ``cookie_ops`` work as in
``tests/parity/generated/worker.py``.
"""

import gc
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PARITY = os.path.join(os.path.dirname(os.path.dirname(HERE)), "parity")
# last on the path, so that they shadow nothing: the parity harness's
# environ builder, and the views both generated applications share
sys.path += [PARITY, os.path.join(PARITY, "generated")]

from wsgi_environ import wsgi_environ  # noqa: E402 - found on the path just set

#: headers whose values name a moment: compared by presence
MOMENTS = ("etag", "last-modified", "expires")


def _flask(side):
    if side == "upstream":
        import flask

        return flask
    if side == "modern":
        import flask01.modern as flask

        return flask
    raise SystemExit(f"unknown side {side!r}: use upstream or modern")


class Replayer:
    def __init__(self, flask):
        sys.path.insert(0, os.path.dirname(HERE))
        from generated import app as module

        self.flask = flask
        self.trace = []
        self.app = module.create_app(flask, self.trace)
        self.foreign = flask.Flask("foreign", root_path=HERE)
        self.foreign.secret_key = "another secret"
        self.foreign.add_url_rule("/", "set", self._foreign_view)
        self._foreign_cookie = None
        # the first request runs before_first_request: not part of any case
        self.call(self.app, self.environ({"method": "GET", "path": "/"}, {}))
        del self.trace[:]

    def _foreign_view(self):
        self.flask.session["k"] = "foreign"
        return ""

    def foreign_cookie(self):
        if self._foreign_cookie is None:
            _, headers, _ = self.call(
                self.foreign, self.environ({"method": "GET", "path": "/"}, {})
            )
            for name, value in headers:
                if name.lower() == "set-cookie" and value.startswith("session="):
                    self._foreign_cookie = value.split(";", 1)[0][len("session=") :]
        return self._foreign_cookie or ""

    def environ(self, request, cookies):
        return wsgi_environ(
            request["method"],
            request["path"],
            request.get("query", ""),
            request.get("headers", ()),
            request.get("body", "").encode("latin-1"),
            request.get("content_type"),
            cookies,
        )

    @staticmethod
    def call(app, environ):
        started = {}

        def start_response(status, headers, exc_info=None):
            started["status"], started["headers"] = status, headers
            return lambda data: None

        iterable = app(environ, start_response)
        try:
            body = b"".join(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
        return started["status"], started["headers"], body

    def cookies(self, jar, ops):
        cookies = dict(jar)
        for op in ops:
            if op[0] == "set":
                cookies[op[1]] = op[2]
            elif op[0] == "drop":
                cookies.pop(op[1], None)
            elif op[0] == "foreign":
                cookies["session"] = self.foreign_cookie()
            elif op[0] == "tamper":
                value = cookies.get(op[1], "")
                if op[2] == "append":
                    value += "x"
                elif op[2] == "truncate":
                    value = value[: len(value) // 2]
                elif op[2] == "flip" and value:
                    middle = len(value) // 2
                    value = (
                        value[:middle]
                        + ("B" if value[middle] == "A" else "A")
                        + value[middle + 1 :]
                    )
                elif op[2] == "quote":
                    value = '"' + value + '"'
                cookies[op[1]] = value
        return cookies

    def session(self, cookie_value):
        """What a session cookie holds, read by the application itself."""
        interface = self.app.session_interface
        serializer = interface.get_signing_serializer(self.app)
        try:
            return json.loads(
                json.dumps(serializer.loads(cookie_value), sort_keys=True, default=repr)
            )
        except Exception as error:  # noqa: BLE001 - recorded
            return f"<unreadable: {type(error).__name__}>"

    def run_case(self, case):
        jar, remembered, answers = {}, {}, []
        for request in case["requests"]:
            headers = []
            for name, value in request.get("headers", ()):
                for key in ("etag", "last-modified"):
                    value = value.replace(f"{{{{{key}}}}}", remembered.get(key, ""))
                headers.append((name, value))
            request = dict(request, headers=headers)
            cookies = self.cookies(jar, request.get("cookie_ops") or ())
            del self.trace[:]
            answer = {}
            try:
                status, response_headers, body = self.call(self.app, self.environ(request, cookies))
            except Exception as error:  # noqa: BLE001 - what reaches the server is an answer
                answer["exception"] = type(error).__name__
            else:
                answer["response"] = self.record(status, response_headers, body, jar, remembered)
            # a response the application dropped unclosed (after_request
            # replacing a stream_with_context response) pops its context
            # when it is collected: here, not in the middle of a later case
            gc.collect(1)
            answer["trace"] = list(self.trace)
            answer["stacks"] = [self.flask.has_app_context(), self.flask.has_request_context()]
            while self.flask.has_request_context():
                self.flask._request_ctx_stack.pop()
            while self.flask.has_app_context():
                self.flask._app_ctx_stack.pop()
            answers.append(answer)
        return answers

    def record(self, status, headers, body, jar, remembered):
        """The response as the lifecycle scenarios record one (see
        ``scenarios._response``), from the raw WSGI answer."""
        plain, cookies = {}, []
        for name, value in headers:
            lname = name.lower()
            if lname == "set-cookie":
                cookies.append(self.cookie(value, jar))
                continue
            if lname in MOMENTS:
                remembered[lname] = value
                value = f"<{name}>"
            plain[lname] = plain[lname] + "\n" + value if lname in plain else value
        record = {
            "status": status,
            "headers": dict(sorted(plain.items())),
            "body": body.decode("latin-1"),
        }
        if cookies:
            record["cookies"] = cookies
        return record

    def cookie(self, header, jar):
        name, _, rest = header.partition("=")
        value, _, attributes = rest.partition(";")
        jar[name] = value
        parts = sorted(
            a.strip() for a in attributes.split(";") if not a.strip().lower().startswith("expires")
        )
        if name == "session" and value:
            value = self.session(value)
        return [name, value, parts]


def main(argv):
    side, mode = argv[1], argv[2]
    replayer = Replayer(_flask(side))
    if mode == "batch":
        with open(argv[3], encoding="utf-8") as cases, open(argv[4], "w", encoding="utf-8") as out:
            for line in cases:
                out.write(json.dumps(replayer.run_case(json.loads(line)), sort_keys=True) + "\n")
    elif mode == "serve":
        stdout = sys.stdout
        sys.stdout = sys.stderr  # what the application prints stays out of the answers
        for line in sys.stdin:
            stdout.write(json.dumps(replayer.run_case(json.loads(line)), sort_keys=True) + "\n")
            stdout.flush()
    else:
        raise SystemExit(f"unknown mode {mode!r}: use batch or serve")


if __name__ == "__main__":
    main(sys.argv)
