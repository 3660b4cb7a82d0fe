from django.core.paginator import Page, Paginator


def paginate(request, object_list, *, per_page: int = 25) -> Page:
    """A page of object_list from ?page=; out-of-range or malformed numbers give the nearest page."""
    paginator = Paginator(object_list, per_page)
    return paginator.get_page(request.GET.get("page"))
