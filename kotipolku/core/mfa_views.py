"""The second sign-in step of staff (core.mfa): enter a code, or set up the authenticator app first."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kotipolku.core import mfa
from kotipolku.core.forms import MFACodeForm


def _next_url(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _code_page(request, template: str, device, extra: dict):
    next_url = _next_url(request)
    form = MFACodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        error = mfa.check_code(request, device, form.cleaned_data["code"])
        if error is None:
            if extra.get("setup"):
                messages.success(request, _("Kaksivaiheinen tunnistautuminen on nyt käytössä."))
            return redirect(next_url)
        form.add_error("code", error)
    context = {"form": form, "next": next_url, **extra}
    return render(request, template, context, status=400 if form.errors else 200)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    if not mfa.needs_step(request.user):
        return redirect(_next_url(request))
    device = mfa.confirmed_device(request.user)
    if device is None:
        return redirect(mfa.step_url(request.user, _next_url(request)))
    return _code_page(request, "registration/mfa_verify.html", device, {})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """First sign-in: show the key (QR code and text) and confirm it with one code."""
    if not mfa.needs_step(request.user):
        return redirect(_next_url(request))
    if mfa.confirmed_device(request.user):
        return redirect(mfa.step_url(request.user, _next_url(request)))
    device = mfa.device_for_setup(request.user)
    return _code_page(request, "registration/mfa_setup.html", device, {"setup": mfa.setup_info(device)})
