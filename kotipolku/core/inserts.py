"""Inserts for the writes on hot public paths: bot questions, audit events and contact requests.

Model.save() compiles the INSERT anew for every row and sends pre/post_save signals; for the bot's
question log and the audit log, written on every bot question, contact request and staff read, that
machinery cost more CPU than the insert itself (docs/reliability/load.md). `insert_new` builds the
statement once per model and database vendor and converts each value with the field's own
get_db_prep_save, as save() does. `insert_linked` stores a row and the rows that point at it (a contact
request, its triage item and its audit event) in one statement on PostgreSQL. Only for models that
nothing listens to with save signals (kotipolku/core/tests/test_inserts.py checks the ones used).
"""

from contextlib import nullcontext

from django.db import connections, router, transaction
from django.db.models import Model

_statements: dict[tuple[str, str, type[Model]], tuple[str, list, bool]] = {}


def _insert_fields(model: type[Model]) -> list:
    """The columns an INSERT of a new row writes: all but a primary key that the database assigns."""
    return [f for f in model._meta.concrete_fields if not (f.primary_key and f.db_returning)]


def _statement(model: type[Model], alias: str):
    connection = connections[alias]
    key = (alias, connection.vendor, model)
    found = _statements.get(key)
    if found is None:
        meta = model._meta
        quote = connection.ops.quote_name
        fields = _insert_fields(model)
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        returning = connection.features.can_return_columns_from_insert
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 (names from _meta)
        if returning:
            sql += f" RETURNING {quote(meta.pk.column)}"
        found = _statements[key] = (sql, fields, returning)
    return found


def _check_new(obj: Model) -> None:
    if obj.pk is not None:
        raise ValueError(f"Inserts are for new rows only; {obj._meta.label} {obj.pk} exists already.")


def _db_values(obj: Model, fields: list, connection) -> list:
    return [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]


def _mark_saved(obj: Model, pk, alias: str) -> None:
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = alias


def insert_new(obj: Model, *, using: str | None = None) -> Model:
    """INSERT an unsaved instance and set its primary key; returns obj."""
    _check_new(obj)
    alias = using or router.db_for_write(type(obj), instance=obj)
    sql, fields, returning = _statement(type(obj), alias)
    connection = connections[alias]
    params = _db_values(obj, fields, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    _mark_saved(obj, pk, alias)
    return obj


def insert_linked(parent: Model, *dependents: tuple[Model, str], using: str | None = None) -> Model:
    """INSERT parent and rows that hold its primary key, all or none; sets every primary key. Returns parent.

    dependents: (unsaved instance, name of its field that gets the parent's primary key): a foreign key
    such as "contact_request", or a text field such as the audit event's "object_id".

    On PostgreSQL this is one statement (a WITH of INSERTs, each dependent reading the parent's new key
    from it): atomic by itself, and one round trip instead of five (BEGIN, three INSERTs, COMMIT), which
    made a contact request the most expensive public request (docs/reliability/load.md). Elsewhere the
    rows go in one after another inside a transaction. Inside an outer transaction a savepoint keeps a
    failed insert (say a clashing unique value) from spoiling it, as transaction.atomic() would.
    """
    objects = (parent, *(dependent for dependent, _ in dependents))
    for obj in objects:
        _check_new(obj)
    links = [(dependent, dependent._meta.get_field(name)) for dependent, name in dependents]
    alias = using or router.db_for_write(type(parent), instance=parent)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        try:
            with transaction.atomic(using=alias):
                insert_new(parent, using=alias)
                for dependent, link in links:
                    setattr(dependent, link.attname, link.to_python(parent.pk))
                    insert_new(dependent, using=alias)
        except Exception:
            for obj in objects:
                obj.pk, obj._state.adding = None, True  # rolled back: none of them was stored
            raise
        return parent

    quote = connection.ops.quote_name
    parent_sql, parent_fields, _ = _statement(type(parent), alias)
    params = _db_values(parent, parent_fields, connection)
    parts = [f"p AS ({parent_sql})"]
    new_key = f"(SELECT {quote(parent._meta.pk.column)} FROM p)"  # noqa: S608 (names from _meta)
    for number, (dependent, link) in enumerate(links):
        fields = _insert_fields(type(dependent))
        values = []
        for field, value in zip(fields, _db_values(dependent, fields, connection), strict=True):
            if field is link:
                values.append(new_key)  # the parent's new key, converted to the column's type on assignment
            else:
                values.append("%s")
                params.append(value)
        meta = dependent._meta
        columns = ", ".join(quote(f.column) for f in fields)
        parts.append(
            f"d{number} AS (INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608 (names from _meta)
            f"VALUES ({', '.join(values)}) RETURNING {quote(meta.pk.column)})"
        )
    keys = [new_key] + [f"(SELECT {quote(d._meta.pk.column)} FROM d{n})" for n, (d, _) in enumerate(links)]  # noqa: S608
    sql = f"WITH {', '.join(parts)} SELECT {', '.join(keys)}"
    savepoint = transaction.atomic(using=alias) if connection.in_atomic_block else nullcontext()
    with savepoint, connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    _mark_saved(parent, row[0], alias)
    for (dependent, link), pk in zip(links, row[1:], strict=True):
        setattr(dependent, link.attname, link.to_python(parent.pk))
        _mark_saved(dependent, pk, alias)
    return parent
