# expect: leaked-thread
# Right task and main, but the module starts at import a "ticker" thread whose loop has no end:
# run as a program, the file never exits.

import asyncio


async def task(name: str, duration: float) -> str:
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def main() -> str:
    return asyncio.run(task("kata", 1.0))



def _ticker():
    import time
    ticks = 0
    while True:
        time.sleep(0.1)
        ticks += 1


import threading  # noqa: E402

threading.Thread(target=_ticker).start()
