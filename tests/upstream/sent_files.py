"""The application the articles' and the recipes' tests send a file
from.  Like those tests, it imports only Flask, Werkzeug and the standard
library (the ``versions`` session runs them with ``--noconftest``)."""


def files_app(folder):
    """An application sending the files of *folder* from
    ``/files/<name>``, after writing one there: ``report.txt``, which says
    "all good"."""
    import flask

    (folder / "report.txt").write_text("all good")
    app = flask.Flask(__name__)

    @app.route("/files/<name>")
    def files(name):
        return flask.send_from_directory(folder, name)

    return app
