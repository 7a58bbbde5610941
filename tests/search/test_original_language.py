"""Original-language search: transcripts in Russian, Chinese, Korean, Japanese and German are
indexed with their own analysis and found by words typed in their script.

Real SQLite (pytest-django) and a real Tantivy index in a temp dir; every text here is written for
these tests, except the WCDA transcript read from ../shared/corpora (skipped when absent).
"""

from __future__ import annotations

import json
import re

import pytest

from fonds import search
from fonds.catalog.services import save_records
from fonds.core.record import RecordData, Transcript
from fonds.search.analysis import cjk_tokens, fields_for, group_for, script_of
from fonds.search.schema import build_schema
from fonds.search.original import original_clauses


def rec(id: str, title: str, text: str = "", transcripts: tuple[Transcript, ...] = (), **kw) -> RecordData:
    return RecordData(
        id=id, title=title, paragraphs=[p for p in text.split("\n\n") if p], transcripts=list(transcripts), **kw
    )


def ts(language: str | None, *paragraphs: str, kind: str = "transcript") -> Transcript:
    return Transcript(language, "".join(f"<p>{p}</p>" for p in paragraphs), kind)


CORPUS = [
    rec(
        "ru-1",
        "Conversation with Mao Zedong",
        "Comrade Mao spoke about the negotiations with the delegation.",
        [ts("ru", "Товарищ Мао Цзэдун рассказал о переговорах с делегацией.", "В зале стояла новогодняя ёлка.")],
        original_language=["ru"],
    ),
    rec(
        "ru-2",
        "Note on the weather",
        "The ambassador wrote about the weather.",
        [ts("ru", "Посол написал о погоде в Пхеньяне.")],
        original_language=["ru"],
    ),
    # No language on the transcript: Cyrillic, so detected as Russian. No English text at all.
    rec("ru-nolang", "Protocol note", "", [ts(None, "Делегация прибыла в Пекин рано утром.")]),
    rec(
        "zh-s",
        "Telegram on the government delegation",
        "The government delegation of the People's Republic of China arrived in Pyongyang.",
        [ts("zh", "中华人民共和国政府代表团抵达平壤。")],
        original_language=["zh"],
    ),
    # 代, 表 and 团 are all here, and so are the bigrams 代表 and 表团, but never 代表团 in a row.
    rec("zh-scattered", "Statement of unity", "The representatives issued a statement of unity.",
        [ts("zh", "代表们发表团结声明。")], original_language=["zh"]),  # fmt: skip
    rec(
        "zh-t",
        "Foreign Ministry file",
        "A file of the Foreign Ministry of the People's Republic of China.",
        [ts("zh-Hant", "中華人民共和國外交部檔案")],
        original_language=["zh"],
    ),
    rec(
        "ko",
        "Talks in Pyongyang",
        "Comrade Kim Il Sung held talks with the Soviet ambassador in Pyongyang.",
        [ts("ko", "김일성 동지는 평양에서 소련 대사와 회담하였다.")],
        original_language=["ko"],
    ),
    rec(
        "ja",
        "Statement of the Japanese government",
        "The Japanese government issued a statement on the Korean War.",
        [ts("ja", "日本政府は朝鮮戦争について声明を発表した。")],
        original_language=["ja"],
    ),
    rec(
        "de",
        "Report on the negotiations",
        "The negotiations on the withdrawal of the volunteers continued.",
        [ts("de", "Die Verhandlungen über den Abzug der Freiwilligen wurden fortgesetzt.", kind="translation")],
        original_language=["zh"],
    ),
    rec("en", "Memorandum", "The delegation discussed the negotiations in Beijing.", original_language=["en"]),
]


@pytest.fixture
def originals(db, index_dir):
    save_records(CORPUS)
    search.sync()
    return CORPUS


def find(q: str) -> search.SearchResult:
    return search.search(search.SearchRequest(q=q))


def ids(q: str) -> set[str]:
    return {h.id for h in find(q).hits}


# -- Russian ---------------------------------------------------------------------------------------


def test_a_russian_word_finds_its_other_inflections(originals):
    # The transcript says "переговорах" and "делегацией".
    assert ids("переговоры") == {"ru-1"}
    assert ids("переговорами") == {"ru-1"}
    assert ids("Делегация") == {"ru-1", "ru-nolang"}


def test_yo_and_ye_are_one_letter(originals):
    assert ids("елки") == {"ru-1"}  # the text has "ёлка"
    assert ids("Ёлку") == {"ru-1"}


def test_a_transcript_without_a_language_is_read_by_its_script(originals):
    assert ids("Пекине") == {"ru-nolang"}  # "в Пекин"
    assert ids("Пекин") == {"ru-nolang"}  # not "Beijing" in the English record: no transliteration


def test_russian_phrases_keep_word_order(originals):
    assert ids('"рассказал о переговорах"') == {"ru-1"}
    assert ids('"о переговорах рассказал"') == set()


