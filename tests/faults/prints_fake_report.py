# kata: 01
# expect: not-implemented
# Prints what a passing run would print, then does nothing real.
import json

print(json.dumps({"kata": "01", "passed": True, "points": 10, "max_points": 10, "duration_s": 0.1, "checks": []}))
print("8 passed in 0.10s")
print("Kata 01 passed: 8/8 checks, 10/10 points (0.1 s).")


async def task(name, duration):
    raise NotImplementedError


def main():
    raise NotImplementedError
