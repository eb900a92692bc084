# kata: 01
# expect: confined | tampered | Read-only | Permission denied
"""Cross-step: kata 01's learner code, run during kata 01's grading step, rewrites kata 02's hidden suite into
one test that always passes, so that kata 02's later step passes its stub."""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]  # katas/01_first_coroutine/<file> -> the repository
for suite in ROOT.glob("tests/katas/02_*/test_*.py"):
    try:
        suite.write_text("def test_anything():\n    pass\n")
        print(f"attack: rewrote {suite}")
    except OSError as exc:
        print(f"attack stopped: {exc}")


# kata 01 itself stays the stub: its honest grade is 0.
async def task(name: str, duration: float) -> str:
    raise NotImplementedError("write task()")


def main() -> str:
    raise NotImplementedError("write main()")
