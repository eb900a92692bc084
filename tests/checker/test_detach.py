"""The suite's functions run with globals of their own (checker/child/detach.py): rebinding a name in the
suite's module, or an attribute of a module it imported, changes nothing they run; pytest's items run the
detached functions, with their marks and docstrings."""

import json
import types

from checker.child.detach import detach

SUITE = '''
import json


def helper():
    return "real"


def test_uses(learner):
    """the check's title"""
    return helper(), json.dumps(1)
'''


def suite_module():
    module = types.ModuleType("test_fake_suite")
    exec(compile(SUITE, "test_fake_suite.py", "exec"), vars(module))
    module.test_uses.pytestmark = ["a mark"]
    return module


class Item:
    def __init__(self, obj):
        self.obj = obj


def test_rebinding_the_suites_names_or_its_modules_attributes_changes_nothing_it_runs(monkeypatch):
    module = suite_module()
    item = Item(module.test_uses)
    detach(module, [item])
    module.helper = lambda: "fake"  # what a learner does through sys.modules
    monkeypatch.setattr(json, "dumps", lambda value: "fake")  # an attribute of a module the suite imported
    assert item.obj(None) == ("real", "1")
    assert module.test_uses(None) == ("fake", "fake")  # the module itself is left as it is, for the guard


def test_the_items_run_the_detached_function_with_its_marks_and_title():
    module = suite_module()
    item = Item(module.test_uses)
    detach(module, [item])
    assert item.obj is not module.test_uses
    assert item.obj.__doc__ == "the check's title" and item.obj.pytestmark == ["a mark"]
    assert item.obj.__name__ == "test_uses" and item.obj.__module__ == "test_fake_suite"
