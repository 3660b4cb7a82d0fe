"""Field encryption and keyed hashing for personal data (keys from FIELD_ENCRYPTION_KEY).

Fernet gives authenticated encryption; several comma-separated keys allow rotation (newest first).
The keyed hash (HMAC-SHA256) allows exact look-up without decrypting and without a rainbow table.
"""

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _fernet(key_setting: str) -> MultiFernet:
    keys = [k.strip() for k in key_setting.split(",") if k.strip()]
    try:
        return MultiFernet([Fernet(k.encode()) for k in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be one or more url-safe base64 Fernet keys separated by commas; "
            "create one with: python manage.py generate_keys"
        ) from exc


@cache
def _hash_key(key_setting: str) -> bytes:
    first = key_setting.split(",")[0].strip().encode()
    return hmac.new(first, b"kotipolku-lookup-hash-v1", hashlib.sha256).digest()


def encrypt(plaintext: str) -> str:
    return _fernet(settings.FIELD_ENCRYPTION_KEY).encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(settings.FIELD_ENCRYPTION_KEY).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "An encrypted field could not be decrypted: FIELD_ENCRYPTION_KEY does not match the key the "
            "data was written with."
        ) from exc


def keyed_hash(value: str) -> str:
    return hmac.new(_hash_key(settings.FIELD_ENCRYPTION_KEY), value.encode(), hashlib.sha256).hexdigest()


def new_key() -> str:
    return Fernet.generate_key().decode()


def token_digest(token: str) -> str:
    """Digest of a high-entropy API token; only the digest is stored."""
    return base64.urlsafe_b64encode(hashlib.sha256(token.encode()).digest()).decode()
