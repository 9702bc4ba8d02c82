"""What flask01.modern says when a view returns something it cannot
answer with, word for word as Flask 2.1.3 said it, and a ``Headers``
object as the second item of a pair.  (Found untested by
``nox -s mutation``.)"""

import pytest
from werkzeug.datastructures import Headers

import flask01.modern as flask


def answer(value):
    app = flask.Flask(__name__)
    app.testing = True  # the error reaches the test
    app.add_url_rule("/", "view", lambda: value)
    with app.test_client().get("/") as response:
        return response


def test_a_tuple_of_four_says_which_tuples_are_allowed():
    with pytest.raises(TypeError) as refused:
        answer(("body", 200, {}, "extra"))
    assert str(refused.value) == (
        "The view function did not return a valid response tuple. The tuple must "
        "have the form (body, status, headers), (body, status), or (body, headers)."
    )


def test_none_names_the_endpoint_and_says_what_happened():
    with pytest.raises(TypeError) as refused:
        answer(None)
    assert str(refused.value) == (
        "The view function for 'view' did not return a valid response. The "
        "function either returned None or ended without a return statement."
    )


def test_a_value_of_another_type_names_its_type():
    with pytest.raises(TypeError) as refused:
        answer(42)
    assert str(refused.value) == (
        "The view function did not return a valid response. The return type must "
        "be a string, dict, tuple, Response instance, or WSGI callable, but it was "
        "a int."
    )


def test_a_callable_that_is_no_wsgi_application_says_both_errors():
    def not_wsgi():
        return "x"

    with pytest.raises(TypeError) as refused:
        answer(not_wsgi)
    first, second = str(refused.value).split("\n")
    assert "positional argument" in first
    assert second == (
        "The view function did not return a valid response. The return type must "
        "be a string, dict, tuple, Response instance, or WSGI callable, but it was "
        "a function."
    )
    assert refused.value.__traceback__ is not None


def test_a_headers_object_second_in_a_pair_is_headers_not_a_status():
    response = answer(("body", Headers({"X-Kind": "headers"})))
    assert (response.status_code, response.headers["X-Kind"]) == (200, "headers")
