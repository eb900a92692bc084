"""Machine-readable forms of reports: the JSON of DESIGN.md, JUnit XML, exercism's results.json v3."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable
from xml.etree import ElementTree as ET

from checker.catalog import Kata
from checker.report import Report


def report_json(report: Report) -> str:
    data = report.to_json()
    data.pop("busy")
    if report.busy:
        data["busy_machine"] = True
    return json.dumps(data, ensure_ascii=False)


def reports_junit(pairs: Iterable[tuple[Kata, Report]]) -> str:
    suites = ET.Element("testsuites", name="kata")
    for kata, report in pairs:
        failures = sum(1 for c in report.checks if c.status == "failed")
        skipped = sum(1 for c in report.checks if c.status == "skipped")
        suite = ET.SubElement(suites, "testsuite", name=f"{kata.id}_{kata.slug}", tests=str(len(report.checks)),
                              failures=str(failures), skipped=str(skipped), errors="0",
                              time=f"{report.duration_s:.3f}")
        properties = ET.SubElement(suite, "properties")
        for name, value in [("status", report.status.value), ("points", report.points),
                            ("max_points", report.max_points)] + \
                [(f"task {task} status", status.value) for task, _, status in report.units if task is not None]:
            ET.SubElement(properties, "property", name=name, value=str(value))
        for check in report.checks:
            case = ET.SubElement(suite, "testcase", classname=f"kata.{kata.id}_{kata.slug}", name=check.name,
                                 time="0")
            if check.status == "failed":
                failure = ET.SubElement(case, "failure", type=check.code or "failed",
                                        message=check.message.splitlines()[0] if check.message else "")
                failure.text = check.message
            elif check.status == "skipped":
                ET.SubElement(case, "skipped", message=check.message)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def exercism(results: Iterable[tuple[Kata, Report]]) -> str:
    """results.json version 3 of exercism's test-runner interface, over one or several katas."""
    tests, errors = [], []
    results = list(results)
    for kata, report in results:
        for check in report.checks:
            status = {"passed": "pass", "skipped": "fail"}.get(check.status, "fail")
            tests.append({"name": f"{kata.id} {check.name}", "status": status,
                          "message": (f"[{check.code}] " if check.code and not check.passed else "") + check.message
                          if not check.passed else None,
                          "output": check.output or None, "test_code": check.test or check.name,
                          "task_id": int(check.task) if check.task and check.task.isdigit() else None})
            if check.test == "" and not check.passed and check.code in ("crash", "timeout", "tampered"):
                errors.append(check.message)
    status = "pass" if results and all(report.passed for _, report in results) else "fail"
    data = {"version": 3, "status": status, "tests": tests}
    if errors and not any(t["status"] == "pass" for t in tests):
        data["status"], data["message"] = "error", "\n".join(errors)
    return json.dumps(data, ensure_ascii=False, indent=2)


def verify_json(outcomes, root: Path, incomplete: Iterable[Path] = ()) -> str:
    """`kata verify --json`: one object, each case with what it expected and what it got, and the kata folders
    that have no kata.toml yet."""
    def shown(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    cases = [{"kata": o.case.kata.id, "role": o.case.role, "file": shown(o.case.file), "expected": o.case.expected,
              "got": o.got, "ok": o.ok, "problem": o.problem} for o in outcomes]
    incomplete = [shown(folder) for folder in incomplete]
    return json.dumps({"passed": all(c["ok"] for c in cases) and not incomplete, "cases": cases,
                       "incomplete": incomplete}, ensure_ascii=False)


def progress_json(rows: list[dict]) -> str:
    return json.dumps({"katas": rows}, ensure_ascii=False)


def progress_csv(rows: list[dict]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["kata", "title", "passed", "attempts", "hints_used", "hints", "time_to_first_pass_s",
                     "last_codes", "codes"])
    for r in rows:
        writer.writerow([r["kata"], r["title"], r["passed"], r["attempts"], r["hints_used"], r["hints"],
                         "" if r["time_to_first_pass_s"] is None else r["time_to_first_pass_s"],
                         " ".join(r["last_codes"]), " ".join(f"{c}:{n}" for c, n in r["codes"].items())])
    return buffer.getvalue()
