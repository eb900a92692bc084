# kata: 01
# expect: crash
name = "café"
