"""Decodes every golden vector with fastavro, the way a Python consumer decodes Provenant events.

    python3 -m venv .venv && .venv/bin/pip install fastavro
    .venv/bin/python tools/schemas/interop/decode_vectors.py          # from the repository root

Not part of `npm test`; docs/events.md shows the same code.
"""
import io
import json
import pathlib
import sys

from fastavro import parse_schema, schemaless_reader

# Every writer schema ever released, by fingerprint: CRC-64-AVRO as little-endian hex, exactly as
# the 8 bytes after C3 01 in each message.
history = json.loads(pathlib.Path("schemas/writer-history.json").read_text())["writers"]
writers = {
    fingerprint: (event_type, parse_schema(json.loads(canonical_form)))
    for event_type, versions in history.items()
    for fingerprint, canonical_form in versions.items()
}


def decode(message: bytes):
    """Returns (event type, datum) of a single-object encoded Provenant event."""
    if len(message) < 10 or message[:2] != b"\xc3\x01":
        raise ValueError("not Avro single-object encoding (C3 01 + 8-byte fingerprint + datum)")
    fingerprint = message[2:10].hex()
    if fingerprint not in writers:
        raise LookupError(f"unknown writer schema {fingerprint}: update schemas/writer-history.json")
    event_type, writer_schema = writers[fingerprint]
    return event_type, schemaless_reader(io.BytesIO(message[10:]), writer_schema, None)


if __name__ == "__main__":
    vectors = sorted(pathlib.Path("schemas/vectors").glob("*.bin"))
    for path in vectors:
        event_type, datum = decode(path.read_bytes())
        expected = json.loads(path.with_suffix(".json").read_text())
        if event_type != path.stem or datum["meta"]["eventId"] != expected["meta"]["eventId"]:
            sys.exit(f"{path.name}: decoded {event_type} {datum['meta']['eventId']}")
    print(f"decoded {len(vectors)} vectors")
