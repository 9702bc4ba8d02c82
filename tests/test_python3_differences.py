"""D-python3: where Python 3 itself makes flask01 answer otherwise than
Flask 0.1 on Python 2, each case the generated differential cases
(tests/differential/parity.py) recognize as this row."""

from werkzeug.test import create_environ

import flask01


def test_upper_case_of_a_letter_can_be_two_letters():
    # Python 2's unicode.upper kept "ß"; Python 3 writes "SS"
    app = flask01.Flask(__name__)
    with app.test_request_context():
        assert flask01.render_template_string("{{ s|upper }}", s="straße") == "STRASSE"


def test_a_query_key_that_is_not_utf8_is_text_with_a_replacement_character():
    # 0.1 kept such a key as a byte string, which failed with
    # UnicodeDecodeError once a template mixed it with text
    args = flask01.Request(create_environ("/?k%ff=1")).args
    assert list(args) == ["k\ufffd"]


def test_two_query_keys_that_differ_only_in_bytes_that_are_not_utf8_are_one_key():
    args = flask01.Request(create_environ("/?k%ff=1&k%fe=2")).args
    assert args.getlist("k\ufffd") == ["1", "2"]
