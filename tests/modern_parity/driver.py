"""Run every lifecycle scenario with one Flask implementation and write
the traces as JSON.

    python driver.py upstream out.json   # the installed Flask (2.1.3)
    python driver.py modern out.json     # flask01.modern
"""

import json
import os
import sys
import traceback


def main(side, out_path):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if side == "upstream":
        import flask
    elif side == "modern":
        import flask01.modern as flask
    else:
        raise SystemExit(f"unknown side {side!r}: use 'upstream' or 'modern'")
    import scenarios

    traces = {}
    for scenario in scenarios.SCENARIOS:
        trace = []
        try:
            scenario(flask, trace)
        except Exception as e:  # noqa: BLE001 - a crash is part of the trace
            # Only the type: the two sides word their messages apart.
            trace.append(["scenario crashed", type(e).__name__])
            traceback.print_exc()
        finally:
            while flask.has_request_context():
                flask._request_ctx_stack.pop()
            while flask.has_app_context():
                flask._app_ctx_stack.pop()
        traces[scenario.__name__] = trace
    with open(out_path, "w") as f:
        json.dump({"side": side, "version": _version(side), "traces": traces}, f, indent=1)


def _version(side):
    from importlib.metadata import version

    if side == "upstream":
        return {"Flask": version("flask"), "Werkzeug": version("werkzeug")}
    return {"flask01": version("flask01"), "Werkzeug": version("werkzeug")}


if __name__ == "__main__":
    main(*sys.argv[1:3])
