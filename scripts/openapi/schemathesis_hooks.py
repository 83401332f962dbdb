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
import json
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


def _json_object(text):
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


@schemathesis.hook
def map_case(context, case):
    """Schema-valid cases send the account's own `initiator_id`; negative ones are left as drawn.

    An upload's non-file fields travel as the JSON text of its `form-data` part, which the
    document describes as a string with `contentMediaType: application/json` and a
    `contentSchema`. Those are annotations (JSON Schema 2020-12): Schemathesis draws the
    part as free text, which is not schema-valid in what it means. A schema-valid case whose
    part is not a JSON object sends `{}` plus the `initiator_id` instead, which the mock
    answers with the missing fields in `invalid_params`.
    """
    meta = case.meta
    if meta is not None and meta.generation.mode != "positive":
        return case
    for container in (case.query, case.body):
        if isinstance(container, dict) and "initiator_id" in container:
            container["initiator_id"] = INITIATOR_ID
    body = case.body
    if isinstance(body, dict) and "form-data" in body:
        fields = _json_object(body["form-data"]) or {}
        fields["initiator_id"] = INITIATOR_ID
        body["form-data"] = json.dumps(fields)
    return case


if __name__ == "__main__":
    print("signing self-check passed")
