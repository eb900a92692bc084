"""The class grader's cache inside OUT: one verdict per (kata, file SHA-256, checker version, suite version,
language), each written atomically the moment its check ends, so that an interrupted run (Ctrl-C, kill,
reboot) resumes where it was and a new run re-checks only files that changed.

A `not graded` outcome (busy-machine after the retries) is never stored: the next run checks it again.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.catalog import Kata

CACHE = ".cache"


@lru_cache(maxsize=1)
def checker_version() -> str:
    """The package version and a digest of the checker's own sources: any change to the checker is a new one."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("concurrency-katas")
    except PackageNotFoundError:
        release = "0"
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{release}+{digest.hexdigest()[:12]}"


def suite_version(kata: Kata) -> str:
    """A digest of what grades the kata on the teacher's side: its kata.toml and its hidden suite's folder."""
    digest = hashlib.sha256()
    parts = [kata.kata_dir / "kata.toml"] + sorted(p for p in kata.suite.parent.glob("*") if p.is_file())
    for path in parts:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


class Cache:
    def __init__(self, out: Path):
        self.dir = Path(out) / CACHE

    def _path(self, kata: Kata, sha256: str, suite: str, lang: str) -> Path:
        return self.dir / kata.id / f"{sha256}-{checker_version()}-{suite}-{lang}.json"

    def get(self, kata: Kata, sha256: str, suite: str, lang: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._path(kata, sha256, suite, lang).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and "report" in data else None

    def put(self, kata: Kata, sha256: str, suite: str, lang: str, entry: dict[str, Any]) -> None:
        write_atomically(self._path(kata, sha256, suite, lang), json.dumps(entry, ensure_ascii=False))


def write_atomically(path: Path, text: str) -> None:
    """Whole or absent, never half written: a temporary file, flushed to disk, renamed over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
