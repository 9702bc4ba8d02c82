"""Details of flask01's Werkzeug 0.6 stand-ins that ``nox -s mutation``
found no test for, in-process."""

from werkzeug.routing import Rule

import flask01
from flask01._werkzeug06 import Map


def test_a_map_keeps_the_rules_and_options_it_is_given():
    url_map = Map([Rule("/a/", endpoint="a")], strict_slashes=False)
    adapter = url_map.bind("localhost")
    assert adapter.match("/a") == ("a", {})  # no slash redirect without strict slashes


def test_url_for_leaves_a_colon_and_a_slash_in_a_value_unescaped_as_0_6_did():
    app = flask01.Flask(__name__)
    app.add_url_rule("/at/<where>", "at")
    with app.test_request_context():
        assert flask01.url_for("at", where="a:b/c~d") == "/at/a:b/c%7Ed"
