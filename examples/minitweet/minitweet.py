"""minitweet: a micro twitter in the classic Flask 0.1 style.

People register, log in, post short messages and follow each other.  The
home page is your timeline (your messages and those of whom you follow),
``/public`` shows everybody's, and ``/<username>`` one person's.

Run it with ``python minitweet.py`` and open http://localhost:5000/.
"""

import os
import sqlite3
import time
from contextlib import closing
from hashlib import md5

from werkzeug.security import check_password_hash, generate_password_hash

from flask01 import Flask, abort, flash, g, redirect, render_template, request, session, url_for

DATABASE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "minitweet.db")
PER_PAGE = 30

app = Flask(__name__)
app.secret_key = "change me: a long random string"


def now():
    """The current time as a Unix timestamp (tests replace it)."""
    return int(time.time())


def connect_db():
    return sqlite3.connect(DATABASE)


def init_db():
    """Create the tables, dropping whatever was there."""
    with closing(connect_db()) as db:
        with app.open_resource("schema.sql") as schema:
            db.executescript(schema.read().decode("utf-8"))
        db.commit()


def query_db(query, args=(), one=False):
    """Run *query* and return its rows as dicts (or the first one)."""
    cursor = g.db.execute(query, args)
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    return (rows[0] if rows else None) if one else rows


def get_user_id(username):
    row = query_db("select user_id from user where username = ?", [username], one=True)
    return row["user_id"] if row else None


def format_datetime(timestamp):
    return time.strftime("%Y-%m-%d @ %H:%M", time.gmtime(timestamp))


def gravatar_url(email, size=80):
    digest = md5(email.strip().lower().encode("utf-8")).hexdigest()
    return "https://www.gravatar.com/avatar/%s?d=identicon&s=%d" % (digest, size)


app.jinja_env.filters["datetimeformat"] = format_datetime
app.jinja_env.filters["gravatar"] = gravatar_url


@app.before_request
def before_request():
    g.db = connect_db()
    g.user = None
    if "user_id" in session:
        g.user = query_db("select * from user where user_id = ?", [session["user_id"]], one=True)


@app.after_request
def after_request(response):
    g.db.close()
    return response


@app.route("/")
def timeline():
    if not g.user:
        return redirect(url_for("public_timeline"))
    messages = query_db(
        """
        select message.*, user.* from message, user
        where message.author_id = user.user_id and (
            user.user_id = ? or
            user.user_id in (select whom_id from follower where who_id = ?))
        order by message.pub_date desc, message.message_id desc limit ?""",
        [session["user_id"], session["user_id"], PER_PAGE],
    )
    return render_template("timeline.html", messages=messages, kind="mine")


@app.route("/public")
def public_timeline():
    messages = query_db(
        """
        select message.*, user.* from message, user
        where message.author_id = user.user_id
        order by message.pub_date desc, message.message_id desc limit ?""",
        [PER_PAGE],
    )
    return render_template("timeline.html", messages=messages, kind="public")


@app.route("/<username>")
def user_timeline(username):
    profile = query_db("select * from user where username = ?", [username], one=True)
    if profile is None:
        abort(404)
    followed = False
    if g.user:
        followed = (
            query_db(
                "select 1 from follower where who_id = ? and whom_id = ?",
                [session["user_id"], profile["user_id"]],
                one=True,
            )
            is not None
        )
    messages = query_db(
        """
        select message.*, user.* from message, user
        where user.user_id = message.author_id and user.user_id = ?
        order by message.pub_date desc, message.message_id desc limit ?""",
        [profile["user_id"], PER_PAGE],
    )
    return render_template(
        "timeline.html", messages=messages, kind="user", profile=profile, followed=followed
    )


def _follow_target(username):
    if not g.user:
        abort(401)
    whom_id = get_user_id(username)
    if whom_id is None:
        abort(404)
    return whom_id


@app.route("/<username>/follow")
def follow_user(username):
    whom_id = _follow_target(username)
    g.db.execute(
        "insert or ignore into follower (who_id, whom_id) values (?, ?)",
        [session["user_id"], whom_id],
    )
    g.db.commit()
    flash('You are now following "%s"' % username)
    return redirect(url_for("user_timeline", username=username))


@app.route("/<username>/unfollow")
def unfollow_user(username):
    whom_id = _follow_target(username)
    g.db.execute(
        "delete from follower where who_id = ? and whom_id = ?", [session["user_id"], whom_id]
    )
    g.db.commit()
    flash('You are no longer following "%s"' % username)
    return redirect(url_for("user_timeline", username=username))


@app.route("/add_message", methods=["POST"])
def add_message():
    if "user_id" not in session:
        abort(401)
    text = request.form["text"].strip()
    if text:
        g.db.execute(
            "insert into message (author_id, text, pub_date) values (?, ?, ?)",
            [session["user_id"], text, now()],
        )
        g.db.commit()
        flash("Your message was recorded")
    return redirect(url_for("timeline"))


@app.route("/login", methods=["GET", "POST"])
def login():
    if g.user:
        return redirect(url_for("timeline"))
    error = None
    if request.method == "POST":
        user = query_db(
            "select * from user where username = ?", [request.form["username"]], one=True
        )
        if user is None:
            error = "Invalid username"
        elif not check_password_hash(user["pw_hash"], request.form["password"]):
            error = "Invalid password"
        else:
            flash("You were logged in")
            session["user_id"] = user["user_id"]
            return redirect(url_for("timeline"))
    return render_template("login.html", error=error)


@app.route("/register", methods=["GET", "POST"])
def register():
    if g.user:
        return redirect(url_for("timeline"))
    error = None
    if request.method == "POST":
        form = request.form
        if not form["username"]:
            error = "You have to enter a username"
        elif not form["email"] or "@" not in form["email"]:
            error = "You have to enter a valid email address"
        elif not form["password"]:
            error = "You have to enter a password"
        elif form["password"] != form["password2"]:
            error = "The two passwords do not match"
        elif get_user_id(form["username"]) is not None:
            error = "The username is already taken"
        else:
            g.db.execute(
                "insert into user (username, email, pw_hash) values (?, ?, ?)",
                [form["username"], form["email"], generate_password_hash(form["password"])],
            )
            g.db.commit()
            flash("You were successfully registered and can login now")
            return redirect(url_for("login"))
    return render_template("register.html", error=error)


@app.route("/logout")
def logout():
    flash("You were logged out")
    session.pop("user_id", None)
    return redirect(url_for("public_timeline"))


if __name__ == "__main__":
    if not os.path.exists(DATABASE):
        init_db()
    app.run(debug=True)
