"""The catalogue's tables: records, their collections, donors and authorities, and the outbox.

The database is the single source of truth. Every change to a record also appends an
:class:`OutboxEntry` in the same transaction (see :mod:`fonds.catalog.services`); the search index
follows the outbox.
"""

from __future__ import annotations

from django.db import models


class Repository(models.Model):
    """An archive that holds originals, e.g. AVPRF."""

    code = models.CharField(max_length=40, unique=True, null=True, blank=True)
    name = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.code or self.name


class Collection(models.Model):
    """A named group of records; collections nest through ``parent``."""

    key = models.CharField(max_length=200, unique=True)
    name = models.CharField(max_length=500)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    description = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Donor(models.Model):
    name = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Authority(models.Model):
    """Common fields of people, places and subjects: a stable key, a preferred name, every
    variant with its source, dates (EDTF), external ids and a content hash for re-imports.

    ``curated`` marks a record that came from an authority file rather than being seeded by a
    document's link; only curated authorities take part in entity linking.
    """

    key = models.CharField(max_length=200, unique=True)
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True, default="")
    variants = models.JSONField(default=list)  # [{name, source}]
    # Spellings the romanisation rules derive from the name ([{name, source: "rule:..."}]), made
    # once when the authority is stored: deriving them costs ~0.6 ms a name.
    derived = models.JSONField(default=list)
    start = models.CharField(max_length=100, blank=True, default="")  # EDTF: birth / founding
    end = models.CharField(max_length=100, blank=True, default="")  # EDTF: death / dissolution
    external_ids = models.JSONField(default=dict)  # {"viaf": ..., "wikidata": ...}
    titles = models.JSONField(default=list)  # "Ambassador", "Premier": roles seen before the name
    curated = models.BooleanField(default=False)
    content_hash = models.CharField(max_length=64, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agent(Authority):
    """A person or an organisation."""

    PERSON, ORGANISATION = "person", "organisation"
    kind = models.CharField(max_length=20, default=PERSON, choices=[(PERSON, "Person"), (ORGANISATION, "Organisation")])


class Place(Authority):
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)


class Subject(Authority):
    pass


class Record(models.Model):
    """One archival document and its description (docs/record-format.md lists the fields)."""

    record_id = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, allow_unicode=False, db_index=False)
    title = models.TextField()
    date_edtf = models.CharField(max_length=100, blank=True, default="")
    date_start = models.DateField(null=True, blank=True, db_index=True)
    date_end = models.DateField(null=True, blank=True)
    date_display = models.CharField(max_length=200, blank=True, default="")
    type = models.CharField(max_length=100, blank=True, default="")
    summary = models.TextField(blank=True, default="")
    credit = models.TextField(blank=True, default="")
    paragraphs = models.JSONField(default=list)
    original_language = models.JSONField(default=list)
    translation_language = models.CharField(max_length=20, blank=True, default="")
    source = models.TextField(blank=True, default="")
    repository = models.ForeignKey(Repository, null=True, blank=True, on_delete=models.PROTECT, related_name="records")
    # [[key, value], ...] in the order the source line wrote them: a JSON object would not keep
    # that order on PostgreSQL (jsonb sorts keys), and "F. 0102, Op. 14, D. 6" must stay so.
    reference = models.JSONField(default=list)
    translator = models.CharField(max_length=500, blank=True, default="")
    translated_for = models.CharField(max_length=300, blank=True, default="")
    rights = models.TextField(blank=True, default="")
    uploaded = models.DateField(null=True, blank=True)
    classification = models.CharField(max_length=200, blank=True, default="")
    original_archive = models.CharField(max_length=500, blank=True, default="")
    place = models.CharField(max_length=300, blank=True, default="")
    sender = models.TextField(blank=True, default="")
    recipient = models.TextField(blank=True, default="")
    signer = models.TextField(blank=True, default="")
    keywords = models.JSONField(default=list)
    notes = models.JSONField(default=list)  # [{n, text, paragraph, offset}]
    page_breaks = models.JSONField(default=list)  # [{n, paragraph, offset}]
    transcripts = models.JSONField(default=list)  # [{language, kind, html}]
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    donors = models.ManyToManyField(Donor, through="RecordDonor", related_name="records")
    collections = models.ManyToManyField(Collection, through="RecordCollection", related_name="records")
    authors = models.ManyToManyField(Agent, through="RecordAuthor", related_name="authored")
    people = models.ManyToManyField(Agent, through="RecordAgent", related_name="records")
    places = models.ManyToManyField(Place, through="RecordPlace", related_name="records")
    subjects = models.ManyToManyField(Subject, through="RecordSubject", related_name="records")

    class Meta:
        ordering = ["date_start", "record_id"]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.title}"

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


