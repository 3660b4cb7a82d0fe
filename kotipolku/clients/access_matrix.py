"""Permission-matrix rows of the clients module."""

from kotipolku.core.permission_matrix import Row, staff_api, team_a_object


def setup(ctx):
    from kotipolku.clients.models import Client

    ctx.client_a = Client.objects.create(nickname="Matriisi A")
    ctx.client_a.teams.add(ctx.team_a)


ROWS = [
    Row("api:client-list", staff_api("worker_a", "worker_b", "lead", "admin"), path="/api/v1/clients"),
    Row("api:client-detail", team_a_object(page=False), path=lambda ctx: f"/api/v1/clients/{ctx.client_a.pk}"),
]
