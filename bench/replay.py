"""Verdicts that no lucky schedule changes (issue 22), measured: a seed replays the same story, and every
known mistake and right answer of a scheduled suite gets its verdict on every run, idle or beside CPU hogs.

    .venv/bin/python bench/replay.py seed 03 tests/mistakes/03_fix_the_race/sleep_removed_no_lock.py --seed 0x2a2a
    .venv/bin/python bench/replay.py seed 07 tests/mistakes/07_deadlock_transfers/lock_in_argument_order.py --hogs 2
    .venv/bin/python bench/replay.py verdicts 03,07 --runs 20 --hogs 2 --jobs 3   # every case of these katas
    .venv/bin/python bench/replay.py overhead --runs 5   # learner code on local state, scheduled or not

`seed`: `kata check K --file F --seed S --json` run `--runs` times; for each scheduled check (its message
names `--seed` or says every interleaving was tried), the verdict code and the whole message (with its story:
the first lost update, the deadlock's cycle) are compared across runs. `verdicts`: every solution, accepted
answer and mistake of the katas (as `kata verify` lists them), each run `--runs` times; a run is right when a
right answer passes and a mistake fails with its code (busy-machine is counted apart: it is no verdict). The
hogs (bench/run.py's cpu_hogs) are started and killed here. Exits 1 when a story or a verdict differs.
Run by hand; not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.run import cpu_hogs, kata_cmd  # noqa: E402
from checker.catalog import Catalog  # noqa: E402
from checker.verify import cases  # noqa: E402

STORY = re.compile(r"(The first lost update: [^.(]*|(?:all waiting|waiting in a circle) — [^.]*)")


def check(kata: str, file: Path, seed: str | None) -> dict:
    command = kata_cmd("check", kata, "--file", str(file), "--json", "--lang", "en")
    command += ["--seed", seed] if seed else []
    out = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError:  # no report (the checker crashed): a wrong verdict, shown, not a stop of the batch
        tail = (out.stderr or out.stdout).strip().splitlines()[-3:]
        print(f"    no report from kata check {kata} {file.name} (exit {out.returncode}): {' | '.join(tail)}", flush=True)
        return {"passed": False, "checks": [{"name": "report", "code": "no-report", "passed": False,
                                             "status": "failed", "message": "\n".join(tail)}]}


def scheduled(report: dict) -> tuple[tuple[str, str | None, str, str], ...]:
    """(check, code, story, whole message) of each failed check judged under the scheduler."""
    found = []
    for c in report["checks"]:
        message = c.get("message") or ""
        judged = "--seed" in message or "interleaving" in message or "nterleaving" in c["name"]
        if c.get("status") != "failed" or not judged:
            continue
        story = STORY.search(message)
        found.append((c["name"], c.get("code"), story.group(1).strip() if story else "", message))
    return tuple(found)


def seed_replay(kata: str, file: Path, seed: str, runs: int) -> bool:
    seen: Counter = Counter()
    started = time.perf_counter()
    for _ in range(runs):
        seen[scheduled(check(kata, file, seed))] += 1
    first = next(iter(seen))
    print(f"kata {kata} {file.name} --seed {seed}: {runs} runs in {time.perf_counter() - started:.0f} s, "
          f"{len(seen)} distinct outcome(s); most common ({seen.most_common(1)[0][1]} of {runs}):")
    for name, code, story, _ in first:
        print(f"    {code or '-':13} {name[:60]:60} {story[:150]}")
    for other in list(seen)[1:]:
        print(f"  differs ({seen[other]} runs): {[(name, code, story) for name, code, story, _ in other]}")
    return len(seen) == 1 and bool(first)


def verdicts(refs: str, runs: int, jobs: int) -> bool:
    subjects = [(kata, case) for kata in Catalog(REPO).select(refs) for case in cases(kata)
                if case.role not in ("kata", "stub")]
    wrong = busy = 0
    with ThreadPoolExecutor(jobs) as pool:
        for kata, case in subjects:
            started = time.perf_counter()
            reports = list(pool.map(lambda _: check(kata.id, case.file, None), range(runs)))
            right_here = busy_here = 0
            for report in reports:
                codes = {c["code"] for c in report["checks"] if not c["passed"]}
                right = report["passed"] if case.expected is None else case.expected in codes
                if "busy-machine" in codes and not right:
                    busy_here += 1
                    continue
                right_here += right
                if not right:
                    got = "passed" if report["passed"] else ", ".join(sorted(code or "no code" for code in codes))
                    print(f"    wrong: kata {kata.id} {case.file.name} expected {case.expected or 'pass'}, got {got}")
                    for c in report["checks"]:
                        if not c["passed"]:
                            print(f"      {c.get('code') or 'no code'}: {c['name'][:70]}: "
                                  f"{(c.get('message') or '').strip()[:300]!r}", flush=True)
            wrong += runs - right_here - busy_here
            busy += busy_here
            print(f"  kata {kata.id} {case.role:8} {case.file.name:42} {case.expected or 'pass':14} "
                  f"{right_here}/{runs} right, {busy_here} busy-machine, {time.perf_counter() - started:.0f} s",
                  flush=True)
    print(f"{len(subjects)} cases × {runs} runs: {wrong} wrong, {busy} busy-machine")
    return wrong == 0


OVERHEAD_LEARNER = """
import threading


