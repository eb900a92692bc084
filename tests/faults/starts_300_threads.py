# kata: 01
# expect: crash timeout
import threading
import time


def spin():
    while True:
        time.sleep(0.01)

for _ in range(300):
    threading.Thread(target=spin).start()
while True:
    time.sleep(0.05)
