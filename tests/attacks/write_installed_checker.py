"""Adds a module to the installed checker package (where `import checker` finds it), as a first step to
replacing it: a later step's checker would load what the attacker wrote."""
from pathlib import Path

import checker

target = Path(checker.__file__).parent / "kata_attack.py"
try:
    target.write_text("FORGED = True\n")
except OSError as exc:
    print("refused:", target, exc.strerror, flush=True)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
