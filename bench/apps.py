"""The same five routes on every stack the benchmark compares.

=========  ==========================================================
hello      ``GET /`` answers ``Hello, World!``
int        ``GET /user/42`` converts ``42`` with an ``int`` converter
template   ``GET /list`` renders ``templates/loop.html`` over 20 items
404        ``GET /missing`` matches nothing
session    ``GET /count`` reads a counter from the signed session
           cookie the request carries and writes it back incremented
=========  ==========================================================

Each builder returns a WSGI callable.  The frameworks are used the way
their documentation shows; the two framework-free stacks do the same
work by hand with the same libraries (Werkzeug's routing and wrappers,
Jinja2, itsdangerous), which makes them the floor a framework adds to.
"""

import os
from http.cookies import SimpleCookie

import itsdangerous
import jinja2
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

HERE = os.path.dirname(os.path.abspath(__file__))
SECRET_KEY = "benchmark secret key"
ITEMS = list(range(20))

#: name -> (path, what the body must contain), the check that every
#: stack really answers the route before it is timed
ROUTES = {
    "hello": ("/", b"Hello, World!"),
    "int": ("/user/42", b"user 42"),
    "template": ("/list", b"<li>19</li>"),
    "404": ("/missing", b"Not Found"),
    "session": ("/count", b"count 8"),
}


def _framework_app(flask_module, name):
    """The five routes on a Flask-shaped framework: flask01,
    flask01.modern and Flask itself share this code."""
    app = flask_module.Flask(name)
    app.secret_key = SECRET_KEY

    @app.route("/")
    def hello():
        return "Hello, World!"

    @app.route("/user/<int:user_id>")
    def user(user_id):
        return f"user {user_id}"

    @app.route("/list")
    def listing():
        return flask_module.render_template("loop.html", items=ITEMS)

    @app.route("/count")
    def count():
        session = flask_module.session
        session["count"] = session.get("count", 0) + 1
        return f"count {session['count']}"

    return app


def flask01_app():
    import flask01

    return _framework_app(flask01, "bench.apps")


def modern_app():
    import flask01.modern

    return _framework_app(flask01.modern, "bench.apps")


def flask_app():
    import flask

    return _framework_app(flask, "bench.apps")


def _templates():
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")), autoescape=True
    )


def werkzeug_app():
    """No framework: a Werkzeug :class:`~werkzeug.routing.Map`, its
    request and response objects, a Jinja2 environment and an
    itsdangerous serializer for the session cookie."""
    url_map = Map(
        [
            Rule("/", endpoint="hello"),
            Rule("/user/<int:user_id>", endpoint="user"),
            Rule("/list", endpoint="listing"),
            Rule("/count", endpoint="count"),
        ]
    )
    templates = _templates()
    signer = itsdangerous.URLSafeSerializer(SECRET_KEY, salt="bench.session")

    def count(request):
        try:
            session = signer.loads(request.cookies.get("session", ""))
        except itsdangerous.BadSignature:
            session = {}
        session["count"] = session.get("count", 0) + 1
        response = Response(f"count {session['count']}")
        response.set_cookie("session", signer.dumps(session), httponly=True)
        return response

    views = {
        "hello": lambda request: Response("Hello, World!"),
        "user": lambda request, user_id: Response(f"user {user_id}"),
        "listing": lambda request: Response(
            templates.get_template("loop.html").render(items=ITEMS), mimetype="text/html"
        ),
        "count": count,
    }

    def application(environ, start_response):
        request = Request(environ)
        try:
            endpoint, values = url_map.bind_to_environ(environ).match()
            response = views[endpoint](request, **values)
        except HTTPException as e:
            response = e.get_response(environ)
        return response(environ, start_response)

    return application


def wsgi_app():
    """No library between the server and the routes but Jinja2 for the
    template and itsdangerous for the cookie: paths compared as strings,
    ``str.isdigit`` for the integer, bytes out."""
    templates = _templates()
    signer = itsdangerous.URLSafeSerializer(SECRET_KEY, salt="bench.session")
    text = [("Content-Type", "text/plain; charset=utf-8")]

    def respond(start_response, status, body, headers=text):
        start_response(status, headers + [("Content-Length", str(len(body)))])
        return [body]

    def user(environ, start_response, rest):
        if not rest.isdigit():
            return not_found(environ, start_response)
        return respond(start_response, "200 OK", b"user %d" % int(rest))

    def count(environ, start_response):
        cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        try:
            session = signer.loads(cookie["session"].value)
        except (KeyError, itsdangerous.BadSignature):
            session = {}
        session["count"] = session.get("count", 0) + 1
        headers = text + [("Set-Cookie", f"session={signer.dumps(session)}; HttpOnly")]
        return respond(start_response, "200 OK", b"count %d" % session["count"], headers)

    def not_found(environ, start_response):
        return respond(start_response, "404 NOT FOUND", b"Not Found")

    def application(environ, start_response):
        path = environ.get("PATH_INFO", "/")
        if path == "/":
            return respond(start_response, "200 OK", b"Hello, World!")
        if path.startswith("/user/"):
            return user(environ, start_response, path[6:])
        if path == "/list":
            body = templates.get_template("loop.html").render(items=ITEMS).encode()
            return respond(start_response, "200 OK", body, [("Content-Type", "text/html")])
        if path == "/count":
            return count(environ, start_response)
        return not_found(environ, start_response)

    return application


#: the stacks, in the order the report lists them
STACKS = {
    "flask01": flask01_app,
    "flask01.modern": modern_app,
    "Flask": flask_app,
    "Werkzeug": werkzeug_app,
    "WSGI": wsgi_app,
}
