"""flask01.modern.json: dumps/loads with the application's settings and
classes, the encoder's extra types, HTML-safe JSON, and the places that
use the application's encoder and decoder (jsonify, |tojson, get_json,
response.json, the test client's json=), as in Flask 2.1.3."""

import dataclasses
import datetime
import decimal
import io
import uuid

import pytest
from markupsafe import Markup

import flask01.modern as flask
from flask01.modern import helpers
from flask01.modern import json as fjson


class Point:
    """A type plain JSON does not know, for the custom encoder."""

    def __init__(self, x, y):
        self.x, self.y = x, y


class PointEncoder(fjson.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return [o.x, o.y]
        return super().default(o)


class PointDecoder(fjson.JSONDecoder):
    """Reads ``{"point": [x, y]}`` back as a Point."""

    def __init__(self, **kwargs):
        kwargs.setdefault("object_hook", self.hook)
        super().__init__(**kwargs)

    @staticmethod
    def hook(obj):
        if list(obj) == ["point"]:
            return Point(*obj["point"])
        return obj


# -- dumps, dump, loads, load ---------------------------------------------


def test_dumps_outside_an_application_sorts_keys():
    assert fjson.dumps({"b": 1, "a": 2}) == '{"a": 2, "b": 1}'


def test_dumps_outside_an_application_uses_flasks_encoder():
    assert fjson.dumps(uuid.UUID(int=1)) == '"00000000-0000-0000-0000-000000000001"'


@pytest.mark.parametrize(("as_ascii", "expected"), [(True, '"\\u00e9"'), (False, '"é"')])
def test_dumps_follows_json_as_ascii_of_the_active_application(app, as_ascii, expected):
    app.config["JSON_AS_ASCII"] = as_ascii
    with app.app_context():
        assert fjson.dumps("é") == expected


def test_dumps_follows_json_sort_keys_of_the_active_application(app):
    app.config["JSON_SORT_KEYS"] = False
    with app.app_context():
        assert fjson.dumps({"b": 1, "a": 2}) == '{"b": 1, "a": 2}'


def test_dumps_uses_the_applications_json_encoder(app):
    app.json_encoder = PointEncoder
    with app.app_context():
        assert fjson.dumps(Point(1, 2)) == "[1, 2]"


def test_dumps_given_an_application_needs_no_context(app):
    app.json_encoder = PointEncoder
    assert not flask.has_app_context()
    assert fjson.dumps(Point(3, 4), app=app) == "[3, 4]"


def test_arguments_given_to_dumps_win_over_the_applications_settings(app):
    app.config["JSON_SORT_KEYS"] = True
    with app.app_context():
        assert fjson.dumps({"b": 1, "a": 2}, sort_keys=False) == '{"b": 1, "a": 2}'


def test_loads_uses_the_applications_json_decoder(app):
    app.json_decoder = PointDecoder
    with app.app_context():
        point = fjson.loads('{"point": [5, 6]}')
    assert (point.x, point.y) == (5, 6)


def test_loads_outside_an_application_decodes_plainly(app):
    app.json_decoder = PointDecoder
    assert fjson.loads('{"point": [5, 6]}') == {"point": [5, 6]}


def test_loads_reads_utf8_bytes():
    assert fjson.loads('{"é": 1}'.encode()) == {"é": 1}


def test_dump_and_load_go_through_a_text_file(app):
    out = io.StringIO()
    with app.app_context():
        fjson.dump({"when": datetime.date(2022, 7, 13)}, out)
        out.seek(0)
        assert fjson.load(out) == {"when": "Wed, 13 Jul 2022 00:00:00 GMT"}


# -- the encoder ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2022, 7, 13), "Wed, 13 Jul 2022 00:00:00 GMT"),
        # a naive datetime is taken to be UTC
        (datetime.datetime(2022, 7, 13, 8, 30), "Wed, 13 Jul 2022 08:30:00 GMT"),
        # an aware one is converted to GMT
        (
            datetime.datetime(
                2022, 7, 13, 10, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
            ),
            "Wed, 13 Jul 2022 08:30:00 GMT",
        ),
    ],
)
def test_the_encoder_writes_dates_as_http_dates(value, expected):
    assert fjson.JSONEncoder().encode(value) == f'"{expected}"'


def test_the_encoder_writes_a_decimal_as_a_string_keeping_every_digit():
    assert fjson.dumps(decimal.Decimal("0.10000000000000000001")) == '"0.10000000000000000001"'


def test_the_encoder_writes_a_dataclass_instance_as_an_object():
    @dataclasses.dataclass
    class User:
        name: str
        tags: list

    assert fjson.dumps(User("ada", ["x"])) == '{"name": "ada", "tags": ["x"]}'


def test_the_encoder_writes_an_object_with___html___as_its_html():
    class Bold:
        def __html__(self):
            return "<b>hi</b>"

    assert fjson.dumps([Bold(), Markup("<i>")]) == '["<b>hi</b>", "<i>"]'


def test_the_encoder_refuses_what_it_does_not_know():
    with pytest.raises(TypeError, match="Object of type Point is not JSON serializable"):
        fjson.dumps(Point(1, 2))


