"""The learner's commands: list, show, check, hint, next, watch, progress, solution, reset. Each parses its
options, calls checker.actions and renders; a learner's failing kata is exit status 1, a passing one 0."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.commands.app import SEED, lang_option, on_kata, use
from checker.errors import KataError

EXIT_NOT_GRADED = 3  # `kata check`: the machine stayed too busy to measure; no verdict (README, exit status)


@click.command("list")
@lang_option
@click.pass_context
def list_katas(ctx: click.Context, lang: str | None) -> None:
    """All katas, their status and points."""
    from checker import listings

    app = use(ctx, lang)
    click.echo(listings.kata_list(app.catalog.katas, app.summary(), app.lang))
    app.warn_moved_stores()


@click.command()
@on_kata()
def show(app, found) -> None:
    """The exercise text of KATA (default: the next kata), paged when longer than the terminal."""
    from checker import layout, render
    from checker.i18n import t

    text = render.markdown(found.readme(app.lang).read_text(encoding="utf-8"), render.console())
    layout.page(text + "\n\n" + t("file-to-edit", app.lang, file=found.learner_file.relative_to(app.root)))


@click.command()
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
@on_kata()
def check(app, found, file: Path | None, as_json: bool, fmt: str, picture: str | None, task: str | None,
          seed: int | None) -> None:
    """Grade KATA (default: the next kata; exit 0 passed, 1 not passed, 2 bad usage, 3 not graded: the machine
    stayed too busy to measure)."""
    from checker import actions, formats, render
    from checker.i18n import t
    from checker.report import Status

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


@click.command()
@on_kata()
def hint(app, found) -> None:
    """The next hint for KATA (default: the next kata), one more each time."""
    from checker import actions, listings, render
    from checker.i18n import pick, t

    found, n, text = actions.hint(app.catalog, app.store, found.id, app.lang)
    if text is None:
        click.echo(t("no-more-hints", app.lang, kata=found.id, count=n))
        click.echo("\n".join(listings.hint_text(f"{i}. {pick(h, app.lang)}", app.lang)
                             for i, h in enumerate(found.hints, 1)))
    else:
        click.echo(t("hint-header", app.lang, n=n, count=len(found.hints), kata=found.id))
        out = render.console()
        click.echo(render.markdown(text, out) if out.is_terminal else listings.hint_text(text, app.lang))


@click.command("next")
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


@click.command()
@on_kata()
def watch(app, found) -> None:
    """Re-check KATA (default: the next one) on every save. Ctrl-C to stop."""
    from checker import actions, forkserver, render
    from checker.i18n import t
    from checker.watch import watch as watch_file

    forkserver.enable()  # a check at each save: each forked from one warm process
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
        click.get_current_context().exit(130)


@click.command()
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


@click.command()
@on_kata(required=True)
def solution(app, found) -> None:
    """The reference solution of KATA beside your file, once you passed it."""
    from checker import actions, render

    found, mine, reference = actions.solution(app.catalog, app.store, found.id)
    render.solution_view(render.console(), found, mine, reference, app.lang)


@click.command()
@on_kata(required=True)
def reset(app, found) -> None:
    """Restore the stub of KATA (your file is kept in .kata/backups/)."""
    from checker import actions
    from checker.i18n import t

    found, backup, changed = actions.reset(app.catalog, app.store, found.id)
    file = found.learner_file.relative_to(app.root)
    if not changed:
        click.echo(t("reset-unchanged", app.lang, kata=found.id))
    elif backup is None:
        click.echo(t("reset-deleted", app.lang, kata=found.id, file=file))
    else:
        click.echo(t("reset-done", app.lang, kata=found.id, file=file, backup=backup.relative_to(app.root)))


COMMANDS = (list_katas, show, check, hint, next_cmd, watch, progress, solution, reset)
