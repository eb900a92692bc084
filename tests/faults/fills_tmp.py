# kata: 01
# expect: crash
# Writes 2 GB into a temporary file.
import tempfile

with tempfile.TemporaryFile() as f:
    chunk = b"\0" * (16 * 1024 * 1024)
    for _ in range(128):
        f.write(chunk)
