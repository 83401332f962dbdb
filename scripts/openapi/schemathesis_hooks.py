"""Schemathesis hooks for running openapi.json against eko-mock (scripts/openapi/schemathesis.sh).

Loaded through `SCHEMATHESIS_HOOKS=scripts/openapi/schemathesis_hooks.py`. Every call
to Eko is signed, and the mock refuses a timestamp far from its clock, so the three
signing headers are computed afresh for each request:

    secret-key = base64(HMAC-SHA256(key = base64 text of the access key,
                                    message = decimal milliseconds timestamp))

The keys come from EKO_MOCK_DEVELOPER_KEY / EKO_MOCK_ACCESS_KEY (the script reads them
from what the mock prints), else Eko's public sandbox credentials. Schema-valid requests
also carry the account's `initiator_id` (EKO_MOCK_INITIATOR_ID), which Eko checks against
the keys, so that they get past validation into each endpoint's own answers instead of
all stopping at `invalid_params`. Importing this module
checks the signing function against a known vector first, so a broken signer fails the
run at once instead of as a wall of 403s.
"""

import base64
import hashlib
import hmac
import os
import time

import schemathesis

SANDBOX_DEVELOPER_KEY = "becbbce45f79c6f5109f848acd540567"
SANDBOX_ACCESS_KEY = "d2fe1d99-6298-4af2-8cc5-d97dcf46df30"

SANDBOX_INITIATOR_ID = "9962981729"

DEVELOPER_KEY = os.environ.get("EKO_MOCK_DEVELOPER_KEY", SANDBOX_DEVELOPER_KEY)
ACCESS_KEY = os.environ.get("EKO_MOCK_ACCESS_KEY", SANDBOX_ACCESS_KEY)
INITIATOR_ID = os.environ.get("EKO_MOCK_INITIATOR_ID", SANDBOX_INITIATOR_ID)


def sign(access_key: str, timestamp_ms: str) -> str:
    """The `secret-key` header for `timestamp_ms`."""
    key = base64.b64encode(access_key.encode()).decode("ascii")
    digest = hmac.new(key.encode("ascii"), timestamp_ms.encode("ascii"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _self_check() -> None:
    expected = "u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk="
    got = sign("TEST_ACCESS_KEY_DO_NOT_USE", "1700000000000")
    if got != expected:
        raise AssertionError(f"signing self-check failed: got {got}, expected {expected}")


_self_check()


def signing_headers() -> dict:
    """The three signing headers, signed now."""
    timestamp = str(time.time_ns() // 1_000_000)
    return {
        "developer_key": DEVELOPER_KEY,
        "secret-key-timestamp": timestamp,
        "secret-key": sign(ACCESS_KEY, timestamp),
    }


# No caching: a signature is only good near its own timestamp.
@schemathesis.auth(refresh_interval=None)
class EkoSigning:
    def get(self, case, context):
        return DEVELOPER_KEY

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers.update(signing_headers())


@schemathesis.hook
def map_case(context, case):
    """Schema-valid cases send the account's own `initiator_id`; negative ones are left as drawn."""
    meta = case.meta
    if meta is not None and meta.generation.mode != "positive":
        return case
    body = case.body
    # An upload's JSON fields travel in its `form-data` part.
    form = body.get("form-data") if isinstance(body, dict) else None
    for container in (case.query, body, form):
        if isinstance(container, dict) and "initiator_id" in container:
            container["initiator_id"] = INITIATOR_ID
    return case


if __name__ == "__main__":
    print("signing self-check passed")
