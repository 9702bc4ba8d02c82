"""Replay the parity scenarios against one implementation of Flask 0.1 and
print what every response was, as JSON.

    python2.7 driver.py original   # the real Flask 0.1, Werkzeug 0.6.2
    python3 driver.py flask01      # this project

With ``original`` the module ``flask`` is imported and registered under the
name ``flask01``, so the scenario apps, which say ``import flask01 as
flask`` as a flask01 user would, run unchanged on both.  The driver speaks
WSGI directly and builds every environ itself (``wsgi_environ.py``, which
the modern_parity generated worker uses too), so both sides receive the
same bytes whatever their Werkzeug's test tools would do.  It runs on
Python 2.7 and 3 alike.
"""

from __future__ import print_function

import importlib
import json
import os
import shutil
import sys
import tempfile
import traceback

from wsgi_environ import wsgi_environ

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples")
PY2 = sys.version_info[0] == 2

if PY2:  # pragma: no cover - exercised by the parity session only

    def _text(data):
        return data.decode("latin-1") if isinstance(data, str) else data
else:

    def _text(data):
        return data.decode("latin-1") if isinstance(data, bytes) else data


def scenario_names():
    names = [
        name[:-3]
        for name in os.listdir(os.path.join(HERE, "scenarios"))
        if name.endswith(".py") and not name.startswith("_")
    ]
    return sorted(names)


class Client(object):
    """A minimal WSGI client with a cookie jar."""

    def __init__(self, app):
        self.app = app
        self.cookies = {}

    def environ(self, spec):
        cookies = self.cookies if spec["cookies"] is None else spec["cookies"]
        return wsgi_environ(
            spec["method"],
            spec["path"],
            spec["query"],
            spec["headers"],
            spec["body"],
            spec["content_type"],
            cookies,
        )

    def run(self, spec):
        environ = self.environ(spec)
        started = {}

        def start_response(status, headers, exc_info=None):
            started["status"] = status
            started["headers"] = headers
            return lambda data: None

        try:
            app_iter = self.app(environ, start_response)
            try:
                body = b"".join(app_iter)
            finally:
                if hasattr(app_iter, "close"):
                    app_iter.close()
        except Exception as error:
            # An exception that reaches the WSGI server is an answer too:
            # the server turns it into its own 500 page.
            return {
                "exception": type(error).__name__,
                "traceback_tail": traceback.format_exc().splitlines()[-1],
            }
        headers = [[_text(k), _text(v)] for k, v in started["headers"]]
        self.remember_cookies(headers)
        return {
            "status": _text(started["status"]),
            "headers": headers,
            "body": _text(body),
            "session": self.read_session(headers),
        }

    def remember_cookies(self, headers):
        for name, value in headers:
            if name.lower() != "set-cookie":
                continue
            key, _, rest = value.partition("=")
            cookie_value = rest.split(";", 1)[0]
            if cookie_value.startswith('"') and cookie_value.endswith('"'):
                cookie_value = cookie_value[1:-1]
            self.cookies[key] = cookie_value

    def read_session(self, headers):
        """What the session cookie the response set holds, decoded by the
        application's own ``open_session``, so that sessions are compared
        by content rather than by their (necessarily different) encoding."""
        name = getattr(self.app, "session_cookie_name", None)
        for key, value in headers:
            if key.lower() == "set-cookie" and value.startswith(name + "="):
                environ = self.environ(
                    dict(
                        method="GET",
                        path="/",
                        query="",
                        headers=[],
                        body=b"",
                        content_type=None,
                        cookies={name: self.cookies[name]},
                    )
                )
                session = self.app.open_session(self.app.request_class(environ))
                return json.loads(json.dumps(dict(session), sort_keys=True))
        return None


def run_scenario(name):
    module = importlib.import_module("scenarios." + name)
    instance = tempfile.mkdtemp(prefix="flask01-parity-")
    try:
        app = module.create_app(instance)
        client = Client(app)
        results = []
        for spec in module.REQUESTS:
            outcome = client.run(spec)
            outcome["request"] = dict((k, _text(v)) for k, v in spec.items() if k != "body")
            results.append(outcome)
        return results
    finally:
        shutil.rmtree(instance)


def main(argv):
    framework = argv[1]
    names = argv[2:] or scenario_names()
    if framework == "original":
        import flask

        sys.modules["flask01"] = flask
    examples = [os.path.join(EXAMPLES, name) for name in sorted(os.listdir(EXAMPLES))]
    sys.path[:0] = [HERE] + [path for path in examples if os.path.isdir(path)]
    results = dict((name, run_scenario(name)) for name in names)
    out = sys.stdout
    json.dump(results, out, indent=1, sort_keys=True)
    out.write("\n")


if __name__ == "__main__":
    main(sys.argv)
