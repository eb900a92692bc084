"""The child of a check as it ran before confinement and the audit hook: its checker modules read from their
cached pyc (the real child compiles them from source, checker/child/__main__.py), no audit hook installed
(so its record is not signed: `audit.seal` gives a placeholder), and bench/run.py starts it without
Landlock. For the confinement figure only; never used to grade."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.child import __main__ as child, plugin  # noqa: E402,F401  (imported here: from their pyc)

if __name__ == "__main__":
    from checker.child import audit

    sys.addaudithook = lambda hook: None  # the hook's work on every event of Python is what is measured
    audit.seal = lambda entries, complete: b"{}\nunsigned\n"
    audit.complete = lambda: True  # (asked once the session is over: pytest's classes are thawed as in a check)
    child.main()
