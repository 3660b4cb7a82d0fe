"""Removing personal data from free text before it is stored or logged.

Used for bot conversation logs, social-reporting observations, survey free text and log records.
It errs on the side of removing: a redacted street name costs less than a leaked address.
"""

import logging
import re

PLACEHOLDERS = {
    "hetu": "[henkilötunnus]",
    "email": "[sähköposti]",
    "phone": "[puhelin]",
    "address": "[osoite]",
    "iban": "[tilinumero]",
}

_HETU = re.compile(r"\b\d{6}\s?[-+A-FU-Ya-fu-y]\s?\d{3}[0-9A-Ya-y]\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_IBAN = re.compile(r"\bFI\s?\d{2}(?:\s?\d{4}){3}\s?\d{2}\b", re.IGNORECASE)
# +358 40 123 4567, 040-123 4567, 0401234567, 09 1234 5678, (09) 123 456
_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d\s()./-]{5,16}\d(?!\w)")
_STREET_SUFFIX = (
    r"(?:katu|tie|kuja|polku|kaari|ranta|rinne|väylä|piha|katu|raitti|puisto|aukio|tori|mäki|penger|"
    r"gatan|gata|vägen|väg|gränd|stigen|backen|street|st\.|road|rd\.|avenue|lane|way)"
)
_ADDRESS = re.compile(
    r"\b[\wåäöÅÄÖ-]*"
    + _STREET_SUFFIX
    + r"\s+\d{1,4}(?:\s?[a-zA-ZåäöÅÄÖ])?(?:\s?[-,]?\s?(?:as\.?|bst\.?|as|b)?\s?\d{1,4})?\b"
    r"|\b\d{1,5}\s+[A-Z][a-z]+\s+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Way)\b",
    re.IGNORECASE,
)


_DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}/\d{1,2}/\d{2,4}")


def _looks_like_phone(match: re.Match) -> bool:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    # Years, sums and dates are shorter; Finnish numbers have 7 to 12 digits with prefixes.
    # A run holding a date (2026-11-23 13, 15.12.2026) is a date or a timestamp, not a number.
    return 7 <= len(digits) <= 13 and not _DATE_LIKE.search(text)


# Request ids and other UUIDs in log lines: random hex, never personal data. Their digit groups
# ("…-4829-4123-…") looked like a phone number and were redacted, which broke the link between an
# error page's request id and its log record.
_UUID = re.compile(r"(\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b)")


def redact(text: str) -> str:
    """Replace identity codes, e-mail addresses, bank accounts, phone numbers and street addresses."""
    if not text:
        return text
    pieces = _UUID.split(text)  # odd places hold the UUIDs, kept as they are
    return "".join(piece if i % 2 else _redact_piece(piece) for i, piece in enumerate(pieces))


def _redact_piece(text: str) -> str:
    text = _HETU.sub(PLACEHOLDERS["hetu"], text)
    text = _EMAIL.sub(PLACEHOLDERS["email"], text)
    text = _IBAN.sub(PLACEHOLDERS["iban"], text)
    text = _ADDRESS.sub(PLACEHOLDERS["address"], text)
    text = _PHONE.sub(lambda m: PLACEHOLDERS["phone"] if _looks_like_phone(m) else m.group(0), text)
    return text


def find_personal_data(text: str) -> list[str]:
    """Kinds of personal data found in text (for forms that must refuse it rather than redact)."""
    found = []
    for kind, pattern in (("hetu", _HETU), ("email", _EMAIL), ("iban", _IBAN), ("address", _ADDRESS)):
        if pattern.search(text or ""):
            found.append(kind)
    if any(_looks_like_phone(m) for m in _PHONE.finditer(text or "")):
        found.append("phone")
    return found


class RedactingFilter(logging.Filter):
    """Logging filter: personal data never reaches a log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            return True
        record.msg = redact(message)
        record.args = ()
        return True
