"""tinyblog: a one-author blog in the classic Flask 0.1 style.

The author logs in with the username and password below, writes entries
(a title and some text), and everybody reads them newest first.  It shows
the 0.1 toolkit at work: a database connection opened in before_request
and closed in after_request, the session remembering who is logged in,
messages flashed across a redirect, and templates that extend a layout.

Run it with ``python tinyblog.py`` and open http://localhost:5000/.
"""

import os
import sqlite3
from contextlib import closing

from flask01 import Flask, abort, flash, g, redirect, render_template, request, session, url_for

DATABASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tinyblog.db")
USERNAME = "admin"
PASSWORD = "default"

app = Flask(__name__)
app.secret_key = "change me: a long random string"


def connect_db():
    return sqlite3.connect(DATABASE)


def init_db():
    """Create the tables, dropping whatever was there."""
    with closing(connect_db()) as db:
        with app.open_resource("schema.sql") as schema:
            db.executescript(schema.read().decode("utf-8"))
        db.commit()


@app.before_request
def open_database():
    g.db = connect_db()


@app.after_request
def close_database(response):
    g.db.close()
    return response


@app.route("/")
def show_entries():
    rows = g.db.execute("select title, text from entries order by id desc")
    entries = [dict(title=title, text=text) for title, text in rows.fetchall()]
    return render_template("show_entries.html", entries=entries)


@app.route("/add", methods=["POST"])
def add_entry():
    if not session.get("logged_in"):
        abort(401)
    title, text = request.form["title"].strip(), request.form["text"]
    if not title:
        flash("An entry needs a title.")
        return redirect(url_for("show_entries"))
    g.db.execute("insert into entries (title, text) values (?, ?)", [title, text])
    g.db.commit()
    flash("New entry was successfully posted")
    return redirect(url_for("show_entries"))


@app.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        if request.form["username"] != USERNAME:
            error = "Invalid username"
        elif request.form["password"] != PASSWORD:
            error = "Invalid password"
        else:
            session["logged_in"] = True
            flash("You were logged in")
            return redirect(url_for("show_entries"))
    return render_template("login.html", error=error)


@app.route("/logout")
def logout():
    session.pop("logged_in", None)
    flash("You were logged out")
    return redirect(url_for("show_entries"))


if __name__ == "__main__":
    if not os.path.exists(DATABASE):
        init_db()
    app.run(debug=True)
