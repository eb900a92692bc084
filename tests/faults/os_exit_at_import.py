# kata: 01
# expect: crash
import os

os._exit(0)
