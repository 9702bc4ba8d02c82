"""The "Proved by" line under an API entry lists the tests that prove the
object: those marked ``@pytest.mark.proves(...)`` for it, and those named
for it whose code uses it.  A test that only has the object's name among
the words of its own name, or only uses it, is not listed."""

import textwrap

import pytest

from .conftest import ROOT, companion_module


@pytest.fixture
def specs():
    with companion_module("specs") as module:
        yield module


DOCUMENTED = [
    "flask01.modern.Flask",
    "flask01.modern.Blueprint",
    "flask01.modern.Flask.run",
    "flask01.modern.Flask.name",
    "flask01.modern.Flask.request_context",
    "flask01.modern.Blueprint.name",
    "flask01.modern.request",
    "flask01.modern.send_from_directory",
]


def _proving(specs, tmp_path, name, source):
    (tmp_path / "tests").mkdir(exist_ok=True)
    (tmp_path / "tests" / "test_scratch.py").write_text(
        "import flask01.modern as flask\nimport pytest\n\n" + textwrap.dedent(source)
    )
    tests, _ = specs.proving(specs.read_suite(str(tmp_path)), name, documented=DOCUMENTED)
    return [spec.name for spec in tests]


def test_a_test_named_for_a_method_and_calling_it_proves_it(specs, tmp_path):
    source = """
        def test_run_serves_on_loopback(app):
            app.run()
    """
    assert _proving(specs, tmp_path, "flask01.modern.Flask.run", source) == [
        "test_run_serves_on_loopback"
    ]


def test_a_word_of_the_name_without_the_method_in_the_code_proves_nothing(specs, tmp_path):
    source = """
        def test_before_request_functions_run_in_order(app):
            app.before_request(print)
    """
    assert _proving(specs, tmp_path, "flask01.modern.Flask.run", source) == []


def test_using_the_method_without_being_named_for_it_proves_nothing(specs, tmp_path):
    source = """
        def test_the_server_starts(app):
            app.run()
    """
    assert _proving(specs, tmp_path, "flask01.modern.Flask.run", source) == []


def test_a_shared_member_name_needs_its_class_in_the_test_name(specs, tmp_path):
    source = """
        def test_send_from_directory_keeps_the_file_name(app):
            flask.send_from_directory("folder", app.name)

        def test_the_app_name_comes_from_the_import_name():
            assert flask.Flask("shop").name == "shop"
    """
    assert _proving(specs, tmp_path, "flask01.modern.Flask.name", source) == [
        "test_the_app_name_comes_from_the_import_name"
    ]


def test_a_longer_documented_name_takes_its_words(specs, tmp_path):
    source = """
        def test_request_context_binds_the_proxies(app):
            with app.request_context({}):
                flask.request
    """
    assert _proving(specs, tmp_path, "flask01.modern.request", source) == []
    assert _proving(specs, tmp_path, "flask01.modern.Flask.request_context", source) == [
        "test_request_context_binds_the_proxies"
    ]


def test_a_class_is_named_in_snake_case_but_flask_names_the_library(specs, tmp_path):
    source = """
        def test_a_blueprint_prefixes_its_routes():
            flask.Blueprint("shop", __name__, url_prefix="/shop")

        def test_flask_debug_in_the_environment_turns_debug_on():
            assert flask.Flask("shop").debug
    """
    assert _proving(specs, tmp_path, "flask01.modern.Blueprint", source) == [
        "test_a_blueprint_prefixes_its_routes"
    ]
    assert _proving(specs, tmp_path, "flask01.modern.Flask", source) == []


def test_a_marker_says_what_a_test_proves_whatever_its_name(specs, tmp_path):
    source = """
        @pytest.mark.proves("flask01.modern.Flask.run")
        def test_the_server_starts(app):
            app.run()
    """
    assert _proving(specs, tmp_path, "flask01.modern.Flask.run", source) == [
        "test_the_server_starts"
    ]


def test_the_reported_mislistings_are_gone_from_the_real_suite(specs):
    suite = specs.read_suite(str(ROOT))
    documented = DOCUMENTED + ["flask01.Flask.run", "flask01.Flask.before_request"]

    def listed(name):
        tests, more = specs.proving(suite, name, limit=1000, documented=documented)
        assert more == 0
        return [spec.name for spec in tests]

    assert "test_before_request_functions_run_in_registration_order" not in listed(
        "flask01.Flask.run"
    )
    assert "test_before_request_functions_run_in_registration_order" in listed(
        "flask01.Flask.before_request"
    )
    assert not [name for name in listed("flask01.modern.Flask.name") if "send_from" in name]
    assert listed("flask01.Flask.run")  # the tests of run itself stay
