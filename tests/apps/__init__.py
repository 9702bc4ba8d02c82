"""A package the tests create applications in, so that ``root_path``,
``templates/`` and ``static/`` resolve to this folder."""

import flask01


def make_app():
    app = flask01.Flask(__name__)
    app.secret_key = "test secret"
    return app
