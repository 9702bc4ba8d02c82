"""jsonify's formats, the JSON encoder's extra types, configuration from
an environment variable, and the application logger: each as Flask
2.1.3 does it."""

import dataclasses
import datetime
import decimal
import io
import logging
import uuid

import pytest
from markupsafe import Markup

import flask01.modern as flask


def json_text(app, *args, **kwargs):
    with app.test_request_context("/"):
        return flask.jsonify(*args, **kwargs).get_data(as_text=True)


def test_jsonify_is_compact_by_default(app):
    assert json_text(app, b=[1, 2], a=1) == '{"a":1,"b":[1,2]}\n'


def test_jsonify_is_indented_in_debug_mode(app):
    app.debug = True
    # Flask 2.1 indents by 2 and keeps ", " as the item separator, so
    # lines end in a space after the comma.
    assert json_text(app, b=[1, 2], a=1) == '{\n  "a": 1, \n  "b": [\n    1, \n    2\n  ]\n}\n'


def test_jsonify_is_indented_when_the_config_asks(app):
    app.config["JSONIFY_PRETTYPRINT_REGULAR"] = True
    assert json_text(app, [1]) == "[\n  1\n]\n"


def test_jsonify_of_several_arguments_is_a_list(app):
    assert json_text(app, 1, "two") == '[1,"two"]\n'


def test_jsonify_refuses_args_and_kwargs_together(app):
    with pytest.raises(TypeError, match="both args and kwargs"):
        json_text(app, 1, a=2)


@dataclasses.dataclass
class Point:
    x: int
    y: int


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (datetime.date(2026, 11, 21), '"Sat, 21 Nov 2026 00:00:00 GMT"'),
        (
            datetime.datetime(2026, 11, 21, 12, 30, tzinfo=datetime.timezone.utc),
            '"Sat, 21 Nov 2026 12:30:00 GMT"',
        ),
        (decimal.Decimal("1.10"), '"1.10"'),
        (uuid.UUID(int=1), '"00000000-0000-0000-0000-000000000001"'),
        (Point(1, 2), '{"x":1,"y":2}'),
        (Markup("<b>bold</b>"), '"<b>bold</b>"'),
    ],
    ids=["date", "datetime", "decimal", "uuid", "dataclass", "markup"],
)
def test_jsonify_encodes_the_types_flask_knows(app, value, encoded):
    assert json_text(app, value) == encoded + "\n"


def test_jsonify_refuses_an_unknown_type_by_name(app):
    with pytest.raises(TypeError, match="Object of type object is not JSON serializable"):
        json_text(app, object())


def test_a_returned_dict_uses_the_same_encoder(app, client):
    @app.route("/")
    def index():
        return {"id": uuid.UUID(int=2)}

    with client.get("/") as response:
        assert response.json == {"id": "00000000-0000-0000-0000-000000000002"}


# -- Config.from_envvar -------------------------------------------------------


def test_from_envvar_loads_the_file_the_variable_names(app, tmp_path, monkeypatch):
    settings = tmp_path / "settings.py"
    settings.write_text("SECRET_THING = 'from the file'\nlowercase = 'ignored'\n")
    monkeypatch.setenv("FLASK01_SETTINGS", str(settings))
    assert app.config.from_envvar("FLASK01_SETTINGS") is True
    assert app.config["SECRET_THING"] == "from the file"
    assert "lowercase" not in app.config


def test_from_envvar_without_the_variable_says_what_to_set(app, monkeypatch):
    monkeypatch.delenv("FLASK01_SETTINGS", raising=False)
    with pytest.raises(RuntimeError, match="'FLASK01_SETTINGS' is not set"):
        app.config.from_envvar("FLASK01_SETTINGS")


def test_from_envvar_without_the_variable_is_false_when_silent(app, monkeypatch):
    monkeypatch.delenv("FLASK01_SETTINGS", raising=False)
    assert app.config.from_envvar("FLASK01_SETTINGS", silent=True) is False


def test_from_envvar_naming_a_missing_file_fails_unless_silent(app, tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK01_SETTINGS", str(tmp_path / "missing.py"))
    with pytest.raises(OSError, match="Unable to load configuration file"):
        app.config.from_envvar("FLASK01_SETTINGS")
    assert app.config.from_envvar("FLASK01_SETTINGS", silent=True) is False


# -- the logger ------------------------------------------------------------------


@pytest.fixture
def logged_app():
    """An application with a logger of its own; whatever a test does to
    that logger is undone afterwards."""
    name = "flask01_logging_test"
    logger = logging.getLogger(name)
    saved = logger.handlers[:], logger.level, logger.propagate
    yield flask.Flask(name)
    logger.handlers[:] = saved[0]
    logger.setLevel(saved[1])
    logger.propagate = saved[2]


def unconfigured(app):
    """Make *app*'s logger look as on a machine where logging was never
    configured: no handlers of its own and none reachable above it.
    Called inside the test, because pytest attaches its capturing
    handlers to the root and to non-propagating loggers when a test's
    call begins, and those would stand in for the default handler."""
    logger = logging.getLogger(app.name)
    logger.handlers.clear()
    logger.setLevel(logging.NOTSET)
    logger.propagate = False
    return app


def test_the_logger_is_named_after_the_application(logged_app):
    assert unconfigured(logged_app).logger.name == logged_app.name == "flask01_logging_test"


def test_the_logger_logs_debug_messages_in_debug_mode(logged_app):
    unconfigured(logged_app).debug = True
    assert logged_app.logger.level == logging.DEBUG


def test_an_unhandled_exception_is_logged_to_the_servers_error_stream(logged_app):
    app = unconfigured(logged_app)

    @app.route("/boom")
    def boom():
        raise ZeroDivisionError("logged")

    errors = io.StringIO()
    with app.test_client().get("/boom", errors_stream=errors) as response:
        assert response.status_code == 500
    logged = errors.getvalue()
    assert "ERROR in app: Exception on /boom [GET]" in logged
    assert "ZeroDivisionError: logged" in logged


def test_outside_a_request_the_logger_writes_to_stderr(logged_app, capsys):
    unconfigured(logged_app).logger.error("no request here")
    assert "ERROR in test_json_config_logging: no request here" in capsys.readouterr().err


def test_no_default_handler_when_logging_is_already_configured(logged_app):
    handler = logging.StreamHandler(io.StringIO())
    logging.getLogger(unconfigured(logged_app).name).addHandler(handler)
    assert logged_app.logger.handlers == [handler]
