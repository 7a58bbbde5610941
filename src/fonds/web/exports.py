"""Result exports: every hit of a search (not just the page) as CSV or JSON, streamed.

The rows are full records in the documented formats (docs/csv-format.md, docs/record-format.md),
read from the catalogue a thousand at a time, so an export of a million hits runs in constant
memory and starts arriving at once.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone

from fonds import search
from fonds.catalog.services import get_records
from fonds.ingest.csv_records import COLUMNS, record_to_row
from fonds.web.params import search_request
from fonds.web.twins import error


def export(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        req = search_request(request)
        chunks = search.all_hit_ids(req)
        first = next(chunks, [])
    except search.BadRequest as exc:
        return error(request, 400, str(exc))
    except (search.IndexMissing, search.SchemaMismatch) as exc:
        return error(request, 503, str(exc))

    def records() -> Iterator:
        for ids in (first, *chunks) if first else ():
            yield from get_records(ids)

    stem = f"fonds-search-{timezone.now():%Y%m%d-%H%M%S}"
    if fmt == "csv":
        body, content_type = _csv(records()), "text/csv; charset=utf-8"
    elif fmt == "json":
        body, content_type = _json(records()), "application/json; charset=utf-8"
    else:
        return error(request, 404, f"no export format {fmt!r}: use csv or json")
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def _csv(records: Iterator) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS))
    writer.writeheader()
    for record in records:
        writer.writerow(record_to_row(record))
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(records: Iterator) -> Iterator[str]:
    yield "["
    for i, record in enumerate(records):
        yield ("," if i else "") + "\n" + json.dumps(record.to_json(), ensure_ascii=False)
    yield "\n]\n"
