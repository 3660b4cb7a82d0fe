"""View decorators that apply the core permission rule to whole pages."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from kotipolku.core.access import Area, in_area, is_staff_user, refuse_area


def area_required(area: Area):
    """Anonymous users go to the login page; signed-in users outside the area get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not is_staff_user(request.user):
                return redirect_to_login(request.get_full_path())
            if not in_area(request.user, area):
                refuse_area(request.user, area)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