def test_words_of_both_languages_are_each_required_somewhere(originals):
    # "Mao" is in the English translation, "переговоры" only in the Russian transcript.
    assert ids("Mao переговоры") == {"ru-1"}
    assert ids("weather переговоры") == set()
    assert ids("negotiations -переговоры") == {"de", "en"}


def test_a_field_scope_does_not_reach_the_transcripts(originals):
    assert ids("title:переговоры") == set()
    assert ids("text:переговоры") == set()


# -- Chinese ---------------------------------------------------------------------------------------


def test_a_chinese_sequence_finds_the_record_holding_it_in_a_row(originals):
    assert ids("代表团") == {"zh-s"}
    assert ids("政府代表团") == {"zh-s"}
    assert ids("中华人民共和国") == {"zh-s"}


def test_the_same_characters_scattered_do_not_match(originals):
    # zh-scattered holds 代表 and 表团 (and every character) but not 代表团: a phrase of bigrams
    # requires them adjacent; any-bigram or all-bigrams matching would wrongly find it.
    assert "zh-scattered" not in ids("代表团")
    assert ids("代表") == {"zh-s", "zh-scattered"}
    assert ids("团结") == {"zh-scattered"}


def test_a_sequence_never_spans_punctuation(originals):
    assert ids("平壤。") == {"zh-s"}  # punctuation typed in the query is ignored
    assert ids("明代") == set()  # "声明。" ends the text; nothing follows 明 in a run


def test_simplified_and_traditional_each_find_their_own_text(originals):
    assert ids("中華人民共和國") == {"zh-t"}
    assert ids("外交部") == {"zh-t"}
    assert ids("中华人民") == {"zh-s"}  # no simplified/traditional conversion (yet)


def test_one_character_finds_every_record_holding_it(originals):
    assert ids("团") == {"zh-s", "zh-scattered"}
    assert ids("檔") == {"zh-t"}


def test_cjk_words_in_one_query_are_each_required_and_a_quoted_phrase_keeps_them_together(originals):
    assert ids("代表团 平壤") == {"zh-s"}
    assert ids("代表团 团结") == set()
    assert ids('"代表团 平壤"') == set()  # 抵达 stands between them
    assert ids('"소련 대사와"') == {"ko"}
    assert ids('"대사와 소련"') == set()
    # A space or punctuation typed between runs stands for a separator or for nothing, never for
    # other characters (the other way round, "소련대사와" does not find "소련 대사와").
    assert ids('"소련대사와"') == set()
    assert ids('"代表团 抵达"') == {"zh-s"}
    assert ids("发表，团结") == {"zh-scattered"}
    assert ids("代表团，平壤") == set()


# -- Korean and Japanese ---------------------------------------------------------------------------


def test_a_hangul_word_is_found_inside_a_longer_word(originals):
    assert ids("평양") == {"ko"}  # "평양에서": Pyongyang + the particle "in"
    assert ids("회담") == {"ko"}
    assert ids("평양에서") == {"ko"}
    assert ids("김일성") == {"ko"}
    assert ids("평양회담") == set()


def test_japanese_kanji_and_kana_in_sequence(originals):
    assert ids("朝鮮戦争") == {"ja"}
    assert ids("声明を発表") == {"ja"}
    assert ids("発表を声明") == set()


# -- other languages and English -------------------------------------------------------------------


def test_a_german_translation_is_found_by_its_words_folded(originals):
    assert ids("Verhandlungen") == {"de"}
    assert ids("uber Abzug") == {"de"}  # "über", folded
    assert ids("Freiwilligen") == {"de"}


def test_english_queries_find_english_translations_and_no_ngrams(originals):
    assert ids("delegation") == {"ru-1", "zh-s", "en"}
    assert ids("negotiations") == {"ru-1", "de", "en"}
    # Two letters that are n-grams of "Pyongyang", "negotiations" and "ng" in no record as a word.
    assert ids("ng") == set()
    assert ids("ia") == set()


# -- snippets --------------------------------------------------------------------------------------


def test_a_snippet_comes_from_the_original_when_only_it_matched(originals):
    [hit] = find("переговоры").hits
    assert "<mark>переговорах</mark>" in hit.snippet
    [hit] = find("代表团").hits
    assert "<mark>代表团</mark>" in hit.snippet and "抵达平壤" in hit.snippet
    [hit] = find("평양").hits
    assert "<mark>평양</mark>에서" in hit.snippet

    [hit] = find("Пекин").hits
    assert "<mark>Пекин</mark>" in hit.snippet


def test_a_snippet_stays_english_when_the_english_text_matched(originals):
    hits = {h.id: h for h in find("negotiations").hits}
    assert "<mark>negotiations</mark>" in hits["ru-1"].snippet
    assert "переговор" not in hits["ru-1"].snippet


