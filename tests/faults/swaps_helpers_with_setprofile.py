# kata: 01
# expect: tampered
# Installs a sys.setprofile hook that swaps the suite's expect/fail for no-ops while the learner's code
# runs and puts them back afterwards, so that a snapshot compared later sees nothing changed.
import sys

saved = {}


def profile(frame, event, arg):
    if frame.f_code.co_filename != __file__:
        return
    for name, module in list(sys.modules.items()):
        if name.startswith("test_") or name.startswith("checker."):
            for attr in ("expect", "fail"):
                if hasattr(module, attr):
                    if event == "call":
                        saved[(name, attr)] = getattr(module, attr)
                        setattr(module, attr, lambda *a, **k: None)
                    elif (name, attr) in saved:
                        setattr(module, attr, saved.pop((name, attr)))


sys.setprofile(profile)


async def task(name, duration):
    return None


def main():
    return None
