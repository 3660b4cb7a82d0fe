"""One-statement inserts for the append-only logs written on hot paths (bot questions, audit events).

Model.save() compiles the INSERT anew for every row and sends pre/post_save signals; for the bot's
question log and the audit log, written on every bot question, contact request and staff read, that
machinery cost more CPU than the insert itself (docs/reliability/load.md). `insert_new` builds the
statement once per model and database vendor and converts each value with the field's own
get_db_prep_save, as save() does. Only for models that nothing listens to with save signals.
"""

from django.db import connections, router
from django.db.models import Model

_statements: dict[tuple[str, str, type[Model]], tuple[str, list, bool]] = {}


def _statement(model: type[Model], alias: str):
    connection = connections[alias]
    key = (alias, connection.vendor, model)
    found = _statements.get(key)
    if found is None:
        meta = model._meta
        quote = connection.ops.quote_name
        fields = [f for f in meta.concrete_fields if not (f.primary_key and f.db_returning)]
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        returning = connection.features.can_return_columns_from_insert
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 (names from _meta)
        if returning:
            sql += f" RETURNING {quote(meta.pk.column)}"
        found = _statements[key] = (sql, fields, returning)
    return found


def insert_new(obj: Model, *, using: str | None = None) -> Model:
    """INSERT an unsaved instance and set its primary key; returns obj."""
    if obj.pk is not None:
        raise ValueError(f"insert_new is for new rows only; {obj._meta.label} {obj.pk} exists already.")
    alias = using or router.db_for_write(type(obj), instance=obj)
    sql, fields, returning = _statement(type(obj), alias)
    connection = connections[alias]
    params = [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        obj.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    obj._state.adding = False
    obj._state.db = alias
    return obj
