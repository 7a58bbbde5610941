"""Related documents: sharing the most people and places first, the reason naming them; then
documents with similar text. Answered from the index."""

from __future__ import annotations

import pytest

from fonds import search
from fonds.catalog.services import get_record, save_record
from fonds.core.record import CollectionRef, RecordData, Ref

pytestmark = pytest.mark.django_db

KIM, ZHOU, MAO = Ref("kim-il-sung", "Kim Il Sung"), Ref("zhou-enlai", "Zhou Enlai"), Ref("mao-zedong", "Mao Zedong")
PYONGYANG = Ref("pyongyang", "Pyongyang")
NKIDP = CollectionRef("nkidp", "North Korea International Documentation Project", None)


def store(record_id: str, words: str, **links) -> None:
    save_record(RecordData(id=record_id, title=f"Document {record_id}", paragraphs=[words], **links))


@pytest.fixture
def archive(db, index_dir):
    store("own", "alpha beta gamma", people=[KIM, ZHOU], places=[PYONGYANG], collections=[NKIDP])
    store("two", "delta epsilon", people=[ZHOU, MAO, KIM])
    store("one-and-collection", "zeta eta", people=[KIM], collections=[NKIDP])
    store("place", "theta iota", places=[PYONGYANG])
    store("collection-only", "kappa lambda", collections=[NKIDP])
    store("nothing", "mu nu", people=[MAO])
    search.sync()
    return get_record("own")


def test_most_shared_names_first_with_the_names_as_reason(archive):
    found = search.related(archive, limit=8)
    assert [r["id"] for r in found] == ["two", "one-and-collection", "place"]
    assert [r["reason"] for r in found] == [
        "shares Kim Il Sung, Zhou Enlai",
        "shares Kim Il Sung",
        "shares Pyongyang",
    ]
    assert found[0]["slug"] == "document-two" and found[0]["title"] == "Document two"


def test_a_collection_alone_or_a_name_not_shared_relates_nothing(archive):
    ids = {r["id"] for r in search.related(archive, limit=8)}
    assert not ids & {"own", "collection-only", "nothing"}


def test_limit_is_kept(archive):
    assert [r["id"] for r in search.related(archive, limit=2)] == ["two", "one-and-collection"]


def test_similar_text_follows_shared_names(db, index_dir):
    text = "The withdrawal of the Chinese volunteers from Korea was discussed at length; withdrawal volunteers Korea."
    store("a", text, people=[KIM])
    store("b", text + " Nothing else.")
    store("c", "kappa lambda", people=[KIM])
    store("d", "something wholly different, about wheat harvests and tractors")
    search.sync()
    found = search.related(get_record("a"), limit=8)
    assert [(r["id"], r["reason"]) for r in found] == [("c", "shares Kim Il Sung"), ("b", "similar text")]
