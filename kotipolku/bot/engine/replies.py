"""The bot's own texts (emergency, fallback, empty message) and the shaping of a Reply.

Texts are gettext strings with Finnish msgids, rendered in the language of the reply, so bot_batch and
the API answer in the asked language whatever the request's language is.
"""

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kotipolku.bot.engine import Reply
from kotipolku.bot.engine.emergency import SLEEP, SUICIDE, VIOLENCE, Emergency
from kotipolku.bot.engine.index import AnswerIndex, Match

EMERGENCY_THEME = "asunnottomuus"  # "Asunnottomuus ja muut asumisen kriisitilanteet"
EMERGENCY_SERVICES = ["social_emergency", "emergency_shelter", "crisis_support"]


def url(name: str, lang: str, fallback: str, **kwargs) -> str:
    """A URL in the reply's language; the literal path when the module is not installed yet."""
    with translation.override(lang):
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            return f"/{lang}{fallback}"


def contact_url(lang: str, theme: str | None = None) -> str:
    base = url("intake:contact-request", lang, "/yhteydenotto/")
    return f"{base}?theme={theme}" if theme else base


def services_url(lang: str, category: str | None = None) -> str:
    base = url("services:list", lang, "/palvelut/")
    return f"{base}?category={category}" if category else base


def _text_of(entry, lang: str) -> str:
    block = entry.texts.get(lang) or entry.texts.get("fi") or next(iter(entry.texts.values()), {})
    return block.get("answer", "")


def empty(lang: str) -> Reply:
    with translation.override(lang):
        text = _("Kirjoita kysymyksesi omin sanoin, esimerkiksi: ”En pysty maksamaan vuokraa.”")
    return Reply(lang=lang, theme=None, fallback=True, emergency=False, answer=text, kind="empty")


def emergency(lang: str, found: Emergency, best: Match | None, index: AnswerIndex) -> Reply:
    """The emergency answer: 112, the social emergency service and the crisis line first, always."""
    with translation.override(lang):
        parts = [
            _("112: soita heti, jos sinä tai joku muu on välittömässä vaarassa."),
            _(
                "Sosiaalipäivystys: jos sinulla ei ole tänä yönä paikkaa nukkua tai kotiin ei ole turvallista "
                "mennä, soita hyvinvointialueesi sosiaalipäivystykseen. Se palvelee ympäri vuorokauden ja "
                "auttaa hätämajoituksessa (ensisuoja)."
            ),
            _(
                "Kriisipuhelin 09 2525 0111 (MIELI ry, suomeksi ympäri vuorokauden), kun olo on toivoton tai "
                "mielessä on itsemurha."
            ),
        ]
        if found.kind == VIOLENCE:
            parts.append(_("Nollalinja 080 005 005 auttaa lähisuhdeväkivaltaa kokeneita maksutta ympäri vuorokauden."))
        elif found.kind == SLEEP:
            parts.append(
                _("Avoinna olevat ensisuojat ja päivystykset: [palvelukompassi](%(url)s).")
                % {"url": services_url(lang, "emergency_shelter")}
            )
        elif found.kind == SUICIDE:
            parts.append(_("Et ole yksin. Soita nyt, puhuminen auttaa."))
    handbook, services, answer_id = ["asunnottomuus"], list(EMERGENCY_SERVICES), None
    if best is not None:
        parts.append("---")
        parts.append(_text_of(best.entry, lang))
        answer_id = best.entry.key
        handbook = list(dict.fromkeys([*handbook, *best.entry.handbook]))
        services = list(dict.fromkeys([*services, *best.entry.services]))
    return Reply(
        lang=lang,
        theme=EMERGENCY_THEME,
        fallback=False,
        emergency=True,
        answer="\n\n".join(parts),
        answer_id=answer_id,
        score=best.score if best else 0.0,
        emergency_kind=found.kind,
        kind="emergency",
        handbook=handbook,
        services=services,
        paths=[p for p in index.paths if p.theme == EMERGENCY_THEME][:2],
    )


def fallback(lang: str, best: Match | None, *, in_domain: bool) -> Reply:
    """No good answer: say so honestly and lead to a person (contact request) and the service compass."""
    with translation.override(lang):
        links = {"contact": contact_url(lang), "services": services_url(lang)}
        if in_domain:
            text = _(
                "En löytänyt tähän varmaa vastausta, enkä halua arvata. Kirjoita kysymys toisin sanoin, "
                "[jätä yhteydenottopyyntö](%(contact)s), niin työntekijä ottaa sinuun yhteyttä, tai etsi "
                "lähin neuvontapalvelu [palvelukompassista](%(services)s)."
            )
        else:
            text = _(
                "Osaan auttaa vain asumiseen liittyvissä asioissa, joten en osaa vastata tähän. Jos sinulla "
                "on asumiseen liittyvä huoli, kysy siitä omin sanoin, [jätä yhteydenottopyyntö](%(contact)s) "
                "tai etsi apua [palvelukompassista](%(services)s)."
            )
    return Reply(
        lang=lang,
        theme=None,
        fallback=True,
        emergency=False,
        answer=text % links,
        score=best.score if best else 0.0,
        kind="fallback" if in_domain else "out_of_scope",
        alternatives=[best.entry.key] if best and in_domain else [],
    )


def answered(lang: str, best: Match, others: list[Match], index: AnswerIndex) -> Reply:
    entry = best.entry
    return Reply(
        lang=lang,
        theme=entry.theme,
        fallback=False,
        emergency=False,
        answer=_text_of(entry, lang),
        answer_id=entry.key,
        score=best.score,
        handbook=list(entry.handbook),
        services=list(entry.services),
        paths=index.paths_for_theme(entry.theme)[:2],
        alternatives=[m.entry.key for m in others if m.score >= best.score * 0.8 and m.entry.key != entry.key][:2],
    )
