"""The record the parent reads: each check's entry, sealed by the audit hook and written where the settings say.

The plugin sends its checks here at each verdict; `write` turns them into JSON entries and hands them to the
audit hook (checker/child/audit.py), which keeps the record, signs it with the per-run secret and gives back
the bytes to write. `write` is the one function the hook accepts them from.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Iterable

from checker.child import audit
from checker.report import Check

OUTPUT_CAP = 500
WRITING = threading.RLock()  # one record written at a time; held for good by the run's last (plugin.abandon)


def write(path: Path, checks: dict[str, Check], decided: Iterable[tuple[str, str, Check]], complete: bool) -> None:
    """Seal and write the record: every check not passed, as it stands, and the `decided` ones (key, status,
    check) with the status the report that decided them gave. A check is sent as passed only in `decided`:
    learner code that reaches the plugin's checks and marks them passed changes nothing."""
    try:
        entries = [(key, check.status, entry(check, check.status)) for key, check in dict.items(checks)
                   if check.status != "passed"]
        entries += [(key, status, entry(check, status)) for key, status, check in decided]
    except BaseException:  # a replaced function: the hook signs the `tampered` record it latched
        entries = []
    with WRITING:
        blob = audit.seal(entries, complete)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, path)


def entry(check: Check, status: str) -> bytes:
    """A check's JSON entry, with the status given."""
    data = check.to_json()
    data["passed"], data["status"] = status == "passed", status
    return json.dumps(data, ensure_ascii=False).encode()


def cap(text: str) -> str:
    """What the learner's code printed during a check, cut to OUTPUT_CAP characters."""
    if len(text) <= OUTPUT_CAP:
        return text
    return text[:OUTPUT_CAP] + f"\n[output truncated: {len(text)} characters, the first {OUTPUT_CAP} shown]"
