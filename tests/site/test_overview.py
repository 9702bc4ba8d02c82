"""The overview diagram is drawn from a request traced at build time,
and fails the build rather than draw a path the code did not take."""

APPS = """
Overview
========

.. overview::
   :path: /hi

   import flask01, flask01.modern
   old = flask01.Flask("old")
   new = flask01.modern.Flask("new", root_path=".")
   for app in (old, new):
       app.before_request(lambda: None)
       app.route("/hi")(lambda: "hi")
"""


def test_both_requests_are_drawn_phase_by_phase(scratch):
    scratch.page(APPS)
    result = scratch.build()
    assert result.returncode == 0, result.stderr
    page = (scratch.folder / "out" / "index.html").read_text()
    svg = page[page.index("<svg") : page.index("</svg>")]
    for phase in ("1. the server calls the app", "6. teardown, contexts popped"):
        assert phase in svg
    assert "RequestContext.auto_pop" in svg  # the modern column
    assert "_RequestContext.__exit__" in svg  # the 0.1 column
    assert "body.close()" in svg


def test_a_request_that_skips_a_phase_fails_the_build(scratch):
    # a before-request function that answers: nothing is dispatched
    scratch.page(
        APPS.replace("app.before_request(lambda: None)", 'app.before_request(lambda: "no")')
    )
    result = scratch.build()
    assert result.returncode != 0
    assert "overview: " in result.stderr
    assert "flask01: the request never reached the phase 'dispatch'" in result.stderr
