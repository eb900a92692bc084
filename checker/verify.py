"""`kata verify`: prove the katas sound — each kata has what a kata needs (a solution, at least five known
mistakes, a stub identical to its pristine copy, both READMEs), every solution passes with every point, every
stub fails with not-implemented, every known mistake fails with the code it declares. Runs independent checks
in parallel; the cases of katas whose kata.toml says `exclusive = true` (real-time measurements) run alone
afterwards, except the mistakes that expect a code the suite gives without measuring time (not in the kata's
`timed_codes`). A case whose checks said only busy-machine, every time, is `unmeasured`: no verdict."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from checker import forkserver
from checker.catalog import Kata
from checker.codes import CODES
from checker.i18n import t
from checker.report import Report
from checker.runner import checks_thread, run_suite

ROLES = ["kata", "solution", "accepted", "stub", "mistake"]
MIN_MISTAKES = 5  # known mistakes a kata needs: each one proves the suite catches a way learners go wrong
BUSY_RETRIES = 4  # a case whose check said busy-machine is checked again, at most this many times
EXPECT = re.compile(r"^#\s*expect:\s*([a-z-]+)\s*$", re.MULTILINE)

Said = tuple[str, dict]  # what is wrong with a case: a message of the catalog (checker/texts/teachers.py), its parameters


@dataclass
class Case:
    kata: Kata
    role: str  # kata (what its folders hold) | solution | accepted | stub | mistake
    file: Path
    expected: str | None  # a code, or None for "must pass"


@dataclass
class Outcome:
    case: Case
    report: Report | None
    ok: bool
    said: list[Said] = field(default_factory=list)  # what is wrong, in words the teacher's language can tell
    runs: list[str] = field(default_factory=list)  # what each run got, when the case was run several times

    def problem_in(self, lang: str) -> str:
        return "; ".join(t(key, lang, **params) for key, params in self.said)

    @property
    def problem(self) -> str:
        """What is wrong, in English (the JSON's `problem`)."""
        return self.problem_in("en")

    @property
    def unmeasured(self) -> bool:
        """No verdict: every check of the case said busy-machine (the machine was too busy to measure), at
        every try; neither right nor wrong."""
        return not self.ok and self.report is not None and self.report.busy and not self.report.passed

    @property
    def got(self) -> str:
        if self.case.role == "kata":
            return "passed" if self.ok else "incomplete"
        if self.runs and len(set(self.runs)) > 1:
            return "; ".join(f"{got} ({self.runs.count(got)} of {len(self.runs)})" for got in dict.fromkeys(self.runs))
        return got_of(self.report)


def got_of(report: Report | None) -> str:
    if report is None:
        return "—"
    return "passed" if report.passed else ", ".join(dict.fromkeys(report.codes)) or "failed"


def missing(kata: Kata, lang: str = "en") -> list[str]:
    """What the kata's folders lack, each as a sentence (empty: complete)."""
    return [t(key, lang, **params) for key, params in lacks(kata)]


def lacks(kata: Kata) -> list[Said]:
    problems: list[Said] = []
    if not kata.solution_file.is_file():
        problems.append(("verify-no-solution", {"path": kata.solution_file}))
    for lang, readme in (("en", kata.kata_dir / "README.md"), ("fr", kata.kata_dir / "README.fr.md")):
        if not readme.is_file():
            problems.append((f"verify-no-readme-{lang}", {}))
    if not kata.stub_file.is_file():
        problems.append(("verify-no-stub", {"path": kata.stub_file, "file": kata.file}))
    mistakes = len(list(kata.mistakes_dir.glob("*.py"))) if kata.mistakes_dir.is_dir() else 0
    if mistakes < MIN_MISTAKES:
        problems.append(("verify-few-mistakes", {"count": mistakes, "s": "s" * (mistakes != 1),
                                                 "folder": kata.mistakes_dir, "least": MIN_MISTAKES}))
    return problems


def cases(kata: Kata) -> list[Case]:
    found = [Case(kata, "kata", kata.kata_dir, None)]
    if kata.solution_file.is_file():
        found.append(Case(kata, "solution", kata.solution_file, None))
    accepted = kata.root / "tests" / "accepted" / kata.folder  # other right ways: they must pass too
    found += [Case(kata, "accepted", path, None) for path in sorted(accepted.glob("*.py"))]
    found.append(Case(kata, "stub", kata.learner_file, "not-implemented"))
    if kata.mistakes_dir.is_dir():
        for path in sorted(kata.mistakes_dir.glob("*.py")):
            match = EXPECT.search(path.read_text(encoding="utf-8", errors="replace")[:500])
            found.append(Case(kata, "mistake", path, match.group(1) if match else "?"))
    return found


def judge(case: Case, lang: str = "en") -> Outcome:
    if case.role == "kata":
        problems = lacks(case.kata)
        return Outcome(case, None, not problems, problems)
    if case.expected == "?" or (case.expected and case.expected not in CODES):
        return Outcome(case, None, False, [("verify-no-code", {})])
    if case.role == "stub" and case.kata.stub_file.is_file() and \
            case.kata.stub_file.read_bytes() != case.file.read_bytes():
        return Outcome(case, None, False, [("verify-stub-differs", {"path": case.kata.stub_file})])
    report = run_suite(case.kata, case.file, lang)
    for _ in range(BUSY_RETRIES):  # busy-machine is no verdict: check again, as a learner is told to
        if report.passed or "busy-machine" not in report.codes or case.expected in report.codes:
            break
        report = run_suite(case.kata, case.file, lang)
    if case.expected is None:
        ok = report.passed and report.points == case.kata.points
        said = [] if ok else [("verify-must-pass", {"role": case.role})] if not report.passed else \
            [("verify-points", {"points": report.points, "total": case.kata.points})]
    else:
        ok = not report.passed and case.expected in report.codes
        said = [] if ok else [("verify-expected", {"code": case.expected})]
    outcome = Outcome(case, report, ok, said)
    if outcome.unmeasured:
        outcome.said = [("verify-unmeasured", {"tries": BUSY_RETRIES + 1})]
    return outcome


def judge_repeatedly(case: Case, repeat: int) -> Outcome:
    """The same case `repeat` times: it is as expected only if every run is; a verdict that flips is shown."""
    outcomes = [judge(case) for _ in range(repeat)]
    if repeat == 1 or outcomes[0].report is None:
        return outcomes[0]
    runs = [got_of(o.report) for o in outcomes]
    wrong = [o for o in outcomes if not o.ok]
    said = wrong[0].said if wrong else []
    if len(set(runs)) > 1:
        said = [("verify-flipped", {"repeat": repeat}), *said]
    return Outcome(case, (wrong or outcomes)[0].report, not wrong, said, runs)


def runs_alone(case: Case) -> bool:
    """Whether the case needs the machine to itself: its kata measures real time and the case may reach
    those measurements with a verdict at stake (it must pass, or it expects one of the kata's timed codes;
    every code, when the kata names none)."""
    kata = case.kata
    return kata.exclusive and case.role != "kata" and (case.expected is None or not kata.timed_codes or case.expected in kata.timed_codes)


PARTS = ("shared", "alone")


def verify(katas: list[Kata], jobs: int | None = None, on_outcome=None, repeat: int = 1,
           parts: tuple[str, ...] = PARTS) -> list[Outcome]:
    """The cases that may share the machine run `jobs` at once (default: three per core, since most checks
    wait on virtual time, sleeps or child processes: on 2 cores, 6 at once kept both busy and 8 only queued);
    those that need it alone run one at a time, afterwards. `parts` picks either kind, or both."""
    forkserver.enable()  # many checks: each forked from one warm process
    every = [c for k in katas for c in cases(k)]
    shared = [c for c in every if not runs_alone(c)] if "shared" in parts else []
    alone = [c for c in every if runs_alone(c)] if "alone" in parts else []
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> Outcome:
        if on_outcome:
            on_outcome(outcome)
        return outcome

    with ThreadPoolExecutor(max_workers=jobs or 3 * (os.cpu_count() or 1), initializer=checks_thread) as pool:
        outcomes += [done(o) for o in pool.map(lambda c: judge_repeatedly(c, repeat), shared)]
    outcomes += [done(judge_repeatedly(c, repeat)) for c in alone]
    return sorted(outcomes, key=lambda o: (o.case.kata.id, ROLES.index(o.case.role),
                                           o.case.file.name))
