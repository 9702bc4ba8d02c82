"""flask01's ``run`` as it calls Werkzeug's server, and the words of its
errors, in-process.  (``tests/test_servers.py`` runs real servers; these
are the details ``nox -s mutation`` found no test for outside it.)"""

import pytest

import flask01


@pytest.fixture
def served(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "werkzeug.serving.run_simple", lambda *args, **kwargs: calls.append((args, kwargs))
    )
    return calls


def test_run_serves_on_localhost_5000_without_reloader_or_debugger_by_default(served):
    app = flask01.Flask(__name__)
    app.run()
    assert served == [(("localhost", 5000, app), {"use_reloader": False, "use_debugger": False})]
    assert app.debug is False


def test_run_with_debug_sets_the_flag_and_turns_both_on(served):
    app = flask01.Flask(__name__)
    app.run("0.0.0.0", 8080, debug=True, threaded=True)
    assert app.debug is True
    assert served == [
        (
            ("0.0.0.0", 8080, app),
            {"threaded": True, "use_reloader": True, "use_debugger": True},
        )
    ]


def test_run_keeps_the_reloader_and_debugger_it_is_given(served):
    app = flask01.Flask(__name__)
    app.debug = True
    app.run(use_reloader=False, use_debugger=False)
    assert served[0][1] == {"use_reloader": False, "use_debugger": False}


def test_writing_a_session_without_a_secret_key_says_what_to_do():
    app = flask01.Flask(__name__)
    with app.test_request_context(), pytest.raises(RuntimeError) as refused:
        flask01.session["user"] = "alice"
    assert str(refused.value) == (
        "The session is unavailable because no secret key was set.  Set the "
        "secret_key attribute of the application to something unique and secret."
    )
