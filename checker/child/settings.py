"""The settings of one check's child, sent once by `kata` as one JSON line on the child's stdin, after the
secret: the child's only input besides the files it reads. The parent imports this module (the wire format,
like the record's in checker.report) and nothing else from checker.child."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Settings:
    suite: str  # the hidden suite's file
    file: str  # the learner's file
    kata: str
    lang: str
    check_timeout: float  # seconds, per check
    record: str  # where the signed record goes
    run_dir: str  # the run's own folder (the only place the child may write, when confined)
    record_locks: bool = False
    leaks: str = "warn"  # warn | fail
    seed: int | None = None

    def to_line(self) -> bytes:
        return json.dumps(asdict(self)).encode() + b"\n"

    @classmethod
    def from_line(cls, line: bytes) -> "Settings":
        return cls(**json.loads(line))
