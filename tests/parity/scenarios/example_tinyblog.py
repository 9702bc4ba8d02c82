"""The tinyblog example, driven through a whole visit."""
import os

import tinyblog
from spec import get, post

app = None


def create_app(instance_path):
    global app
    tinyblog.DATABASE = os.path.join(instance_path, "tinyblog.db")
    tinyblog.init_db()
    app = tinyblog.app
    return app


REQUESTS = [
    get("/"),
    get("/login"),
    post("/add", form=[("title", "sneaky"), ("text", "not logged in")]),
    post("/login", form=[("username", "nobody"), ("password", "default")]),
    post("/login", form=[("username", "admin"), ("password", "wrong")]),
    post("/login", form=[("username", "admin"), ("password", "default")]),
    get("/"),
    post("/add", form=[("title", "Hello"), ("text", "<strong>HTML</strong> allowed here")]),
    post("/add", form=[("title", u"Gr\xfc\xdfe"), ("text", u"unicode \u2603")]),
    post("/add", form=[("title", "  "), ("text", "no title")]),
    get("/"),
    get("/logout"),
    get("/"),
    get("/static/style.css"),
]
