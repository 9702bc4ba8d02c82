# -*- coding: utf-8 -*-
"""Send generated request sequences to the generated application, on one
implementation of Flask 0.1, and write what every response was.

    python2.7 worker.py original batch CASES.jsonl OUT.jsonl
    python3 worker.py flask01 batch CASES.jsonl OUT.jsonl
    python3 worker.py flask01 serve      # one case a line, stdin to stdout

A case is a JSON object whose ``requests`` are replayed through
``driver.Client`` (the parity scenarios' WSGI client) with a cookie jar of
the case's own.  Every text of a request but its path is a *native
string*: one character a byte, as WSGI carries it, so both sides get the
same bytes.  The path is percent-encoded ASCII, which the client decodes
into ``PATH_INFO``.  The application is built once per process.

On top of the scenarios' client, a request may

* hold ``{{etag}}`` or ``{{last-modified}}`` in a header value, replaced
  by the value of that header in the last response that had one;
* list ``cookie_ops`` applied to the jar's cookies for this request only:
  ``["set", name, value]``, ``["drop", name]``, ``["tamper", name, how]``
  (``append``, ``truncate``, ``flip``, ``quote``) and ``["foreign"]``,
  which sends a session cookie made by an application with another
  secret key.

It runs on Python 2.7 and 3 alike.
"""

from __future__ import print_function

import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PARITY = os.path.dirname(HERE)
PY2 = sys.version_info[0] == 2


def _native(text):
    """A JSON string (one character a byte) as a native string."""
    if text is None:
        return None
    if PY2 and not isinstance(text, str):  # pragma: no cover - the original side only
        return text.encode("latin-1")
    return text


def _bytes(text):
    return text.encode("latin-1")


def _setup(side):
    sys.path[:0] = [PARITY]
    if side == "original":
        import flask

        sys.modules["flask01"] = flask
    elif side != "flask01":
        raise SystemExit("unknown side %r: use original or flask01" % side)


class Replayer(object):
    def __init__(self):
        import driver

        from generated import app as module

        self.driver = driver
        self.app = module.create_app()
        self.foreign = module.create_foreign_app()
        self._foreign_cookie = None

    def foreign_cookie(self):
        if self._foreign_cookie is None:
            client = self.driver.Client(self.foreign)
            client.run(self.spec({"method": "GET", "path": "/s/set", "query": "k=foreign"}))
            self._foreign_cookie = _native(client.cookies.get("session", ""))
        return self._foreign_cookie

    def spec(self, request):
        headers = [(_native(k), _native(v)) for k, v in request.get("headers", [])]
        return dict(
            method=_native(request["method"]),
            path=_native(request["path"]),
            query=_native(request.get("query", "")),
            headers=headers,
            body=_bytes(request.get("body", "")),
            content_type=_native(request.get("content_type")),
            cookies=None,
        )

    def cookies(self, jar, ops):
        # the jar holds text on Python 2 (the client decodes headers):
        # native strings again, so that they join with the ones set here
        cookies = dict((_native(k), _native(v)) for k, v in jar.items())
        for op in ops:
            if op[0] == "set":
                cookies[_native(op[1])] = _native(op[2])
            elif op[0] == "drop":
                cookies.pop(_native(op[1]), None)
            elif op[0] == "foreign":
                cookies[_native("session")] = self.foreign_cookie()
            elif op[0] == "tamper":
                name, how = _native(op[1]), op[2]
                value = cookies.get(name, _native(""))
                if how == "append":
                    value = value + _native("x")
                elif how == "truncate":
                    value = value[: len(value) // 2]
                elif how == "flip" and value:
                    middle = len(value) // 2
                    char = value[middle : middle + 1]
                    swapped = _native("B") if char == _native("A") else _native("A")
                    value = value[:middle] + swapped + value[middle + 1 :]
                elif how == "quote":
                    value = _native('"') + value + _native('"')
                cookies[name] = value
        return cookies

    def run_case(self, case):
        client = self.driver.Client(self.app)
        remembered = {}
        outcomes = []
        for request in case["requests"]:
            spec = self.spec(request)
            headers = []
            for name, value in spec["headers"]:
                for key in ("etag", "last-modified"):
                    marker = _native("{{%s}}" % key)
                    if marker in value:
                        value = value.replace(marker, remembered.get(key, _native("")))
                headers.append((name, value))
            spec["headers"] = headers
            if request.get("cookie_ops"):
                spec["cookies"] = self.cookies(client.cookies, request["cookie_ops"])
            try:
                outcome = client.run(spec)
            except Exception as error:  # noqa: BLE001 - reported, not raised
                outcome = {"exception": type(error).__name__, "harness": True}
            for name, value in outcome.get("headers", ()):
                if name.lower() in ("etag", "last-modified"):
                    remembered[name.lower()] = _native(value)
            outcome["request"] = {"method": request["method"], "path": request["path"]}
            outcomes.append(outcome)
        return outcomes


def _dump(outcomes):
    return json.dumps(outcomes, sort_keys=True)


def main(argv):
    side, mode = argv[1], argv[2]
    _setup(side)
    replayer = Replayer()
    if mode == "batch":
        with io.open(argv[3], encoding="utf-8") as cases, io.open(argv[4], "wb") as out:
            for line in cases:
                outcomes = replayer.run_case(json.loads(line))
                out.write(_dump(outcomes).encode("ascii") + b"\n")
    elif mode == "serve":
        stdin = sys.stdin if PY2 else sys.stdin.buffer
        stdout = sys.stdout if PY2 else sys.stdout.buffer
        # whatever the application prints must not mix with the answers
        sys.stdout = sys.stderr
        while True:
            line = stdin.readline()
            if not line:
                break
            outcomes = replayer.run_case(json.loads(line.decode("utf-8")))
            stdout.write(_dump(outcomes).encode("ascii") + b"\n")
            stdout.flush()
    else:
        raise SystemExit("unknown mode %r: use batch or serve" % mode)


if __name__ == "__main__":
    main(sys.argv)
