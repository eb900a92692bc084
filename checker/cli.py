"""The `kata` command: parse arguments, call the library, render. No grading logic lives here.

Library errors (KataError) become one line on stderr and exit status 2; a learner's failing kata is
exit status 1, a passing one 0.
"""

from __future__ import annotations

import signal
import sys
from functools import cached_property
from pathlib import Path

import click

from checker.errors import KataError

EXIT_NOT_GRADED = 3  # `kata check`: the machine stayed too busy to measure; no verdict (README, exit status)
LANG_CHOICE = click.Choice(["en", "fr"], case_sensitive=False)


class SeedType(click.ParamType):
    name = "seed"

    def convert(self, value, param, ctx):
        try:
            return value if isinstance(value, int) else int(str(value), 0)
        except ValueError:
            from checker.i18n import t

            self.fail(t("bad-seed", _lang_of(ctx), value=value), param, ctx)


SEED = SeedType()


class App:
    """What every command needs, built on first use (so `kata --help` stays instant); shared by the commands
    through click's context (`kata --lang fr list` and `kata list --lang fr` alike)."""

    def __init__(self, lang: str | None):
        from checker.i18n import choose_language

        self.lang = choose_language(lang)

    @cached_property
    def root(self) -> Path:
        from checker.catalog import find_root

        return find_root()

    @cached_property
    def catalog(self):
        from checker.catalog import Catalog

        return Catalog(self.root)

    @cached_property
    def store(self):
        from checker.progress import ProgressStore

        return ProgressStore(self.root)

    def summary(self):
        from checker import actions

        return actions.summary(self.catalog, self.store)

    def kata_or_next(self, ref: str | None):
        """The kata named, else the first one not passed (None when all are)."""
        from checker import actions

        return self.catalog.get(ref) if ref else actions.next_kata(self.catalog, self.store)

    def warn_moved_stores(self) -> None:
        from checker.i18n import t

        for path, reason, backup in self.store.warnings:
            click.echo(t("progress-moved", self.lang, path=path, reason=reason, backup=backup), err=True)
        self.store.warnings.clear()


def _lang_of(ctx: click.Context | None) -> str:
    app = ctx.find_object(App) if ctx is not None else None
    if app is not None:
        return app.lang
    from checker.i18n import choose_language

    return choose_language(None)


