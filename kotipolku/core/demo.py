"""Demo teams, staff accounts of every role and landlord organisations (DEBUG/demo only)."""

from django.conf import settings
from django.db import transaction

from kotipolku.core.models import LandlordOrganisation, Role, Team, TeamMembership, User

DEMO_USERS = [
    # username, role, teams, lead of those teams, first name, last name
    ("demo-worker-a", Role.WORKER, ["Demo-tiimi A"], False, "Aino", "Työntekijä"),
    ("demo-worker-b", Role.WORKER, ["Demo-tiimi B"], False, "Bertta", "Työntekijä"),
    ("demo-lead", Role.LEAD, ["Demo-tiimi A", "Demo-tiimi B"], True, "Leena", "Tiiminvetäjä"),
    ("demo-editor", Role.EDITOR, [], False, "Eemeli", "Sisällöntuottaja"),
    ("demo-admin", Role.ADMIN, [], False, "Aarne", "Ylläpitäjä"),
]
DEMO_TEAMS = [("Demo-tiimi A", "Vantaa"), ("Demo-tiimi B", "Hyvinkää")]


@transaction.atomic
def load_demo(*, stdout=None) -> str:
    teams = {}
    for name, municipality in DEMO_TEAMS:
        teams[name], _ = Team.objects.update_or_create(name=name, defaults={"municipality": municipality})
    for username, role, team_names, is_lead, first, last in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username)
        user.role = role
        user.first_name, user.last_name = first, last
        user.is_staff = role in (Role.EDITOR, Role.ADMIN)  # Django admin for content editing
        user.is_superuser = role == Role.ADMIN
        user.set_password(settings.DEMO_PASSWORD)
        user.save()
        for team_name in team_names:
            TeamMembership.objects.update_or_create(user=user, team=teams[team_name], defaults={"is_lead": is_lead})
    for name, token in (
        ("Demo Vuokratalot A", settings.DEMO_LANDLORD_A_TOKEN),
        ("Demo Vuokratalot B", settings.DEMO_LANDLORD_B_TOKEN),
    ):
        org = LandlordOrganisation.objects.filter(name=name).first() or LandlordOrganisation(name=name)
        org.set_token(token)
        org.save()
    return f"{len(DEMO_TEAMS)} teams, {len(DEMO_USERS)} staff accounts, 2 landlord organisations"
