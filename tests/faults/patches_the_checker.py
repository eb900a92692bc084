# kata: 01
# expect: tampered
# Turns every failed check into a pass by replacing the checker's own functions.
import sys

for name, module in list(sys.modules.items()):
    if name.startswith("checker"):
        for attr in ("fail", "expect"):
            if hasattr(module, attr):
                setattr(module, attr, lambda *a, **k: None)
testkit = sys.modules.get("checker.child.testkit")
if testkit:
    testkit.expect.__code__ = (lambda *a, **k: None).__code__
    testkit.fail.__code__ = (lambda *a, **k: None).__code__


async def task(name, duration):
    return None


def main():
    return None
