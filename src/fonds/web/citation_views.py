"""Citation downloads: one document, every hit of a search, or a selection of documents.

* ``/documents/<id>[/<slug>]/cite.<fmt>`` — one record;
* ``/search/cite.<fmt>?<the parameters of /search>`` — every hit of that search, in its order,
  at most :data:`EXPORT_LIMIT` (the ``X-Export-Truncated`` header says when the limit cut it);
* ``/search/cite.<fmt>?ids=a&ids=b`` — the records named, in the order given.

``fmt`` is ``ris``, ``bib`` or ``csl.json``. Every response is an attachment with a file name and
the format's own content type; the access date is today's (the site's time zone).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from fonds import search
from fonds.catalog.services import get_records
from fonds.core import cite
from fonds.core.record import RecordData
from fonds.core.text import slugify
from fonds.web.metadata import page_metadata
from fonds.web.params import search_request
from fonds.web.twins import error, respond
from fonds.web.links import canonical_urls, record_at

logger = logging.getLogger(__name__)

EXPORT_LIMIT = 1000  # records in one bulk export
PAGE_SIZE = 100  # hits asked of the index per request while collecting a search's hits


def _ris(entries, site_name, accessed) -> str:
    return cite.ris(entries, site_name, accessed)


def _bibtex(entries, site_name, accessed) -> str:
    return cite.bibtex(entries, site_name, accessed)


def _csl(entries, site_name, accessed) -> str:
    return json.dumps(cite.csl_items(entries, site_name, accessed), ensure_ascii=False, indent=2) + "\n"


# format -> (content type, file extension, serialiser)
FORMATS: dict[str, tuple[str, str, Callable[..., str]]] = {
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris", _ris),
    "bib": ("application/x-bibtex; charset=utf-8", "bib", _bibtex),
    "csl.json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "csl.json", _csl),
}
FORMAT_LABELS = {"ris": "RIS", "bib": "BibTeX", "csl.json": "CSL-JSON"}
# The styles shown on a document page, in order.
PAGE_STYLES = ("chicago-note", "chicago", "mla", "apa")


@require_GET
def document_citation(request: HttpRequest, path: str, fmt: str) -> HttpResponse:
    """One record as a citation file."""
    if fmt not in FORMATS:
        raise Http404(f"no citation format {fmt!r}; use one of {', '.join(FORMATS)}")
    record, canonical, _ = record_at(path)
    url = request.build_absolute_uri(canonical)
    return _download(fmt, [(record, url)], f"{_file_stem(record.id)}.{FORMATS[fmt][1]}")


@require_GET
def search_citations(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every hit of a search (or the records ``ids`` names) as one citation file."""
    if fmt not in FORMATS:
        raise Http404(f"no citation format {fmt!r}; use one of {', '.join(FORMATS)}")
    ids = [i for i in request.GET.getlist("ids") if i.strip()]
    if ids:
        unique = list(dict.fromkeys(ids))
        total, wanted = len(unique), unique[:EXPORT_LIMIT]
    else:
        try:
            total, wanted = _search_ids(request)
        except search.BadRequest as exc:
            return error(request, 400, str(exc))
        except (search.IndexMissing, search.SchemaMismatch) as exc:
            return error(request, 503, str(exc))
    records = get_records(wanted)
    if ids and not records:
        raise Http404("none of the requested documents exists")
    urls = canonical_urls([r.id for r in records])
    entries = [(r, request.build_absolute_uri(urls[r.id])) for r in records]
    stem = f"{slugify(settings.SITE_NAME or 'fonds', max_length=40)}-citations-{timezone.localdate().isoformat()}"
    response = _download(fmt, entries, f"{stem}.{FORMATS[fmt][1]}")
    truncated = total > EXPORT_LIMIT
    response["X-Total-Count"] = str(total)
    response["X-Export-Count"] = str(len(entries))
    response["X-Export-Limit"] = str(EXPORT_LIMIT)
    response["X-Export-Truncated"] = "true" if truncated else "false"
    missing = len(wanted) - len(records)
    if missing:
        response["X-Export-Missing"] = str(missing)  # ids that name no document (deleted, mistyped)
    return response


