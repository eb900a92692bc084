"""The checker's classes made immutable (checker/child/immutable.py): a write to one of their attributes is
refused and named, their subclasses and everything else stay as Python makes them."""

import pytest

from checker.child import immutable


def make():
    class Helper:
        def method(self):
            return "real"

    return Helper


def test_a_frozen_class_refuses_to_set_or_delete_an_attribute_and_the_refusal_names_it():
    helper = make()
    assert immutable.freeze(helper)
    for change in (lambda: setattr(helper, "method", lambda self: "fake"), lambda: delattr(helper, "method"),
                   lambda: type.__setattr__(helper, "method", None)):
        with pytest.raises(TypeError) as refused:
            change()
        assert immutable.refused(refused.value) == f"{__name__}.make.<locals>.Helper.method"
    assert helper().method() == "real"
    assert immutable.freeze(helper)  # twice: nothing more to do


def test_subclasses_and_instances_stay_mutable():
    helper = make()
    immutable.freeze(helper)
    sub = type("Sub", (helper,), {})
    sub.method = lambda self: "sub"
    instance = helper()
    instance.extra = 1
    assert sub().method() == "sub" and instance.extra == 1


def test_a_refusal_on_a_class_not_frozen_here_is_not_called_a_tamper():
    with pytest.raises(TypeError) as refused:
        int.real = 0
    assert immutable.refused(refused.value) is None
    assert immutable.refused(TypeError("something else")) is None
    assert immutable.refused(ValueError("cannot set 'x' attribute of immutable type 'Helper'")) is None


def test_a_thawer_makes_classes_frozen_here_mutable_again_only_once_allowed():
    helper, allowed = make(), []
    immutable.freeze(helper)
    thaw = immutable.thawer((helper, int), lambda: bool(allowed))
    thaw(None)  # too early: nothing changes
    with pytest.raises(TypeError):
        helper.method = lambda self: "patched"
    allowed.append(True)
    thaw(None)
    helper.method = lambda self: "patched"  # pytest undoing its own patches as it stops
    assert helper().method() == "patched"
    with pytest.raises(TypeError):  # not frozen here: stays as Python made it
        int.real = 0
