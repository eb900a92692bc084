"""The pytest plugin loaded into the child process that runs one kata's hidden suite.

It loads the learner's file (checker/child/loader.py), gives the suite its fixtures (`learner`, `virtual`,
`race`, `timeline`, `lang`, `kata`), runs each check under its time limit and diagnoses (checker/child/watch.py),
turns every failure into a diagnostic code and a message in the learner's language
(checker/child/verdicts.py), and writes the signed record the parent reads (checker/child/record.py).

What belongs to the run (the checks by id, the probes, the guard's snapshot) is on the plugin; what belongs
to one check (its warnings, its drawn timeline) is in the pytest item's stash.
"""

from __future__ import annotations

import functools
import gc
import os
import random
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from _pytest.capture import CaptureFixture

from checker import timeline as timeline_mod
from checker.child import audit, chains, guard, immutable, leaks, loader, lockorder, probes, races, record, suite
from checker.child.deadline import CheckTimeout, deadline, watchdog
from checker.child import detach as detaching
from checker.child.detach import detach, detach_checker
from checker.child.settings import Settings
from checker.child.kit_verdicts import tampered
from checker.child.testkit import KataFailure  # bound before any learner code runs
from checker.child.verdicts import Verdicts, failed
from checker.child.virtual import Virtual
from checker.child.watch import WARNINGS, CallWatch
from checker.i18n import t
from checker.report import Check

READOUTERR = CaptureFixture.readouterr  # bound before any learner code runs (see pytest_fixture_setup)
APPROX = pytest.approx  # the same (see _approx)
APPROX_MODULES = ("_pytest.approx", "_pytest.python_api")  # where approx's classes live (pytest 9, pytest 8)
TIMELINE = pytest.StashKey[timeline_mod.Timeline]()  # the spans a check drew with the `timeline` fixture


# The plugin's attributes that change as the checks run; every other one (its collaborators, its snapshots)
# must stay the object it was before the learner's module loaded (guard.Pipeline).
PLUGIN_STATE = ("checks", "hung", "module", "import_watch", "running", "hook")
# Its collaborators whose own attributes change as the checks run; the others' are settings, which the audit
# hook compares like the rest (a learner that set `watch.leaks` to "warn" would pass a thread left running).
RUNNING = ("clock",)


