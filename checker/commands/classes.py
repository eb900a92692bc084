"""`kata class`: the teacher grades a whole class from their side (gradebook, statistics, report, and the
workflow that does it on GitHub's runners)."""

from __future__ import annotations

from pathlib import Path

import click

from checker.commands.app import lang_option, use


@click.group("class")
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
    from checker.i18n import t

    app = use(ctx, lang)
    console = render.console()
    with terminal.progress_bar(console, app.lang) as update:
        doc = run.grade(app.catalog.select(refs), class_dir, out, app.lang, jobs or 3 * (os.cpu_count() or 1), shard,
                        update)
    terminal.class_table(console, doc)
    click.echo(t("class-wrote", app.lang, files=", ".join(str(out / name) for name in ("grades.csv", "results.json",
                                                                                        "report.html"))))


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
