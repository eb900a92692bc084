# kata: 01
# expect: crash
raise SystemExit
