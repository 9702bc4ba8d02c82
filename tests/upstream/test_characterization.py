"""The four upstream bugs, shown on the real Flask and Werkzeug.

These tests pass while upstream behaves as the case studies say.  When
one fails, upstream changed: update the case study and this file.  The
``versions`` nox session runs them against several releases.
"""

import pytest
from observe import (
    observe_chunked_body_over_the_limit,
    observe_flask_5399,
    observe_flask_5483,
    observe_werkzeug_3039,
)


def test_send_file_hands_the_server_its_own_file_wrapper(tmp_path):
    seen = observe_werkzeug_3039(str(tmp_path))
    assert seen["is_server_file_wrapper"]
    assert seen["body"] == "file contents\n"


def test_send_file_call_on_close_never_runs_behind_a_file_wrapper(tmp_path):
    assert observe_werkzeug_3039(str(tmp_path))["call_on_close_ran"] is False


def test_unclosed_send_from_directory_response_leaks_its_file(tmp_path):
    seen = observe_flask_5483(str(tmp_path))
    assert seen == {
        "status": 200,
        "warnings": ["ResourceWarning: unclosed file <_io.BufferedReader"],
    }


@pytest.mark.concurrent  # the copied context runs in a thread
def test_copied_context_finds_the_upload_closed():
    assert observe_flask_5399() == {
        "filename": "doc.txt",
        "error": "I/O operation on closed file.",
    }


@pytest.mark.concurrent  # Werkzeug's threaded server on 127.0.0.1
def test_a_chunked_body_over_max_content_length_reaches_the_view_cut_at_the_limit():
    assert observe_chunked_body_over_the_limit(sent=5000, limit=1024) == {
        "status": 200,
        "sent": 5000,
        "received": 1024,
    }
