"""The pytest plugins a hidden suite may use beyond the checker's own, each loaded only for the suites that
use it: the child runs with plugin autoload off, so a check pays nothing for a plugin its suite does not use.

pytest-asyncio, for `async def` checks (`@pytest.mark.asyncio`, `@pytest_asyncio.fixture`): a look at the
suite's text (and at a conftest.py beside it) decides, before pytest starts; the plugin costs the child
0.05 to 0.09 s to import.
"""

from __future__ import annotations

import re
from pathlib import Path

ASYNC_TESTS = re.compile(rb"^\s*async\s+def\s+test|pytest\.mark\.asyncio|\bpytest_asyncio\b", re.MULTILINE)
PYTEST_ASYNCIO = ["-p", "pytest_asyncio.plugin", "-o", "asyncio_mode=strict",
                  "-o", "asyncio_default_fixture_loop_scope=function"]


def plugin_args(suite: Path) -> list[str]:
    """pytest's command-line arguments that load the plugins the suite uses."""
    uses_asyncio = False
    for path in (suite, suite.with_name("conftest.py")):
        try:
            uses_asyncio = uses_asyncio or bool(ASYNC_TESTS.search(path.read_bytes()))
        except OSError:
            pass
    return PYTEST_ASYNCIO if uses_asyncio else []
