"""The grading dependencies of an exported repository, pinned: `requirements.lock`, exact versions with hashes.

Grades must not change mid-term because a dependency released, so the workflow installs with
`pip install --require-hashes --no-deps -r requirements.lock`. Where each part comes from:

- Versions: the ones installed where `kata export` runs (the teacher's venv, where `kata verify` just proved
  the katas), for the checker's dependencies and theirs, markers evaluated for the runner (Linux x86_64,
  CPython of the workflow's `--python`). A dependency the runner needs but this environment lacks stops the
  export with its name. setuptools (the build back-end of the checker itself) is pinned too: the installed
  one if it meets pyproject.toml's `build-system.requires`, else the newest on the index that does.
- Hashes: every file the package index holds for that exact version (all platforms and Pythons, as
  pip-compile's --generate-hashes writes), read from its PEP 503 "simple" pages: the runner downloads the
  wheel for its own Python, which the teacher's machine never saw, so the hash of the installed wheel alone
  would not do. The pages read are kept in a cache (KATA_CACHE_DIR, else ~/.cache/concurrency-katas):
  a version's files never change on PyPI, so an export works offline once each pinned version was seen.
  The index is KATA_INDEX_URL, else https://pypi.org/simple (the one the runner's pip uses).
"""

from __future__ import annotations

import html.parser
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from checker.errors import KataError

DEFAULT_INDEX = "https://pypi.org/simple"


class LockError(KataError):
    """The grading dependencies cannot be pinned."""


@dataclass(frozen=True)
class Pin:
    name: str  # canonical
    version: str
    hashes: tuple[str, ...]  # sha256 hex, sorted
    why: str  # who needs it, for the comment in the lock file


def runner_environment(python: str) -> dict[str, str]:
    """Marker values of the runner: ubuntu-latest (Linux x86_64), CPython `python` (X.Y)."""
    env = dict(default_environment())
    env.update(python_version=python, python_full_version=f"{python}.0", sys_platform="linux",
               platform_system="Linux", os_name="posix", platform_machine="x86_64", implementation_name="cpython",
               platform_python_implementation="CPython", extra="")
    return env


def closure(requirements: list[str], python: str) -> list[tuple[str, str, str]]:
    """(canonical name, installed version, needed by) of `requirements` and all they need on the runner."""
    env = runner_environment(python)
    found: dict[str, tuple[str, str]] = {}
    todo = [(req, "concurrency-katas") for req in requirements]
    while todo:
        text, parent = todo.pop(0)
        req = Requirement(text)
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        name = canonicalize_name(req.name)
        if name in found:
            continue
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            raise LockError(key="lock-not-installed", name=req.name, parent=parent, python=python) from None
        if req.specifier and not req.specifier.contains(dist.version, prereleases=True):
            raise LockError(key="lock-wrong-version", name=req.name, version=dist.version, parent=parent,
                            req=req)
        found[name] = (dist.version, parent)
        for sub in dist.requires or []:
            sub_req = Requirement(sub)
            if sub_req.marker is not None and not sub_req.marker.evaluate(env):
                continue
            todo.append((sub, name))
    return sorted((name, version, parent) for name, (version, parent) in found.items())


def lock(requirements: list[str], build_requires: list[str], python: str, index: str | None = None,
         cache: Path | None = None) -> list[Pin]:
    """The pins of `requirements` (and all they need on the runner) and of `build_requires`, with hashes."""
    index = (index or os.environ.get("KATA_INDEX_URL") or DEFAULT_INDEX).rstrip("/")
    cache = cache or Path(os.environ.get("KATA_CACHE_DIR") or Path.home() / ".cache/concurrency-katas") / "index"
    pins = []
    for name, version, parent in closure(requirements, python):
        pins.append(Pin(name, version, _hashes(index, cache, name, version), parent))
    for text in build_requires:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        try:
            installed = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed and req.specifier.contains(installed) \
                and _hashes_of(_files(index, cache, name, refresh=False), name, installed):
            version = installed
        else:
            version = _newest(index, cache, req)
        pins.append(Pin(name, version, _hashes(index, cache, name, version), "the build of the checker"))
    return pins


