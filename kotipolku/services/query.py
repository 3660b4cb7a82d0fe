"""The service search as one SQL statement, written for the hot path of the list page and the API.

Why not the ORM: building and compiling the queryset for a typical search (text + municipality + open
now: five subqueries) cost 4–5 ms of Python per request, as much as the database's own work; here the
SQL is a few string joins. The statement is plain SQL that SQLite and PostgreSQL both run, built only
from fixed table and column names (model _meta) with every value passed as a parameter.

Plan: the first filter given, in the order they usually narrow the most (municipality, text, category,
target group, language, open now), is an id list the database starts from; every other is an EXISTS
probe on the same indexes (on PostgreSQL text words stay id lists, see _word_list). Left to themselves,
both databases often started from the open-now intervals (half of all services) and did several times
the work. docs/services.md has the measurements.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection

from kotipolku.services import hours, open_index
from kotipolku.services.models import OpenInterval, SearchTerm, Service
from kotipolku.services.search import query_alternatives, query_words

# The list order: examples last, then by name (index services_list_order_idx).
ORDER = "s.is_example, s.name_fi, s.id"
# The code relations of a service: (relation, link table model, code column).
CODE_TABLES = (
    ("categories", Service.categories.through, "category_id"),
    ("target_groups", Service.target_groups.through, "targetgroup_id"),
    ("languages", Service.languages.through, "language_id"),
    ("municipalities", Service.municipalities.through, "municipality_id"),
)
CODE_LINKS = {name: (through, column) for name, through, column in CODE_TABLES}


@dataclass(frozen=True)
class SearchFilters:
    """What a search asks for. Codes are validated by the forms before they get here."""

    q: str = ""
    municipality: str = ""
    category: str = ""
    target_group: str = ""
    language: str = ""
    open_now: bool = False
    include_referral: bool = False
    at: datetime | None = None
    lang: str = "fi"

    @classmethod
    def from_form(cls, data: dict, lang: str) -> "SearchFilters":
        """The filters of a valid ServiceFilterForm or ApiServiceFilterForm (cleaned_data; {} for none)."""
        return cls(
            q=data.get("q") or "",
            municipality=data.get("municipality") or "",
            category=data.get("category") or "",
            target_group=data.get("target_group") or "",
            language=data.get("language") or "",
            open_now=bool(data.get("open_now")),
            include_referral=bool(data.get("include_referral")),
            lang=lang,
        )

    def narrows(self) -> bool:
        """True when a filter that usually leaves a short list is given (open now alone leaves half)."""
        return bool(query_words(self.q) or self.municipality or self.category or self.target_group or self.language)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _through(relation: str) -> tuple[str, str]:
    """(quoted table, quoted code column) of a code relation's link table."""
    through, column = CODE_LINKS[relation]
    return _table(through), connection.ops.quote_name(column)


class _Where:
    """Conditions on the services table `s` and their parameters; the first one added is the id list
    the database starts from, the rest are EXISTS probes."""

    def __init__(self, *, probes_only: bool = False):
        self.parts: list[str] = []
        self.params: list = []
        self.started = probes_only

    def has_rows(self, table: str, condition: str, params: list) -> str:
        """`s` has a row in `table` meeting `condition` (columns of alias x), as SQL (params appended)."""
        self.params += params
        if self.started:
            return f"EXISTS (SELECT 1 FROM {table} x WHERE x.service_id = s.id AND {condition})"  # noqa: S608
        return f"s.id IN (SELECT x.service_id FROM {table} x WHERE {condition})"  # noqa: S608

    def add(self, sql: str) -> None:
        self.parts.append(sql)
        self.started = True


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _text_condition(where: _Where, q: str, lang: str) -> str | None:
    """Every word must match: one of its whole forms is a term, or all parts of a compound reading are."""
    words = query_alternatives(q, lang)
    if not words:
        return None
    terms = _table(SearchTerm)
    if where.started and connection.vendor == "sqlite":
        return " AND ".join(_word_probe(where, terms, whole, readings) for whole, readings in words)
    return " AND ".join(_word_list(where, terms, whole, readings) for whole, readings in words)


