"""Errors of the tool itself or of its user's input (never a learner's failing kata).

The CLI turns every KataError into one line on stderr and exit status 2.
"""


class KataError(Exception):
    """A usage or environment error, with a message that says what to do."""


class UnknownKata(KataError):
    pass


class CatalogError(KataError):
    """A kata folder or kata.toml is broken (a teacher's mistake)."""


class SubmissionFileError(KataError):
    """The file to grade is missing, is a directory or cannot be read."""


class ProgressError(KataError):
    pass
