"""The pytest plugin loaded into the child process that runs one kata's hidden suite.

It loads the learner's file by path (under its own module name, its folder on sys.path), gives the suite
the fixtures `learner` and `virtual`, limits each check's time, turns every failure into a diagnostic code
and a message in the learner's language, and writes the signed record the parent reads.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import multiprocessing
import os
import random
import signal
import sys
import threading
import traceback
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from checker import report, system
from checker.child import audit, diagnose, guard, leaks, lockorder, probes, races, testkit
from checker.child.settings import Settings
from checker import timeline as timeline_mod
from checker.i18n import pick, t
from checker.report import Check
from checker.child.testkit import KataFailure  # bound before any learner code runs


class CheckTimeout(BaseException):
    """Raised in the main thread when a check runs past its limit (a BaseException, so that a learner's
    `except Exception:` cannot swallow it)."""

    def __init__(self, limit: float, stacks: list[diagnose.ThreadStack], running: diagnose.ThreadStack | None,
                 loop_stuck_s: float | None):
        super().__init__(f"check ran past {limit} s")
        self.limit = limit
        self.stacks = stacks
        self.running = running  # a thread seen making progress, if any
        self.loop_stuck_s = loop_stuck_s  # the event loop sat in one callback this long


class KataPlugin:
    def __init__(self, settings: Settings, secret: bytes):
        self.learner_file = settings.file
        self.kata = settings.kata
        self.lang = lang = settings.lang
        self.check_timeout = settings.check_timeout
        self.record_path = Path(settings.record)
        # The secret goes to the audit hook and stays there: the plugin never holds it (see audit.py).
        audit.install(secret, lang, KataPlugin._write, {
            "name": t("tampered-title", lang),
            "message": t("tampered-event", lang, event="{event}", detail="{detail}")})
        record_locks, leaks, seed = settings.record_locks, settings.leaks, settings.seed
        self.module: Any = None
        self.checks: dict[str, Check] = {}
        self.verdicts: dict[tuple[str, str], Check] = {}
        self.sleep_probe = probes.BlockingSleepProbe(self.learner_file)
        self.clock = probes.Virtual(self.learner_file)
        self.snapshot: guard.Snapshot | None = None
        self.hung: str | None = None  # title of a check that hung: later checks are not run
        self.locks = lockorder.LockGraph(self.learner_file) if record_locks else None
        self.leaks = leaks
        self.seed = seed if seed is not None else random.SystemRandom().randrange(1, 0x10000)
        self.warnings: dict[str, list[dict[str, str]]] = {}
        self.current_timeline: timeline_mod.Timeline | None = None
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
            self.checks[item.nodeid] = Check(name=self._title(item), passed=False, status="not-run",
                                             task=self._task(item), test=item.nodeid)
        suites = {item.module for item in items if isinstance(item, pytest.Function)}
        self.guarded = guard.guarded_modules(suites)
        self.sleep_probe.install()  # before the import: `from time import sleep` binds the probe
        if self.locks is not None:
            lockorder.install(self.locks)
        self.snapshot = guard.Snapshot(self.guarded)
        audit.arm(self.learner_file, [str(Path(__file__).resolve().parents[1]),
                                      *{str(Path(str(item.fspath)).parent) for item in items}])
        try:
            self.import_watch = leaks.ImportWatch()
            with self.deadline():
                self.module = self._import()
            self.import_watch.loaded()
            self.sleep_probe.install(self.module)
            self._check_untouched()
        except BaseException as exc:  # the learner's file did not load: one check says why
            self.checks = {"import": Check(name=t("import-title", self.lang), passed=False,
                                           **self._verdict_fields(self._classify(exc, importing=True)))}
            items[:] = []
        self._write(complete=not items)
        # Everything alive now (pytest, asyncio, the suite, the learner's module) stays alive: out of the
        # collector's sight, so that the collection after each check scans only what the check created.
        gc.collect()
        gc.freeze()

    def _check_untouched(self, codes: bool = False) -> None:
        """Fail with `tampered` when the learner's code used a refused event or replaced a guarded function."""
        event = audit.latched()
        if event is not None:
            raise KataFailure("tampered", t("tampered-event", "en", event=event[0], detail=event[1]),
                              t("tampered-event", "fr", event=event[0], detail=event[1]))
        changed = self.snapshot.changed(self.guarded, codes=codes)
        if changed:
            names = ", ".join(changed[:5])
            audit.latch(names)
            raise KataFailure("tampered", t("tampered-runtime", "en", names=names),
                              t("tampered-runtime", "fr", names=names))

    def _import(self) -> Any:
        path = Path(self.learner_file)
        name = path.stem
        if name in sys.stdlib_module_names or name in sys.modules:
            raise KataFailure(
                "crash",
                f"Your file is named {path.name}, like Python's own module `{name}`: importing it would "
                f"replace that module. Rename your file (for example my_{name}.py) and check it again.",
                f"Votre fichier s'appelle {path.name}, comme le module Python `{name}` : l'importer "
                f"remplacerait ce module. Renommez votre fichier (par exemple my_{name}.py) et relancez.")
        sys.path.insert(0, str(path.parent))
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        with system.fork_where_it_exists():  # module-level code that starts processes: the same on every system
            spec.loader.exec_module(module)
        return module

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
    def race(self) -> races.RaceProbe:
        """Threads under the cooperative scheduler (checker/child/races.py): `race.watched(cls)`, `race.guard(lock,
        label)`, then `race.run(jobs)` (switches drawn from the seed) or `race.explore(scenario, bound=K)`, and
        `race.tell(lang)`, `race.replay(kata)`. The seed comes from `kata check NN --seed S`, else is drawn."""
        return races.RaceProbe(self.seed)

    @pytest.fixture
    def timeline(self) -> timeline_mod.Timeline:
        """Spans of work to draw under the verdict: `timeline.add(name, start, end)`; `timeline.clock =
        "wall"` for threads and processes. Without it, the tasks of the last virtual run are drawn."""
        self.current_timeline = timeline_mod.Timeline()
        return self.current_timeline

    @pytest.fixture
    def virtual(self) -> probes.Virtual:
        """Run asyncio code in virtual event-loop time: `virtual(main)` or `virtual.run(coro_fn, *args)`."""
        return self.clock

    # --- running each check ------------------------------------------------------------------------

    @contextmanager
    def deadline(self, seconds: float | None = None):
        limit = seconds or self.check_timeout
        learner_file, clock = self.learner_file, self.clock  # the handler holds no reference to the plugin

        def on_alarm(signum, frame):
            raise CheckTimeout(limit, *diagnose.sample(learner_file), clock.stuck_for())

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if self.hung:  # the learner's code hangs: running it again would only hang again
            pytest.skip(t("skipped-hung", self.lang, check=self.hung))
        for marker in item.iter_markers("needs"):
            for needed in marker.args:
                # "test_x[case]" needs that case; "test_x" needs every case of a parametrized check
                failed = next((c for nodeid, c in self.checks.items()
                               if _names(nodeid, needed) and not c.passed), None)
                if failed is not None:
                    pytest.skip(t("skipped-needs", self.lang, needs=failed.name))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item):
        self.sleep_probe.events.clear()
        self.clock.stalls.clear()
        if self.locks is not None:
            self.locks.clear()
        threads_before = {t.ident for t in threading.enumerate()}
        processes_before = {p.pid for p in multiprocessing.active_children()}
        error: BaseException | None = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RuntimeWarning)
            try:
                with self.deadline():
                    try:
                        yield
                    finally:
                        gc.collect()  # coroutines that die in a reference cycle warn only now
            except BaseException as exc:
                error = exc
            if error is not None and not isinstance(error, CheckTimeout):
                # a coroutine returned instead of run, held only by the failed check's frames: collected now,
                # it warns that it was never awaited (issue 22)
                _forget_locals(error, str(item.path))
                gc.collect()
        unawaited = [w for w in caught if "was never awaited" in str(w.message)]
        if unawaited and not isinstance(error, CheckTimeout):
            raise self._not_awaited(unawaited[0], error) from error
        blocked = self.sleep_probe.events or self.clock.stalls
        if blocked and not isinstance(error, CheckTimeout):
            raise self._blocking(blocked[0]) from error
        if error is not None:
            raise error
        self._after_passing(item, threads_before, processes_before)

    def _after_passing(self, item: pytest.Item, threads_before: set, processes_before: set) -> None:
        """Leaks and lock-order cycles of a check that passed: warnings, or failures where kata.toml says
        `leaks = "fail"`."""
        found = []
        for thread in leaks.leaked_threads(threads_before):
            found.append(("leaked-thread", t("leaked-thread", "en", origin=leaks.thread_origin(thread)),
                          t("leaked-thread", "fr", origin=leaks.thread_origin(thread))))
        for process in leaks.leaked_processes(processes_before):
            found.append(("leaked-process", t("leaked-process", "en", origin=leaks.process_origin(process)),
                          t("leaked-process", "fr", origin=leaks.process_origin(process))))
        if found and self.leaks == "fail":
            raise KataFailure(*found[0])
        for cycle in self.locks.cycles() if self.locks is not None else []:
            steps = "; ".join(cycle)
            found.append(("deadlock", t("lock-cycle", "en", steps=steps), t("lock-cycle", "fr", steps=steps)))
        self.warnings[item.nodeid] = [{"code": code, "message": pick({"en": en, "fr": fr}, self.lang)}
                                      for code, en, fr in found]

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo):
        rep = yield
        if call.excinfo is not None and rep.failed:
            self.verdicts[(item.nodeid, call.when)] = self._classify(call.excinfo.value)
        return rep

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        check = self.checks.get(report.nodeid)
        if check is None:
            return
        decided = None  # the status this report decides, sent to the audit hook at once
        if report.failed and check.status != "failed":
            verdict = self.verdicts.pop((report.nodeid, report.when), None) or self._unknown(report)
            check.passed, check.status, decided = False, "failed", "failed"
            check.code, check.message, check.details = verdict.code, verdict.message, verdict.details
            if verdict.code in ("timeout", "deadlock") and verdict.details.get("threads") is not None:
                self.hung = check.name
        elif report.skipped and check.status == "not-run":
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            check.status, check.message, decided = "skipped", reason.removeprefix("Skipped: "), "skipped"
        elif report.when == "call" and report.passed and check.status == "not-run":
            check.passed, check.status, decided = True, "passed", "passed"
            check.warnings = self.warnings.pop(report.nodeid, [])
        if report.when == "call":
            check.output = _cap(report.capstdout + report.capstderr)
            self._attach_timeline(check)
        if report.when == "teardown":
            try:  # checked here, not in a report: a patched pytest could rewrite reports
                self._check_untouched()
            except KataFailure as exc:
                verdict = self._classify(exc)
                check.passed, check.status, decided = False, "failed", "failed"
                check.code, check.message, check.details = verdict.code, verdict.message, verdict.details
        if decided is not None or report.when == "teardown":
            self._write(complete=False, decided=[(report.nodeid, decided, check)] if decided else [])

    def _attach_timeline(self, check: Check) -> None:
        """The suite's own spans, else the tasks of the check's last virtual run."""
        drawn = self.current_timeline
        spans, clock = (drawn.spans, drawn.clock) if drawn and drawn.spans else (self.clock.last_spans, "loop")
        self.current_timeline, self.clock.last_spans = None, []  # the next check starts with none
        if len(spans) >= 2:
            check.details["timeline"] = {"clock": clock, "spans": [span.to_json() for span in spans[:60]]}

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        try:
            self._check_untouched(codes=True)
        except KataFailure as exc:
            verdict = self._classify(exc)
            self.checks["tampered"] = Check(name=t("tampered-title", self.lang), passed=False,
                                            **self._verdict_fields(verdict))
        decided = self._import_leaks()
        self._write(complete=True, decided=decided)

    def _import_leaks(self) -> list[tuple[str, str, Check]]:
        """A thread or process that loading the module started and that is still alive now: a failure when it
        would keep the program from exiting (not a daemon), else a warning on a passing check (issue 22),
        returned as decided here for the record (see _write)."""
        found = self.import_watch.verdict() if self.import_watch is not None and self.module is not None else None
        if found is None:
            return []
        code, en, fr, blocks = found
        name = pick({"en": "What your file starts when it loads ends", "fr": "Ce que votre fichier lance au "
                     "chargement se termine"}, self.lang)
        message = pick({"en": en, "fr": fr}, self.lang)
        if blocks:
            self.checks["import-leaks"] = Check(name=name, passed=False, code=code, message=message, status="failed")
            return []
        check = self.checks["import-leaks"] = Check(name=name, passed=True, warnings=[{"code": code, "message": message}])
        return [("import-leaks", "passed", check)]

    # --- verdicts ----------------------------------------------------------------------------------

    def _classify(self, exc: BaseException, importing: bool = False) -> Check:
        lang = self.lang
        if isinstance(exc, KataFailure):
            return Check("", False, exc.code, pick(exc.texts, lang), "failed", details=dict(exc.details))
        if isinstance(exc, CheckTimeout):
            code = diagnose.classify_hang(exc.stacks, exc.running)
            where = ""
            spinning = exc.running or next((s for s in exc.stacks if s.name == "MainThread"),
                                           exc.stacks[0] if exc.stacks else None)
            if code == "timeout" and spinning is not None:
                where = t("where-running", lang, location=spinning.innermost.where())
            message = t("check-timeout", lang, limit=exc.limit, where=where)
            if exc.loop_stuck_s and exc.loop_stuck_s > exc.limit / 2:
                message += " " + t("never-yields", lang, seconds=exc.loop_stuck_s)
            message += diagnose.describe(exc.stacks, lang)
            if code == "deadlock":
                message = pick({
                    "en": f"Every thread in your code was waiting for a lock after {exc.limit:g} s: a deadlock. "
                          "Expected: each lock is released (use `with lock:`), and locks are always taken in the "
                          "same order.",
                    "fr": f"Tous les threads de votre code attendaient un verrou après {exc.limit:g} s : un "
                          "interblocage. Attendu : chaque verrou est relâché (utilisez `with lock:`) et les "
                          "verrous sont toujours pris dans le même ordre."}, lang) + diagnose.describe(exc.stacks, lang)
            return Check("", False, code, message, "failed",
                         details={"threads": [{"name": s.name, "at": s.innermost.where()} for s in exc.stacks]})
        if isinstance(exc, probes.LoopEndReached):
            return Check("", False, "wrong-timing", pick({
                "en": f"Your code was still waiting after {exc.args[0]:g} s of event-loop time (virtual time, so "
                      "this took no real time). Expected: it finishes; something waits far too long or forever.",
                "fr": f"Votre code attendait encore après {exc.args[0]:g} s de temps de boucle (temps virtuel, "
                      "donc sans attente réelle). Attendu : qu'il se termine ; une attente est bien trop longue "
                      "ou infinie."}, lang), "failed")
        if isinstance(exc, NotImplementedError):
            function = self._learner_function(exc) or "?"
            return Check("", False, "not-implemented", t("not-implemented", lang, function=function, kata=self.kata),
                         "failed")
        if importing:
            error = self._describe_exception(exc)
            return Check("", False, "crash", t("import-failed", lang, error=error), "failed")
        if isinstance(exc, SystemExit):
            return Check("", False, "crash", t("system-exit", lang, status=exc.code), "failed")
        if isinstance(exc, (AssertionError, pytest.fail.Exception)) and not self._raised_in_learner(exc):
            # a plain assert in a suite: still a wrong result, with the suite's own text
            return Check("", False, "wrong-result", str(exc).split("\n")[0][:500], "failed")
        return Check("", False, "crash", t("raised", lang, error=self._describe_exception(exc)), "failed")

    def _verdict_fields(self, verdict: Check) -> dict[str, Any]:
        return {"code": verdict.code, "message": verdict.message, "status": "failed", "details": verdict.details}

    def _unknown(self, rep: pytest.TestReport) -> Check:
        return Check("", False, "crash", str(rep.longrepr)[-1000:], "failed")

    def _learner_frames(self, exc: BaseException) -> list[traceback.FrameSummary]:
        return [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == self.learner_file]

    def _learner_function(self, exc: BaseException) -> str | None:
        frames = self._learner_frames(exc)
        return frames[-1].name if frames else None

    def _raised_in_learner(self, exc: BaseException) -> bool:
        return bool(self._learner_frames(exc))

    def _describe_exception(self, exc: BaseException) -> str:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        if isinstance(exc, SyntaxError) and exc.lineno:
            return f"{type(exc).__name__} {Path(exc.filename or self.learner_file).name}:{exc.lineno}: {exc.msg}"
        where = testkit.learner_line(exc, self.learner_file)
        return (text + (f" ({where})" if where else ""))[:600]

    def _not_awaited(self, w: warnings.WarningMessage, error: BaseException | None = None) -> KataFailure:
        text = str(w.message).split("\n")[0]
        location = self._origin(str(w.message)) or f"{Path(w.filename).name}:{w.lineno}"
        if isinstance(error, KataFailure) and error.code != "not-awaited":
            # the suite's own words say what the call gave back; the code says what kind of mistake it is
            return KataFailure("not-awaited",
                               f"{error.texts['en']} ({text} at {location}, where it was created: it never ran.)",
                               f"{error.texts['fr']} (coroutine créée à {location} et jamais attendue : elle ne "
                               f"s'est jamais exécutée ; « {text} ».)", **error.details)
        return KataFailure("not-awaited", t("not-awaited", "en", detail=text, location=location),
                                   t("not-awaited", "fr", detail=text, location=location))

    def _origin(self, message: str) -> str | None:
        """The learner's line in 'Coroutine created at' (set_coroutine_origin_tracking_depth)."""
        name = Path(self.learner_file).name
        for line in reversed(message.splitlines()):  # most recent call last: the line that created it
            if self.learner_file in line and "line" in line:
                number = line.split("line", 1)[1].split(",")[0].strip()
                return f"{name}:{number}"
        return None

    def _blocking(self, event: probes.BlockEvent) -> KataFailure:
        key = "blocking-sleep" if event.kind == "sleep" else "blocking-slow"
        return KataFailure("blocking-call", t(key, "en", seconds=event.seconds, location=event.location),
                                   t(key, "fr", seconds=event.seconds, location=event.location),
                                   location=event.location, seconds=round(event.seconds, 3))

    # --- naming and the record -----------------------------------------------------------------

    def _title(self, item: pytest.Item) -> str:
        doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
        lines = [line.strip() for line in doc.strip().splitlines() if line.strip()]
        titles = {"en": lines[0]} if lines and not lines[0].startswith("fr:") else {}
        titles.update({"fr": line[3:].strip() for line in lines if line.startswith("fr:")})
        if not titles:
            titles = {"en": item.originalname.removeprefix("test_").replace("_", " ")}
        callspec = getattr(item, "callspec", None)
        suffix = f" [{', '.join(map(str, callspec.params.values()))}]" if callspec else ""
        suffix = suffix if len(suffix) <= 42 else suffix[:40] + "…]"
        return pick(titles, self.lang) + suffix

    @staticmethod
    def _task(item: pytest.Item) -> str | None:
        marker = item.get_closest_marker("task")
        return str(marker.args[0]) if marker and marker.args else None

    def _write(self, complete: bool, decided: list[tuple[str, str, Check]] = ()) -> None:
        """Send the checks' entries to the audit hook, which keeps the record and signs it. A check is sent as
        passed only in `decided`, straight from the report that passed it (with its status forced from that
        report): learner code that reaches the plugin (pytest's config holds it) and marks checks passed
        changes nothing, and what it can break is tampering."""
        checks = self.checks
        odd = [name for name in vars(self) if hasattr(KataPlugin, name)]  # an attribute hiding a method
        if type(checks) is not dict or any(type(c) is not Check or c.passed is not (c.status == "passed")
                                           for c in dict.values(checks)):
            odd.append("checks")
        if odd:
            audit.latch("checker.child.plugin.KataPlugin." + ",".join(odd))
        try:
            entries = [(key, check.status, _entry(check, check.status)) for key, check in dict.items(checks)
                       if check.status != "passed"]
            entries += [(key, status, _entry(check, status)) for key, status, check in decided]
        except BaseException:  # a replaced function: the hook signs the `tampered` record it latched
            entries = []
        blob = audit.seal(entries, complete)
        tmp = self.record_path.with_suffix(".tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, self.record_path)


def _entry(check: Check, status: str) -> bytes:
    data = check.to_json()
    data["passed"], data["status"] = status == "passed", status
    return json.dumps(data, ensure_ascii=False).encode()


OUTPUT_CAP = 500


def _cap(text: str) -> str:
    if len(text) <= OUTPUT_CAP:
        return text
    return text[:OUTPUT_CAP] + f"\n[output truncated: {len(text)} characters, the first {OUTPUT_CAP} shown]"


def _forget_locals(error: BaseException, suite_file: str) -> None:
    """Clear the locals of the failed check's frames, from the suite's first frame down, so that what they
    alone held (a coroutine the learner's code returned instead of running) can be collected."""
    tb, inside = error.__traceback__, False
    while tb is not None:
        inside = inside or tb.tb_frame.f_code.co_filename == suite_file
        if inside:
            try:
                tb.tb_frame.clear()
            except RuntimeError:  # a frame still running
                pass
        tb = tb.tb_next


def _names(nodeid: str, needed: str) -> bool:
    """The check `nodeid` is (a case of) the check named `needed`."""
    name = nodeid if "[" in needed else nodeid.split("[", 1)[0]
    return name.endswith("::" + needed)
