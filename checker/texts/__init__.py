"""The catalog of the terminal's messages, in English and French: what the learner commands print around a
verdict (checker/texts/terminal.py), the errors (checker/texts/errors.py) and the teachers' side
(checker/texts/teachers.py). Looked up through checker.i18n.t; a check's own verdict messages are in
checker/i18n.py."""

from checker.texts.errors import ERRORS
from checker.texts.teachers import TEACHERS
from checker.texts.terminal import TERMINAL

TEXTS: dict[str, dict[str, str]] = {**TERMINAL, **ERRORS, **TEACHERS}
