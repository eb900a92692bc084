"""The `kata` command: the group, its --lang, and the edge where errors become exit statuses. The commands
themselves are in checker/commands/ (learner.py, teacher.py, classes.py); no grading logic lives here.

Library errors (KataError) become one line on stderr and exit status 2; a learner's failing kata is
exit status 1, a passing one 0.
"""

from __future__ import annotations

import signal
import sys

import click

from checker.commands import classes, learner, teacher
from checker.commands.app import App, lang_of, lang_option
from checker.errors import KataError


class KataGroup(click.Group):
    """Turns KataError into one clear line (in the learner's language) and exit status 2; Ctrl-C into 130."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KataError as exc:
            from checker.i18n import t

            lang = lang_of(ctx)
            click.echo(t("error-prefix", lang, message=exc.in_language(lang)), err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            ctx.exit(130)


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


for command in (*learner.COMMANDS, *teacher.COMMANDS, classes.class_group):
    cli.add_command(command)


def _interrupted(signum: int, frame) -> None:
    """Ctrl-C, a closed terminal or a grader's time-out. The checks' child processes are sessions of their
    own, which the signal does not reach: kill them first, then unwind as usual (temporary folders removed)."""
    children = sys.modules.get("checker.children")  # loaded only if a check may be running
    if children is not None:
        children.stop_all()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


def main() -> None:
    from checker.clicktext import language_asked, speak
    from checker.i18n import t
    from checker.system import unsupported_message

    lang = language_asked(sys.argv[1:])
    if problem := unsupported_message(lang):  # before anything that needs POSIX
        click.echo(t("error-prefix", lang, message=problem), err=True)
        sys.exit(2)
    from checker import confine

    confine.become_subreaper()  # what a check leaves behind comes back here, to be killed (checker/children.py)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup, or a shell's background job: keep ignoring
            signal.signal(signum, _interrupted)
    speak(language_asked(sys.argv[1:]), cli)
    cli(prog_name="kata")