class Ordered(models.Model):
    """A link from a record that keeps the order the source gave."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE)
    position = models.PositiveIntegerField()

    class Meta:
        abstract = True
        ordering = ["position"]


class RecordDonor(Ordered):
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT)

    class Meta(Ordered.Meta):
        constraints = [models.UniqueConstraint(fields=["record", "donor"], name="uniq_record_donor")]


class RecordCollection(Ordered):
    collection = models.ForeignKey(Collection, on_delete=models.PROTECT)

    class Meta(Ordered.Meta):
        constraints = [models.UniqueConstraint(fields=["record", "collection"], name="uniq_record_collection")]


class RecordAgent(Ordered):
    agent = models.ForeignKey(Agent, on_delete=models.PROTECT)

    class Meta(Ordered.Meta):
        constraints = [models.UniqueConstraint(fields=["record", "agent"], name="uniq_record_agent")]


class RecordAuthor(Ordered):
    agent = models.ForeignKey(Agent, on_delete=models.PROTECT)

    class Meta(Ordered.Meta):
        constraints = [models.UniqueConstraint(fields=["record", "agent"], name="uniq_record_author")]


class RecordPlace(Ordered):
    place = models.ForeignKey(Place, on_delete=models.PROTECT)

    class Meta(Ordered.Meta):
        constraints = [models.UniqueConstraint(fields=["record", "place"], name="uniq_record_place")]


class RecordSubject(Ordered):
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT)

    class Meta(Ordered.Meta):
        constraints = [models.UniqueConstraint(fields=["record", "subject"], name="uniq_record_subject")]


class Mention(models.Model):
    """Where a document names an authority: the span of text and the spelling used.

    ``paragraph`` indexes the record's paragraphs (-1 for the title); ``start``/``end`` are
    character offsets in it. An ambiguous spelling (several authorities share it) is stored with
    ``ambiguous`` set and every candidate, and is not turned into a link.
    """

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="mentions")
    agent = models.ForeignKey(Agent, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions")
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions")
    paragraph = models.IntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    surface = models.CharField(max_length=300)
    ambiguous = models.BooleanField(default=False)
    candidates = models.JSONField(default=list)  # authority keys, when ambiguous

    class Meta:
        ordering = ["record", "paragraph", "start"]
        indexes = [models.Index(fields=["agent", "record"]), models.Index(fields=["place", "record"])]


class Tombstone(models.Model):
    """A deleted record, remembered for harvesters (OAI-PMH reports deletions persistently)."""

    record_id = models.CharField(max_length=200, unique=True)
    deleted_at = models.DateTimeField(db_index=True)
    collections = models.JSONField(default=list)  # collection keys it belonged to (OAI sets)

    def __str__(self) -> str:
        return f"{self.record_id} (deleted {self.deleted_at:%Y-%m-%d})"


class OutboxEntry(models.Model):
    """A change the search index has to apply. ``id`` is the position: entries apply in id order.

    Written in the same transaction as the record change, so the index can always catch up by
    replaying entries after the position stored in its last commit.
    """

    UPSERT, DELETE = "upsert", "delete"
    record_id = models.CharField(max_length=200)
    op = models.CharField(max_length=10, choices=[(UPSERT, "upsert"), (DELETE, "delete")])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"#{self.id} {self.op} {self.record_id}"
