"""Opens the `kata` entry point beside the interpreter (.venv/bin/kata) for writing, and a new file beside it:
the next grading step runs `kata check NN`, which would be the attacker's program."""
import os
import sys
from pathlib import Path

bin_dir = Path(sys.executable).parent
for target in (bin_dir / "kata", bin_dir / "kata-attack"):
    try:
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o755)  # appends nothing if it succeeds
        os.close(fd)
    except OSError as exc:
        print("refused:", target, exc.strerror, flush=True)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
