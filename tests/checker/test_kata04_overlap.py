"""Kata 04's evidence that processes computed at the same time (issue 20): it is read from what the child
processes of one call did, never from a share measured at another moment, so the machine's load cannot fake
it. The judgement is tested on made-up readings; the reading of /proc on real processes."""

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import pytest

SUITE = Path(__file__).resolve().parents[2] / "tests/katas/04_beat_sequential_cpu"
_spec = importlib.util.spec_from_file_location("kata04_overlap", SUITE / "beat_sequential_cpu_overlap.py")
overlap = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)  # a dataclass looks itself up
_spec.loader.exec_module(overlap)

EVERY = overlap.SAMPLE_EVERY_S


def readings(rates: list[dict[int, float]], every: float = EVERY, late: dict[int, float] | None = None,
             started: float = overlap.STARTUP_CPU_S):
    """Readings of cumulated CPU seconds: rates[k][pid] is the CPU share pid got during window k (1.0 = a
    whole core); late[k] makes window k that many seconds long instead of `every`; each process has used
    `started` seconds when first seen (by default, all of its start)."""
    t, totals, out = 0.0, {}, [(0.0, {})]
    for k, rate in enumerate(rates):
        length = (late or {}).get(k, every)
        t += length
        for pid, share in rate.items():
            totals[pid] = totals.get(pid, started) + share * length
        out.append((t, {pid: value for pid, value in totals.items() if pid in rate or pid in out[-1][1]}))
    return out


def test_two_processes_in_step_compute_at_once_on_two_cores_and_on_one():
    for share in (1.0, 0.5, 0.2):  # two free cores, one core shared by both, a core mostly taken by hogs
        seen = overlap.judge(readings([{1: share, 2: share}] * 20))
        assert seen.measured and seen.busy == 2 and seen.share == pytest.approx(0.5)
        assert seen.at_once(2) and not seen.one_at_a_time(2)


def test_one_process_after_the_other_is_one_at_a_time_whatever_the_load():
    for share in (1.0, 0.3):
        handed_over = [{1: share}] * 10 + [{1: share / 2, 2: share / 2}] + [{2: share}] * 10
        seen = overlap.judge(readings(handed_over))
        assert seen.measured and seen.busy == 2 and seen.share < 0.05
        assert seen.one_at_a_time(2) and not seen.at_once(2)
    alone = overlap.judge(readings([{1: 1.0}] * 20))  # Pool(1)
    assert alone.busy == 1 and alone.together == 0 and alone.one_at_a_time(2)


def test_processes_that_start_together_then_compute_in_turn_are_one_at_a_time():
    # spawn: two fresh Pythons import at once (their first 0.05 s of CPU), then apply() runs one slice after the
    # other
    started_together = [{1: 1.0, 2: 1.0}] + [{1: 1.0}] * 10 + [{2: 1.0}] * 10
    seen = overlap.judge(readings(started_together, started=0.0))
    assert seen.measured and seen.together == 0 and seen.one_at_a_time(2)


def test_a_late_reading_that_merges_two_processes_in_turn_is_not_judged():
    # the suite's thread was not scheduled for 0.6 s, across the hand-over: that window proves nothing
    in_turn = [{1: 1.0}] * 8 + [{1: 0.5, 2: 0.5}] + [{2: 1.0}] * 8
    seen = overlap.judge(readings(in_turn, late={8: 0.6}))
    assert seen.windows == len(in_turn) - 1 and seen.judged < seen.cpu
    assert not seen.at_once(2)
    mostly_late = overlap.judge(readings(in_turn, late={k: 0.6 for k in range(12)}))
    assert not mostly_late.measured and not mostly_late.at_once(2) and not mostly_late.one_at_a_time(2)


def test_a_second_process_with_a_token_share_is_not_at_once():
    # a child that spends a little CPU beside the one doing the work (starting, a result handler)
    seen = overlap.judge(readings([{1: 1.0, 2: 0.6}] * 2 + [{1: 1.0}] * 30))
    assert seen.busy == 1 and not seen.at_once(2) and seen.one_at_a_time(2)


