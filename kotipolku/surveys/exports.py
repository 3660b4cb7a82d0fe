"""XLSX exports of survey results (small cells already suppressed by the selectors)."""

import io

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _cell(value):
    return "<5" if value is None else value


def results_workbook(title: str, results: dict) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tulokset"
    ws.append([title])
    ws.append(["Vastauksia", results["total"] if not results["suppressed"] else "<5"])
    ws.append([])
    for r in results["rates"]:
        ws.append([r["label"], _cell(r["share"])])
    for item in results["items"]:
        ws.append([])
        ws.append([item["text"]])
        for row in item["rows"]:
            ws.append([row["label"], _cell(row["n"]), _cell(row["share"])])
    return wb


def summary_workbook(code: str, year: int, summary: dict) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = str(year)
    ws.append([code, year])
    ws.append(["Yhtiö", "Ryhmä", "Vastauksia", *summary["rates"]])
    for row in summary["rows"]:
        ws.append([row["company"], row["group"], _cell(row["n"]), *[_cell(v) for v in row["rates"]]])
    return wb