def _newest(index: str, cache: Path, req: Requirement) -> str:
    """The newest final release on the index that meets `req` (the cached page first, then a fresh one)."""
    name = canonicalize_name(req.name)
    for refresh in (False, True):
        files = _files(index, cache, name, refresh=refresh)
        found = {v for v in (_version_of(f, name) for f in files)
                 if v is not None and not v.is_prerelease and req.specifier.contains(v)}
        if found:
            return str(max(found))
    raise LockError(key="lock-no-build-version", name=req.name, index=index, req=req)


def lock_text(pins: list[Pin], python: str) -> str:
    lines = [f"# Written by `kata export` (Python {python} on the runner): the exact grading dependencies, with the",
             "# hashes of every file the index holds for each version. The workflow installs them with",
             "# pip install --require-hashes --no-deps -r requirements.lock; export again to change them."]
    for pin in pins:
        hashes = "".join(f" \\\n    --hash=sha256:{h}" for h in pin.hashes)
        lines.append(f"{pin.name}=={pin.version}{hashes}\n    # via {pin.why}")
    return "\n".join(lines) + "\n"


def _hashes(index: str, cache: Path, name: str, version: str) -> tuple[str, ...]:
    hashes = _hashes_of(_files(index, cache, name, refresh=False), name, version)
    if not hashes:  # a version newer than the cached page
        hashes = _hashes_of(_files(index, cache, name, refresh=True), name, version)
    if not hashes:
        raise LockError(key="lock-no-hash", name=name, version=version, index=index)
    return hashes


def _hashes_of(files: dict[str, str], name: str, version: str) -> tuple[str, ...]:
    wanted = Version(version)
    return tuple(sorted({sha for filename, sha in files.items() if _version_of(filename, name) == wanted}))


def _version_of(filename: str, name: str) -> Version | None:
    """The version in a wheel or sdist file name of `name`, or None."""
    if filename.endswith(".whl"):
        parts = filename[:-4].split("-")
        if len(parts) < 5:
            return None
        dist, version = parts[0], parts[1]
    else:
        match = re.match(r"^(.*)-([^-]+)\.(tar\.gz|zip|tar\.bz2)$", filename)
        if not match:
            return None
        dist, version = match.group(1), match.group(2)
    if canonicalize_name(dist) != name:
        return None
    try:
        return Version(version)
    except InvalidVersion:
        return None


def _files(index: str, cache: Path, name: str, refresh: bool) -> dict[str, str]:
    """filename -> sha256 of every file of `name` on the index (its simple page), from the cache when there."""
    key = re.sub(r"[^A-Za-z0-9]+", "_", index) + "-" + name + ".json"
    cached = cache / key
    if not refresh and cached.is_file():
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except ValueError:
            pass
    url = f"{index}/{name}/"
    try:
        if url.startswith("file://"):
            page_path = Path(urllib.parse.urlparse(url).path) / "index.html"
            page = page_path.read_text(encoding="utf-8")
        else:
            request = urllib.request.Request(url, headers={"Accept": "text/html"})
            with urllib.request.urlopen(request, timeout=60) as response:
                page = response.read().decode("utf-8", errors="replace")
    except (OSError, urllib.error.URLError) as exc:
        if cached.is_file():
            return json.loads(cached.read_text(encoding="utf-8"))
        raise LockError(key="lock-unreachable", url=url, name=name, error=exc) from None
    files = _parse(page)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(files, sort_keys=True), encoding="utf-8")
    except OSError:
        pass  # no cache: the next export reads the index again
    return files


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, str] = {}

    def handle_starttag(self, tag, attrs) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if not href or "#sha256=" not in href:
            return
        url, sha = href.split("#sha256=", 1)
        filename = urllib.parse.unquote(url.rsplit("/", 1)[-1])
        if re.fullmatch(r"[0-9a-f]{64}", sha):
            self.files[filename] = sha


def _parse(page: str) -> dict[str, str]:
    links = _Links()
    links.feed(page)
    return links.files
