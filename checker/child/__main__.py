"""Entry point of the child process that runs one hidden suite: `python -m checker.child ...`.

The parent sends a per-run secret on stdin; it is read before the learner's code is loaded, and signs the
record, so that nothing the learner prints or writes can pass for the checker's results.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from pathlib import Path

from checker import system

CHILD_INI = Path(__file__).with_name("child.ini")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="checker.child")
    parser.add_argument("--suite", type=Path, required=True)
    parser.add_argument("--file", type=Path, required=True)
    parser.add_argument("--kata", required=True)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--check-timeout", type=float, required=True)
    parser.add_argument("--record", type=Path, required=True)
    parser.add_argument("--record-locks", action="store_true")
    parser.add_argument("--leaks", choices=["warn", "fail"], default="warn")
    parser.add_argument("--seed", type=lambda text: int(text, 0), default=None)
    args = parser.parse_args(argv)

    secret = sys.stdin.buffer.readline().strip()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    sys.stdin = open(os.devnull)
    sys.set_coroutine_origin_tracking_depth(16)

    if method := system.start_method():  # KATA_START_METHOD: verify the katas under each platform's default
        multiprocessing.set_start_method(method, force=True)
    import pytest

    from checker.child.plugin import KataPlugin
    from checker.child.plugins import plugin_args

    plugin = KataPlugin(learner_file=args.file, kata=args.kata, lang=args.lang,
                        check_timeout=args.check_timeout, record_path=args.record, secret=secret,
                        record_locks=args.record_locks, leaks=args.leaks, seed=args.seed)
    del secret  # from now on only the audit hook holds it (checker/child/audit.py)
    suite_dir = str(args.suite.parent)
    status = pytest.main(
        [str(args.suite), "-c", str(CHILD_INI), "--rootdir", suite_dir, "--confcutdir", suite_dir,
         "-p", "no:cacheprovider", "-p", "no:stepwise", "-p", "no:pastebin", "-p", "no:junitxml",
         *plugin_args(args.suite), "-q", "--no-header", "--tb=no", "-rN"],
        plugins=[plugin],
    )
    sys.stdout.flush()
    sys.stderr.flush()
    # Threads the learner left running must not keep the process alive: leave at once.
    os._exit(0 if int(status) in (0, 1) else int(status))


if __name__ == "__main__":
    main(sys.argv[1:])
