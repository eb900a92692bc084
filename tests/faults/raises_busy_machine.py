# kata: 01
# expect: crash
# NOT a pass, a way out of a 0: task and main raise the checker's own KataFailure with the code `busy-machine`
# (`from checker.child.testkit import KataFailure`: the checker's package is importable from the learner's
# code). Verdicts.of (checker/child/verdicts.py: `if issubclass(kind, KataFailure): return Check(..., exc.code,
# ...)`) takes a KataFailure's code and words whoever raised it, so every failing check says busy-machine;
# report.py `_status_of` then makes the kata NOT_GRADED ("all(c.code == BUSY for c in failed)"), `kata check`
# runs it 5 times, exits 3 and says "Not graded: ... not your mistake, not counted as an attempt"; `kata class
# grade` leaves an empty cell in grades.csv (never a 0) and re-checks it at every run, and the Classroom
# grader step prints the "busy runner" warning. A submission that does nothing is never graded 0.
# (Checked 2026-12-06: "Not graded: the machine stayed too busy to measure in 5 runs", exit status 3.)
# Fix (suggested): a KataFailure counts with its own code only when the learner's code did not raise it:
# in Verdicts.of, `if self.learner_frames(exc)` (its traceback passes through the learner's file) treat it as
# any other exception (`crash`, "raised ..."); and never accept `busy-machine` (NOT_A_MISTAKE) from a
# KataFailure at all: only the checker's own measures (the suites' timing helpers) may say it, e.g. through
# a separate exception class the learner cannot import, or a flag only the kit's measuring helpers set.
from checker.child.testkit import KataFailure


def _busy():
    return KataFailure("busy-machine", "The machine was too busy to measure this check.",
                       "La machine était trop occupée pour mesurer cette vérification.")


async def task(name, duration):
    raise _busy()


def main():
    raise _busy()
