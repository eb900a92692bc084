"""What the commands of `kata` share: the App (catalog, progress store, language) they find in click's
context, the --lang option, and `on_kata`, the start of every command on KATA (default: the next kata)."""

from __future__ import annotations

import functools
from functools import cached_property
from pathlib import Path

import click

LANG_CHOICE = click.Choice(["en", "fr"], case_sensitive=False)


class SeedType(click.ParamType):
    name = "seed"

    def convert(self, value, param, ctx):
        try:
            return value if isinstance(value, int) else int(str(value), 0)
        except ValueError:
            from checker.i18n import t

            self.fail(t("bad-seed", lang_of(ctx), value=value), param, ctx)


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
        for text in self.store.warning_texts(self.lang):
            click.echo(text, err=True)
        self.store.warnings.clear()


def lang_of(ctx: click.Context | None) -> str:
    app = ctx.find_object(App) if ctx is not None else None
    if app is not None:
        return app.lang
    from checker.i18n import choose_language

    return choose_language(None)


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


def on_kata(required: bool = False):
    """The start of a command on KATA: its argument and --lang, then `command(app, kata, **options)`. Without
    `required`, KATA defaults to the next kata not passed; when every kata is passed, the command says so
    instead and does not run. Put it right above the function, under the command's own options."""

    def decorate(command):
        @click.argument("kata", required=required)
        @lang_option
        @click.pass_context
        @functools.wraps(command)
        def start(ctx: click.Context, kata: str | None, lang: str | None, **options):
            app = use(ctx, lang)
            found = app.catalog.get(kata) if required else app.kata_or_next(kata)
            if found is None:
                from checker.i18n import t

                click.echo(t("all-done", app.lang))
                return None
            return command(app, found, **options)

        return start

    return decorate
