"""The catalog of the terminal's messages, in English and French: a run's own verdict (run.py), what the
learner commands print around a verdict (terminal.py), the errors (errors.py) and the teachers' side
(teachers.py). Looked up through checker.i18n.t; a check's own verdict messages, which the child builds, are
in checker/verdict_texts.py."""

from checker.texts.classroom import CLASSROOM
from checker.texts.errors import ERRORS
from checker.texts.run import RUN
from checker.texts.teachers import TEACHERS
from checker.texts.terminal import TERMINAL

TEXTS: dict[str, dict[str, str]] = {**RUN, **TERMINAL, **ERRORS, **TEACHERS, **CLASSROOM}
