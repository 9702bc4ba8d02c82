"""The tinyblog example: logging in and out, posting, flashes."""

import pytest


@pytest.fixture
def client(tinyblog):
    return tinyblog.app.test_client()


def login(client, username="admin", password="default"):
    return client.post(
        "/login", data={"username": username, "password": password}, follow_redirects=True
    )


def test_empty_blog_says_so(client):
    assert b"No entries here so far" in client.get("/").data


def test_login_and_logout_flash_messages(client):
    assert b"You were logged in" in login(client).data
    assert b"You were logged out" in client.get("/logout", follow_redirects=True).data


@pytest.mark.parametrize(
    ("username", "password", "error"),
    [
        ("nobody", "default", b"Invalid username"),
        ("admin", "wrong", b"Invalid password"),
    ],
)
def test_wrong_credentials_are_refused(client, username, password, error):
    assert error in login(client, username, password).data


def test_adding_an_entry_requires_login(client):
    assert client.post("/add", data={"title": "t", "text": "x"}).status_code == 401


def test_entries_are_shown_newest_first_and_escaped(client):
    login(client)
    client.post("/add", data={"title": "first", "text": "<b>one</b>"})
    page = client.post("/add", data={"title": "second", "text": "two"}, follow_redirects=True).data
    assert b"New entry was successfully posted" in page
    assert page.index(b"second") < page.index(b"first")
    assert b"&lt;b&gt;one&lt;/b&gt;" in page


def test_an_entry_without_a_title_is_refused(client):
    login(client)
    page = client.post("/add", data={"title": "  ", "text": "x"}, follow_redirects=True).data
    assert b"An entry needs a title." in page
    assert b"No entries here so far" in page
