"""What the plugin reads from a hidden suite's tests: each check's title in the learner's language (the test's
docstring: its first line in English, a line `fr: ...` in French), its task (`@pytest.mark.task("id")`), and
which checks `@pytest.mark.needs("test_x")` names."""

from __future__ import annotations

import pytest

from checker.i18n import pick


def title(item: pytest.Item, lang: str) -> str:
    """The check's title, with its parameters when the test is parametrized."""
    doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
    lines = [line.strip() for line in doc.strip().splitlines() if line.strip()]
    titles = {"en": lines[0]} if lines and not lines[0].startswith("fr:") else {}
    titles.update({"fr": line[3:].strip() for line in lines if line.startswith("fr:")})
    if not titles:
        titles = {"en": item.originalname.removeprefix("test_").replace("_", " ")}
    callspec = getattr(item, "callspec", None)
    suffix = f" [{parameters(callspec.params.values(), lang)}]" if callspec else ""
    suffix = suffix if len(suffix) <= 42 else suffix[:40] + "…]"
    return pick(titles, lang) + suffix


def parameters(values, lang: str) -> str:
    """A parametrized check's values as its title shows them: `0.5, 2` in English; in French, with a decimal
    comma, so separated by semicolons (`0,5 ; 2`)."""
    if lang != "fr":
        return ", ".join(map(str, values))
    return " ; ".join(str(v).replace(".", ",") if type(v) is float else str(v) for v in values)


def task(item: pytest.Item) -> str | None:
    """The kata.toml task the check belongs to, if the suite says."""
    marker = item.get_closest_marker("task")
    return str(marker.args[0]) if marker and marker.args else None


def names(nodeid: str, needed: str) -> bool:
    """The check `nodeid` is (a case of) the check named `needed`: "test_x[case]" names that case, "test_x"
    every case of a parametrized check."""
    name = nodeid if "[" in needed else nodeid.split("[", 1)[0]
    return name.endswith("::" + needed)
