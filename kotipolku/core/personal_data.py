"""Core's own tables in the personal-data registry (the registry itself is core/privacy.py).

Staff accounts and landlord organisations are not data subjects of client work: a staff member's
account is deactivated, not erased, because the audit log must go on naming who did what.
"""

from kotipolku.core.privacy import Person, Section, TableChange, no_personal_data

MODELS = {
    "core.AuditEvent": no_personal_data(
        "kept by design (accountability); rows hold ids, actions, times and the acting staff member, never a "
        "client's name, code or contact details (privacy commands record ids only)"
    ),
    "core.User": no_personal_data(
        "staff accounts (the employer's records, not client data); deactivated rather than erased so the audit "
        "log keeps naming who acted"
    ),
    "core.User_groups": no_personal_data("staff account ↔ permission group links"),
    "core.User_user_permissions": no_personal_data("staff account ↔ permission links"),
    "core.Team": no_personal_data("teams: a name and a municipality"),
    "core.TeamMembership": no_personal_data("which staff member belongs to which team"),
    "core.LandlordOrganisation": no_personal_data("landlord companies: name, business id, token digest"),
}


def export_person(*, person: Person) -> list[Section]:
    return []


def erase_person(*, person: Person) -> list[TableChange]:
    return []
