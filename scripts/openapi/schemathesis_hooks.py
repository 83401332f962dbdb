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
all stopping at `invalid_params`; a schema-valid upload draws its `form-data` JSON from
the part's `contentSchema`. Importing this module checks the signing function against a
known vector first, so a broken signer fails the run at once instead of as a wall of 403s.

One check of our own, `schema_valid_request_is_not_refused`: Eko refuses bad parameters
with HTTP 200 and an `invalid_params` map, which no status-code check sees, so a
schema-valid request answered with that map fails, naming each parameter and the mock's
reason. Its converse (a schema-invalid request must not succeed) is not checked: the
document describes requests as our client sends them, stricter than what Eko (and the
mock) accept: numbers for text, `null` or `""` for an absent optional field, keys no
page documents.
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


def _inlined(schema, document, seen=()):
    """`schema` with every `#/components/schemas/...` reference replaced by its target."""
    if isinstance(schema, list):
        return [_inlined(item, document, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    reference = schema.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/"):
        if reference in seen:
            raise ValueError(f"recursive schema at {reference}")
        target = document
        for part in reference[2:].split("/"):
            target = target[part]
        rest = {key: value for key, value in schema.items() if key != "$ref"}
        return {**_inlined(target, document, (*seen, reference)), **_inlined(rest, document, seen)}
    return {key: _inlined(value, document, seen) for key, value in schema.items()}


def _form_data_schema(case):
    """The `contentSchema` of the operation's multipart `form-data` part, inlined, or None."""
    body = (case.operation.definition.raw.get("requestBody") or {}).get("content") or {}
    part = (
        ((body.get("multipart/form-data") or {}).get("schema") or {}).get("properties") or {}
    ).get(FORM_DATA_PART)
    if not isinstance(part, dict) or "contentSchema" not in part:
        return None
    return _inlined(part["contentSchema"], case.operation.schema.raw_schema)


def _schema_strategy(schema):
    """Values valid under the JSON Schema `schema`, drawn by Schemathesis's own generator."""
    import jsonschema_rs
    from schemathesis.generation.jsonschema.builder import build
    from schemathesis.specs.openapi.formats import get_default_format_strategies

    return build(schema, draft=jsonschema_rs.Draft202012, formats=get_default_format_strategies())


FORM_DATA_PART = "form-data"


def _is_positive(case) -> bool:
    meta = case.meta
    return meta is None or meta.generation.mode == "positive"


@schemathesis.hook
def flatmap_case(context, case):
    """A schema-valid upload sends, as its `form-data` part, JSON valid under the part's `contentSchema`.

    The document describes the part as a string with `contentMediaType: application/json` and
    a `contentSchema`. Those are annotations (JSON Schema 2020-12): Schemathesis draws the part
    as any JSON text, which is valid in form but not in what it means. A schema-valid case
    draws the JSON from the `contentSchema` instead, so that it is as valid as any JSON body.
    """
    from hypothesis import strategies as st

    body = case.body
    if not _is_positive(case) or not isinstance(body, dict) or FORM_DATA_PART not in body:
        return st.just(case)
    schema = _form_data_schema(case)
    if schema is None:
        return st.just(case)

    def with_fields(fields):
        if isinstance(fields, dict) and "initiator_id" in fields:
            fields["initiator_id"] = INITIATOR_ID
        body[FORM_DATA_PART] = json.dumps(fields)
        return case

    return _schema_strategy(schema).map(with_fields)


@schemathesis.hook
def map_case(context, case):
    """Schema-valid cases send the account's own `initiator_id`; negative ones are left as drawn."""
    if not _is_positive(case):
        return case
    for container in (case.query, case.body):
        if isinstance(container, dict) and "initiator_id" in container:
            container["initiator_id"] = INITIATOR_ID
    body = case.body
    if isinstance(body, dict) and isinstance(body.get(FORM_DATA_PART), str):
        try:
            fields = json.loads(body[FORM_DATA_PART])
        except ValueError:
            fields = None
        if isinstance(fields, dict) and "initiator_id" in fields:
            fields["initiator_id"] = INITIATOR_ID
            body[FORM_DATA_PART] = json.dumps(fields)
    return case


def _envelope(response):
    """The JSON object of a 200 answer, or None."""
    if response.status_code != 200:
        return None
    try:
        value = json.loads(response.content)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _phase(case) -> str:
    meta = case.meta
    return getattr(getattr(meta, "phase", None), "name", "?") if meta is not None else "?"


_VALIDATORS = {}


def _validator(schema, document):
    """A validator of `schema` (refs resolved in `document`), built once per schema."""
    import jsonschema_rs

    key = json.dumps(schema, sort_keys=True)
    if key not in _VALIDATORS:
        _VALIDATORS[key] = jsonschema_rs.Draft202012Validator(
            _inlined(schema, document), validate_formats=True
        )
    return _VALIDATORS[key]


def _problems(case):
    """Why the request `case` sends is not valid under the document, as a list (empty when it is).

    Checks what the mock reads: path and query parameters, and the body, the JSON of a
    multipart `form-data` part against its `contentSchema` included (an annotation for
    JSON Schema, which Schemathesis does not assert). Cases the stateful phase builds
    from earlier answers, and the coverage phase's boundary values of that part, are
    not always valid; the checks below only judge the valid ones.
    """
    document = case.operation.schema.raw_schema
    operation = case.operation.definition.raw
    problems = []
    sent = {"path": case.path_parameters or {}, "query": case.query or {}}
    for parameter in operation.get("parameters", []):
        where = parameter.get("in")
        if where not in sent:
            continue
        name = parameter["name"]
        if name not in sent[where]:
            if parameter.get("required"):
                problems.append(f"{where} parameter {name} is missing")
            continue
        validator = _validator(parameter.get("schema", {}), document)
        if not validator.is_valid(sent[where][name]):
            problems.append(f"{where} parameter {name} is not valid")
    content = (operation.get("requestBody") or {}).get("content") or {}
    body = case.body
    if "application/json" in content and isinstance(body, dict):
        if not _validator(content["application/json"]["schema"], document).is_valid(body):
            problems.append("the JSON body is not valid")
    elif "multipart/form-data" in content and isinstance(body, dict):
        schema = content["multipart/form-data"]["schema"]
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in body:
                problems.append(f"part {name} is missing")
        for name, value in body.items():
            part = properties.get(name)
            if part is None:
                problems.append(f"part {name} is not in the document")
            elif name == FORM_DATA_PART:
                try:
                    fields = json.loads(value)
                except (TypeError, ValueError):
                    problems.append(f"part {name} is not JSON")
                    continue
                if not _validator(part["contentSchema"], document).is_valid(fields):
                    problems.append(f"part {name} is not valid under its contentSchema")
            elif isinstance(value, (bytes, str)) and len(value) < part.get("minLength", 0):
                problems.append(f"part {name} is shorter than its minLength")
    return problems


@schemathesis.check
def schema_valid_request_is_not_refused(ctx, response, case):
    """A request the document says is valid is never refused for its parameters.

    Eko answers bad parameters with HTTP 200 and an `invalid_params` map in the envelope,
    which `positive_data_acceptance` (a status-code check) cannot see. For a schema-valid
    case such a map means the mock and the document disagree on what is valid: which
    parameter, and the mock's reason, are in the failure.
    """
    if not _is_positive(case):
        return None
    envelope = _envelope(response)
    invalid = envelope.get("invalid_params") if envelope is not None else None
    if not invalid or _problems(case):
        return None
    reasons = "\n".join(f"  {name}: {reason}" for name, reason in sorted(invalid.items()))
    raise AssertionError(
        f"A schema-valid request was refused with invalid_params ({_phase(case)} phase):\n{reasons}"
    )


if __name__ == "__main__":
    print("signing self-check passed")
