"""`kata watch`: re-check a kata every time its file is saved. Reads the file, never writes it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable


def watch(file: Path, on_save: Callable[[], None], stop_event=None) -> None:
    """Call on_save() once now, then after every save of `file` (debounced), until stop_event or Ctrl-C
    (KeyboardInterrupt, for the caller to end with status 130)."""
    from watchfiles import Change, watch as watch_changes

    target = file.resolve()
    on_save()
    for changes in watch_changes(target.parent, debounce=200, stop_event=stop_event,
                                 watch_filter=lambda change, path: Path(path).resolve() == target
                                 and change != Change.deleted, raise_interrupt=True):
        if changes:
            on_save()