def citation_context(request: HttpRequest, record: RecordData, canonical: str) -> dict:
    """What a document page carries of its citations: the downloads, the meta tags, COinS and
    JSON-LD (``metadata``), and the address of its formatted citations.

    The formatted styles are not rendered with the page: citeproc-py takes 20-40 ms a document
    for the four, more than the rest of the page, and crawlers and harvesters (most of an
    archive's traffic) never read them. The page links to them; ``fonds.js`` puts them in place.
    """
    permalink = request.build_absolute_uri(canonical)
    downloads = _downloads(canonical)
    metadata = page_metadata(record, permalink, settings.SITE_NAME or "", site_url=request.build_absolute_uri("/"))
    styles = ", ".join(dict.fromkeys(cite.STYLES[key].label.split()[0] for key in PAGE_STYLES))  # "Chicago, MLA, APA"
    return {"cite_downloads": downloads, "metadata": metadata, "citations_url": f"{canonical}/citations", "citation_styles": styles}


@require_GET
def document_citations(request: HttpRequest, path: str) -> HttpResponse:
    """A document cited in each style of :data:`PAGE_STYLES`: a page of its own, the part a
    document page puts in place (``?part=1``), or JSON (``?format=json``)."""
    record, canonical, _ = record_at(path)
    permalink = request.build_absolute_uri(canonical)
    citations = rendered_citations(record, permalink)
    data = {
        "id": record.id,
        "url": canonical,
        "accessed": timezone.localdate().isoformat(),
        "citations": [{"style": c["key"], "label": c["label"], "html": str(c["html"]), "text": c["text"]} for c in citations],
    }
    template = "fonds/citations_part.html" if request.GET.get("part") else "fonds/citations.html"
    extra = {"record": record, "styles": citations, "permalink": permalink, "cite_downloads": _downloads(canonical)}
    return respond(request, template, data, extra)


def rendered_citations(record: RecordData, permalink: str) -> list[dict]:
    """The record in each page style: key, label, safe HTML and plain text."""
    site_name = settings.SITE_NAME or ""
    accessed = timezone.localdate()
    out = []
    for key in PAGE_STYLES:
        try:
            rendered = cite.render(record, key, permalink, site_name, accessed)
        except Exception:  # a style that cannot render one record must not take the page down
            logger.exception("cannot render record %s in style %s", record.id, key)
            continue
        # cite.render escapes the record's text and adds only <i>, <b>, <sup> and <sub>.
        out.append({"key": key, "label": cite.STYLES[key].label, "html": mark_safe(rendered), "text": cite.text_of(rendered)})
    return out


# --- helpers --------------------------------------------------------------------------------------


def _downloads(canonical: str) -> list[dict]:
    """The citation files of one record, for links."""
    return [
        {"fmt": fmt, "label": FORMAT_LABELS[fmt], "url": f"{canonical}/cite.{fmt}", "type": FORMATS[fmt][0].split(";")[0]}
        for fmt in FORMATS
    ]


def _download(fmt: str, entries: Sequence[cite.Entry], filename: str) -> HttpResponse:
    content_type, _, serialise = FORMATS[fmt]
    body = serialise(entries, settings.SITE_NAME or "", timezone.localdate())
    response = HttpResponse(body.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _search_ids(request: HttpRequest) -> tuple[int, list[str]]:
    """The total of the search ``/search`` would run for these parameters, and its hits' ids
    (at most :data:`EXPORT_LIMIT`), collected page by page in the search's order."""
    ids: list[str] = []
    total = 0
    page = 1
    while len(ids) < EXPORT_LIMIT:
        req = search_request(request)
        req.page, req.per_page = page, PAGE_SIZE
        result = search.search(req)
        total = result.total
        ids += [hit.id for hit in result.hits]
        if not result.hits or len(ids) >= total:
            break
        page += 1
    return total, list(dict.fromkeys(ids))[:EXPORT_LIMIT]


def _file_stem(record_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", record_id).strip("-.") or "document"
