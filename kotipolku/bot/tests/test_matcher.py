"""The matcher: Finnish inflection and compounds, typos, Swedish and English, honest fallback."""

import pytest

from kotipolku.bot.engine import answer
from kotipolku.bot.engine.text import detect_language, lemma, split_compound


@pytest.mark.parametrize(
    ("message", "lang", "answer_id"),
    [
        ("vuokrarästit", "fi", "vuokra-myohassa"),  # compound + plural
        ("minulla on vuokrarästejä kolmelta kuukaudelta", "fi", "vuokra-myohassa"),
        ("häätöuhka", "fi", "haatouhka"),  # compound of häätö + uhka
        ("asumistukee", "fi", "asumistuki-haku"),  # spoken form / typo of asumistukea
        ("miten haetaan asumistukia", "fi", "asumistuki-haku"),
        ("asunnossa on hometta ja kosteutta", "fi", "home-mould"),
        ("naapurit metelöivät yöllä", "fi", "naapurin-meteli"),
        ("Jag kan inte betala min hyra", "sv", "vuokra-myohassa"),
        ("hur söker man bostadsbidrag", "sv", "asumistuki-haku"),
        ("I can't pay the rent this month", "en", "vuokra-myohassa"),
        ("my landlord is evicting me", "en", "haatouhka"),
    ],
)
def test_inflected_compound_and_typo_questions_find_their_answer(index, message, lang, answer_id):
    """Inflected forms, compounds, typos and the three languages reach the right curated answer."""
    reply = answer(message, lang, index=index)
    assert not reply.fallback
    assert reply.answer_id == answer_id


def test_compound_split_uses_the_vocabulary(index):
    """Greedy splitting: vuokrarästi → vuokra + rästi, häätöuhka → häätö + uhka."""
    vocab = index.vocab["fi"] | {"uhka"}
    assert split_compound(lemma("vuokrarästit", "fi"), vocab) == ["vuokra", "rästi"]
    assert split_compound("häätöuhka", vocab) == ["häätö", "uhka"]
    assert split_compound("kissa", vocab) == []


@pytest.mark.parametrize(
    "message",
    ["Miten teen lasagnea?", "Kuka voitti jääkiekon MM-kisat?", "Write me a poem about dogs", "Hur lagar man pizza?"],
)
def test_out_of_scope_questions_fall_back_honestly(index, message):
    """A question outside housing gets no invented answer but the honest fallback with the contact link."""
    reply = answer(message, None, index=index)
    assert reply.fallback and reply.theme is None and not reply.emergency
    assert "yhteydenotto" in reply.answer and "palvelut" in reply.answer


def test_out_of_scope_message_is_in_the_asked_language(index):
    """The fallback text is in the language of the question."""
    assert "housing" in answer("Write me a poem about dogs", "en", index=index).answer
    assert "asumiseen" in answer("Miten teen lasagnea?", "fi", index=index).answer


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("En pysty maksamaan vuokraa", "fi"),
        ("mulla on velkoja", "fi"),
        ("Jag kan inte betala hyran", "sv"),
        ("I cannot pay my rent", "en"),
        ("where can I sleep tonight", "en"),
    ],
)
def test_language_is_detected_when_not_given(message, lang):
    """Without a language, the message's own language is used."""
    assert detect_language(message) == lang


@pytest.mark.parametrize("message", ["", "   ", "\x00\x01", "🏠🏠", "!!!"])
def test_empty_or_symbol_only_messages_get_a_polite_reply(index, message):
    """Nothing to read gives a polite request to write a question, never an error."""
    reply = answer(message, "fi", index=index)
    assert reply.kind == "empty" and reply.fallback and not reply.emergency
    assert "Kirjoita" in reply.answer


def test_very_long_message_is_cut_and_answered(index):
    """A 10,000-character message is read up to the limit and answered without error."""
    reply = answer("En pysty maksamaan vuokraa. " + "a" * 10_000, "fi", index=index)
    assert reply.answer_id == "vuokra-myohassa"


def test_answer_never_contains_the_users_text(index):
    """The reply is curated content: a script in the question is not reflected."""
    reply = answer("<script>alert(1)</script> vuokra myöhässä", "fi", index=index)
    assert "<script>" not in reply.answer
