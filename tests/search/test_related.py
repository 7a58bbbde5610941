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
    store("pair", "delta epsilon", people=[ZHOU, KIM])
    store("zhou-and-mao", "delta zeta", people=[ZHOU, MAO])
    store("rare", "zeta eta", people=[ZHOU])
    for n in range(4):
        store(f"common-{n}", "theta iota", people=[KIM], collections=[NKIDP])
    store("place", "kappa", places=[PYONGYANG])
    store("collection-only", "lambda mu", collections=[NKIDP])
    store("nothing", "nu xi", people=[MAO])
    search.sync()
    return get_record("own")


def test_documents_sharing_names_come_first_with_the_names_as_reason(archive):
    found = search.related_to(archive, limit=8)
    assert {r["id"] for r in found} == {"pair", "zhou-and-mao", "rare", "place"} | {f"common-{n}" for n in range(4)}
    reasons = {r["id"]: r["reason"] for r in found}
    assert reasons["pair"] == "shares Kim Il Sung, Zhou Enlai"  # in this record's order
    assert reasons["zhou-and-mao"] == reasons["rare"] == "shares Zhou Enlai"
    assert reasons["place"] == "shares Pyongyang" and reasons["common-0"] == "shares Kim Il Sung"
    assert found[0]["slug"] == "document-pair" and found[0]["title"] == "Document pair"


def test_more_names_shared_and_rarer_names_rank_higher(archive):
    order = [r["id"] for r in search.related_to(archive, limit=8)]
    # Two names in common beat one, among documents naming as many people.
    assert order.index("pair") < order.index("zhou-and-mao")
    # Zhou Enlai (in 4 documents) says more than Kim Il Sung (in 6), in documents naming one person.
    assert order.index("rare") < min(order.index(f"common-{n}") for n in range(4) if f"common-{n}" in order)


def test_the_record_itself_a_collection_alone_or_a_name_not_shared_relates_nothing(archive):
    ids = {r["id"] for r in search.related_to(archive, limit=8)}
    assert not ids & {"own", "collection-only", "nothing"}


def test_limit_is_kept(archive):
    assert [r["id"] for r in search.related_to(archive, limit=2)] == [r["id"] for r in search.related_to(archive)][:2]
    assert len(search.related_to(archive, limit=2)) == 2


def test_similar_text_follows_shared_names(db, index_dir):
    text = "The withdrawal of the Chinese volunteers from Korea was discussed at length; withdrawal volunteers Korea."
    store("a", text, people=[KIM])
    store("b", text + " Nothing else.")
    store("c", "kappa lambda", people=[KIM])
    store("d", "something wholly different, about wheat harvests and tractors")
    search.sync()
    found = search.related_to(get_record("a"), limit=8)
    assert [(r["id"], r["reason"]) for r in found] == [("c", "shares Kim Il Sung"), ("b", "similar text")]
