"""Suicidal crisis said indirectly, with filler words, in each language: the emergency block must show.

Written after an independent held-out set (docs/eval/) found "ei ole mitään syytä elää enää" missed;
the patterns were widened for the whole family of phrasings, not for that one sentence.
"""

import pytest

from kotipolku.bot.engine import emergency


@pytest.mark.parametrize(
    "message",
    [
        "ei ole mitään syytä elää enää kun kämppäkin menee",
        "ei ole enää mitään järkeä elää",
        "elämälläni ei ole enää mitään merkitystä",
        "olisi parempi jos olisin kuollut",
        "there is no point in living anymore",
        "I have nothing left to live for since the eviction",
        "det finns ingen anledning att leva längre",
        "jag har inget att leva för",
    ],
)
def test_indirect_suicidal_phrasings_are_emergencies(message):
    assert emergency.detect(message), message


@pytest.mark.parametrize(
    "message",
    ["onko mitään järkeä hakea asumistukea", "ei ole mitään syytä irtisanoa minua", "is there any point in appealing"],
)
def test_ordinary_questions_with_the_same_words_are_not(message):
    assert not emergency.detect(message), message
