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
    }
    versions = (
        f"Flask {version('flask')}, Werkzeug {version('werkzeug')}, Python {sys.version.split()[0]}"
    )
    for bug, present in shows.items():
        print(f"{versions}: {bug} {'shows' if present else 'does not show'}")


if __name__ == "__main__":
    main()
