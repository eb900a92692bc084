# kata: 01
# path: tests/katas/01_first_coroutine/conftest.py
# expect: D tests/katas/01_first_coroutine/conftest.py
"""Commit-time edit: a conftest.py beside kata 01's hidden suite that marks every test passed. The restore
step removes it (a file the teacher did not ship) and says so."""
import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "passed"
