"""The definition of every dashboard figure, shown as a footnote (same words as kpis.py)."""

from django.utils.translation import gettext_lazy as _

DEFINITIONS = {
    "reached": _(
        "Asiakkaat, joilla on jaksolla vähintään yksi tapaaminen tai walk-in-käynti. Useamman tiimin asiakas "
        "lasketaan kerran. Uusi: ensimmäinen kontakti koskaan osuu jaksolle (uudelleen avattu asiakkuus ei ole uusi)."
    ),
    "housing_solved": _(
        "Jaksolla päättyneistä asiakkuuksista ne, joiden viimeisin päättäminen jaksolla on tulokseltaan "
        "'asunto löytyi' tai 'häätö estyi'. Päätetty, avattu ja uudelleen päätetty asiakas lasketaan kerran."
    ),
    "secured_entry": _(
        "Jaksolla ratkenneista ohjauksista (siirtynyt palveluun tai ei tavoitettu) ne, jotka siirtyivät "
        "palveluun (lämmin saattaen vaihto). Avoimia ohjauksia ei lasketa."
    ),
    "trust_grown": _(
        "Jaksolla annetuista asiakaspalautteista ne, joissa luottamus palvelujärjestelmään on kasvanut "
        "arvolla 4 tai 5 asteikolla 1–5. Nimettömät palautteet mukana."
    ),
    "long_term": _(
        "Jakson viimeisenä päivänä (tai tänään, jos jakso jatkuu) asunnottomat asiakkaat, jotka asiakastyön "
        "pitkäaikaisasunnottomuussäännön mukaan ovat pitkäaikaisasunnottomia. Päätetyt asiakkuudet eivät ole mukana."
    ),
    "walk_ins": _("Walk-in-käynnit jaksolla, myös nimettömät. Aihe lasketaan kerran kutakin käyntiä kohden."),
    "intake": _(
        "Jaksolla vastaanotetut yhteydenotot lähteittäin. Määräajassa: ensikontakti viimeistään määräpäivänä; "
        "vertailussa ovat yhteyden saaneet ja määräajan ylittäneet, ei vielä erääntyneitä eikä roskaviestejä."
    ),
    "caseload": _("Avoimet asiakkuudet vastuutyöntekijää kohden nyt (ei jaksoon sidottu)."),
    "bot": _(
        "Botin kysymykset jaksolla; ei vastausta -osuus kaikista kysymyksistä; hyödyllinen-osuus "
        "palautetta saaneista vastauksista. Botti on nimetön, joten tiimi- ja kuntarajaus ei koske sitä."
    ),
    "bands": _("Asumisen itsearvion tulosluokat jaksolla (nimetön; alle 5 vastauksen luvut piilotettu)."),
    "empty": _("Ei laskettavaa jaksolla (jakaja 0)."),
}
