"""The minitweet example: register, log in, post, follow, unfollow."""
import os

import minitweet
from spec import get, post

app = None


def create_app(instance_path):
    global app
    minitweet.DATABASE = os.path.join(instance_path, "minitweet.db")
    minitweet.init_db()
    clock = [1262304000]

    def fixed_clock():
        clock[0] += 90
        return clock[0]

    minitweet.now = fixed_clock
    app = minitweet.app
    return app


def _register(name):
    return post("/register", form=[("username", name), ("email", name + "@example.com"),
                                   ("password", "pw-" + name), ("password2", "pw-" + name)])


def _login(name, password=None):
    return post("/login", form=[("username", name), ("password", password or "pw-" + name)])


REQUESTS = [
    get("/"),
    get("/public"),
    get("/register"),
    post("/register", form=[("username", ""), ("email", "x@y"), ("password", "a"),
                            ("password2", "a")]),
    post("/register", form=[("username", "ann"), ("email", "nope"), ("password", "a"),
                            ("password2", "a")]),
    post("/register", form=[("username", "ann"), ("email", "ann@example.com"),
                            ("password", "a"), ("password2", "b")]),
    _register("ann"),
    _register("ann"),
    _register("bob"),
    _login("ann", "wrong"),
    _login("nobody"),
    _login("ann"),
    get("/"),
    post("/add_message", form=[("text", "ann's first <message>")]),
    post("/add_message", form=[("text", "   ")]),
    get("/"),
    get("/bob"),
    get("/bob/follow"),
    get("/ghost/follow"),
    get("/logout"),
    get("/ann/follow"),
    _login("bob"),
    post("/add_message", form=[("text", u"bob says hi \u263a")]),
    get("/logout"),
    _login("ann"),
    get("/", note="ann's timeline has bob's message now"),
    get("/ann"),
    get("/bob"),
    get("/bob/unfollow"),
    get("/"),
    get("/public"),
    get("/ghost"),
    get("/login", note="logged in users are sent to their timeline"),
]