class KataGroup(click.Group):
    """Turns KataError into one clear line (in the learner's language) and exit status 2; Ctrl-C into 130."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KataError as exc:
            from checker.i18n import t

            lang = _lang_of(ctx)
            click.echo(t("error-prefix", lang, message=exc.in_language(lang)), err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            ctx.exit(130)


def lang_option(f):
    return click.option("--lang", type=LANG_CHOICE, default=None,
                        help="Language of the texts: en or fr (default: KATA_LANG, then the locale).")(f)


def use(ctx: click.Context, lang: str | None) -> App:
    """The group's App, in the language a command's own --lang asks for, if any."""
    app = ctx.find_object(App)
    if app is None:  # a command invoked on its own, without the group
        app = ctx.obj = App(None)
    if lang:
        app.lang = lang.lower()
    return app


@click.group(cls=KataGroup, invoke_without_command=True)
@click.version_option(package_name="concurrency-katas")
@lang_option
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """Concurrency katas: read a kata, write the code, `kata check NN`.

    Without a command: where you are and what to do next."""
    ctx.obj = App(lang.lower() if lang else None)
    if ctx.invoked_subcommand is None:
        from checker import actions, listings

        app = ctx.obj
        click.echo(listings.home(app.catalog.katas, app.summary(), actions.next_kata(app.catalog, app.store), app.lang))
        app.warn_moved_stores()


@cli.command("list")
@lang_option
@click.pass_context
def list_katas(ctx: click.Context, lang: str | None) -> None:
    """All katas, their status and points."""
    from checker import listings

    app = use(ctx, lang)
    click.echo(listings.kata_list(app.catalog.katas, app.summary(), app.lang))
    app.warn_moved_stores()


@cli.command()
@click.argument("kata", required=False)
@lang_option
@click.pass_context
def show(ctx: click.Context, kata: str | None, lang: str | None) -> None:
    """The exercise text of KATA (default: the next kata), paged when longer than the terminal."""
    from checker import layout, render
    from checker.i18n import t

    app = use(ctx, lang)
    found = app.kata_or_next(kata)
    if found is None:
        click.echo(t("all-done", app.lang))
        return
    text = render.markdown(found.readme(app.lang).read_text(encoding="utf-8"), render.console())
    layout.page(text + "\n\n" + t("file-to-edit", app.lang, file=found.learner_file.relative_to(app.root)))


@cli.command()
@click.argument("kata", required=False)
@click.option("--file", "file", type=click.Path(path_type=Path), default=None,
              help="Grade this file instead of the kata's own (progress is not recorded).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object and nothing else.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "exercism"]), default="text",
              help="text (default), json (same as --json) or exercism (results.json version 3).")
@click.option("--timeline", "picture", type=click.Choice(["svg", "html"]), default=None,
              help="Also write the timeline of the check as a picture: .kata/timelines/kata-NN-timeline.svg "
                   "(or .html).")
@click.option("--task", "task", default=None,
              help="Grade one task of KATA (kata.toml [[tasks]]): exit 0 only when its checks pass.")
@click.option("--seed", type=SEED, default=None,
              help="Replay the interleaving of threads a race or deadlock report named (e.g. 0x3f2a).")
@lang_option
@click.pass_context
def check(ctx: click.Context, kata: str | None, file: Path | None, as_json: bool, fmt: str, picture: str | None,
          task: str | None, seed: int | None, lang: str | None) -> None:
    """Grade KATA (default: the next kata; exit 0 passed, 1 not passed, 2 bad usage, 3 not graded: the machine
    stayed too busy to measure)."""
    from checker import actions, formats, render
    from checker.i18n import t
    from checker.report import Status

    app = use(ctx, lang)
    found = app.kata_or_next(kata)
    if found is None:
        click.echo(t("all-done", app.lang))
        return
    if task is not None:
        actions.require_task(found, task)
    if seed is not None and not actions.has_races(found):
        click.echo(t("seed-no-effect", app.lang, kata=found.id), err=True)
    fmt = "json" if as_json else fmt
    live = None
    if fmt == "text":
        out = render.console()
        from checker.runner import validate_file

        validate_file(file or found.learner_file, given=file is not None)  # a wrong path: one line, no header
        render.header(out, found, app.lang)
        live = render.LiveChecks(out, app.lang)
    try:
        found, report = actions.check(app.catalog, app.store, found.id, file, app.lang, seed,
                                      on_progress=live.update if live else None)
    finally:
        if live is not None:
            live.stop()
    if fmt == "json":
        click.echo(formats.report_json(report))
    elif fmt == "exercism":
        click.echo(formats.exercism([(found, report)]))
    else:
        live.finish(found, report)
    if picture:
        path = actions.write_timeline(found, report, picture, app.root / ".kata" / "timelines", app.lang)
        click.echo(t("timeline-written", app.lang, path=path.relative_to(app.root)) if path
                   else t("no-timeline", app.lang), err=True)
    app.warn_moved_stores()
    status = report.status if task is None else report.task_status(task)
    sys.exit(0 if status is Status.PASSED else EXIT_NOT_GRADED if status is Status.NOT_GRADED else 1)


@cli.command()
@click.option("--katas", "refs", default=None, help="Comma-separated katas (default: all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "classroom", "exercism"]),
              default="text", help="text (a table), json, junit (XML), classroom (one entry per grader step) "
                                   "or exercism (results.json version 3).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Katas graded at once (default: cores).")
@lang_option
@click.pass_context
def grade(ctx: click.Context, refs: str | None, fmt: str, jobs: int | None, lang: str | None) -> None:
    """Grade every kata (or --katas) against the files in katas/; exit 0 only when all pass."""
    from checker import formats, grade as grading, listings, render

    app = use(ctx, lang)
    results = grading.grade(app.catalog.select(refs), app.lang, jobs)
    if fmt == "json":
        click.echo(grading.as_json(results))
    elif fmt == "classroom":
        click.echo(grading.as_classroom(results, app.lang))
    elif fmt == "junit":
        click.echo(formats.reports_junit(results), nl=False)
    elif fmt == "exercism":
        click.echo(formats.exercism(results))
    else:
        listings.grade_table(render.console(), results, app.lang)
    sys.exit(0 if all(report.passed for _, report in results) else 1)


@cli.command()
@click.argument("kata", required=False)
@lang_option
@click.pass_context
def hint(ctx: click.Context, kata: str | None, lang: str | None) -> None:
    """The next hint for KATA (default: the next kata), one more each time."""
    from checker import actions, listings, render
    from checker.i18n import pick, t

    app = use(ctx, lang)
    found = app.kata_or_next(kata)
    if found is None:
        click.echo(t("all-done", app.lang))
        return
    found, n, text = actions.hint(app.catalog, app.store, found.id, app.lang)
    if text is None:
        click.echo(t("no-more-hints", app.lang, kata=found.id, count=n))
        click.echo("\n".join(listings.hint_text(f"{i}. {pick(h, app.lang)}", app.lang)
                             for i, h in enumerate(found.hints, 1)))
    else:
        click.echo(t("hint-header", app.lang, n=n, count=len(found.hints), kata=found.id))
        out = render.console()
        click.echo(render.markdown(text, out) if out.is_terminal else listings.hint_text(text, app.lang))


@cli.command("next")
@lang_option
@click.pass_context
def next_cmd(ctx: click.Context, lang: str | None) -> None:
    """The first kata not yet passed."""
    from checker.i18n import t

    app = use(ctx, lang)
    found = app.kata_or_next(None)
    if found is None:
        click.echo(t("all-done", app.lang))
    else:
        click.echo(t("next-kata", app.lang, kata=found.id, title=found.title_in(app.lang)))


@cli.command()
@click.argument("kata", required=False)
@lang_option
@click.pass_context
def watch(ctx: click.Context, kata: str | None, lang: str | None) -> None:
    """Re-check KATA (default: the next one) on every save. Ctrl-C to stop."""
    from checker import actions, render
    from checker.i18n import t
    from checker.watch import watch as watch_file

    app = use(ctx, lang)
    found = app.kata_or_next(kata)
    if found is None:
        click.echo(t("all-done", app.lang))
        return
    out = render.console()
    file = found.learner_file.relative_to(app.root)

    def run_once() -> None:
        if out.is_terminal:
            out.clear()  # the verdict on screen is always the newest
        else:
            out.rule()
        click.echo(t("watch-start", app.lang, file=file, kata=found.id))
        render.header(out, found, app.lang)
        live = render.LiveChecks(out, app.lang)
        try:
            _, report = actions.check(app.catalog, app.store, found.id, None, app.lang, on_progress=live.update)
        except KataError as exc:  # a missing file while the editor saves: say so, keep watching
            live.stop()
            click.echo(t("error-prefix", app.lang, message=exc.in_language(app.lang)), err=True)
            return
        live.stop()
        live.finish(found, report)

    try:
        watch_file(found.learner_file, run_once)
    except KeyboardInterrupt:
        click.echo(t("watch-stop", app.lang))
        ctx.exit(130)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              help="text (default), json or csv: attempts, time to first pass, hints used, frequent codes.")
@lang_option
@click.pass_context
def progress(ctx: click.Context, fmt: str, lang: str | None) -> None:
    """What is done, attempts, hints, last result."""
    from checker import actions, formats, listings

    app = use(ctx, lang)
    if fmt == "text":
        click.echo(listings.progress_text(app.catalog.katas, app.summary(), app.lang))
    elif fmt == "json":
        click.echo(formats.progress_json(actions.progress_rows(app.catalog, app.store)))
    else:
        click.echo(formats.progress_csv(actions.progress_rows(app.catalog, app.store)), nl=False)
    app.warn_moved_stores()


@cli.command()
@click.argument("kata")
@lang_option
@click.pass_context
def solution(ctx: click.Context, kata: str, lang: str | None) -> None:
    """The reference solution of KATA beside your file, once you passed it."""
    from checker import actions, render

    app = use(ctx, lang)
    found, mine, reference = actions.solution(app.catalog, app.store, kata)
    render.solution_view(render.console(), found, mine, reference, app.lang)


@cli.command()
@click.argument("kata")
@lang_option
@click.pass_context
def reset(ctx: click.Context, kata: str, lang: str | None) -> None:
    """Restore the stub of KATA (your file is kept in .kata/backups/)."""
    from checker import actions
    from checker.i18n import t

    app = use(ctx, lang)
    found, backup, changed = actions.reset(app.catalog, app.store, kata)
    file = found.learner_file.relative_to(app.root)
    if not changed:
        click.echo(t("reset-unchanged", app.lang, kata=found.id))
    elif backup is None:
        click.echo(t("reset-deleted", app.lang, kata=found.id, file=file))
    else:
        click.echo(t("reset-done", app.lang, kata=found.id, file=file, backup=backup.relative_to(app.root)))


@cli.command()
@click.option("--katas", "refs", default=None, help="Comma-separated katas (default: all).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Checks run at once, of the cases that may share the machine (default: three per core).")
@click.option("--repeat", type=click.IntRange(1, 1000), default=1,
              help="Run every case this many times: a verdict that flips between runs fails.")
@click.option("--only", type=click.Choice(["shared", "alone"]), default=None,
              help="Only the cases that may share the machine, or only those that measure real time and run "
                   "alone (default: both).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (every case) and nothing else.")
@click.pass_context
def verify(ctx: click.Context, refs: str | None, jobs: int | None, repeat: int, only: str | None, as_json: bool) -> None:
    """Teachers: every solution passes, every stub fails, every known mistake gets its code."""
    from checker.i18n import t
    from checker.verify import PARTS
    from checker.verify import verify as run_verify

    app = use(ctx, None)
    katas = app.catalog.select(refs)
    incomplete = [] if refs else app.catalog.incomplete
    for folder in [] if as_json else incomplete:
        click.echo(click.style("FAIL", fg="red") + " " + t("verify-no-toml", app.lang, folder=folder.name))

    def show(outcome) -> None:
        mark = click.style("ok  ", fg="green") if outcome.ok else click.style("FAIL", fg="red")
        problem = click.style(f"  ({outcome.problem})", fg="red") if outcome.problem and not outcome.ok else ""
        click.echo(f"{mark} {outcome.case.kata.id} {outcome.case.role:8} {outcome.case.file.name:38} "
                   f"expected {outcome.case.expected or 'pass':16} got {outcome.got}{problem}")

    outcomes = run_verify(katas, jobs=jobs, on_outcome=None if as_json else show, repeat=repeat,
                          parts=(only,) if only else PARTS)
    bad = [o for o in outcomes if not o.ok]
    if as_json:
        from checker import formats

        click.echo(formats.verify_json(outcomes, app.root, incomplete))
    else:
        click.echo(t("verify-total", app.lang, good=len(outcomes) - len(bad), count=len(outcomes)))
    sys.exit(1 if bad or incomplete else 0)


@cli.command("export")
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--katas", "refs", default=None, help="Comma-separated katas to ship, e.g. 01,02 (default: all).")
@click.option("--with-solutions", is_flag=True,
              help="Also ship solutions/ (a teacher's copy; never give it to students).")
@click.option("--lang", type=LANG_CHOICE, default=None,
              help="Language of the student README.md and of the grading messages: en or fr "
                   "(default: KATA_LANG, then the locale). The other language is written too.")
@click.option("--python", "python", default=None, metavar="X.Y",
              help="Python of the grading workflow (actions/setup-python; default: the newest the checker is "
                   "tested on).")
@click.option("--update", is_flag=True,
              help="DEST is an existing student repository (a clone): refresh its grading files and workflow, "
                   "keep the learner's kata files.")
@click.pass_context
def export_cmd(ctx: click.Context, dest: Path, refs: str | None, with_solutions: bool, lang: str | None,
               python: str | None, update: bool) -> None:
    """Teachers: write a student repository for GitHub Classroom in DEST (a new or empty folder)."""
    from checker import classroom
    from checker.export import export, update as update_repo
    from checker.i18n import t

    app = use(ctx, lang)
    katas = app.catalog.select(refs)
    python = python or classroom.PYTHON_VERSION
    if update:
        changed = update_repo(app.catalog, dest, katas, app.lang, python)
        for path in changed:
            click.echo(f"updated {path}")
        click.echo(f"{len(changed)} file(s) updated in {dest}; the learner's kata files were left as they are. "
                   "Next: commit and push them (teacher guide in README.md: pushing a fixed kata).")
        return
    out = export(app.catalog, dest, katas, app.lang, with_solutions, python)
    click.echo(t("exported", app.lang, katas=", ".join(k.id for k in katas), points=sum(k.points for k in katas),
                 dest=out))
    click.echo(t("exported-next", app.lang, dest=out))


@cli.command("new")
@click.argument("number")
@click.argument("slug")
@click.option("--template", type=click.Choice(["asyncio", "thread"]), default="asyncio", show_default=True,
              help="The example to start from: coroutines (asyncio) or threads.")
@click.pass_context
def new_cmd(ctx: click.Context, number: str, slug: str, template: str) -> None:
    """Teachers: scaffold kata NUMBER named SLUG: a small working example to replace with your kata."""
    from checker.i18n import t
    from checker.scaffold import new_kata

    app = use(ctx, None)
    written = new_kata(app.root, number, slug, template)
    for path in written:
        click.echo(t("created", app.lang, path=path.relative_to(app.root)))
    click.echo(t("new-next", app.lang, kata=written[0].parent.name[:2]))


@cli.group("class")
def class_group() -> None:
    """Teachers: grade a whole class from your side (gradebook, statistics, report)."""


@class_group.command("grade")
@click.argument("class_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder for grades.csv, results.json, report.html and the cache of verdicts.")
@click.option("--katas", "refs", default=None, help="Comma-separated katas (default: all).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="Checks run at once, of the katas that may share the machine (default: three per core).")
@click.option("--shard", default=None, help="Grade only share i of n of the students, e.g. 2/4.")
@lang_option
@click.pass_context
def class_grade(ctx: click.Context, class_dir: Path, out: Path, refs: str | None, jobs: int | None,
                shard: str | None, lang: str | None) -> None:
    """Grade every student folder of CLASS_DIR (git clones or plain files) with your own suites."""
    import os

    from checker import render
    from checker.classgrade import run, terminal

    app = use(ctx, lang)
    console = render.console()
    with terminal.progress_bar(console) as update:
        doc = run.grade(app.catalog.select(refs), class_dir, out, app.lang, jobs or 3 * (os.cpu_count() or 1), shard,
                        update)
    terminal.class_table(console, doc)
    click.echo(f"Wrote {out / 'grades.csv'}, {out / 'results.json'} and {out / 'report.html'}.")


@class_group.command("merge")
@click.argument("outs", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), required=True)
def class_merge(outs: tuple[Path, ...], out: Path) -> None:
    """Join the OUT folders of shards into one gradebook in --out."""
    from checker import render
    from checker.classgrade import run, terminal

    doc = run.merge(list(outs), out)
    terminal.class_table(render.console(), doc)


@class_group.command("stats")
@click.argument("out", type=click.Path(path_type=Path, file_okay=False, exists=True))
def class_stats(out: Path) -> None:
    """The class table and statistics of a graded OUT folder, without grading."""
    from checker import render
    from checker.classgrade import gradebook, terminal

    doc = gradebook.load(out)
    console = render.console()
    terminal.class_table(console, doc)
    terminal.class_stats(console, doc)


@class_group.command("workflow")
@click.option("--shards", type=click.IntRange(1, 64), default=4, help="Shards graded at once (default 4).")
@click.option("--katas", "refs", default=None, help="Comma-separated katas (default: all).")
def class_workflow(shards: int, refs: str | None) -> None:
    """Print the GitHub Actions workflow that grades a class on GitHub's runners, in shards."""
    from checker.classgrade.workflow import workflow

    click.echo(workflow(shards, refs), nl=False)


def _interrupted(signum: int, frame) -> None:
    """Ctrl-C, a closed terminal or a grader's time-out. The checks' child processes are sessions of their
    own, which the signal does not reach: kill them first, then unwind as usual (temporary folders removed)."""
    runner = sys.modules.get("checker.runner")  # loaded only if a check may be running
    if runner is not None:
        runner.stop_all()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


def main() -> None:
    from checker.clicktext import language_asked, speak
    from checker.system import unsupported_message

    if problem := unsupported_message(language_asked(sys.argv[1:])):  # before anything that needs POSIX
        click.echo(f"kata: {problem}", err=True)
        sys.exit(2)
    from checker import confine

    confine.become_subreaper()  # what a check leaves behind comes back here, to be killed (checker/runner.py)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup, or a shell's background job: keep ignoring
            signal.signal(signum, _interrupted)
    speak(language_asked(sys.argv[1:]), cli)
    cli(prog_name="kata")
