"""The child of a check as it ran before confinement: its checker modules read from their cached pyc (the
real child compiles them from source, checker/child/__main__.py), and bench/run.py starts it without Landlock.
For the confinement figure only; never used to grade."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.child import __main__ as child, plugin  # noqa: E402,F401  (imported here: from their pyc)

if __name__ == "__main__":
    child.main()
