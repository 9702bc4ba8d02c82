"""A small application in the shape of Flask's tutorial: an application
factory, a database connection kept on ``g`` and closed when the
application context ends, and an ``init-db`` command on ``app.cli``.

tests/modern/test_cli.py runs it with the ``flask01`` console command, as
the tutorial runs flaskr with ``flask``::

    FLASK_APP="tests/modern/cliblog:create_app('blog.sqlite')" flask01 init-db --title First
    FLASK_APP=... flask01 run
"""

import sqlite3

import click

import flask01.modern as flask
from flask01.modern.cli import with_appcontext


def create_app(database):
    """The application, keeping its posts in the SQLite file *database*."""
    app = flask.Flask(__name__)
    app.config["DATABASE"] = database
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)

    @app.route("/")
    def index():
        rows = get_db().execute("SELECT title FROM post ORDER BY id").fetchall()
        return flask.jsonify(titles=[title for (title,) in rows])

    @app.route("/hello")
    def hello():
        return f"Hello from {flask.current_app.name}!"

    return app


def get_db():
    """The connection of this application context, opened on first use."""
    if "db" not in flask.g:
        flask.g.db = sqlite3.connect(flask.current_app.config["DATABASE"])
    return flask.g.db


def close_db(exc=None):
    db = flask.g.pop("db", None)
    if db is not None:
        db.close()


@click.command("init-db")
@click.option("--title", multiple=True, help="A post to start with.")
@with_appcontext
def init_db_command(title):
    """Create the post table afresh, with a post for each --title."""
    db = get_db()
    with flask.current_app.open_resource("schema.sql") as f:
        db.executescript(f.read().decode())
    db.executemany("INSERT INTO post (title) VALUES (?)", [(t,) for t in title])
    db.commit()
    click.echo("Initialized the database.")
