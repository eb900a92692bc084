from pathlib import Path

import pytest

from checker.catalog import Catalog, find_root
from checker.errors import CatalogError, KataError, UnknownKata

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("ref", ["1", "01", "first_coroutine", "01_first_coroutine", " 01 ", "001"])
def test_a_kata_is_found_by_number_slug_or_folder(ref):
    assert Catalog(REPO).get(ref).id == "01"


@pytest.mark.parametrize("ref", ["99", "77", "nope", "", "01_nope"])
def test_an_unknown_kata_says_how_to_list_them(ref):
    with pytest.raises(UnknownKata, match="kata list"):
        Catalog(REPO).get(ref)


def test_katas_are_in_number_order_with_their_files():
    katas = list(Catalog(REPO))
    assert [k.id for k in katas] == sorted(k.id for k in katas)
    for kata in katas:
        assert kata.learner_file.is_file() and kata.suite.is_file() and kata.stub_file.is_file()
        assert kata.readme("en").is_file() and kata.readme("fr").name == "README.fr.md"
        assert len(kata.hints) >= 3 and all({"en", "fr"} <= set(h) for h in kata.hints)
        assert {"en", "fr"} <= set(kata.title)


def test_select_takes_a_comma_separated_list(course):
    catalog = Catalog(course)
    assert [k.id for k in catalog.select("1")] == ["01"]
    assert len(catalog.select(None)) == len(catalog)


def test_a_broken_kata_toml_is_a_clear_error(course):
    (course / "katas/01_first_coroutine/kata.toml").write_text("id = [", encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid TOML"):
        Catalog(course)


def test_a_newer_format_asks_to_upgrade(course):
    toml = course / "katas/01_first_coroutine/kata.toml"
    toml.write_text(toml.read_text().replace("format_version = 1", "format_version = 9"))
    with pytest.raises(CatalogError, match="Upgrade the checker"):
        Catalog(course)


def test_a_folder_without_kata_toml_is_not_a_kata_yet(course):
    (course / "katas/77_draft").mkdir()
    catalog = Catalog(course)
    assert "77" not in [k.id for k in catalog] and "77_draft" in [f.name for f in catalog.incomplete]


def test_root_is_found_from_a_subfolder(course, monkeypatch):
    monkeypatch.delenv("KATA_ROOT", raising=False)
    assert find_root(course / "katas" / "01_first_coroutine") == course.resolve()


def test_kata_root_must_hold_katas(tmp_path, monkeypatch):
    monkeypatch.setenv("KATA_ROOT", str(tmp_path))
    with pytest.raises(KataError, match="no katas/ folder"):
        find_root()


def test_readme_lists_every_diagnostic_code():
    from checker.codes import CODES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if f"| {code} |" not in readme]
    assert not missing, f"README.md's table of codes lacks {missing}"
