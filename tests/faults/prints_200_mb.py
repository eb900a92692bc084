# kata: 01
# expect: crash
import sys

chunk = "x" * 1_000_000 + "\n"
for _ in range(200):
    sys.stdout.write(chunk)
