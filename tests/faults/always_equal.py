# kata: 01
# expect: wrong-result
# Returns an object that claims to equal anything.
import asyncio


class Anything(str):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = str.__hash__


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return Anything("?")


def main():
    return asyncio.run(task("kata", 1.0))
