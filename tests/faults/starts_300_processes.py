# kata: 01
# expect: timeout
# Starts 300 processes that sleep forever, then hangs.
import os
import time

for _ in range(300):
    if os.fork() == 0:
        while True:
            time.sleep(1)
while True:
    time.sleep(0.05)
