# kata: 01
# expect: crash
import sys

sys.exit(0)
