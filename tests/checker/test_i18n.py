import pytest

from checker.codes import CODES
from checker.i18n import MESSAGES, choose_language, pick, t


@pytest.mark.parametrize("explicit, env, expected", [
    ("fr", {"KATA_LANG": "en"}, "fr"),
    (None, {"KATA_LANG": "fr", "LANG": "en_US.UTF-8"}, "fr"),
    (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
    (None, {"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US"}, "fr"),
    (None, {"KATA_LANG": "de", "LANG": "fr_FR"}, "fr"),  # an unknown language falls through
    (None, {"LANG": "C"}, "en"),
    (None, {}, "en"),
    ("EN", {"KATA_LANG": "fr"}, "en"),
])
def test_language_comes_from_option_then_env_then_locale(explicit, env, expected):
    assert choose_language(explicit, env) == expected


def test_every_message_and_code_exists_in_both_languages():
    for key, texts in {**MESSAGES, **CODES}.items():
        assert set(texts) == {"en", "fr"}, key


def test_a_missing_translation_falls_back_to_english():
    assert pick({"en": "hello"}, "fr") == "hello"


def test_messages_take_their_parameters():
    assert "12" in t("timeout", "fr", limit=12)
