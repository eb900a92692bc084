# kata: 01
# expect: tampered
# Replaces the code of the guard's own comparison (so it finds nothing) and of the suite's helpers,
# reached through sys.modules without an import line.
import sys


def nothing(*args, **kwargs):
    return []


for name in ("checker.child.guard", "checker.child.testkit"):
    module = sys.modules.get(name)
    if module is not None:
        for attr in ("expect", "fail"):
            if hasattr(module, attr):
                try:
                    getattr(module, attr).__code__ = nothing.__code__
                except BaseException:
                    pass
        if hasattr(module, "Snapshot"):
            try:
                module.Snapshot.changed.__code__ = nothing.__code__
            except BaseException:
                pass


async def task(name, duration):
    return None


def main():
    return None
