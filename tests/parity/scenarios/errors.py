"""Error handlers: by code, for exceptions, in and out of debug mode."""

from spec import get

import flask01 as flask

app = None


def create_app(instance_path):
    global app
    app = flask.Flask(__name__)

    @app.errorhandler(404)
    def not_found(error):
        return "custom 404 for %s (%d)" % (flask.request.path, error.code), 404

    @app.errorhandler(500)
    def server_error(error):
        return "custom 500: %s" % type(error).__name__, 500

    def forbidden(error):
        return flask.Response(
            "forbidden, by a handler assigned directly", status=403, mimetype="text/plain"
        )

    app.error_handlers[403] = forbidden

    @app.route("/boom")
    def boom():
        return 1 // 0

    @app.route("/abort/<int:code>")
    def abort(code):
        flask.abort(code)

    @app.route("/handled-no-status")
    def handled_no_status():
        flask.abort(410)

    @app.route("/debug-boom")
    def debug_boom():
        app.debug = True
        return {}["missing"]

    @app.route("/debug-off")
    def debug_off():
        app.debug = False
        return "debug is off again"

    return app


REQUESTS = [
    get("/nowhere"),
    get("/boom"),
    get("/abort/403"),
    get("/abort/404"),
    get("/abort/401"),
    get("/abort/400"),
    get("/handled-no-status"),
    get("/debug-boom", note="in debug mode the 500 handler is skipped"),
    get("/debug-off"),
    get("/boom"),
]
