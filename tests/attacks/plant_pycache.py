"""Plants a cached pyc beside kata 02's hidden suite (pytest's assertion-rewrite cache name and Python's own),
and in the checker's own bytecode cache (which a check's child reads): the sources stay byte-identical, and a
later step that read the pyc would run the attacker's code."""
import sys
from pathlib import Path

import checker.child

suites = {Path(m.__file__).resolve().parents[1] for m in list(sys.modules.values())
          if "tests/katas/" in (getattr(m, "__file__", None) or "")}
tag = sys.implementation.cache_tag
for katas in suites:
    for suite in katas.glob("02_*/test_*.py"):
        cache = suite.parent / "__pycache__"
        for name in (f"{suite.stem}.{tag}-pytest-kata-attack.pyc", f"{suite.stem}.{tag}.kata-attack.pyc"):
            try:
                cache.mkdir(exist_ok=True)
                (cache / name).write_bytes(b"kata-attack")
            except OSError as exc:
                print("refused:", cache / name, exc.strerror, flush=True)

target = Path(checker.child.__file__).parent / "__pycache__" / f"kata_attack.{sys.implementation.cache_tag}.pyc"
try:
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(b"kata-attack")
except OSError as exc:
    print("refused:", target, exc.strerror, flush=True)


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
