"""Emergency detection: fi/sv/en, inflections and typos, and never overridden by the matcher."""

import pytest

from kotipolku.bot.engine import answer
from kotipolku.bot.engine.emergency import SLEEP, SUICIDE, VIOLENCE, detect

EMERGENCIES = [
    ("Minulla ei ole tänä yönä paikkaa missä nukkua", SLEEP),
    ("nukun ulkona ja on kylmä", SLEEP),
    ("nukun ulkon tänää", SLEEP),  # typos
    ("häätö tuli ja nukun tänään ulkona", SLEEP),  # mentions eviction too
    ("vuokranantaja heitti minut ulos tänään", SLEEP),
    ("häätö on huomenna enkä tiedä minne menen", SLEEP),
    ("asun autossa", SLEEP),
    ("mies lyö minua", VIOLENCE),
    ("puoliso uhkaa minua väkivallalla", VIOLENCE),
    ("väkivallala uhkailee", VIOLENCE),  # typo
    ("vuokrat rästissä ja haluan kuolla", SUICIDE),  # mentions rent too
    ("ajattelen itsemurhaa", SUICIDE),
    ("jag har ingenstans att sova i natt", SLEEP),
    ("jag sover ute", SLEEP),
    ("min sambo slår mig", VIOLENCE),
    ("jag vill inte leva längre", SUICIDE),
    ("I have nowhere to sleep tonight", SLEEP),
    ("my landlord kicked me out today and I'm sleeping outside", SLEEP),
    ("sleepin on the streets", SLEEP),
    ("my boyfriend hits me", VIOLENCE),
    ("I want to kill myself", SUICIDE),
    ("I got an eviction notice and I think about suicide", SUICIDE),
]

NOT_EMERGENCIES = [
    "häätöuhka",
    "Minua uhkaa häätö",
    "vuokranantaja uhkaa häädöllä",
    "Olen asunnoton, mistä saan apua?",
    "En saa nukuttua naapurin metelin takia",
    "Sain potkut töistä enkä pysty maksamaan vuokraa",
    "Jag är bostadslös, var får jag hjälp?",
    "my landlord threatens to evict me",
    "I was kicked out of school, can I get housing allowance?",
    "Miten haen asumistukea huomenna?",
]


@pytest.mark.parametrize(("message", "kind"), EMERGENCIES)
def test_emergencies_are_detected_in_three_languages(message, kind):
    """Each message signals acute danger or no place to sleep, and the right kind is found."""
    found = detect(message)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("message", NOT_EMERGENCIES)
def test_ordinary_housing_questions_are_not_emergencies(message):
    """Eviction threats, homelessness questions and 'threatens to evict' are not acute emergencies."""
    assert detect(message) is None


@pytest.mark.parametrize("message", ["häätö tuli ja nukun tänään ulkona", "vuokra rästissä ja mies lyö minua"])
def test_emergency_answer_comes_first_even_when_an_answer_matches(index, message):
    """The matcher finds a housing answer, but the emergency text is shown first and flagged."""
    reply = answer(message, "fi", index=index)
    assert reply.emergency and not reply.fallback
    assert reply.answer.startswith("112")
    assert "Sosiaalipäivystys" in reply.answer and "09 2525 0111" in reply.answer
    assert "social_emergency" in reply.services


def test_emergency_answer_in_english_names_the_social_emergency_service(index):
    """English users get the same three contacts in English."""
    reply = answer("I have nowhere to sleep tonight", "en", index=index)
    assert reply.answer.startswith("112") and "social emergency" in reply.answer.lower()
