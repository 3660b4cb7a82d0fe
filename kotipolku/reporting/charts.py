"""Charts and tables of the reporting pages: the same numbers feed the SVG and its data table."""

from django.utils.translation import gettext as _

from kotipolku.clients.models import Topic
from kotipolku.intake.models import Source
from kotipolku.reporting import svg
from kotipolku.reporting.pit import suppress


def dashboard_charts(d) -> dict:
    topics = dict(Topic.choices)
    sources = dict(Source.choices)
    out = {
        "shares": svg.bar_chart(
            title=_("Tulososuudet (%)"),
            items=[
                (_("Asumistilanne ratkesi"), d.housing_solved.share),
                (_("Turvattu pääsy palveluihin"), d.secured_entry.share),
                (_("Luottamus kasvoi"), d.trust_grown.share),
            ],
            unit=" %",
        ),
        "topics": svg.bar_chart(
            title=_("Walk-in-käyntien aiheet"), items=[(str(topics.get(k, k)), n) for k, n in d.walk_ins.topics[:10]]
        ),
        "caseload": svg.bar_chart(
            title=_("Avoimet asiakkuudet työntekijää kohden"),
            items=[(w or _("ei vastuutyöntekijää"), n) for w, n in d.caseload[:15]],
        ),
    }
    out["topic_rows"] = [(str(topics.get(k, k)), n) for k, n in d.walk_ins.topics]
    if d.intake is not None:
        out["source_rows"] = [(str(sources.get(k, k)), n) for k, n in d.intake.by_source.items()]
        out["intake"] = svg.bar_chart(
            title=_("Yhteydenotot lähteittäin"),
            items=[(str(sources.get(k, k)), n) for k, n in d.intake.by_source.items()],
        )
    return out


def dashboard_table(d, *, suppressed: bool) -> tuple[list, list[list]]:
    """The dashboard as (figure, value, numerator, denominator) rows. With suppressed=True counts
    of 1-4 are shown as "<5" (the export leaves the team); shares stay as percentages."""
    fmt = suppress if suppressed else (lambda v: v)
    header = [_("Mittari"), _("Arvo"), _("Osoittaja"), _("Jakaja")]
    rows = [
        [_("Jakso"), f"{d.filters.period.start} – {d.filters.period.end}", "", ""],
        [_("Tavoitetut asiakkaat"), fmt(d.reached.total), "", ""],
        [_("joista uusia"), fmt(d.reached.new), "", ""],
    ]
    for label, ratio in (
        (_("Asumistilanne ratkesi (%)"), d.housing_solved),
        (_("Turvattu pääsy palveluihin (%)"), d.secured_entry),
        (_("Luottamus kasvoi (%)"), d.trust_grown),
    ):
        rows.append([label, "" if ratio.share is None else ratio.share, fmt(ratio.numerator), fmt(ratio.denominator)])
    rows.append([_("Pitkäaikaisasunnottomat") + f" {d.snapshot_day}", fmt(d.long_term_homeless), "", ""])
    rows.append([_("Walk-in-käynnit"), fmt(d.walk_ins.total), "", ""])
    rows.append([_("joista nimettömiä"), fmt(d.walk_ins.anonymous), "", ""])
    topics = dict(Topic.choices)
    for k, n in d.walk_ins.topics:
        rows.append([_("Walk-in-aihe") + ": " + str(topics.get(k, k)), fmt(n), "", ""])
    if d.intake is not None:
        sources = dict(Source.choices)
        for k, n in d.intake.by_source.items():
            rows.append([_("Yhteydenotot") + ": " + str(sources.get(k, k)), fmt(n), "", ""])
        r = d.intake.on_time
        rows.append(
            [
                _("Ensikontakti määräajassa (%)"),
                "" if r.share is None else r.share,
                fmt(r.numerator),
                fmt(r.denominator),
            ]
        )
    if d.bot is not None:
        rows.append([_("Botin kysymykset"), fmt(d.bot.questions), "", ""])
        for label, r in ((_("Botti: ei vastausta (%)"), d.bot.fallback), (_("Botti: hyödyllinen (%)"), d.bot.helpful)):
            rows.append([label, "" if r.share is None else r.share, fmt(r.numerator), fmt(r.denominator)])
    if not suppressed:  # worker names are team-internal
        for w, n in d.caseload:
            rows.append([_("Asiakasmäärä") + ": " + (w or _("ei vastuutyöntekijää")), n, "", ""])
    return header, rows


def long_term_chart(series, target):
    return svg.line_chart(
        title=_("Pitkäaikaisasunnottomat kuukauden lopussa ja tavoite %(target)s") % {"target": target},
        points=[(f"{day:%m/%y}", n) for day, n in series],
        target=target,
    )


def pit_chart(count):
    return svg.bar_chart(
        title=_("Asunnottomat asumistilanteen mukaan %(day)s") % {"day": count.on},
        items=[(r["label"], r["persons"]) for r in count.rows],
    )


def flow_chart(rows):
    return svg.bar_chart(
        title=_("Siirtymät asumistilanteesta toiseen"), items=[(f"{a} → {b}", n) for a, b, n in rows[:15]]
    )


def observation_chart(report):
    from kotipolku.core.themes import Theme

    labels = dict(Theme.choices)
    return svg.bar_chart(
        title=_("Havainnot teemoittain"), items=[(str(labels.get(k, k)), len(v)) for k, v in report["groups"].items()]
    )
