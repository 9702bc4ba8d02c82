"""flask01.modern.json.tag: the tagged JSON the session cookie is
written in, its format (the same bytes as Flask's, so cookies move
between the two), and registering tags of one's own."""

import datetime
import textwrap
import uuid
from collections import OrderedDict

import pytest
from markupsafe import Markup

import flask01.modern as flask
from flask01.modern import sessions
from flask01.modern.json import tag as tag_module
from flask01.modern.json.tag import JSONTag, TaggedJSONSerializer


@pytest.fixture
def serializer():
    return TaggedJSONSerializer()


@pytest.mark.parametrize(
    "value",
    [
        (1, "two"),
        b"\x00\xff",
        Markup("<b>safe</b>"),
        uuid.UUID(int=42),
        datetime.datetime(2022, 7, 13, 8, 30, tzinfo=datetime.timezone.utc),
        [(1, 2), {"inner": (3,)}],
        {"a": (1,), "b": [b"x"]},
    ],
    ids=["tuple", "bytes", "markup", "uuid", "datetime", "list", "dict"],
)
def test_each_tagged_type_comes_back_as_it_was(serializer, value):
    assert serializer.loads(serializer.dumps(value)) == value


@pytest.mark.parametrize(
    "value",
    [{" t": "not a tuple"}, {" di": " di"}, {" t__": b"x"}, {" m": {" u": "x"}}],
)
def test_a_dict_whose_only_key_looks_like_a_tag_comes_back_as_it_was(serializer, value):
    assert serializer.loads(serializer.dumps(value)) == value


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ((1, 2), '{" t":[1,2]}'),
        (b"\xff", '{" b":"/w=="}'),
        (Markup("<b>"), '{" m":"<b>"}'),
        (uuid.UUID(int=1), '{" u":"00000000000000000000000000000001"}'),
        (
            datetime.datetime(2022, 7, 13, 8, 30, tzinfo=datetime.timezone.utc),
            '{" d":"Wed, 13 Jul 2022 08:30:00 GMT"}',
        ),
        ({" t": 1}, '{" di":{" t__":1}}'),
        ({"b": (1,), "a": 2}, '{"a":2,"b":{" t":[1]}}'),
    ],
    ids=["tuple", "bytes", "markup", "uuid", "datetime", "tag-like key", "sorted and compact"],
)
def test_values_are_written_in_flasks_format(serializer, value, written):
    assert serializer.dumps(value) == written


def test_a_naive_datetime_comes_back_aware_in_utc_without_microseconds(serializer):
    naive = datetime.datetime(2022, 7, 13, 8, 30, 15, 123456)
    assert serializer.loads(serializer.dumps(naive)) == datetime.datetime(
        2022, 7, 13, 8, 30, 15, tzinfo=datetime.timezone.utc
    )


def test_anything_with___html___comes_back_as_markup(serializer):
    class Bold:
        def __html__(self):
            return "<b>x</b>"

    value = serializer.loads(serializer.dumps(Bold()))
    assert (type(value), value) == (Markup, Markup("<b>x</b>"))


def test_a_one_key_object_with_an_unknown_tag_stays_a_dict(serializer):
    assert serializer.loads('{" zz":1}') == {" zz": 1}


def test_the_writer_follows_the_active_applications_json_settings(app, serializer):
    # as in Flask 2.1.3, whose serializer writes through flask.json.dumps
    app.config.update(JSON_AS_ASCII=False, JSON_SORT_KEYS=False)
    with app.app_context():
        assert serializer.dumps({"b": "é", "a": 1}) == '{"b":"é","a":1}'


def test_every_serializer_starts_with_the_default_tags_in_order(serializer):
    assert [type(tag) for tag in serializer.order] == TaggedJSONSerializer.default_tags
    assert sorted(serializer.tags) == [" b", " d", " di", " m", " t", " u"]


# -- tags of one's own --------------------------------------------------------


def _example_of_the_module_description():
    """The tag class the module's description shows, run from the
    description itself so that the example there is the one tested."""
    doc = tag_module.__doc__
    block = doc[doc.index("    class TagOrderedDict") :]
    code = textwrap.dedent(block.split("\n\n    app.")[0])
    namespace = {"JSONTag": JSONTag, "OrderedDict": OrderedDict}
    exec(code, namespace)
    return namespace["TagOrderedDict"]


TagOrderedDict = _example_of_the_module_description()


def test_a_registered_tag_round_trips_its_type(serializer):
    serializer.register(TagOrderedDict, index=0)
    value = OrderedDict([("b", (1,)), ("a", 2)])
    back = serializer.loads(serializer.dumps(value))
    assert (type(back), list(back.items())) == (OrderedDict, [("b", (1,)), ("a", 2)])


def test_a_tag_registered_after_a_more_general_one_is_never_tried(serializer):
    serializer.register(TagOrderedDict)  # last: the plain dict tag wins
    assert type(serializer.loads(serializer.dumps(OrderedDict(a=1)))) is dict


def test_registering_a_key_that_is_taken_raises_key_error(serializer):
    class Other(JSONTag):
        key = " t"

    with pytest.raises(KeyError, match="Tag ' t' is already registered."):
        serializer.register(Other)


def test_force_replaces_the_tag_that_had_the_key(serializer):
    class Other(JSONTag):
        key = " t"

    serializer.register(Other, force=True)
    assert isinstance(serializer.tags[" t"], Other)


@pytest.mark.parametrize(("index", "position"), [(None, -1), (0, 0), (-1, -2)])
def test_index_says_where_in_the_order_a_tag_goes(serializer, index, position):
    serializer.register(TagOrderedDict, index=index)
    assert isinstance(serializer.order[position], TagOrderedDict)


@pytest.mark.parametrize("method", ["check", "to_json", "to_python"])
def test_a_tag_must_implement_check_to_json_and_to_python(method):
    with pytest.raises(NotImplementedError):
        getattr(JSONTag(None), method)(None)


# -- the session --------------------------------------------------------------


def test_the_session_interface_signs_tagged_json():
    assert isinstance(sessions.session_json_serializer, TaggedJSONSerializer)
    assert sessions.SecureCookieSessionInterface.serializer is sessions.session_json_serializer


def test_a_session_cookie_written_by_real_flask_is_read(app, client):
    upstream = pytest.importorskip("flask")
    value = {"t": (1, "two"), "b": b"\x00", "u": uuid.UUID(int=5), " t": "tag-like"}
    real = upstream.Flask("real")
    real.secret_key = app.secret_key
    cookie = real.session_interface.get_signing_serializer(real).dumps(value)

    @app.route("/")
    def index():
        return repr(sorted(flask.session.items()))

    client.set_cookie("session", cookie)
    assert client.get("/").get_data(as_text=True) == repr(sorted(value.items()))
