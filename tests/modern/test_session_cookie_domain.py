"""The session cookie's domain worked out from ``SERVER_NAME``, as Flask
2.1.3 worked it out, and the words of the session without a key.  (Found
untested by ``nox -s mutation``.)"""

import os

import pytest

import flask01.modern as flask

INTERFACE = flask.SecureCookieSessionInterface()


def domain_of(server_name, root="/", **config):
    app = flask.Flask(__name__)
    app.config.update(SERVER_NAME=server_name, APPLICATION_ROOT=root, **config)
    return INTERFACE.get_cookie_domain(app), app.config["SESSION_COOKIE_DOMAIN"]


@pytest.mark.parametrize(
    ("server_name", "root", "domain"),
    [
        ("example.org", "/", ".example.org"),
        ("example.org:8080", "/", ".example.org"),
        (".example.org", "/", ".example.org"),
        ("shop.example.org:8080", "/app", "shop.example.org"),
    ],
)
def test_the_domain_is_the_server_name_without_its_port(server_name, root, domain):
    assert domain_of(server_name, root) == (domain, domain)


def test_without_a_server_name_there_is_no_domain_and_it_is_remembered():
    assert domain_of(None) == (None, False)


def test_a_configured_domain_wins_and_false_means_none():
    assert domain_of("example.org", SESSION_COOKIE_DOMAIN="other.org")[0] == "other.org"
    assert domain_of("example.org", SESSION_COOKIE_DOMAIN=False)[0] is None


def test_a_name_without_a_dot_is_no_domain_with_a_warning_that_says_why():
    with pytest.warns(UserWarning, match="not a valid cookie domain") as warned:
        assert domain_of("localhost:5000") == (None, False)
    assert str(warned[0].message) == (
        "'localhost' is not a valid cookie domain, it must contain a '.'.  Add an "
        "entry to your hosts file, for example 'localhost.localdomain', and use "
        "that instead."
    )


def test_an_ip_address_is_kept_without_a_dot_and_with_a_warning():
    with pytest.warns(UserWarning, match="is an IP address") as warned:
        assert domain_of("127.0.0.1:5000") == ("127.0.0.1", "127.0.0.1")
    assert str(warned[0].message) == (
        "The session cookie domain is an IP address.  This may not work as "
        "intended in some browsers.  Add an entry to your hosts file, for "
        "example 'localhost.localdomain', and use that instead."
    )


def test_writing_a_session_without_a_secret_key_says_what_to_do():
    app = flask.Flask(__name__)
    with app.test_request_context(), pytest.raises(RuntimeError) as refused:
        flask.session["user"] = "alice"
    assert str(refused.value) == (
        "The session is unavailable because no secret key was set.  Set the "
        "secret_key on the application to something unique and secret."
    )


def test_a_server_name_keeps_the_letters_it_starts_with():
    assert domain_of("X1.example.org") == (".X1.example.org", ".X1.example.org")


def test_an_ipv6_server_name_with_a_port_is_named_whole_in_the_warning():
    with pytest.warns(UserWarning, match="not a valid cookie domain") as warned:
        assert domain_of("[::1]:5000") == (None, False)
    assert str(warned[0].message).startswith("'[::1]' is not a valid cookie domain")


@pytest.mark.skipif(
    "MUTANT_UNDER_TEST" in os.environ,
    reason="mutmut puts frames of its own between the caller and the warning",
)
@pytest.mark.parametrize("server_name", ["localhost", "127.0.0.1"])
def test_the_domain_warnings_point_at_the_caller_of_get_cookie_domain(server_name):
    app = flask.Flask(__name__)
    app.config["SERVER_NAME"] = server_name
    with pytest.warns(UserWarning, match="cookie domain") as warned:
        INTERFACE.get_cookie_domain(app)
    assert warned[0].filename == __file__
