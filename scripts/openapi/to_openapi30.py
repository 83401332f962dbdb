#!/usr/bin/env python3
"""Writes an OpenAPI 3.0 rendering of openapi.json (3.1) for generators that read only
3.0, such as progenitor (scripts/compile-cost.sh compares its client with ours).

The rendering keeps every operation and every schema's documented type; what 3.0
cannot say is simplified, never dropped silently:
  - a type list (`["string", "number", "null"]`, how responses say that Eko sends ids
    as numbers) becomes its first, documented type, `nullable` when it allows null;
  - `const` becomes a one-value `enum`; schema `examples` the first `example`;
  - enum values of another type than the schema's (the text spelling of a number)
    are left out;
  - `$ref` loses its sibling keywords (3.0 ignores them);
  - `X or null` as `anyOf` becomes X;
  - `anyOf` whose branches are constants of one type (outcome ids) becomes that type;
  - a string with `contentMediaType` (an upload, or the JSON text part of a multipart
    body) becomes a binary or plain string;
  - `webhooks`, `info.summary` and `license.identifier` (3.1 only) are left out;
  - a multipart body, which progenitor cannot generate, becomes an opaque
    `application/octet-stream` body (the uploads are one operation of 117).

usage: to_openapi30.py IN OUT
"""

import json
import sys

def fits(value, type_name):
    """Whether a JSON value is of the JSON Schema type `type_name`."""
    if type_name == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if type_name == "string":
        return isinstance(value, str)
    if type_name == "integer":
        return isinstance(value, int)
    if type_name == "number":
        return isinstance(value, (int, float))
    return True


def schema(node):
    if isinstance(node, list):
        return [schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return {"$ref": node["$ref"]}
    branches = [branch for branch in node.get("anyOf", []) if branch != {"type": "null"}]
    if "anyOf" in node and len(branches) == 1:
        # `X or null`: 3.0 cannot mark a `$ref` nullable; X it is.
        return schema(branches[0])
    out = {}
    for key, value in node.items():
        if key in ("properties", "patternProperties"):
            out[key] = {name: schema(child) for name, child in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            out[key] = schema(value)
        elif key in ("allOf", "oneOf", "anyOf"):
            out[key] = [schema(child) for child in value]
        elif key == "examples":
            if value:
                out["example"] = value[0]
        elif key == "const":
            out["enum"] = [value]
        elif key in ("contentMediaType", "contentSchema"):
            continue
        else:
            out[key] = value
    types = out.get("type")
    if isinstance(types, list):
        named = [name for name in types if name != "null"]
        out["type"] = named[0]
        if "null" in types:
            out["nullable"] = True
    if "contentMediaType" in node and out.get("type") == "string":
        if node["contentMediaType"] == "application/octet-stream":
            out["format"] = "binary"
    if "enum" in out and "type" in out:
        out["enum"] = [value for value in out["enum"] if fits(value, out["type"])]
        if not out["enum"]:
            del out["enum"]
    branches = out.get("anyOf")
    if branches and all("enum" in branch or "type" in branch for branch in branches):
        typed = [branch.get("type") for branch in branches if "type" in branch]
        if typed:
            merged = {"type": typed[-1]}
            if any(branch.get("nullable") for branch in branches):
                merged["nullable"] = True
            if "description" in out:
                merged["description"] = out["description"]
            return merged
    return out


def media(content):
    return {
        kind: {key: (schema(value) if key == "schema" else value) for key, value in body.items()}
        for kind, body in content.items()
    }


def operation(op):
    out = dict(op)
    if "parameters" in op:
        out["parameters"] = [dict(p, schema=schema(p["schema"])) for p in op["parameters"]]
    if "requestBody" in op:
        content = media(op["requestBody"]["content"])
        if "multipart/form-data" in content:
            content = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
        out["requestBody"] = dict(op["requestBody"], content=content)
    responses = {}
    for status, response in op["responses"].items():
        if "content" in response:
            response = dict(response, content=media(response["content"]))
        responses[status] = response
    out["responses"] = responses
    return out


def convert(document):
    out = dict(document)
    out["openapi"] = "3.0.3"
    info = dict(document["info"])
    info.pop("summary", None)
    if "license" in info:
        info["license"] = {"name": info["license"]["name"]}
    out["info"] = info
    out.pop("webhooks", None)
    out["paths"] = {
        path: {method: operation(op) for method, op in item.items()}
        for path, item in document["paths"].items()
    }
    components = dict(document["components"])
    components["schemas"] = {name: schema(s) for name, s in components["schemas"].items()}
    out["components"] = components
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as source:
        document = json.load(source)
    with open(sys.argv[2], "w", encoding="utf-8") as target:
        json.dump(convert(document), target, indent=2, sort_keys=True)
        target.write("\n")


if __name__ == "__main__":
    main()
