"""Test data for intake: synthetic identity codes in the temporary 900-999 range."""

HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def synthetic_hetu(day: int = 3, month: int = 4, year: int = 1990, individual: int = 950) -> str:
    sign = {18: "+", 19: "-", 20: "A"}[year // 100]
    n = int(f"{day:02d}{month:02d}{year % 100:02d}{individual:03d}")
    return f"{day:02d}{month:02d}{year % 100:02d}{sign}{individual:03d}{HETU_CHARS[n % 31]}"


def notice_payload(external_id: str = "N-1", **overrides) -> dict:
    payload = {
        "external_id": external_id,
        "notice_type": "rent_arrears",
        "tenant": {"henkilotunnus": synthetic_hetu()},
        "notice_date": "2026-11-02",
        "legal_basis": "statutory",
        "contact_person": "Asiakaspalvelu",
        "amount_eur": 1450.0,
        "months_in_arrears": 2,
    }
    payload.update(overrides)
    return payload
