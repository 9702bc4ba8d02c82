"""Print one line per bug: does the installed Flask/Werkzeug show it?"""

import sys
from importlib.metadata import version

from observe import observe_all


def main():
    seen = observe_all()
    shows = {
        "werkzeug-3039": not seen["werkzeug-3039"]["call_on_close_ran"],
        "flask-5483": bool(seen["flask-5483"]["warnings"]),
        "flask-5399": "error" in seen["flask-5399"],
        "truncated-bodies": seen["truncated-bodies"]["status"] != 413,
    }
    versions = (
        f"Flask {version('flask')}, Werkzeug {version('werkzeug')}, Python {sys.version.split()[0]}"
    )
    body = seen["truncated-bodies"]
    details = {
        # a body over the limit is not refused: cut at it (Werkzeug 2.3
        # and later) or read whole (before)
        "truncated-bodies": f" (the view read {body['received']} of {body['sent']} bytes)",
    }
    for bug, present in shows.items():
        detail = details.get(bug, "") if present else ""
        print(f"{versions}: {bug} {'shows' if present else 'does not show'}{detail}")


if __name__ == "__main__":
    main()
