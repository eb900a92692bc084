"""The child of a check (checker/child/__main__.py), with the diagnoses turned off: for bench/run.py, which compares the two to
measure what the diagnoses cost a passing check. Never used to grade (the checker has no such switch)."""

import gc
import sys
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.child import __main__ as child, leaks, plugin, probes, watch  # noqa: E402


class NoStalls:
    """StallProbe's place: no timing of event-loop callbacks, no sampler thread."""

    events: list = []
    _running = None

    def __init__(self, learner_file):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


probes.StallProbe = NoStalls
probes.BlockingSleepProbe.install = lambda self, module=None: None  # time.sleep left alone
plugin.gc = watch.gc = types.SimpleNamespace(collect=lambda *a: 0, freeze=gc.freeze)  # no hunt for unawaited coroutines
leaks.leaked_threads = lambda before: []
leaks.leaked_processes = lambda before: []
sys.set_coroutine_origin_tracking_depth = lambda depth: None  # no origin for "never awaited"

if __name__ == "__main__":
    child.main()
