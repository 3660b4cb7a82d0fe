"""CSV import for editors (UTF-8, comma or semicolon separated, first row = column names).

Columns: id (required), name_fi, name_sv, name_en, description_fi/sv/en, categories, municipalities,
target_groups, languages (codes separated by commas), phone, email, website, eligibility_fi/sv/en,
cost_fi/sv/en, hours, last_verified (YYYY-MM-DD), is_example, open_on_holidays, requires_referral
(1/0, true/false, kyllä/ei). `hours` is e.g. "ma-pe 9-15; la 10-14" or "su 20-8 yö" or "24/7".
Only the columns present are changed: a row updates the existing service with the same id and keeps
its other data (exceptions, location, other languages), so a re-import changes nothing.
"""

import csv
import io
import re

from kotipolku.services.exchange import ImportResult, RowError, import_rows
from kotipolku.services.models import Service
from kotipolku.services.services import service_to_dict

DAY_NAMES = {
    "ma": 0, "ti": 1, "ke": 2, "to": 3, "pe": 4, "la": 5, "su": 6,  # fi
    "mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5,  # en (su = sunday in both)
    "må": 0, "on": 2, "tor": 3, "fre": 4, "lö": 5, "sö": 6,  # sv
}  # fmt: skip
TEXT_COLUMNS = ("name", "description", "eligibility", "cost", "accessibility", "hours_note")
CODE_COLUMNS = ("categories", "municipalities", "target_groups", "languages")
PLAIN_COLUMNS = ("phone", "email", "website", "source_url")
BOOL_COLUMNS = ("is_example", "open_on_holidays", "requires_referral")
TRUE, FALSE = {"1", "true", "kyllä", "ja", "yes", "x"}, {"", "0", "false", "ei", "nej", "no"}
PART = re.compile(
    r"^\s*(?P<days>[^\s\d]+(?:\s*-\s*[^\s\d]+)?)\s+(?P<o>\d{1,2}(?:[:.]\d\d)?)\s*-\s*(?P<c>\d{1,2}(?:[:.]\d\d)?)\s*(?P<night>yö|natt|night)?\s*$",
    re.IGNORECASE,
)


def _clock(value: str) -> str:
    value = value.replace(".", ":")
    return value if ":" in value else f"{value}:00"


def parse_hours(text: str) -> list[dict] | str:
    """'ma-pe 9-15; la 10-14; su 20-8 yö' → weekly periods; '24/7' is passed through."""
    text = (text or "").strip()
    if not text or text == "24/7":
        return text
    periods = []
    for part in text.split(";"):
        if not part.strip():
            continue
        m = PART.match(part)
        if not m:
            raise ValueError(f"hours: cannot read '{part.strip()}' (write e.g. 'ma-pe 9-15; su 20-8 yö')")
        names = [n.strip().lower() for n in m["days"].split("-")]
        if any(n not in DAY_NAMES for n in names):
            raise ValueError(f"hours: unknown weekday in '{part.strip()}' (ma ti ke to pe la su)")
        first, last = DAY_NAMES[names[0]], DAY_NAMES[names[-1]]
        days = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
        for day in days:
            periods.append(
                {"weekday": day, "opens": _clock(m["o"]), "closes": _clock(m["c"]), "overnight": bool(m["night"])}
            )
    return periods


def _bool(value: str, column: str) -> bool:
    low = value.strip().lower()
    if low in TRUE:
        return True
    if low in FALSE:
        return False
    raise ValueError(f"{column}: '{value}' is not yes/no (1/0)")


def row_to_service(row: dict[str, str], existing: dict | None) -> dict:
    data = dict(existing) if existing else {"id": row.get("id", "").strip()}
    for base in TEXT_COLUMNS:
        for lang in ("fi", "sv", "en"):
            column = f"{base}_{lang}"
            if column in row:
                data[base] = {**(data.get(base) or {"fi": "", "sv": "", "en": ""}), lang: row[column].strip()}
    for column in CODE_COLUMNS:
        if column in row:
            data[column] = row[column]
    for column in PLAIN_COLUMNS:
        if column in row:
            data[column] = row[column].strip()
    for column in BOOL_COLUMNS:
        if column in row:
            data[column] = _bool(row[column], column)
    if "hours" in row:
        data["hours"] = parse_hours(row["hours"])
    if "last_verified" in row:
        data["last_verified"] = row["last_verified"].strip() or None
    return data


def import_text(text: str, *, actor="system", source: str = "csv") -> ImportResult:
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # A header line shows no quoting, so the sniffer cannot tell how a quote inside a quoted cell is
    # written; CSV (RFC 4180, Excel, LibreOffice) doubles it.
    dialect.doublequote = True
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    try:
        return _import_rows(reader, actor=actor, source=source)
    except csv.Error as exc:  # a bare carriage return, a cell over the csv module's size limit
        return ImportResult(errors=[RowError(reader.line_num or 1, "file", f"the CSV cannot be read: {exc}")])


def _import_rows(reader: csv.DictReader, *, actor, source: str) -> ImportResult:
    if not reader.fieldnames or "id" not in [f.strip() for f in reader.fieldnames]:
        return ImportResult(errors=[RowError(1, "header", "the first row must name the columns and include 'id'")])
    rows, errors = [], []
    for row in reader:
        line = reader.line_num
        row = {(k or "").strip(): (v or "") for k, v in row.items() if k}
        sid = row.get("id", "").strip()
        ref = f"id={sid}" if sid else "id missing"
        existing = Service.objects.filter(stable_id=sid).first() if sid else None
        try:
            rows.append((line, ref, row_to_service(row, service_to_dict(existing) if existing else None)))
        except ValueError as exc:
            errors.append(RowError(line, ref, str(exc)))
    return import_rows(rows, actor=actor, source=source, earlier_errors=errors)
