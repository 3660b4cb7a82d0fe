"""Turning a definition and a response into what pages show: readable answers, band texts with their
service and handbook links, and the bar geometry of the domain-profile SVG chart."""

from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kotipolku.instruments.engine import Band, Definition, text_in, visible_item_ids


def readable_answers(definition: Definition, answers: dict[str, Any], lang: str) -> list[dict[str, str]]:
    """Question/answer pairs in the definition's order, for shown and answered items only."""
    visible = visible_item_ids(definition, answers)
    pairs = []
    for section in definition.sections:
        for item in definition.section_items(section):
            value = answers.get(item.id)
            if item.id not in visible or value in (None, "", []):
                continue
            if item.type in ("single", "yesno"):
                opt = item.option(value)
                answer = text_in(opt.text, lang) if opt else str(value)
            elif item.type == "multiple":
                answer = ", ".join(text_in(o.text, lang) for v in value if (o := item.option(v)))
            elif item.type == "scale":
                answer = f"{value} / {int(item.max)}"
            else:
                answer = str(value)
            pairs.append({"question": text_in(item.text, lang), "answer": answer})
    return pairs


def _url(name: str, fallback: str, **kwargs: Any) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:  # the module is not installed yet: use the agreed public path
        return fallback


def service_links(categories: tuple[str, ...]) -> list[dict[str, str]]:
    from kotipolku.instruments.labels import service_category_label

    base = _url("services:list", "/palvelut/")
    return [{"url": f"{base}?{urlencode({'category': c})}", "label": service_category_label(c)} for c in categories]


def _handbook_title(slug: str, lang: str) -> str | None:
    """The article's title from the handbook, when it has one (not part of the agreed interface, so
    any difference in the handbook's return type only costs the nicer title)."""
    try:
        from kotipolku.handbook import selectors as handbook_selectors

        found = handbook_selectors.article_get(slug=slug, lang=lang)
        article = getattr(found, "article", found)
        title = getattr(article, "title", None)
    except Exception:  # noqa: BLE001 - a missing article or module must not break a result page
        return None
    return str(title) if title else None


def handbook_links(slugs: tuple[str, ...], lang: str) -> list[dict[str, str]]:
    """Links to handbook articles, titled from the handbook when it has the article."""
    links = []
    for slug in slugs:
        url = _url("handbook:article", f"/kasikirja/{slug}/", slug=slug)
        label = _handbook_title(slug, lang) or slug.replace("-", " ").capitalize()
        links.append({"url": url, "label": label})
    return links


def band_view(band: Band | None, lang: str) -> dict[str, Any] | None:
    if band is None:
        return None
    return {
        "code": band.code,
        "label": text_in(band.label, lang),
        "text": text_in(band.text, lang),
        "next_steps": [text_in(s, lang) for s in band.next_steps],
        "services": service_links(band.services),
        "handbook": handbook_links(band.handbook, lang),
        "emergency": band.emergency,
    }


def domain_rows(definition: Definition, scores: dict, lang: str, previous: dict | None = None) -> list[dict]:
    """One row per domain: title, score, range, share of the range (0–100) and the domain band."""
    rows = []
    for d in definition.domains:
        value = scores.get("domains", {}).get(d.id, 0)
        span = (d.max - d.min) or 1
        band_code = (scores.get("domain_bands") or {}).get(d.id)
        band = next((b for b in d.bands if b.code == band_code), None)
        row = {
            "id": d.id,
            "title": text_in(d.title, lang),
            "score": value,
            "min": d.min,
            "max": d.max,
            "percent": max(0, min(100, round(100 * (value - d.min) / span))),
            "band": text_in(band.label, lang) if band else "",
            "previous": None,
            "previous_percent": None,
        }
        if previous is not None and d.id in previous.get("domains", {}):
            prev = previous["domains"][d.id]
            row["previous"] = prev
            row["previous_percent"] = max(0, min(100, round(100 * (prev - d.min) / span)))
        rows.append(row)
    return rows


def chart(rows: list[dict]) -> dict[str, Any]:
    """Geometry of a horizontal bar chart (SVG user units); the template draws it, no JavaScript."""
    label_w, bar_w, bar_h, gap = 190, 300, 16, 14
    has_prev = any(r["previous_percent"] is not None for r in rows)
    group_h = bar_h * (2 if has_prev else 1) + gap
    bars = []
    for n, r in enumerate(rows):
        y = 10 + n * group_h
        bar = {
            "label": r["title"],
            "label_y": y + bar_h - 3,
            "y": y,
            "width": round(bar_w * r["percent"] / 100, 1),
            "value_x": label_w + round(bar_w * r["percent"] / 100, 1) + 4,
            "value": r["score"],
            "prev": None,
        }
        if r["previous_percent"] is not None:
            w = round(bar_w * r["previous_percent"] / 100, 1)
            bar["prev"] = {"y": y + bar_h, "width": w, "value_x": label_w + w + 4, "value": r["previous"]}
        bars.append(bar)
    return {
        "width": label_w + bar_w + 60,
        "height": 20 + len(rows) * group_h,
        "label_w": label_w,
        "bar_w": bar_w,
        "bar_h": bar_h,
        "bars": bars,
        "has_prev": has_prev,
        "title": _("Osa-alueiden pisteet suhteessa kunkin osa-alueen enimmäispisteisiin"),
    }
