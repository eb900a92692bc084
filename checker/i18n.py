"""Language choice and message lookup: `t(key, lang, **params)` in English or French, numbers written as the
language writes them. The messages of a check's verdict (built in the child and by the runner) are in
checker/verdict_texts.py, so that the child loads nothing else; the terminal's, the errors' and the teachers'
are in checker/texts/."""

from __future__ import annotations

import os
import re

from checker.verdict_texts import MESSAGES

LANGUAGES = ("en", "fr")
DEFAULT = "en"


def choose_language(explicit: str | None = None, environ: dict[str, str] | None = None) -> str:
    """`--lang`, else KATA_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else English."""
    env = os.environ if environ is None else environ
    for value in (explicit, env.get("KATA_LANG"), env.get("LC_ALL"), env.get("LC_MESSAGES"), env.get("LANG")):
        lang = _normalize(value)
        if lang:
            return lang
    return DEFAULT


def _normalize(value: str | None) -> str | None:
    if not value:
        return None
    prefix = value.strip().lower()[:2]
    return prefix if prefix in LANGUAGES else None


def pick(texts: dict[str, str], lang: str) -> str:
    """The text in `lang`, else English, else any."""
    return texts.get(lang) or texts.get(DEFAULT) or next(iter(texts.values()), "")


class _Comma(float):
    """A float that formats with a decimal comma (`{x:.2f}` -> 0,25), for the French texts."""

    def __format__(self, spec: str) -> str:
        return float(self).__format__(spec).replace(".", ",")


def t(key: str, lang: str, **params: object) -> str:
    """The message `key` in `lang`, its parameters put in; a float parameter is written as `lang` writes it."""
    if lang == "fr":
        params = {name: _Comma(v) if type(v) is float else v for name, v in params.items()}
    return pick(message(key), lang).format(**params)


def message(key: str) -> dict[str, str]:
    """The texts of `key` in every language."""
    if key in MESSAGES:
        return MESSAGES[key]
    from checker.texts import TEXTS  # the terminal's texts: never loaded in the child that runs learner code

    return TEXTS[key]


def all_messages() -> dict[str, dict[str, str]]:
    from checker.texts import TEXTS

    return {**MESSAGES, **TEXTS}


_QUANTITY = re.compile(r"(?<![\w.])(?<!\d, )\d+\.\d+(?:\s?[→–-]\s?\d+(?:\.\d+)?)?"
                       r"(?=\s?(?:(?:s|ms|µs|Mo|Go|Ko|secondes?|fois)\b|%))|(?<=×)\s?\d+\.\d+")


def french_numbers(text: str) -> str:
    """A French text's quantities written the French way: `0.5 s`, `1.0→3.0 s`, `×1.85` become `0,5 s`,
    `1,0→3,0 s`, `×1,85`; code between backticks and values such as `[1.0, 2.0]` or `[0.5, 1.5 s]` are left
    as Python writes them."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):  # outside backticks
        parts[i] = _QUANTITY.sub(lambda m: m.group(0).replace(".", ","), parts[i])
    return "`".join(parts)


def number(value: float, lang: str, digits: int = 1) -> str:
    """A decimal number as the language writes it: 0.8 in English, 0,8 in French."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text
