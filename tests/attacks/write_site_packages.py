"""Writes a `.pth` file into the interpreter's site-packages: every later Python process (the next grading
step's `kata` included) would run its line at start-up."""
import sysconfig
from pathlib import Path

target = Path(sysconfig.get_path("purelib")) / "kata-attack.pth"
try:
    target.write_text("import os; os.environ['KATA_ATTACK'] = '1'\n")
except OSError as exc:
    print("refused:", target, exc.strerror, flush=True)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
