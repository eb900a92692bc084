# kata: 01
# expect: wrong-timing
# The mirror of decoy_loop_after_the_real_one.py: main runs a 1 s sleep in a first loop, then the real one,
# task("kata", 0). Before, the fixture read the last loop's clock (0 s) and this failed; a fix that timed the
# first loop made would pass it. Kept so that no such fix comes back: virtual(fn) times the one loop fn runs,
# and two loops run in turn fail with `wrong-timing` ("run before or after another one", checker/child/virtual.py).
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main():
    asyncio.run(asyncio.sleep(1.0))
    return asyncio.run(task("kata", 0))