def test_the_decoder_decodes_as_the_standard_library_does():
    text = '{"a": [1, 2.5, null, true], "d": "Wed, 13 Jul 2022 00:00:00 GMT"}'
    assert fjson.JSONDecoder().decode(text) == {
        "a": [1, 2.5, None, True],
        "d": "Wed, 13 Jul 2022 00:00:00 GMT",
    }


# -- HTML-safe JSON -------------------------------------------------------


def test_htmlsafe_dumps_escapes_what_could_end_a_script_or_attribute():
    assert fjson.htmlsafe_dumps("</script>&'") == '"\\u003c/script\\u003e\\u0026\\u0027"'


def test_htmlsafe_dumps_is_markup_so_templates_do_not_escape_it_again():
    assert isinstance(fjson.htmlsafe_dumps({"a": 1}), Markup)


def test_htmlsafe_dump_writes_the_same_text_to_a_file():
    out = io.StringIO()
    fjson.htmlsafe_dump(["<a>"], out)
    assert out.getvalue() == '["\\u003ca\\u003e"]'


# -- jsonify --------------------------------------------------------------


def test_jsonify_stays_importable_from_helpers_where_it_was():
    assert helpers.jsonify is fjson.jsonify is flask.jsonify


def test_the_json_submodule_is_an_attribute_of_the_package():
    assert flask.json is fjson


def test_jsonify_uses_the_applications_json_encoder(app):
    app.json_encoder = PointEncoder
    with app.app_context():
        assert flask.jsonify(p=Point(1, 2)).get_data(as_text=True) == '{"p":[1,2]}\n'


def test_jsonify_follows_json_as_ascii(app):
    app.config["JSON_AS_ASCII"] = False
    with app.app_context():
        assert flask.jsonify("é").get_data(as_text=True) == '"é"\n'


def test_jsonify_with_no_arguments_sends_an_empty_object(app):
    with app.app_context():
        assert flask.jsonify().get_data(as_text=True) == "{}\n"


def test_jsonify_sends_the_configured_mimetype(app):
    app.config["JSONIFY_MIMETYPE"] = "application/vnd.api+json"
    with app.app_context():
        assert flask.jsonify(1).mimetype == "application/vnd.api+json"


def test_jsonify_uses_the_encoder_of_the_blueprint_handling_the_request(app, client):
    blueprint = flask.Blueprint("points", __name__)
    blueprint.json_encoder = PointEncoder

    @blueprint.route("/point")
    def point():
        return flask.jsonify(Point(7, 8))

    app.register_blueprint(blueprint)
    assert client.get("/point").get_data(as_text=True) == "[7,8]\n"


def test_a_blueprint_encoder_is_not_used_outside_its_views(app, client):
    blueprint = flask.Blueprint("points", __name__)
    blueprint.json_encoder = PointEncoder
    app.register_blueprint(blueprint)

    @app.route("/point")
    def point():
        return flask.jsonify(Point(7, 8))

    app.testing = True
    with pytest.raises(TypeError, match="Point is not JSON serializable"):
        client.get("/point")


# -- the other places the application's classes are used ------------------


def test_the_tojson_filter_renders_a_datetime(app):
    with app.app_context():
        rendered = flask.render_template_string(
            "{{ when|tojson }}", when=datetime.datetime(2021, 2, 1, 7, 15)
        )
    assert rendered == '"Mon, 01 Feb 2021 07:15:00 GMT"'


def test_the_tojson_filter_uses_the_applications_json_encoder(app):
    app.json_encoder = PointEncoder
    with app.app_context():
        assert flask.render_template_string("{{ p|tojson }}", p=Point(1, 2)) == "[1, 2]"


def test_the_tojson_filter_still_escapes_for_html(app):
    with app.app_context():
        rendered = flask.render_template_string("{{ s|tojson }}", s="</script>")
    assert rendered == '"\\u003c/script\\u003e"'


def test_get_json_uses_the_applications_json_decoder(app, client):
    app.json_decoder = PointDecoder

    @app.post("/")
    def index():
        point = flask.request.get_json()
        return f"{type(point).__name__} {point.x} {point.y}"

    response = client.post("/", data='{"point": [1, 2]}', content_type="application/json")
    assert response.get_data(as_text=True) == "Point 1 2"


def test_get_json_uses_the_decoder_of_the_blueprint_handling_the_request(app, client):
    blueprint = flask.Blueprint("points", __name__)
    blueprint.json_decoder = PointDecoder

    @blueprint.post("/point")
    def point():
        return type(flask.request.get_json()).__name__

    app.register_blueprint(blueprint)
    response = client.post("/point", json={"point": [1, 2]})
    assert response.get_data(as_text=True) == "Point"


def test_response_json_uses_the_applications_decoder_inside_a_context(app):
    app.json_decoder = PointDecoder
    response = app.response_class('{"point": [3, 4]}', mimetype="application/json")
    with app.app_context():
        assert isinstance(response.json, Point)


def test_the_test_clients_json_argument_follows_json_as_ascii(app):
    app.config["JSON_AS_ASCII"] = False
    with app.test_request_context(json="€"):
        assert flask.request.get_data(as_text=True) == '"€"'


def test_the_test_clients_json_argument_uses_the_applications_encoder(app, client):
    app.json_encoder = PointEncoder

    @app.post("/")
    def index():
        return flask.request.get_data()

    response = client.post("/", json={"p": Point(1, 2)})
    assert response.get_data(as_text=True) == '{"p": [1, 2]}'
