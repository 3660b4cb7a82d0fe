"""The public chat page (works without JavaScript), guidance paths, feedback and the editors' queue."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kotipolku.bot import presenter, selectors, services
from kotipolku.bot.engine import answer
from kotipolku.bot.forms import AskForm, ExampleForm, FeedbackForm
from kotipolku.bot.labels import category_label
from kotipolku.bot.models import Exchange
from kotipolku.core.access import Area
from kotipolku.core.decorators import area_required
from kotipolku.core.emergency import emergency_context
from kotipolku.core.pagination import paginate
from kotipolku.core.ratelimit import limited
from kotipolku.core.views import too_many_requests

RATE_GROUP = "bot-ask"
FEEDBACK_GROUP = "bot-feedback"
SESSION_KEY = "bot_turns"
MAX_TURNS = 10


def rate_limit(request, group: str) -> bool:
    """True when this client asked too often (BOT_RATE_LIMIT per minute, default 30)."""
    return limited(request, group, limit=getattr(settings, "BOT_RATE_LIMIT", 30), window_seconds=60)


def _lang() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in ("fi", "sv", "en") else "fi"


def _conversation(request) -> str:
    if "bot_conversation" not in request.session:
        request.session["bot_conversation"] = str(uuid.uuid4())
    return request.session["bot_conversation"]


@require_http_methods(["GET", "POST"])
def chat(request):
    """Ask and read answers with plain form posts; chat.js only makes it feel like a chat."""
    lang = _lang()
    turns = request.session.get(SESSION_KEY, [])
    form = AskForm()
    status = 200
    if request.method == "POST":
        if "clear" in request.POST:
            request.session.pop(SESSION_KEY, None)
            return redirect("bot:chat")
        if rate_limit(request, RATE_GROUP):
            return too_many_requests(request)
        form = AskForm(request.POST)
        if form.is_valid():
            message = form.cleaned_data["message"]
            reply = answer(message, lang)
            if reply.kind == "empty":
                form.add_error("message", reply.answer)
                status = 400
            else:
                exchange = services.exchange_record(reply=reply, question=message, conversation=_conversation(request))
                turns = [*turns, _turn(reply, exchange)][-MAX_TURNS:]
                request.session[SESSION_KEY] = turns
                return redirect(f"{request.path}#vastaus-{len(turns)}")
        else:
            status = 400
    latest_emergency = bool(turns) and turns[-1]["emergency"]
    context = {
        "form": form,
        "turns": turns,
        "latest_emergency": latest_emergency,
        "paths": selectors.index_paths(),
        "lang": lang,
        "conversation": _conversation(request),
    }
    if latest_emergency:
        context.update(emergency_context())
    return render(request, "bot/chat.html", context, status=status)


def _turn(reply, exchange: Exchange) -> dict:
    """What the page shows of one exchange; the question shown is the redacted one that was stored."""
    data = presenter.as_json(reply, exchange_id=str(exchange.public_id))
    return {
        "question": exchange.question,
        "exchange": str(exchange.public_id),
        "answer_html": presenter.render_markdown(reply.answer),
        "emergency": reply.emergency,
        "fallback": reply.fallback,
        "links": data["links"],
        "feedback": None,
    }


@require_POST
def feedback(request):
    if rate_limit(request, FEEDBACK_GROUP):
        return too_many_requests(request)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Palautetta ei voitu tallentaa."))
        return redirect("bot:chat")
    exchange = services.feedback_record(public_id=form.cleaned_data["exchange"], helpful=form.cleaned_data["helpful"])
    if exchange is None:
        messages.error(request, _("Palautetta ei voitu tallentaa."))
        return redirect("bot:chat")
    turns = request.session.get(SESSION_KEY, [])
    for turn in turns:
        if turn["exchange"] == str(exchange.public_id):
            turn["feedback"] = exchange.helpful
    request.session[SESSION_KEY] = turns
    messages.success(request, _("Kiitos palautteesta!"))
    return redirect("bot:chat")


@require_GET
def path(request, key: str):
    """One step of a guidance path; the options are plain links, so no JavaScript is needed."""
    lang = _lang()
    found = selectors.path_get(key)
    if found is None:
        raise Http404
    node_name = request.GET.get("solmu") or found.start
    node = found.nodes.get(node_name)
    if node is None:
        raise Http404
    return render(
        request,
        "bot/path.html",
        {
            "path": found,
            "title": found.title.get(lang, key),
            "text_html": presenter.render_markdown(node["text"].get(lang, "")),
            "options": [{"label": o["label"].get(lang, ""), "next": o["next"]} for o in node["options"]],
            "is_start": node_name == found.start,
            "handbook": [
                {
                    "title": presenter._handbook_title(s, lang),
                    "url": presenter.url("handbook:article", lang, f"/kasikirja/{s}/", slug=s),
                }
                for s in node.get("handbook", [])
            ],
            "services": [
                {"label": category_label(c), "url": presenter.services_url(lang, c)} for c in node.get("services", [])
            ],
            "contact_url": presenter.contact_url(lang, found.theme),
        },
    )


@area_required(Area.CONTENT)
@require_GET
def staff_queue(request):
    show = "all" if request.GET.get("nayta") == "kaikki" else "open"
    queue = selectors.review_queue(actor=request.user, status=show)
    page = paginate(request, queue, per_page=30)
    answers = selectors.answer_choices(actor=request.user)
    rows = [
        {
            "exchange": e,
            "form": ExampleForm(
                answers=answers, initial={"text": e.question[:300], "lang": e.lang, "answer": e.answer_key}
            ),
        }
        for e in page.object_list
    ]
    return render(
        request,
        "bot/staff_queue.html",
        {"page": page, "rows": rows, "summary": selectors.feedback_summary(actor=request.user), "show": show},
    )


@area_required(Area.CONTENT)
@require_POST
def staff_add_example(request, public_id):
    exchange = get_object_or_404(Exchange, public_id=public_id)
    form = ExampleForm(request.POST, answers=selectors.answer_choices(actor=request.user))
    if form.is_valid():
        try:
            services.editor_example_add(
                actor=request.user,
                answer_key=form.cleaned_data["answer"],
                lang=form.cleaned_data["lang"],
                text=form.cleaned_data["text"],
                exchange=exchange,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Esimerkki lisättiin. Botti käyttää sitä heti."))
    else:
        messages.error(request, _("Tarkista vastaus, kieli ja esimerkkiteksti."))
    return redirect("bot:staff-queue")


@area_required(Area.CONTENT)
@require_POST
def staff_mark_reviewed(request, public_id):
    exchange = get_object_or_404(Exchange, public_id=public_id)
    services.exchange_mark_reviewed(actor=request.user, exchange=exchange)
    messages.success(request, _("Merkitty käsitellyksi."))
    return redirect("bot:staff-queue")
