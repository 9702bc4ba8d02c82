"""The minitweet example: registering, timelines, following."""

import pytest


@pytest.fixture
def client(minitweet):
    return minitweet.app.test_client()


def register(client, name, password=None, password2=None, email=None):
    password = password or "pw-" + name
    data = {
        "username": name,
        "email": email or name + "@example.com",
        "password": password,
        "password2": password2 or password,
    }
    return client.post("/register", data=data, follow_redirects=True)


def login(client, name, password=None):
    return client.post(
        "/login",
        data={"username": name, "password": password or "pw-" + name},
        follow_redirects=True,
    )


def post_message(client, text):
    return client.post("/add_message", data={"text": text}, follow_redirects=True).data


def test_registering_then_logging_in(client):
    assert b"You were successfully registered" in register(client, "ann").data
    assert b"You were logged in" in login(client, "ann").data


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"name": ""}, b"You have to enter a username"),
        ({"name": "ann", "email": "not-an-address"}, b"valid email address"),
        ({"name": "ann", "password2": "different"}, b"The two passwords do not match"),
    ],
)
def test_registration_errors(client, kwargs, error):
    assert error in register(client, **kwargs).data


def test_a_username_can_be_taken_only_once(client):
    register(client, "ann")
    assert b"The username is already taken" in register(client, "ann").data


def test_wrong_password_is_refused(client):
    register(client, "ann")
    assert b"Invalid password" in login(client, "ann", "nope").data


def test_messages_appear_on_the_timelines(client):
    register(client, "ann")
    login(client, "ann")
    page = post_message(client, "hello <world>")
    assert b"Your message was recorded" in page
    assert b"hello &lt;world&gt;" in page
    assert b"hello &lt;world&gt;" in client.get("/public").data
    assert b"hello &lt;world&gt;" in client.get("/ann").data


def test_following_brings_messages_into_the_timeline(client):
    register(client, "ann")
    register(client, "bob")
    login(client, "bob")
    post_message(client, "bob was here")
    client.get("/logout")
    login(client, "ann")
    assert b"bob was here" not in client.get("/").data
    page = client.get("/bob/follow", follow_redirects=True).data
    assert b"You are now following &#34;bob&#34;" in page
    assert b"bob was here" in client.get("/").data
    page = client.get("/bob/unfollow", follow_redirects=True).data
    assert b"You are no longer following &#34;bob&#34;" in page
    assert b"bob was here" not in client.get("/").data


def test_following_needs_a_login_and_a_real_user(client):
    register(client, "ann")
    assert client.get("/ann/follow").status_code == 401
    login(client, "ann")
    assert client.get("/ghost/follow").status_code == 404


def test_unknown_user_page_is_404(client):
    assert client.get("/ghost").status_code == 404


def test_home_redirects_anonymous_visitors_to_the_public_timeline(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "http://localhost/public"


def test_dates_are_formatted_from_the_clock(minitweet, client):
    minitweet.now = lambda: 1262304000
    register(client, "ann")
    login(client, "ann")
    assert b"2010-01-01 @ 00:00" in post_message(client, "dated")