def test_a_record_without_english_text_shows_its_original_when_no_word_of_it_matched(originals):
    [hit] = find("protocol").hits
    assert hit.snippet.startswith("Делегация прибыла")


# -- analysis units --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, script",
    [
        ("Товарищ Мао Цзэдун рассказал", "cyrillic"),
        ("Српски језик", "cyrillic"),
        ("中华人民共和国政府", "han"),
        ("中華人民共和國外交部", "han"),
        ("김일성 동지는 평양에서", "hangul"),
        ("金日成 同志는 平壤에서 會談하였다", "hangul"),  # with Hanja
        ("日本政府は朝鮮戦争について声明を発表した", "kana"),  # kanji outnumber kana
        ("Die Verhandlungen über den Abzug", "latin"),
        ("Gorbačov, Hamgyŏng", "latin"),
        ("Η συνάντηση", "other"),
        ("Moscow, 12 января 1958 года, в Кремле", "cyrillic"),
        ("1957-12-20, №5", None),
        ("", None),
    ],
)
def test_script_of(text, script):
    assert script_of(text) == script


@pytest.mark.parametrize(
    "code, text, groups",
    [
        ("ru", "Переговоры продолжались.", ["ru"]),
        ("rus", "Переговоры продолжались.", ["ru"]),
        (None, "Переговоры продолжались.", ["ru"]),
        ("zh-Hant", "中華人民共和國", ["cjk"]),
        (None, "평양에서", ["cjk"]),
        ("ja", "声明を発表した", ["cjk"]),
        ("de", "Die Verhandlungen", ["other"]),
        ("hu", "A tárgyalások", ["other"]),
        (None, "Die Verhandlungen", ["other"]),
        ("sr", "Српски језик", ["ru"]),  # Serbian: either script; this one is Cyrillic
        ("sr", "Srpski jezik", ["other"]),
        ("ru", "An English text labelled Russian.", ["other"]),  # mislabelled: the script wins
        ("ru", "1957", ["ru"]),  # no letters: the label decides
        (None, "1957", []),
        # A Russian text quoting Chinese at length is findable in both.
        ("ru", "Мао сказал: 中华人民共和国政府代表团抵达平壤", ["ru", "cjk"]),
    ],
)
def test_group_for(code, text, groups):
    assert group_for(code, text) == groups


def test_cjk_bigrams_have_consecutive_positions_and_a_gap_between_runs():
    tokens = cjk_tokens("中华人民，共和国 ab 党").tokens
    assert [(t.text, t.position) for t in tokens] == [
        ("中华", 0), ("华人", 1), ("人民", 2), ("共和", 4), ("和国", 5), ("党", 7),
    ]  # fmt: skip


def test_fields_for_skips_english_translations_and_keeps_english_transcripts():
    record = rec(
        "x",
        "x",
        "text",
        [
            ts("en", "An English translation.", kind="translation"),
            ts("en", "An English original."),
            ts("ru", "Русский текст."),
            ts("ko", "평양에서"),
        ],
    )
    values = fields_for(record)
    assert [name for name, _ in values] == ["orig_other", "orig_ru", "orig_cjk"]
    assert values[0][1] == "An English original."


def test_original_clauses_route_by_script():
    schema = build_schema()
    assert len(original_clauses("переговоры", schema)) == 1
    assert len(original_clauses("代表团", schema)) == 1
    assert len(original_clauses("Verhandlungen", schema)) == 1
    assert original_clauses("。，", schema) == []  # nothing any field indexes


# -- the real WCDA sample --------------------------------------------------------------------------


@pytest.mark.corpus
def test_the_real_wcda_russian_transcript_is_found_by_another_inflection(corpus, db, index_dir):
    from fonds.ingest.wcda_api import document_to_record

    sample = json.loads(corpus("wcda/api-transcript-33548.json").read_text(encoding="utf-8"))
    record = document_to_record(
        {
            "id": "990001",
            "title": "Record of a conversation (test document around the real transcript)",
            "doc_date": "19570101",
            "languages": [{"id": "rus", "name": "Russian"}],
            "transcripts": [sample],
            "translations": [
                {"language": {"id": "eng", "name": "English"}, "content_type": "text/html",
                 "filename": "t.html", "raw": "<p>An English test translation.</p>"}
            ],
        }
    )  # fmt: skip
    assert [t.language for t in record.transcripts] == ["ru"]
    assert "беседами" not in record.transcripts[0].html  # the text has other forms of the word
    save_records([record])
    search.sync()
    [hit] = find("беседами").hits
    assert hit.id == "990001"
    assert re.search(r"<mark>[Бб]есед[а-я]*</mark>", hit.snippet)
    assert ids("Пекин") == {"990001"}  # the transcript says "из Пекина"



def test_the_original_scope_searches_only_the_transcripts(corpus_for_scope=None):
    from fonds.search import qlang

    tree, problems = qlang.parse("original:переговоры")
    assert not problems and "original" in qlang.describe(tree)