def test_a_short_moment_together_is_no_verdict_either_way():
    # two processes together for 0.05 s, then one alone: too little together to be "at once", too much for
    # "one at a time"
    seen = overlap.judge(readings([{1: 1.0, 2: 1.0}] + [{1: 1.0}] * 5))
    assert seen.measured and seen.together < overlap.TOGETHER_MIN_S
    assert not seen.at_once(2) and not seen.one_at_a_time(2)
    # the same share, in a call too small to spend TOGETHER_MIN_S together: no verdict either
    small = overlap.judge(readings([{1: 1.0, 2: 1.0}, {1: 1.0}, {2: 1.0}], every=0.09))
    assert small.measured and small.share >= overlap.together_min(2) and small.together < overlap.TOGETHER_MIN_S
    assert not small.at_once(2) and not small.one_at_a_time(2)


def test_too_little_cpu_tells_nothing():
    seen = overlap.judge(readings([{1: 1.0}] * 2))
    assert seen.cpu < overlap.CPU_MIN_S and not seen.measured and not seen.one_at_a_time(2)


def test_more_workers_must_overlap_more():
    assert overlap.together_min(4) > overlap.together_min(2) > 0
    three_of_four = overlap.judge(readings([{1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0}] * 20))
    assert three_of_four.share == pytest.approx(0.75) and three_of_four.at_once(4)
    # four workers of which only two compute together: half as much as four in step
    pairs = overlap.judge(readings([{1: 1.0, 2: 1.0}] * 10 + [{3: 1.0, 4: 1.0}] * 10))
    assert pairs.busy == 4 and pairs.at_once(4)  # still two at once: some speed-up, judged by the times


def test_a_process_born_between_two_readings_counts_its_cpu_since_then():
    start = overlap.STARTUP_CPU_S
    seen = overlap.judge([(0.0, {}), (EVERY, {7: start + 0.04}), (2 * EVERY, {7: start + 0.09, 8: start + 0.05})])
    assert seen.cpu == pytest.approx(0.14) and seen.together == pytest.approx(0.05)  # window 2: 7 and 8 gain 0.05 each


TREE = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
print(child.pid, flush=True)
time.sleep(30)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_descendants_and_their_cpu_are_read_from_proc():
    parent = subprocess.Popen([sys.executable, "-c", TREE], stdout=subprocess.PIPE, text=True)
    try:
        grandchild = int(parent.stdout.readline())
        assert grandchild in overlap.descendants(parent.pid)
        assert parent.pid not in overlap.descendants(parent.pid)
        assert overlap.process_cpu(grandchild) >= 0 and overlap.process_cpu(parent.pid) > 0
    finally:
        parent.kill()
        parent.wait()
        subprocess.run(["kill", str(grandchild)], check=False)
    assert overlap.process_cpu(2**22 + 12345) is None


SPINNERS = """
import multiprocessing, sys, time

def spin(seconds):
    ends = time.process_time() + seconds
    while time.process_time() < ends:
        pass

if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    sys.stdin.readline()
    processes = [multiprocessing.Process(target=spin, args=(0.5,)) for _ in range(2)]
    if sys.argv[1] == "together":
        for p in processes: p.start()
        for p in processes: p.join()
    else:
        for p in processes: p.start(); p.join()
"""


@pytest.mark.realtime  # real processes computing for about 1 s of CPU each way
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["together", "in-turn"])
def test_the_sampler_tells_processes_at_once_from_processes_in_turn(tmp_path, how):
    script = tmp_path / "spinners.py"
    script.write_text(SPINNERS)
    parent = subprocess.Popen([sys.executable, str(script), how], stdin=subprocess.PIPE, text=True)
    sampler = overlap.Sampler(parent.pid)
    sampler.start()
    time.sleep(0.2)
    parent.stdin.write("go\n")
    parent.stdin.flush()
    parent.wait(60)
    seen = sampler.stop()
    assert seen.measured and seen.busy == 2
    assert seen.at_once(2) is (how == "together") and seen.one_at_a_time(2) is (how == "in-turn")
