"""The teacher's commands on the katas of this repository: grade, verify, export, new."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.commands.app import LANG_CHOICE, lang_option, use


@click.command()
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


@click.command()
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
        said = outcome.problem_in(app.lang) if not outcome.ok else ""
        problem = click.style(f"  ({said})", fg="red") if said else ""
        click.echo(t("verify-line", app.lang, mark=mark, kata=outcome.case.kata.id, role=outcome.case.role,
                     file=outcome.case.file.name, expected=outcome.case.expected or "pass", got=outcome.got,
                     problem=problem))

    outcomes = run_verify(katas, jobs=jobs, on_outcome=None if as_json else show, repeat=repeat,
                          parts=(only,) if only else PARTS)
    bad = [o for o in outcomes if not o.ok]
    if as_json:
        from checker import formats

        click.echo(formats.verify_json(outcomes, app.root, incomplete))
    else:
        click.echo(t("verify-total", app.lang, good=len(outcomes) - len(bad), count=len(outcomes)))
    sys.exit(1 if bad or incomplete else 0)


@click.command("export")
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
            click.echo(t("export-updated", app.lang, path=path))
        click.echo(t("export-updated-all", app.lang, count=len(changed), dest=dest))
        return
    out = export(app.catalog, dest, katas, app.lang, with_solutions, python)
    click.echo(t("exported", app.lang, katas=", ".join(k.id for k in katas), points=sum(k.points for k in katas),
                 dest=out))
    click.echo(t("exported-next", app.lang, dest=out))


@click.command("new")
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


COMMANDS = (grade, verify, export_cmd, new_cmd)
