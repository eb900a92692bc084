# kata: 01
# expect: tampered
# Makes every test report say "passed".
import _pytest.runner
import pytest

_original = _pytest.runner.call_and_report


def call_and_report(item, when, log=True, **kwds):
    report = _original(item, when, log=False, **kwds)
    report.outcome = "passed"
    report.longrepr = None
    if log:
        item.ihook.pytest_runtest_logreport(report=report)
    return report

_pytest.runner.call_and_report = call_and_report
pytest.fail = lambda *a, **k: None


async def task(name, duration):
    return None


def main():
    return None