class Counter:
    def __init__(self):
        self.value = 0
        self._lock = threading.Lock()

    def increment(self):
        with self._lock:
            self.value += 1


def count_with_threads(n, each, work):
    counter = Counter()

    def run():
        for _ in range(each):
            local = 0
            for i in range(work):  # the learner's own work, on local state: no probe point
                local += i * i
            counter.increment()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter.value
"""


def overhead(runs: int) -> bool:
    """count_with_threads(4, 50) with more or less work on local state per increment, unscheduled and under the
    scheduler (its threads adopted, its counter watched, its lock modelled), alternated: medians and ratio."""
    import statistics
    import types

    from checker.child.races import RaceProbe

    def module(scheduled: bool):
        learner = types.ModuleType("learner")
        exec(compile(OVERHEAD_LEARNER, "learner.py", "exec"), learner.__dict__)
        if not scheduled:
            return learner, None
        probe = RaceProbe(7)
        probe.adopt(learner, setattr)
        base = learner.Counter

        class Watched(probe.watched(base)):
            def __init__(self):
                super().__init__()
                self._lock = probe.guard(self._lock, "the lock")

        learner.Counter = Watched
        return learner, probe

    for work in (0, 2_000, 20_000):
        plain, scheduled = [], []
        for _ in range(runs):
            learner, _ = module(False)
            started = time.perf_counter()
            assert learner.count_with_threads(4, 50, work) == 200
            plain.append(time.perf_counter() - started)
            learner, probe = module(True)
            got: list = []
            started = time.perf_counter()
            probe.run([lambda: got.append(learner.count_with_threads(4, 50, work))])
            scheduled.append(time.perf_counter() - started)
            assert got == [200]
        before, after = statistics.median(plain), statistics.median(scheduled)
        print(f"  {work:6} steps of local work per increment: unscheduled {before * 1000:7.1f} ms, scheduled "
              f"{after * 1000:7.1f} ms ({after / before:.2f}×)")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    seed = sub.add_parser("seed")
    seed.add_argument("kata")
    seed.add_argument("file", type=Path)
    seed.add_argument("--seed", default="0x2a2a")
    some = sub.add_parser("verdicts")
    some.add_argument("katas")
    some.add_argument("--jobs", type=int, default=1, help="checks at once (more load than the hogs alone)")
    cost = sub.add_parser("overhead", help="what the scheduler costs learner code that does not touch shared state")
    for p in (seed, some, cost):
        p.add_argument("--runs", type=int, default=20)
        p.add_argument("--hogs", type=int, default=0, help="CPU hogs running beside the checks")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]} ({sys.executable}), {args.hogs} CPU hogs; {when()}", flush=True)
    with cpu_hogs(args.hogs):
        if args.what == "seed":
            ok = seed_replay(args.kata, args.file, args.seed, args.runs)
        elif args.what == "verdicts":
            ok = verdicts(args.katas, args.runs, args.jobs)
        else:
            ok = overhead(args.runs)
    print(f"end: {when()}", flush=True)
    return 0 if ok else 1


def when() -> str:
    """UTC time and load averages (1, 5, 15 min), to note beside a measurement."""
    loads = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())} UTC, load average {loads}"


if __name__ == "__main__":
    sys.exit(main())
