"""Errors of the tool itself or of its user's input (never a learner's failing kata).

The CLI turns every KataError into one line on stderr and exit status 2.
"""


class KataError(Exception):
    """A usage or environment error, with a message that says what to do. Made from a message of the catalog
    (`key`, `params`), it speaks the learner's language at the edge: `exc.in_language("fr")`."""

    def __init__(self, message: str = "", *, key: str | None = None, **params: object):
        from checker.i18n import t

        self.key, self.params = key, params
        super().__init__(t(key, "en", **params) if key else message)

    def in_language(self, lang: str) -> str:
        from checker.i18n import t

        return t(self.key, lang, **self.params) if self.key else str(self)


class UnknownKata(KataError):
    pass


class CatalogError(KataError):
    """A kata folder or kata.toml is broken (a teacher's mistake)."""


class SubmissionFileError(KataError):
    """The file to grade is missing, is a directory or cannot be read."""


class ProgressError(KataError):
    pass
