"""Which schedule the cooperative scheduler (checker/child/schedule.py) follows: a seed (`Seeded`), a recorded
prefix (`Replay`), or every schedule in turn (`explore`).

`explore(scenario, bound)` runs a scenario under every schedule with at most `bound` preemptions (a switch
away from a thread that could have gone on), fewest preemptions first (iterative context bounding, as in
CHESS), and returns the first failing one: the shortest story of the bug.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from checker.child.schedmodel import Choice, Outcome


class Strategy:
    def choose(self, options: list[int], preemptive: bool) -> int:
        """options: the threads that may run, the default (go on with the current thread) first."""
        raise NotImplementedError


class Seeded(Strategy):
    """At each probe point, switch to another thread with probability `switch`, chosen by a seeded generator."""

    def __init__(self, seed: int, switch: float = 0.25):
        self.rng = random.Random(seed)
        self.switch = switch

    def choose(self, options, preemptive):
        if len(options) == 1:
            return options[0]
        if preemptive and self.rng.random() >= self.switch:
            return options[0]
        return self.rng.choice(options[1:] if preemptive else options)


class Replay(Strategy):
    """Follow `prefix` (indices into each point's options), then always the default."""

    def __init__(self, prefix: list[int]):
        self.prefix = list(prefix)
        self.at = 0

    def choose(self, options, preemptive):
        pick = self.prefix[self.at] if self.at < len(self.prefix) else 0
        self.at += 1
        return options[min(pick, len(options) - 1)]


@dataclass
class Finding:
    outcome: Outcome
    prefix: list[int]  # the schedule: an index into each decision's options
    runs: int  # schedules tried before this one (included)
    detail: object = None  # what the scenario's judge returned (truthy: the run failed)


def run_scenario(scenario: Callable[[], tuple[list[Callable[[], object]], Callable[[Outcome], bool]]],
                 strategy: Strategy, timeout: float, **settings) -> tuple[Outcome, object]:
    from checker.child.schedule import Scheduler  # the scheduler imports its strategies' type, not this module

    jobs, failed = scenario()
    outcome = Scheduler(strategy, **settings).run(jobs, timeout=timeout)
    return outcome, failed(outcome)


def explore(scenario, *, bound: int, max_runs: int = 2000, timeout: float = 5.0,
            **settings) -> tuple[Finding | None, int]:
    """Every schedule of `scenario` with at most `bound` preemptions, fewest first; the first that fails.

    `scenario()` builds fresh state and returns (jobs, failed): the threads to run and a judge of the outcome.
    Returns (the finding or None, the number of schedules run). A run the scheduler had to step aside from
    (blocking it cannot see) ends the exploration: it cannot be explored exactly (the judge may fail it: the
    finding is then that run). `settings` go to each run's Scheduler."""
    runs = 0
    for limit in range(bound + 1):
        best: Finding | None = None
        prefix: list[int] | None = []
        while prefix is not None and runs < max_runs:
            outcome, failed = run_scenario(scenario, Replay(prefix), timeout, **settings)
            runs += 1
            taken = [c.options.index(c.chosen) for c in outcome.choices]
            if failed and outcome.preemptions == limit:
                found = Finding(outcome, _trim(list(taken)), runs, failed)
                if best is None or (len(found.prefix), found.prefix) < (len(best.prefix), best.prefix):
                    best = found  # of the fewest preemptions, the one that preempts earliest
            if outcome.passthrough or outcome.too_long:
                if failed and best is None:  # judged wrong as it is, whatever its preemptions
                    best = Finding(outcome, _trim(list(taken)), runs, failed)
                return best, runs
            prefix = _next_prefix(outcome.choices, taken, limit)
        if best is not None:
            return best, runs
    return None, runs


def _trim(taken: list[int]) -> list[int]:
    while taken and taken[-1] == 0:
        taken.pop()
    return taken


def _next_prefix(choices: list[Choice], taken: list[int], limit: int) -> list[int] | None:
    """The next schedule in depth-first order whose preemptions stay within `limit`."""
    used = [0]
    for c in choices:
        used.append(used[-1] + c.preempted)
    for i in range(len(choices) - 1, -1, -1):
        c = choices[i]
        for alt in range(taken[i] + 1, len(c.options)):
            if used[i] + (c.preemptive and alt != 0) <= limit:
                return taken[:i] + [alt]
    return None
