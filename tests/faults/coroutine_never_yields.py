# kata: 01
# expect: timeout
# A coroutine that spins forever without ever awaiting: the event loop never gets control back.
import asyncio


async def task(name, duration):
    print(f"[{name}] start")
    while True:
        pass


def main():
    return asyncio.run(task("kata", 1.0))
