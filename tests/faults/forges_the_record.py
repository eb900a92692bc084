# kata: 01
# expect: crash
# Writes a fake "all passed" record where the plugin writes its own, then ends the process.
import glob
import json
import os

fake = json.dumps({"version": 1, "complete": True, "checks": [
    {"name": "everything", "passed": True, "code": None, "message": "", "status": "passed"}]})
for path in glob.glob("*.json") + ["record.json"]:
    with open(path, "w") as f:
        f.write(fake + "\n" + "0" * 64 + "\n")
os._exit(0)