def _word_probe(where: _Where, terms: str, whole: tuple[str, ...], readings: list[tuple[str, ...]]) -> str:
    """EXISTS probes per candidate row. SQLite runs nested loops in the order written, so once another
    filter has narrowed the rows this beats building the word's id list (3 ms against 5 ms)."""
    options = [where.has_rows(terms, f"x.term IN ({_marks(whole)})", list(whole))]
    for parts in readings:
        options.append("(" + " AND ".join(where.has_rows(terms, "x.term = %s", [p]) for p in parts) + ")")
    return "(" + " OR ".join(options) + ")"


def _word_list(where: _Where, terms: str, whole: tuple[str, ...], readings: list[tuple[str, ...]]) -> str:
    """One id list per word: whole forms UNION ALL a self-join of each reading's parts. PostgreSQL plans
    it as one semi-join it may hash or probe; an OR of EXISTS ran as up to four subplans per candidate
    row (3 ms against 9 ms for a compound word)."""
    selects = [f"SELECT x.service_id FROM {terms} x WHERE x.term IN ({_marks(whole)})"]  # noqa: S608
    where.params += whole
    for parts in readings:
        joins = "".join(
            f" JOIN {terms} p{i} ON p{i}.service_id = p0.service_id AND p{i}.term = %s" for i in range(1, len(parts))
        )
        selects.append(f"SELECT p0.service_id FROM {terms} p0{joins} WHERE p0.term = %s")  # noqa: S608
        where.params += [*parts[1:], parts[0]]
    return f"s.id IN ({' UNION ALL '.join(selects)})"


def _open_condition(where: _Where, at: datetime | None) -> str:
    """Open at `at`: a range look-up in the precomputed intervals, or, outside their window, the
    selectors' fallback (SQL on weekly hours plus the pure function) embedded as a subquery."""
    now = hours.local(at)
    if not open_index.covers(now.date()):
        from kotipolku.services.selectors import filter_open_now_fallback

        sql, params = filter_open_now_fallback(Service.objects.all(), now).values("pk").query.sql_with_params()
        where.params += list(params)
        return f"s.id IN ({sql})"
    t = now.astimezone(UTC)
    adapt = connection.ops.adapt_datetimefield_value
    return where.has_rows(
        _table(OpenInterval),
        "x.starts_at > %s AND x.starts_at <= %s AND x.ends_at > %s",
        [adapt(t - open_index.MAX_LENGTH), adapt(t), adapt(t)],
    )


def _where(filters: SearchFilters, *, walk: bool = False) -> tuple[str, list]:
    """The WHERE condition on `s` and its parameters. `walk`: every filter is a probe, for reading the
    services in list order (the order index) until a page is full."""
    where = _Where(probes_only=walk)
    codes = {
        "municipalities": filters.municipality,
        "categories": filters.category,
        "target_groups": filters.target_group,
        "languages": filters.language,
    }
    for step in ("municipalities", "text", "categories", "target_groups", "languages"):
        if step == "text":
            sql = _text_condition(where, filters.q, filters.lang)
        elif codes[step]:
            table, column = _through(step)
            sql = where.has_rows(table, f"x.{column} = %s", [codes[step]])
        else:
            sql = None
        if sql:
            where.add(sql)
    if filters.open_now:
        where.add(_open_condition(where, filters.at))
    base = "s.is_active" if filters.include_referral else "s.is_active AND NOT s.requires_referral"
    return " AND ".join([base, *where.parts]), where.params


def _rows(sql: str, params: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def ids(filters: SearchFilters, *, limit: int | None = None, offset: int = 0, walk: bool = False) -> list[int]:
    """Ids of the published services matching `filters`, in list order. `walk` suits one page of a long
    list (say everything open now): the database reads services in list order and probes each one, so
    a page of 20 costs a few dozen probes instead of finding and sorting every match."""
    condition, params = _where(filters, walk=walk)
    sql = f"SELECT s.id FROM {_table(Service)} s WHERE {condition} ORDER BY {ORDER}"  # noqa: S608 (fixed names)
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params = [*params, limit, offset]
    return [row[0] for row in _rows(sql, params)]


def count(filters: SearchFilters) -> int:
    condition, params = _where(filters)
    return _rows(f"SELECT COUNT(*) FROM {_table(Service)} s WHERE {condition}", params)[0][0]  # noqa: S608
