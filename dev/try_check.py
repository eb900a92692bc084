import sys, json, time
from pathlib import Path
from checker.catalog import Catalog
from checker.runner import run_suite, validate_file
cat = Catalog(Path("."))
k = cat.get(sys.argv[1])
f = validate_file(Path(sys.argv[2]))
t=time.time()
r = run_suite(k, f, sys.argv[3] if len(sys.argv)>3 else "en")
print(json.dumps(r.to_json(), indent=1, ensure_ascii=False)[:3000]); print(time.time()-t)
