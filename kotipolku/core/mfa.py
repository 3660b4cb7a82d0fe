"""Two-step sign-in of staff: a password, then a one-time code from an authenticator app (TOTP).

ASVS 2.2.3/2.7 (L2) ask for a second factor for users of sensitive data (gap G1 in
docs/reliability/asvs.md). django-otp keeps the devices, checks the codes (a code is accepted once;
wrong codes slow further tries down exponentially) and marks the session as verified. This module
holds Kotipolku's rules: who must pass the step, how a device is set up and what is audited.
"""

import base64
from binascii import unhexlify
from dataclasses import dataclass
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotipolku.core import audit
from kotipolku.core.models import AuditAction, User

DEVICE_NAME = "Kotipolku"


def required_for(user) -> bool:
    """Every signed-in account must pass the step when STAFF_MFA_REQUIRED is on (the default
    outside DEBUG); the demo runs without it unless the setting is turned on."""
    return bool(getattr(settings, "STAFF_MFA_REQUIRED", True)) and user.is_authenticated


def needs_step(user) -> bool:
    """True while a signed-in user who must use a code has not given one in this session."""
    return required_for(user) and not user.is_verified()


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def step_url(user: User, next_url: str) -> str:
    """Where a user who still needs the step goes: the code page, or set-up without a device yet."""
    name = "mfa-verify" if confirmed_device(user) else "mfa-setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def device_for_setup(user: User) -> TOTPDevice:
    """The user's unconfirmed device, created once: reloading the set-up page shows the same key."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@dataclass(frozen=True)
class SetupInfo:
    secret: str  # base32 in groups of four, for typing into the app by hand
    qr_svg: str  # the otpauth:// address as an inline SVG QR code
    uri: str  # the same address as a link: on the phone itself it opens the authenticator app


def setup_info(device: TOTPDevice) -> SetupInfo:
    secret = base64.b32encode(unhexlify(device.key)).decode().rstrip("=")
    uri = device.config_url
    qr = segno.make(uri, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", omitsize=False, title=_("QR-koodi todennussovellukselle")
    )
    return SetupInfo(secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)), qr_svg=qr, uri=uri)


def check_code(request, device: TOTPDevice, code: str) -> str | None:
    """Verify a code and mark this session as verified. Returns None on success, otherwise the
    message to show; a wrong code is audited as refused, a new device's confirmation as an update."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        audit.refused(request.user, AuditAction.READ, object_type="mfa", object_id=device.pk, reason="throttled")
        return _("Liian monta väärää koodia. Odota hetki ja kokeile sitten uudelleen.")
    with transaction.atomic():
        accepted = device.verify_token(code)  # also counts a failure for the slow-down
        if accepted and not device.confirmed:
            _confirm(request.user, device)
    if not accepted:
        audit.refused(request.user, AuditAction.READ, object_type="mfa", object_id=device.pk, reason="wrong_code")
        return _("Koodi ei kelpaa. Kirjoita sovelluksen nyt näyttämä kuusinumeroinen koodi.")
    otp_login(request, device)
    return None


def _confirm(user: User, device: TOTPDevice) -> None:
    """The first right code confirms a new device; any older device of the user stops working."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    audit.record(user, AuditAction.UPDATE, object_type="core.User", object_id=user.pk, change="mfa_device_confirmed")


def verify_session_without_code(session, user: User) -> None:
    """Mark a session as past the code step, with a confirmed device made for the user if needed.
    For tests and in-process benchmarks that sign in with force_login; no view calls this."""
    device = confirmed_device(user) or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def reset(user: User) -> int:
    """Remove a user's devices (a lost phone): the next sign-in sets up a new one. Audited."""
    with transaction.atomic():
        count, _deleted = TOTPDevice.objects.filter(user=user).delete()
        audit.record("system", AuditAction.DELETE, object_type="core.User", object_id=user.pk, change="mfa_reset")
    return count
