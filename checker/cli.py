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
            self.fail(f"{value!r} is not a number (decimal or 0x hexadecimal).", param, ctx)


SEED = SeedType()


class App:
    """What every command needs, built on first use (so `kata --help` stays instant)."""

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

    def warn_moved_stores(self) -> None:
        from checker.i18n import t

        for path, reason, backup in self.store.warnings:
            click.echo(t("progress-moved", self.lang, path=path, reason=reason, backup=backup), err=True)
        self.store.warnings.clear()


class KataGroup(click.Group):
    """Turns KataError into one clear line and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KataError as exc:
            click.echo(f"kata: {exc}", err=True)
            ctx.exit(2)


def lang_option(f):
    return click.option("--lang", type=LANG_CHOICE, default=None,
                        help="Language of the texts: en or fr (default: KATA_LANG, then the locale).")(f)


def make_app(lang: str | None) -> App:
    return App(lang.lower() if lang else None)


@click.group(cls=KataGroup, invoke_without_command=True)
@click.version_option(package_name="concurrency-katas")
@lang_option
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """Concurrency katas: read a kata, write the code, `kata check NN`.

    Without a command: where you are and what to do next."""
    if ctx.invoked_subcommand is None:
        from checker import actions, render

        app = make_app(lang)
        click.echo(render.home(app.catalog.katas, app.store.summary(), actions.next_kata(app.catalog, app.store),
                               app.lang))
        app.warn_moved_stores()


@cli.command("list")
@lang_option
def list_katas(lang: str | None) -> None:
    """All katas, their status and points."""
    from checker import render

    app = make_app(lang)
    click.echo(render.kata_list(app.catalog.katas, app.store.summary(), app.lang))
    app.warn_moved_stores()


@cli.command()
@click.argument("kata")
@lang_option
def show(kata: str, lang: str | None) -> None:
    """The exercise text of KATA."""
    app = make_app(lang)
    found = app.catalog.get(kata)
    text = found.readme(app.lang).read_text(encoding="utf-8")
    from rich.markdown import Markdown

    from checker import render

    out = render.console()
    out.print(Markdown(text)) if out.is_terminal else click.echo(text)
    click.echo(f"\nFile to edit: {found.learner_file.relative_to(app.root)}" if app.lang != "fr"
               else f"\nFichier à modifier : {found.learner_file.relative_to(app.root)}")


@cli.command()
@click.argument("kata")
@click.option("--file", "file", type=click.Path(path_type=Path), default=None,
              help="Grade this file instead of the kata's own (progress is not recorded).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object and nothing else.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "exercism"]), default="text",
              help="text (default), json (same as --json) or exercism (results.json version 3).")
@click.option("--timeline", "picture", type=click.Choice(["svg", "html"]), default=None,
              help="Also write the timeline of the check as a picture: kata-NN-timeline.svg (or .html).")
@click.option("--task", "task", default=None,
              help="Grade one task of KATA (kata.toml [[tasks]]): exit 0 only when its checks pass.")
@click.option("--seed", type=SEED, default=None,
              help="Replay the schedule of forced thread switches a race report named (e.g. 0x3f2a).")
@lang_option
def check(kata: str, file: Path | None, as_json: bool, fmt: str, picture: str | None, task: str | None,
          seed: int | None, lang: str | None) -> None:
    """Grade KATA (exit 0 passed, 1 not passed, 2 bad usage, 3 not graded: the machine stayed too busy to
    measure)."""
    from checker import actions, formats

    app = make_app(lang)
    if task is not None:
        actions.require_task(app.catalog.get(kata), task)
    found, report = actions.check(app.catalog, app.store, kata, file, app.lang, seed)
    fmt = "json" if as_json else fmt
    if fmt == "json":
        click.echo(formats.report_json(report))
    elif fmt == "exercism":
        click.echo(formats.exercism([(found, report)]))
    else:
        from checker import render

        render.report_text(render.console(), found, report, app.lang)
    if picture:
        from checker.i18n import t

        path = actions.write_timeline(found, report, picture, Path.cwd(), app.lang)
        click.echo(t("timeline-written", app.lang, path=path) if path else t("no-timeline", app.lang), err=True)
    app.warn_moved_stores()
    passed = report.passed if task is None else actions.task_passed(report, task)
    sys.exit(0 if passed else EXIT_NOT_GRADED if report.busy else 1)


@cli.command()
@click.option("--katas", "refs", default=None, help="Comma-separated katas (default: all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "classroom", "exercism"]),
              default="text", help="text (a table), json, junit (XML), classroom (one entry per grader step) "
                                   "or exercism (results.json version 3).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Katas graded at once (default: cores).")
@lang_option
def grade(refs: str | None, fmt: str, jobs: int | None, lang: str | None) -> None:
    """Grade every kata (or --katas) against the files in katas/; exit 0 only when all pass."""
    from checker import formats, grade as grading, render

    app = make_app(lang)
    results = grading.grade(app.catalog.select(refs), app.lang, jobs)
    if fmt == "json":
        click.echo(grading.as_json(results))
    elif fmt == "classroom":
        click.echo(grading.as_classroom(results))
    elif fmt == "junit":
        click.echo(formats.reports_junit(results), nl=False)
    elif fmt == "exercism":
        click.echo(formats.exercism(results))
    else:
        render.grade_table(render.console(), results, app.lang)
    sys.exit(0 if all(report.passed for _, report in results) else 1)


@cli.command()
@click.argument("kata")
@lang_option
def hint(kata: str, lang: str | None) -> None:
    """The next hint for KATA, one more each time."""
    from checker import actions
    from checker.i18n import t

    app = make_app(lang)
    found, n, text = actions.hint(app.catalog, app.store, kata, app.lang)
    if text is None:
        click.echo(t("no-more-hints", app.lang, kata=found.id, count=n))
        click.echo("\n".join(f"{i}. {h.get(app.lang) or h['en']}" for i, h in enumerate(found.hints, 1)))
    else:
        click.echo(t("hint-header", app.lang, n=n, count=len(found.hints), kata=found.id))
        click.echo(text)


@cli.command("next")
@lang_option
def next_cmd(lang: str | None) -> None:
    """The first kata not yet passed."""
    from checker import actions
    from checker.i18n import t

    app = make_app(lang)
    found = actions.next_kata(app.catalog, app.store)
    if found is None:
        click.echo(t("all-done", app.lang))
    else:
        click.echo(t("next-kata", app.lang, kata=found.id, title=found.title_in(app.lang)))


@cli.command()
@click.argument("kata", required=False)
@lang_option
def watch(kata: str | None, lang: str | None) -> None:
    """Re-check KATA (default: the next one) on every save. Ctrl-C to stop."""
    from checker import actions, render
    from checker.i18n import t
    from checker.watch import watch as watch_file

    app = make_app(lang)
    found = app.catalog.get(kata) if kata else actions.next_kata(app.catalog, app.store)
    if found is None:
        click.echo(t("all-done", app.lang))
        return
    out = render.console()

    def run_once() -> None:
        out.rule()
        try:
            _, report = actions.check(app.catalog, app.store, found.id, None, app.lang)
        except KataError as exc:  # a missing file while the editor saves: say so, keep watching
            click.echo(f"kata: {exc}", err=True)
            return
        render.report_text(out, found, report, app.lang)

    click.echo(t("watch-start", app.lang, file=found.learner_file.relative_to(app.root), kata=found.id))
    try:
        watch_file(found.learner_file, run_once)
    except KeyboardInterrupt:
        pass
    click.echo(t("watch-stop", app.lang))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              help="text (default), json or csv: attempts, time to first pass, hints used, frequent codes.")
@lang_option
def progress(fmt: str, lang: str | None) -> None:
    """What is done, attempts, hints, last result."""
    from checker import actions, formats, render

    app = make_app(lang)
    if fmt == "text":
        click.echo(render.progress_text(app.catalog.katas, app.store.summary(), app.lang))
    elif fmt == "json":
        click.echo(formats.progress_json(actions.progress_rows(app.catalog, app.store)))
    else:
        click.echo(formats.progress_csv(actions.progress_rows(app.catalog, app.store)), nl=False)
    app.warn_moved_stores()


@cli.command()
@click.argument("kata")
@lang_option
def solution(kata: str, lang: str | None) -> None:
    """The reference solution of KATA beside your file, once you passed it."""
    from checker import actions, render

    app = make_app(lang)
    found, mine, reference = actions.solution(app.catalog, app.store, kata)
    render.solution_view(render.console(), found, mine, reference, app.lang)


@cli.command()
@click.argument("kata")
@lang_option
def reset(kata: str, lang: str | None) -> None:
    """Restore the stub of KATA (your file is kept in .kata/backups/)."""
    from checker import actions
    from checker.i18n import t

    app = make_app(lang)
    found, backup = actions.reset(app.catalog, app.store, kata)
    file = found.learner_file.relative_to(app.root)
    if backup is None:
        click.echo(t("reset-unchanged", app.lang, kata=found.id))
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
def verify(refs: str | None, jobs: int | None, repeat: int, only: str | None, as_json: bool) -> None:
    """Teachers: every solution passes, every stub fails, every known mistake gets its code."""
    from checker.verify import PARTS
    from checker.verify import verify as run_verify

    app = make_app("en")
    katas = app.catalog.select(refs)
    incomplete = [] if refs else app.catalog.incomplete
    for folder in [] if as_json else incomplete:
        click.echo(click.style("FAIL", fg="red") + f" {folder.name}: no kata.toml, so it is not a kata yet")

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
        click.echo(f"{len(outcomes) - len(bad)}/{len(outcomes)} as expected.")
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
def export_cmd(dest: Path, refs: str | None, with_solutions: bool, lang: str | None, python: str | None,
               update: bool) -> None:
    """Teachers: write a student repository for GitHub Classroom in DEST (a new or empty folder)."""
    from checker import classroom
    from checker.export import export, update as update_repo

    app = make_app(lang)
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
    click.echo(f"Exported katas {', '.join(k.id for k in katas)} ({sum(k.points for k in katas)} points) to {out}.")
    click.echo(f"Next: cd {out} && git init && git add -A && git commit -m 'Concurrency katas', push it to a GitHub "
               "template repository, and make it the starter code of a Classroom assignment (teacher guide in README.md).")


@cli.command("new")
@click.argument("number")
@click.argument("slug")
def new_cmd(number: str, slug: str) -> None:
    """Teachers: scaffold kata NUMBER named SLUG: a small working example to replace with your kata."""
    from checker.scaffold import new_kata

    app = make_app("en")
    written = new_kata(app.root, number, slug)
    for path in written:
        click.echo(f"created {path.relative_to(app.root)}")
    kata_id = written[0].parent.name[:2]
    click.echo(f"Next: `kata verify --katas {kata_id}` (green as written), then replace the example with your kata, "
               "file by file (teacher guide in README.md), and verify again.")


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
    from checker import confine

    confine.become_subreaper()  # what a check leaves behind comes back here, to be killed (checker/runner.py)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup, or a shell's background job: keep ignoring
            signal.signal(signum, _interrupted)
    cli(prog_name="kata")
