"""Every kata's solution graded through an exported repository's Classroom workflow (the offline harness: the
real code of GitHub's grading actions, a real install with pinned hashes), several times: the points of each
run and the busy-runner messages, idle or beside CPU hogs (issue 20: 140/140 on an idle machine in 5 runs of
5; beside 2 hogs, no step of a right solution fails but with the busy-runner message).

    .venv/bin/python bench/harness_solutions.py --runs 5
    .venv/bin/python bench/harness_solutions.py --runs 2 --hogs 2

Needs node and git, and the harness (../shared/classroom-harness or KATA_CLASSROOM_HARNESS). Exits 1 when a
run loses a point without the busy-runner message, or, without hogs, loses any point. Run by hand.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests" / "checker")]

from bench.run import cpu_hogs  # noqa: E402
from checker import classroom  # noqa: E402
from checker.catalog import Catalog  # noqa: E402
from checker.export import export  # noqa: E402
from test_export import HARNESS, complete, harness, learner, make_repo  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hogs", type=int, default=0)
    args = parser.parse_args()
    if not HARNESS.is_file():
        print("no Classroom harness found (KATA_CLASSROOM_HARNESS)", file=sys.stderr)
        return 2
    catalog = Catalog(REPO)
    katas = [k for k in catalog if complete(k)]
    wrong = 0
    with tempfile.TemporaryDirectory(prefix="kata-bench-harness-") as tmp:
        exported = export(catalog, Path(tmp) / "export", katas, "en")
        for run in range(1, args.runs + 1):
            repo = make_repo(exported, Path(tmp) / f"repo-{run}",
                             later={learner(k): k.solution_file.read_bytes() for k in katas})
            started = time.perf_counter()
            with cpu_hogs(args.hogs):
                summary, log = harness(exported / classroom.WORKFLOW_PATH, repo, timeout=1800)
            lost = sorted(runner for runner, v in summary["runners"].items() if v["score"] != v["max_score"])
            busy = len(re.findall(r"^::warning title=busy runner::", log, re.M))
            ok = (not lost) if args.hogs == 0 else busy >= len(lost)
            wrong += not ok
            print(f"run {run}: {summary['points']}/{summary['max']} points, {len(lost)} step(s) below full"
                  f"{' (' + ', '.join(lost) + ')' if lost else ''}, busy-runner messages {busy}, "
                  f"{time.perf_counter() - started:.0f} s, load {os.getloadavg()[0]:.1f}"
                  f"{'' if ok else '  <-- WRONG'}", flush=True)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
