"""report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched from the network)
with the class table, per kata the pass rate and the diagnostic codes, the checks that fail most, and per
student the full report of every kata. Every text that comes from a student is escaped."""

from __future__ import annotations

from html import escape
from typing import Any

from checker.classgrade import gradebook, stats
from checker.classgrade.grader import NOT_SUBMITTED
from checker.i18n import t

STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}
td.n{text-align:right}.passed{background:#d8f5d8}.failed{background:#fbdada}.not-graded{background:#fff3c4}
.review{color:#b45309;font-weight:bold}
.not-submitted{background:#eee;color:#777}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em;margin:.2em 0}
details{margin:.4em 0}summary{cursor:pointer;font-weight:600}.legend span{padding:0 .5em;margin-right:.5em}
"""
LABELS = {"passed": "status-passed", "failed": "status-failed", "not-graded": "page-not-graded",
          NOT_SUBMITTED: "page-not-submitted"}  # a status's words in the catalog
BAR_W, ROW_H = 320, 22


def page(doc: dict[str, Any]) -> str:
    """The page, in the language of the grade (`doc["lang"]`)."""
    katas = stats.per_kata(doc)
    lang = doc.get("lang", "en")
    parts = [
        "<!DOCTYPE html>", f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">',
        f"<title>{t('page-title', lang)}</title>", f"<style>{STYLE}</style></head><body>",
        f"<h1>{t('page-title', lang)}</h1>", _summary(doc, lang), f"<h2>{t('page-table', lang)}</h2>",
        _class_table(doc, lang), f"<h2>{t('page-rates', lang)}</h2>", _pass_rate_chart(katas, lang),
        f"<h2>{t('page-codes', lang)}</h2>", _codes(katas, lang),
        f"<h2>{t('page-worst', lang)}</h2>", _most_failed(doc, lang),
        f"<h2>{t('page-students', lang)}</h2>", *(_student(s, doc, lang) for s in doc["students"]),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _summary(doc: dict[str, Any], lang: str) -> str:
    counts = gradebook.counts(doc)
    colon = " : " if lang == "fr" else ": "
    legend = "".join(f'<span class="{escape(k)}">{escape(t(LABELS[k], lang))}{colon}{n}</span>'
                     for k, n in counts.items())
    said = t("page-summary", lang, students=len(doc["students"]), katas=len(doc["katas"]),
             version=escape(doc["checker_version"]))
    return f"<p>{said}</p><p class=\"legend\">{legend}</p>"


def _class_table(doc: dict[str, Any], lang: str) -> str:
    ids = [k["id"] for k in doc["katas"]]
    top = sum(k["points"] for k in doc["katas"])
    head = "".join(f'<th title="{escape(k["title"])}">{escape(k["id"])}</th>' for k in doc["katas"])
    rows = []
    for i, student in enumerate(doc["students"]):
        cells = []
        for kata_id in ids:
            cell = student["katas"][kata_id]
            shown = "—" if cell["status"] == "not-graded" else f"{cell['points']}"
            flag = f' <span class="review" title="{escape(t("page-review-mark", lang))}">⚑</span>' \
                if cell.get("review") else ""
            cells.append(f'<td class="n {escape(cell["status"])}" title="{escape(t(LABELS[cell["status"]], lang))}">'
                         f"{shown}/{cell['max_points']}{flag}</td>")
        total = sum(student["katas"][k]["points"] for k in ids)
        rows.append(f'<tr><td><a href="#student-{i}">{escape(student["name"])}</a></td>{"".join(cells)}'
                    f'<td class="n">{total}</td><td class="n">{top}</td></tr>')
    names = [t(key, lang) for key in ("class-col-student", "col-total", "page-max")]
    return (f'<table id="class-table"><thead><tr><th>{names[0]}</th>{head}<th>{names[1]}</th><th>{names[2]}</th>'
            f'</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _pass_rate_chart(katas: list[stats.KataStats], lang: str) -> str:
    """Horizontal bars: passed (green), failed (red), not graded (yellow), not submitted (grey), per kata."""
    height = ROW_H * len(katas) + 10
    bars = []
    for row, kata in enumerate(katas):
        y = 5 + row * ROW_H
        total = kata.passed + kata.failed + kata.not_graded + kata.not_submitted or 1
        x = 60
        for count, colour in ((kata.passed, "#4caf50"), (kata.failed, "#e57373"), (kata.not_graded, "#ffd54f"),
                              (kata.not_submitted, "#bdbdbd")):
            width = BAR_W * count / total
            if width:
                bars.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{ROW_H - 6}" fill="{colour}"/>')
            x += width
        rate = "—" if kata.pass_rate is None else f"{100 * kata.pass_rate:.0f}" + (" %" if lang == "fr" else "%")
        said = t("page-rate", lang, rate=rate, passed=kata.passed, graded=kata.graded)
        bars.append(f'<text x="0" y="{y + 12}">{escape(kata.id)}</text>'
                    f'<text x="{70 + BAR_W}" y="{y + 12}">{said}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{BAR_W + 330}" height="{height}" role="img" '
            f'aria-label="{t("page-rates", lang)}" font-size="12">{"".join(bars)}</svg>')


def _codes(katas: list[stats.KataStats], lang: str) -> str:
    rows = []
    for kata in katas:
        if not kata.codes:
            continue
        top = max(kata.codes.values())
        items = "".join(
            f'<div><svg width="{BAR_W // 2}" height="12"><rect width="{BAR_W // 2 * n / top:.1f}" height="12" '
            f'fill="#e57373"/></svg> <code>{escape(code)}</code> × {n}</div>'
            for code, n in sorted(kata.codes.items(), key=lambda item: (-item[1], item[0])))
        rows.append(f"<tr><td>{escape(kata.id)} {escape(kata.title)}</td><td>{items}</td></tr>")
    if not rows:
        return f"<p>{t('page-no-failure', lang)}</p>"
    return f"<table><tr><th>kata</th><th>{t('page-code-students', lang)}</th></tr>{''.join(rows)}</table>"


def _most_failed(doc: dict[str, Any], lang: str) -> str:
    worst = stats.most_failed(doc)
    if not worst:
        return f"<p>{t('page-no-failure', lang)}</p>"
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(name)}</td><td class=\"n\">{n}</td></tr>"
                   for k, name, n in worst)
    return (f"<table><tr><th>kata</th><th>{t('page-check', lang)}</th><th>{t('page-students-col', lang)}</th></tr>"
            f"{rows}</table>")


def _student(student: dict[str, Any], doc: dict[str, Any], lang: str) -> str:
    index = doc["students"].index(student)
    total = sum(c["points"] for c in student["katas"].values())
    top = sum(k["points"] for k in doc["katas"])
    source = t("page-clone", lang, commit=escape(student["commit"])) if student.get("commit") \
        else escape(student["source"])
    parts = [f'<details id="student-{index}"><summary>{escape(student["name"])} — {total}/{top}</summary>',
             f"<p>{t('page-folder', lang, folder=escape(student['folder']), source=source)}</p>"]
    for kata in doc["katas"]:
        cell = student["katas"][kata["id"]]
        where = f" — {escape(cell['file'])}, SHA-256 {escape(cell['sha256'] or '')}" if cell.get("file") else ""
        parts.append(f'<h4 class="{escape(cell["status"])}">Kata {escape(kata["id"])} {escape(kata["title"])}: '
                     f"{escape(t(LABELS[cell['status']], lang))}, {cell['points']}/{cell['max_points']}{where}</h4>")
        if cell.get("review"):
            lines = ", ".join(f"{escape(str(r['what']))} ({t('page-line', lang, line=r['line'])})" for r in cell["review"])
            parts.append(f'<p class="review">⚑ {escape(t("page-review", lang))} {lines}</p>')
        checks = (cell.get("report") or {}).get("checks", [])
        if checks:
            parts.append("<ul>" + "".join(_check(c) for c in checks) + "</ul>")
        if cell.get("graded_at"):
            said = t("page-graded", lang, at=escape(cell["graded_at"]), checker=escape(cell["checker_version"]),
                     suite=escape(cell["suite_version"]))
            parts.append(f"<p><small>{said}</small></p>")
    parts.append("</details>")
    return "\n".join(parts)


def _check(check: dict[str, Any]) -> str:
    mark = {"passed": "✓", "failed": "✗", "skipped": "–"}.get(check["status"], "?")
    code = f" <code>[{escape(check['code'])}]</code>" if check.get("code") and not check["passed"] else ""
    message = f"<pre>{escape(check['message'])}</pre>" if check.get("message") and not check["passed"] else ""
    return f"<li>{mark} {escape(check['name'])}{code}{message}</li>"
