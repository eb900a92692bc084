# kata: 01
# expect: wrong-result
# A file with no code at all (only this comment).