class KataPlugin:
    def __init__(self, settings: Settings, secret: bytes):
        detach_checker()  # before the hook binds its paths and pytest its hooks: they are the copies' (detach.py)
        self.learner_file = settings.file
        self.kata = settings.kata
        self.lang = lang = settings.lang
        self.check_timeout = settings.check_timeout
        self.record_path = Path(settings.record)
        # The secret goes to the audit hook and stays there (see audit.py). The hook is installed just before the
        # learner's code loads (or as the first record is written, if that comes first): the events Python
        # raises meanwhile (pytest collecting, the checker detaching itself) cost it nothing. Until then the
        # plugin holds the secret, in an attribute emptied as the hook takes it, before any code of the learner's.
        self.hook = functools.partial(audit.install, secret, lang, record.write, {
            "name": t("tampered-title", lang),
            "message": t("tampered-event", lang, event="{event}", detail="{detail}")},
            chains.paths(KataPlugin, record.write, audit.seal), threading.get_ident())
        self.verdicts = Verdicts(self.learner_file, lang, self.kata)
        self.module: Any = None
        self.checks: dict[str, Check] = {}  # by test id, in the order of the suite
        self.sleep_probe = probes.BlockingSleepProbe(self.learner_file)
        self.clock = Virtual(self.learner_file)
        self.snapshot: guard.Snapshot | None = None
        self.hung: str | None = None  # title of a check that hung: later checks are not run
        self.locks = lockorder.LockGraph(self.learner_file) if settings.record_locks else None
        self.running: str | None = None  # the check being run (None: the learner's module is loading)
        watchdog()  # the time limits' thread, started before the learner's module loads
        self.watch = CallWatch(self.learner_file, self.check_timeout, settings.leaks, self.sleep_probe, self.clock,
                               self.locks, self.verdicts, self.abandon)
        self.seed = settings.seed if settings.seed is not None else random.SystemRandom().randrange(1, 0x10000)
        self.guarded: dict[str, Any] = {}
        self.import_watch: leaks.ImportWatch | None = None  # what the module started while loading

    # --- configuration and loading -------------------------------------------------------------

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", "needs(*tests): run only when these earlier checks passed")
        config.addinivalue_line("markers", "task(id): the kata.toml task this check belongs to")

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:  # the suite itself is broken: say so, rather than an empty, silent record
            lines = [line for line in str(report.longrepr).splitlines() if line.strip()]
            error = lines[-1].removeprefix("E").strip()[:300] if lines else "?"
            self.checks[f"suite:{report.nodeid}"] = Check(
                name=t("suite-error-title", self.lang), passed=False, code="crash",
                message=t("suite-error", self.lang, error=error), status="failed")

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, session: pytest.Session, config: pytest.Config,
                                      items: list[pytest.Item]) -> None:
        for item in items:
            self.checks[item.nodeid] = Check(name=suite.title(item, self.lang), passed=False, status="not-run",
                                             task=suite.task(item), test=item.nodeid)
        suites = {item.module for item in items if isinstance(item, pytest.Function)}
        detach_checker()  # the checker's modules that the suites imported
        for module in suites:  # before the learner's code loads (checker/child/detach.py)
            detach(module, [item for item in items if getattr(item, "module", None) is module],
                   {id(APPROX): self._approx})
        self.guarded = guard.guarded_modules(suites)
        self.thaw_pytest = immutable.thawer(guard.freeze_pytest(self.guarded), audit.complete)
        self.sleep_probe.install()  # before the import: `from time import sleep` binds the probe
        leaks.note_process_targets()  # for the messages about a process left running
        if self.locks is not None:
            lockorder.install(self.locks)
        self.snapshot = guard.Snapshot(self.guarded)
        self.capture = guard.Snapshot({"_pytest.capture": sys.modules["_pytest.capture"]})
        self.approx = guard.Snapshot({name: sys.modules[name] for name in APPROX_MODULES if name in sys.modules})
        self.pipeline = guard.Pipeline(config, items, self, mutable=PLUGIN_STATE, running=RUNNING)
        # What must stay where it is, held by the audit hook (out of learner code's reach) and compared there
        reference = [*self.snapshot.references(), *self.capture.references(), *self.approx.references(),
                     *self.pipeline.references()]
        for label, namespace in detaching.namespaces():
            reference += guard.namespace_references(namespace, label)
        detaching.forget()
        KataPlugin._install_hook(self)
        audit.arm(self.learner_file, [str(Path(__file__).resolve().parents[1]),
                                      *{str(Path(str(item.fspath)).parent) for item in items}], items, reference)
        try:
            self.import_watch = leaks.ImportWatch()
            with self._deadline():
                self.module = loader.load(self.learner_file)
            self.import_watch.loaded()
            self.sleep_probe.install(self.module)
            KataPlugin._check_untouched(self)
        except BaseException as exc:  # the learner's file did not load: one check says why
            self.checks = {"import": Check(name=t("import-title", self.lang), passed=False,
                                           **failed(self.verdicts.of(exc, importing=True)))}
            items[:] = []
        KataPlugin._write(self, complete=not items)
        # Everything alive now (pytest, asyncio, the suite, the learner's module) stays alive: out of the
        # collector's sight, so that the collection after each check scans only what the check created.
        gc.collect()
        gc.freeze()

    def _check_untouched(self, codes: bool = False, compare: bool = True) -> None:
        """Fail with `tampered` when the learner's code used a refused event or replaced a guarded function.
        `compare`: have the audit hook compare what it holds since arm (it latches a difference); without it,
        only what was latched already, and the plugin's own comparisons (the hook compares anyway before it
        seals a pass)."""
        changed = audit.compare() if compare else []
        event = audit.latched()
        if event is not None and not changed:
            raise KataFailure("tampered", t("tampered-event", "en", event=event[0], detail=event[1]),
                              t("tampered-event", "fr", event=event[0], detail=event[1]))
        changed = list(dict.fromkeys(changed + self.pipeline.changed()
                                     + (self.snapshot.changed(codes=True) if codes else [])))
        if changed:
            self.snapshot.restore()
            raise tampered(", ".join(changed[:5]))

    @staticmethod
    def _untouched(snapshot: guard.Snapshot) -> None:
        """`tampered` when a name of `snapshot` is not what it was (a comparison where the checker reads)."""
        changed = snapshot.changed(codes=False)
        if changed:
            raise tampered(", ".join(changed[:5]))

    # --- fixtures --------------------------------------------------------------------------------

    @pytest.fixture(name="lang")
    def lang_fixture(self) -> str:
        """The learner's language, "en" or "fr"."""
        return self.lang

    @pytest.fixture(name="kata")
    def kata_fixture(self) -> str:
        """The kata's id, as `kata check` takes it ("03")."""
        return self.kata

    @pytest.fixture
    def learner(self) -> Any:
        """The learner's module, loaded from its file."""
        return self.module

    @pytest.fixture
    def race(self, timeline) -> races.RaceProbe:
        """Threads under the cooperative scheduler (checker/child/races.py): `race.watched(cls)`, `race.guard(lock,
        label)`, then `race.run(jobs)` (switches drawn from the seed) or `race.explore(scenario, bound=K)`, and
        `race.tell(lang)`, `race.replay(kata)`. The seed comes from `kata check NN --seed S`, else is drawn."""
        return races.RaceProbe(self.seed, drawn=timeline, lang=self.lang)

    @pytest.fixture
    def timeline(self, request: pytest.FixtureRequest) -> timeline_mod.Timeline:
        """Spans of work to draw under the verdict: `timeline.add(name, start, end)`; `timeline.clock =
        "wall"` for threads and processes. Without it, the tasks of the last virtual run are drawn."""
        drawn = request.node.stash[TIMELINE] = timeline_mod.Timeline()
        return drawn

    @pytest.fixture
    def virtual(self) -> Virtual:
        """Run asyncio code in virtual event-loop time: `virtual(main)` or `virtual.run(coro_fn, *args)`."""
        return self.clock

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: Any, request: pytest.FixtureRequest):
        """pytest's capture fixtures (`capsys`...) read with the method bound when this module was imported,
        not the class's: learner code that rebinds `CaptureFixture.readouterr` (or what it calls) to fake
        the output, and puts it back at its first use, is seen as the suite reads (compared first)."""
        value = yield
        if type(value) is CaptureFixture:
            value.readouterr = self._readouterr(value)
        return value

    def _readouterr(self, fixture: CaptureFixture) -> Any:
        def readouterr() -> Any:
            # pytest's capture module alone: the whole snapshot would name what a virtual run patches on purpose
            self._untouched(self.capture)
            return READOUTERR(fixture)
        return readouterr

    def _approx(self, *args: Any, **kwargs: Any) -> Any:
        """The suites' `pytest.approx`: pytest's, once its classes are compared (the approx's `__eq__` is
        looked up on its class when the suite compares: learner code that rebinds it from inside the run, and
        puts it back at its first use, is seen here, as the suite makes the approx after the run)."""
        self._untouched(self.approx)
        return APPROX(*args, **kwargs)

    # --- running each check ------------------------------------------------------------------------

    def _deadline(self):
        """The time limit of the module's loading."""
        return deadline(self.check_timeout, self.learner_file, self.clock.stuck_for, self.abandon)

    def abandon(self, timeout: CheckTimeout) -> None:
        """The learner's code is stuck past its limit in a call that cannot be stopped (a lock never released,
        a long sleep, a join; checker/child/deadline.py): the running check (or the module's loading) fails
        with the timeout's verdict, every check not run yet is skipped, the record is complete, and the
        process ends. Called by the deadline's watchdog thread."""
        if self.running is None:
            self.checks = {"import": Check(name=t("import-title", self.lang), passed=False,
                                           **failed(self.verdicts.of(timeout, importing=True)))}
            decided = []
        else:
            check = self.checks[self.running]
            self._fail(check, self.verdicts.of(timeout))
            decided = [(self.running, "failed", check)]
            for key, other in dict.items(self.checks):
                if other.status == "not-run":
                    other.status, other.message = "skipped", t("skipped-hung", self.lang, check=check.name)
                    decided.append((key, "skipped", other))
        with record.WRITING:  # held until the process ends: the checks' thread, stuck in C, may come back
            KataPlugin._write(self, complete=True, decided=decided)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self.running = item.nodeid
        if self.hung:  # the learner's code hangs: running it again would only hang again
            pytest.skip(t("skipped-hung", self.lang, check=self.hung))
        for marker in item.iter_markers("needs"):
            for needed in marker.args:
                missing = next((c for nodeid, c in self.checks.items()
                                if suite.names(nodeid, needed) and not c.passed), None)
                if missing is not None:
                    pytest.skip(t("skipped-needs", self.lang, needs=missing.name))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item):
        # Compared as the call starts and as it ends, beside each verdict: a swap made between two checks (by
        # learner code the checker runs meanwhile) or during the call, and undone at its first use after it.
        KataPlugin._check_untouched(self)
        try:
            return (yield from self.watch.call(item))  # the check runs where checker/child/watch.py yields
        finally:  # (whatever the check raised: a tamper seen here is its verdict)
            KataPlugin._check_untouched(self)

    @pytest.hookimpl(wrapper=True, tryfirst=True)  # the outermost: the report as pytest logs it
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        rep = yield
        # What the report says, read before any code of the learner's can run: describing its exception
        # (Verdicts.of) runs its __str__, which must not be able to change the report it is judged by.
        said = (item.nodeid, rep.when, rep.outcome, call.excinfo)
        verdict = self.verdicts.of(said[3].value) if said[3] is not None and said[2] == "failed" else None
        self._decide(item, rep, verdict, said)
        return rep

    def _decide(self, item: pytest.Item, report: pytest.TestReport, verdict: Check | None,
                said: tuple[str, str, str, Any]) -> None:
        """The check's status after one phase (setup, call, teardown) of its test, written at once; `said`:
        the report's (test id, phase, outcome, exception) as read when it was made."""
        nodeid, when, outcome, _ = said
        check = self.checks.get(nodeid)
        if check is None:
            return
        decided = None  # the status this report decides, sent to the audit hook at once
        if outcome == "failed" and check.status != "failed":
            self._fail(check, verdict or self.verdicts.unknown(report.longrepr))
            decided = "failed"
            if check.code in ("timeout", "deadlock") and check.details.get("threads") is not None:
                self.hung = check.name
        elif outcome == "skipped" and check.status == "not-run":
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            check.status, check.message, decided = "skipped", reason.removeprefix("Skipped: "), "skipped"
        elif when == "call" and outcome == "passed" and check.status == "not-run":
            try:  # and the hook compares before it seals the pass: a swap made by a finalizer since is seen
                KataPlugin._check_untouched(self, compare=False)
                self._check_fixtures(item)
            except KataFailure as exc:
                self._fail(check, self.verdicts.of(exc))
                decided = "failed"
            else:
                check.passed, check.status, decided = True, "passed", "passed"
                check.warnings = item.stash.get(WARNINGS, [])
        if when == "call":
            check.output = record.cap(report.capstdout + report.capstderr)
            self._attach_timeline(item, check)
        if when == "teardown":
            try:  # checked here, not in a report: a patched pytest could rewrite reports (a swap left in place is
                KataPlugin._check_untouched(self, compare=False)  # compared as the next call starts, and at the end)
            except KataFailure as exc:
                self._fail(check, self.verdicts.of(exc))
                decided = "failed"
        if decided is not None or when == "teardown":
            KataPlugin._write(self, complete=False, decided=[(nodeid, decided, check)] if decided else [])

    def _check_fixtures(self, item: pytest.Item) -> None:
        """The check ran with the plugin's own fixture values (the learner's module, the virtual clock)."""
        given = getattr(item, "funcargs", {})
        swapped = [name for name, own in (("learner", self.module), ("virtual", self.clock))
                   if name in given and given[name] is not own]
        if swapped:
            raise tampered("fixture " + ", ".join(swapped))

    @staticmethod
    def _fail(check: Check, verdict: Check) -> None:
        check.passed, check.status = False, "failed"
        check.code, check.message, check.details = verdict.code, verdict.message, verdict.details

    def _attach_timeline(self, item: pytest.Item, check: Check) -> None:
        """The suite's own spans, else the tasks of the check's last virtual run."""
        drawn = item.stash.get(TIMELINE, None)
        spans, clock = (drawn.spans, drawn.clock) if drawn and drawn.spans else (self.clock.last_spans, "loop")
        self.clock.last_spans = []  # the next check starts with none
        if len(spans) >= 2:
            check.details["timeline"] = {"clock": clock, "spans": [span.to_json() for span in spans[:60]]}

    @pytest.hookimpl(tryfirst=True)
    def pytest_unconfigure(self, config: pytest.Config) -> None:
        """Once the record is complete (the hook says so: called early, this thaws nothing), pytest's classes
        are mutable again, before pytest undoes its own patches on them."""
        thaw = getattr(self, "thaw_pytest", None)
        if thaw is not None:
            thaw(None)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        try:
            KataPlugin._check_untouched(self, codes=True)
        except KataFailure as exc:
            self.checks["tampered"] = Check(name=t("tampered-title", self.lang), passed=False,
                                            **failed(self.verdicts.of(exc)))
        decided = self._import_leaks()
        KataPlugin._write(self, complete=True, decided=decided)

    def _import_leaks(self) -> list[tuple[str, str, Check]]:
        """A thread or process that loading the module started and that is still alive now: a failure when it
        would keep the program from exiting (not a daemon), else a warning on a passing check (issue 22),
        returned as decided here for the record (see _write)."""
        found = self.import_watch.verdict(self.lang) if self.import_watch is not None and self.module is not None else None
        if found is None:
            return []
        code, message, blocks = found
        name = t("import-leaks-title", self.lang)
        if blocks:
            self.checks["import-leaks"] = Check(name=name, passed=False, code=code, message=message, status="failed")
            return []
        check = self.checks["import-leaks"] = Check(name=name, passed=True, warnings=[{"code": code, "message": message}])
        return [("import-leaks", "passed", check)]

    # --- the record ------------------------------------------------------------------------------

    def _install_hook(self) -> None:
        """Install the audit hook with the secret, once (before the learner's code loads); the plugin lets the
        secret go. Once the hook is in, nothing here is called again, whatever the attribute holds then."""
        if self.hook is not None and not audit.installed():  # (a hook set since is never called: it is in)
            hook, self.hook = self.hook, None
            hook()

    def _write(self, complete: bool, decided: list[tuple[str, str, Check]] = ()) -> None:
        """Send the checks to the record (checker/child/record.py). A check is sent as passed only in
        `decided`, straight from the report that passed it: learner code that reaches the plugin (pytest's
        config holds it) and marks checks passed changes nothing, and what it can break is tampering."""
        KataPlugin._install_hook(self)  # (a run that ends before the learner's code loads: a broken suite)
        checks = self.checks
        odd = [name for name in vars(self) if hasattr(KataPlugin, name)]  # an attribute hiding a method
        if type(checks) is not dict or any(type(c) is not Check or c.passed is not (c.status == "passed")
                                           for c in dict.values(checks)):
            odd.append("checks")
        if odd:
            audit.latch("checker.child.plugin.KataPlugin." + ",".join(odd))
        record.write(self.record_path, checks, decided, complete)
