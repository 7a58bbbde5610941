"""Name variants: fonds.core.variants (match_key, variants, query_keys)."""

import pytest

from fonds.core.variants import MAX_VARIANTS, RULES, match_key, query_keys, variants


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kim Il-sung", "kimilsung"),
        ("Kim Il Sung", "kimilsung"),
        ("KIM ILSUNG", "kimilsung"),
        ("Kim Il-sŏng", "kimilsong"),
        ("P'yŏngyang", "pyongyang"),
        ("P’yŏngyang", "pyongyang"),
        ("Pʼyŏngyang", "pyongyang"),
        ("P‘yŏngyang", "pyongyang"),
        ("P`yŏngyang", "pyongyang"),
        ("Chou En–lai", "chouenlai"),  # en dash
        ("Chou En—lai", "chouenlai"),  # em dash
        ("Chou En\u2011lai", "chouenlai"),  # no-break hyphen
        ("Chou\u00a0En-lai", "chouenlai"),  # no-break space
        ("Hruščëv", "hruscev"),
        ("Ch’oe Yong-gŏn", "choeyonggon"),
        ("Andreĭ", "andrei"),
        ("Zhōu Ēnlái", "zhouenlai"),
        ("Lü", "lu"),
        ("Vasilʹevich", "vasilevich"),  # Library of Congress soft sign
        ("Łódź", "lodz"),
        ("", ""),
    ],
)
def test_match_key(name, key):
    assert match_key(name) == key


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        # Chinese, both directions.
        ("Zhou Enlai", "person", ("Chou En-lai", "rule:wade-giles")),
        ("Chou En-lai", "person", ("Zhou Enlai", "rule:pinyin")),
        ("Mao Zedong", "person", ("Mao Tse-tung", "rule:wade-giles")),
        ("Mao Tse-tung", "person", ("Mao Zedong", "rule:pinyin")),
        ("Deng Xiaoping", "person", ("Teng Hsiao-p'ing", "rule:wade-giles")),
        ("Teng Hsiao-p'ing", "person", ("Deng Xiaoping", "rule:pinyin")),
        ("Teng Hsiao-ping", "person", ("Deng Xiaoping", "rule:pinyin")),
        # Korean, both directions, conventional surnames kept (Kim, not RR's Gim).
        ("Kim Il Sung", "person", ("Kim Il-sŏng", "rule:mccune-reischauer")),
        ("Kim Il Sung", "person", ("Kim Il-seong", "rule:revised-romanization")),
        ("Kim Il Sung", "person", ("Kim Ir Sen", "rule:russian-korean")),
        ("Kim Il-sŏng", "person", ("Kim Il Sung", "rule:conventional")),
        ("Kim Il-seong", "person", ("Kim Il-sŏng", "rule:mccune-reischauer")),
        ("Kim Ir Sen", "person", ("Kim Il Sung", "rule:conventional")),
        ("Pak Hen En", "person", ("Pak Hŏn-yŏng", "rule:mccune-reischauer")),
        ("Pak Hŏn-yŏng", "person", ("Pak Hen En", "rule:russian-korean")),
        # Pyongyang and P'yŏngyang share a match key, so only RR's spelling is a variant.
        ("Pyongyang", "place", ("Pyeongyang", "rule:revised-romanization")),
        ("P'yŏngyang", "place", ("Pyeongyang", "rule:revised-romanization")),
        ("Pyeongyang", "place", ("P'yŏngyang", "rule:mccune-reischauer")),
        # Russian, both directions.
        ("Khrushchev", "person", ("Khrushchov", "rule:bgn-pcgn")),
        ("Khrushchev", "person", ("Hruščëv", "rule:scholarly")),
        ("Khrushchev", "person", ("Chruščëv", "rule:scholarly")),
        ("Khrushchev", "person", ("Chruschtschow", "rule:german")),
        ("Khrushchev", "person", ("Khrouchtchev", "rule:french")),
        ("Khrushchov", "person", ("Khrushchev", "rule:bgn-pcgn")),
        ("Hruščev", "person", ("Khrushchev", "rule:bgn-pcgn")),
        ("Chruščev", "person", ("Khrushchev", "rule:bgn-pcgn")),
        ("Chruschtschow", "person", ("Khrushchev", "rule:bgn-pcgn")),
        ("Khrouchtchev", "person", ("Khrushchev", "rule:bgn-pcgn")),
        # Name order.
        ("Khrushchev, Nikita", "person", ("Nikita Khrushchev", "rule:order")),
        ("Khrushchev, Nikita", "person", ("Chruschtschow, Nikita", "rule:german")),
        ("Nikita Khrushchev", "person", ("Khrushchev, Nikita", "rule:order")),
        ("Nikita Khrushchev", "person", ("Nikita Chruschtschow", "rule:german")),
        ("Lansing, Robert", "person", ("Robert Lansing", "rule:order")),
        ("Robert Lansing", "person", ("Lansing, Robert", "rule:order")),
        ("Kim, Il Sung", "person", ("Kim Il Sung", "rule:order")),
    ],
)
def test_variants_include(name, kind, expected):
    assert expected in variants(name, kind)


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Zhou Enlai", "person", [("Chou En-lai", "rule:wade-giles")]),
        ("Chou En-lai", "person", [("Zhou Enlai", "rule:pinyin")]),
        ("Lansing, Robert", "person", [("Robert Lansing", "rule:order")]),
        ("Robert Lansing", "person", [("Lansing, Robert", "rule:order")]),
        ("Gromyko", "person", []),  # every scheme spells it alike
        ("Francis", "person", []),
        ("Washington", "place", []),
        ("Ambassador", "person", []),
    ],
)
def test_variants_exactly(name, kind, expected):
    assert variants(name, kind) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Robert Lansing",
        "Lansing, Robert",
        "Francis",
        "Washington",
        "Ambassador",
        "Dean Acheson",
        "John Foster Dulles",
        "Martin",
        "Berlin",
        "Kennedy",
        "Churchill",
        "Moscow",
        "China",
        "Cuba",
        "Sudan",
        "Canada",
        "Panama",
        "Department of State",
        "Lee Hamilton",
        "Kim Philby",
        "Chiang Kai-shek",
        "Ngo Dinh Diem",
        "Stalin",
    ],
)
@pytest.mark.parametrize("kind", ["person", "organisation", "place"])
def test_no_romanisation_of_english_words_and_western_names(name, kind):
    assert {rule for _, rule in variants(name, kind)} <= {"rule:order"}


@pytest.mark.parametrize(
    ("name", "kind", "absent"),
    [
        # Every syllable must be valid in a scheme: Korean names get no Wade-Giles or Pinyin...
        ("Kim Il Sung", "person", {"rule:wade-giles", "rule:pinyin", "rule:bgn-pcgn", "rule:order"}),
        # ...Chinese names no Korean or Russian, and are never inverted...
        (
            "Zhou Enlai",
            "person",
            {"rule:mccune-reischauer", "rule:revised-romanization", "rule:german", "rule:order"},
        ),
        # ...a Korean place no Russian.
        ("Pyongyang", "place", {"rule:bgn-pcgn", "rule:german", "rule:french", "rule:scholarly"}),
    ],
)
def test_schemes_that_do_not_apply(name, kind, absent):
    assert not {rule for _, rule in variants(name, kind)} & absent


@pytest.mark.parametrize(
    "name",
    [
        "Kim Il Sung",
        "Pak Hen En",
        "Khrushchev, Nikita Sergeyevich",
        "Molotov, Vyacheslav Mikhailovich",
        "Mao Tse-tung",
        "Chang Chun-chiao",
        "Yi Sŭng-man",
        "Pyongyang",
    ],
)
def test_variants_are_few_distinct_and_stable(name):
    for kind in ("person", "place"):
        found = variants(name, kind)
        keys = [match_key(v) for v, _ in found]
        assert len(found) <= MAX_VARIANTS
        assert len(set(keys)) == len(keys)
        assert match_key(name) not in keys
        assert all(rule in RULES for _, rule in found)
        assert variants(name, kind) == found


def test_unknown_kind_is_an_error():
    with pytest.raises(ValueError, match="kind must be one of"):
        variants("Zhou Enlai", "people")


@pytest.mark.parametrize("name", ["", "   ", "\u00a0"])
def test_empty_names_have_no_variants(name):
    assert variants(name) == []


def test_query_keys():
    keys = query_keys("Kim Il Sung")
    assert {"kimilsung", "kimilsong", "kimilseong", "kimirsen"} <= keys
    assert "chouenlai" in query_keys("Zhou Enlai")
    assert "pyeongyang" in query_keys("Pyongyang")  # read as a place too
    assert query_keys("Robert Lansing") == {"robertlansing", "lansing,robert"}
    assert query_keys("Gromyko") == {"gromyko"}


# --- recall: does a search for one spelling find the others? --------------------------------------
# (spelling a researcher meets or types, spelling the archive prefers), written for this test from
# published usage; a search for the first must match the second.
RECALL_PAIRS: list[tuple[str, str]] = [
    # Chinese: Wade-Giles <-> Pinyin (persons, places, organisations)
    ("Chou En-lai", "Zhou Enlai"),
    ("Mao Tse-tung", "Mao Zedong"),
    ("Teng Hsiao-p'ing", "Deng Xiaoping"),
    ("Teng Hsiao-ping", "Deng Xiaoping"),
    ("Liu Shao-ch'i", "Liu Shaoqi"),
    ("Liu Shao-chi", "Liu Shaoqi"),
    ("Lin Piao", "Lin Biao"),
    ("Chu Teh", "Zhu De"),
    ("P'eng Teh-huai", "Peng Dehuai"),
    ("Peng Teh-huai", "Peng Dehuai"),
    ("Chiang Ch'ing", "Jiang Qing"),
    ("Hua Kuo-feng", "Hua Guofeng"),
    ("Chi P'eng-fei", "Ji Pengfei"),
    ("Ch'iao Kuan-hua", "Qiao Guanhua"),
    ("Chiao Kuan-hua", "Qiao Guanhua"),
    ("Li Hsien-nien", "Li Xiannian"),
    ("Yeh Chien-ying", "Ye Jianying"),
    ("Ch'en Yi", "Chen Yi"),
    ("Ch'en I", "Chen Yi"),
    ("K'ang Sheng", "Kang Sheng"),
    ("Chang Ch'un-ch'iao", "Zhang Chunqiao"),
    ("Wang Hung-wen", "Wang Hongwen"),
    ("Yao Wen-yüan", "Yao Wenyuan"),
    ("Ch'en Po-ta", "Chen Boda"),
    ("Kao Kang", "Gao Gang"),
    ("Jao Shu-shih", "Rao Shushi"),
    ("Liu Po-ch'eng", "Liu Bocheng"),
    ("Ho Lung", "He Long"),
    ("Lo Jui-ch'ing", "Luo Ruiqing"),
    ("Ch'en Yün", "Chen Yun"),
    ("Po I-po", "Bo Yibo"),
    ("Wang Chia-hsiang", "Wang Jiaxiang"),
    ("Chang Wen-t'ien", "Zhang Wentian"),
    ("Li Fu-ch'un", "Li Fuchun"),
    ("Tung Pi-wu", "Dong Biwu"),
    ("Wu Hsiu-ch'üan", "Wu Xiuquan"),
    ("Keng Piao", "Geng Biao"),
    ("Huang K'o-ch'eng", "Huang Kecheng"),
    ("Su Yü", "Su Yu"),
    ("Chang Wen-chin", "Zhang Wenjin"),
    ("Wang Ping-nan", "Wang Bingnan"),
    ("Huang Chen", "Huang Zhen"),
    ("Zhou Enlai", "Chou En-lai"),
    ("Mao Zedong", "Mao Tse-tung"),
    ("Deng Xiaoping", "Teng Hsiao-p'ing"),
    ("Liu Shaoqi", "Liu Shao-ch'i"),
    ("Jiang Qing", "Chiang Ch'ing"),
    ("Zhu De", "Chu Teh"),
    ("Peng Dehuai", "P'eng Te-huai"),
    ("Lin Biao", "Lin Piao"),
    ("Zhou, Enlai", "Zhou Enlai"),
    ("Pei-ching", "Beijing"),
    ("Kuomintang", "Guomindang"),
    ("Hsin-hua", "Xinhua"),
    ("T'ien-chin", "Tianjin"),
    ("Nan-ching", "Nanjing"),
    ("Ch'ung-ch'ing", "Chongqing"),
    ("Yen-an", "Yan'an"),
    ("Guangzhou", "Kuang-chou"),
    ("Chao Tzu-yang", "Zhao Ziyang"),
    ("Hu Yao-pang", "Hu Yaobang"),
    ("Chiang Tse-min", "Jiang Zemin"),
    ("Yang Shang-k'un", "Yang Shangkun"),
    ("Ch'iao Shih", "Qiao Shi"),
    ("Wu Hsüeh-ch'ien", "Wu Xueqian"),
    ("Han Hsü", "Han Xu"),
    ("Ch'i Huai-yüan", "Qi Huaiyuan"),
    ("Nieh Jung-chen", "Nie Rongzhen"),
    ("Hsü Hsiang-ch'ien", "Xu Xiangqian"),
    ("Tseng Ch'ing-hung", "Zeng Qinghong"),
    ("Ts'ao Kang-ch'uan", "Cao Gangchuan"),
    ("Kuang-chou", "Guangzhou"),
    ("Hsi-an", "Xi'an"),
    ("Ch'eng-tu", "Chengdu"),
    ("Hang-chou", "Hangzhou"),
    ("Su-chou", "Suzhou"),
    ("Ch'ing-tao", "Qingdao"),
    ("Ta-lien", "Dalian"),
    # Korean: McCune-Reischauer, Revised Romanization, conventional and Soviet forms
    ("Kim Il Sung", "Kim Il-sŏng"),
    ("Kim Il-sŏng", "Kim Il Sung"),
    ("Kim Ir Sen", "Kim Il Sung"),
    ("Kim Il-seong", "Kim Il Sung"),
    ("Kim Il Sung", "Kim Ir Sen"),
    ("Kim Jong Il", "Kim Chŏng-il"),
    ("Kim Chong-il", "Kim Jong Il"),
    ("Kim Chen Ir", "Kim Jong Il"),
    ("Pak Hen En", "Pak Hŏn-yŏng"),
    ("Pak Hon Yong", "Pak Hŏn-yŏng"),
    ("Park Heon-yeong", "Pak Hŏn-yŏng"),
    ("Pak Hŏn-yŏng", "Pak Hen En"),
    ("Ch'oe Yong-gŏn", "Choe Yong Gon"),
    ("Choi Yong-kun", "Ch'oe Yong-gŏn"),
    ("Kim Tu-bong", "Kim Du Bong"),
    ("Kim Du Bon", "Kim Tu-bong"),
    ("Nam Ir", "Nam Il"),
    ("Nam Il", "Nam Ir"),
    ("Rhee Seung-man", "Yi Sŭng-man"),
    ("Lee Seung-man", "Yi Sŭng-man"),
    ("Ri Sung Man", "Yi Sŭng-man"),
    ("Kim Dae-jung", "Kim Tae-jung"),
    ("Kim Tae-jung", "Kim Dae Jung"),
    ("Kim Chong-p'il", "Kim Jong Pil"),
    ("Kim Jong-pil", "Kim Chŏng-p'il"),
    ("Ch'oe Kyu-ha", "Choe Kyu-ha"),
    ("Park Chung-hee", "Pak Chŏng-hŭi"),
    ("Pak Chong-hui", "Park Chung Hee"),
    ("Yi Hu-rak", "Lee Hu Rak"),
    ("Paik Too Jin", "Paek Tu-jin"),
    ("Pak Chen Ai", "Pak Chŏng-ae"),
    ("Kim Ch'aek", "Kim Chaek"),
    ("Choe En Gen", "Ch'oe Yong-gŏn"),
    ("Kim, Il Sung", "Kim Il Sung"),
    ("Chang Myon", "Chang Myŏn"),
    ("P'yŏngyang", "Pyongyang"),
    ("Pyeongyang", "Pyongyang"),
    ("Pyongyang", "P'yŏngyang"),
    ("Kaesŏng", "Kaesong"),
    ("Gaeseong", "Kaesong"),
    ("Panmunjŏm", "Panmunjom"),
    ("Panmunjeom", "Panmunjom"),
    ("Wŏnsan", "Wonsan"),
    ("Hamhŭng", "Hamhung"),
    ("Hamheung", "Hamhung"),
    ("Ch'ŏngjin", "Chongjin"),
    ("Cheongjin", "Chongjin"),
    ("Sinŭiju", "Sinuiju"),
    ("Busan", "Pusan"),
    ("Incheon", "Inchon"),
    ("Inch'ŏn", "Inchon"),
    ("Seoul", "Sŏul"),
    ("Gangwon", "Kangwon"),
    ("Daegu", "Taegu"),
    ("Gwangju", "Kwangju"),
    ("Jeju", "Cheju"),
    ("Kim Yong-nam", "Kim Yŏng-nam"),
    ("Kim Young-sam", "Kim Yŏng-sam"),
    ("Roh Tae-woo", "No T'ae-u"),
    ("Chun Doo-hwan", "Chŏn Tu-hwan"),
    ("Ri Sol Ju", "Yi Sŏl-chu"),
    ("Kang Pan-sŏk", "Kang Ban Sok"),
    ("Hŏ Ka-i", "Ho Ka I"),
    ("Choe Hyon", "Ch'oe Hyŏn"),
    ("Pak Chŏng-ae", "Pak Chong Ae"),
    ("O Chin-u", "O Jin U"),
    ("Kim Kwang-hyop", "Kim Kwang-hyŏp"),
    ("Wonsan", "Wŏnsan"),
    ("Hamgyŏng", "Hamgyong"),
    ("Kangwŏn", "Gangwon"),
    ("Ch'ungch'ŏng", "Chungcheong"),
    ("Kyŏngsang", "Gyeongsang"),
    ("Chŏlla", "Jeolla"),
    ("Taejŏn", "Daejeon"),
    ("Kwangju", "Gwangju"),
    ("Kanggye", "Ganggye"),
    # Russian: BGN/PCGN, English press, Library of Congress, scholarly, German, French
    ("Khrushchev", "Khrushchov"),
    ("Khrushchov", "Khrushchev"),
    ("Hruščev", "Khrushchev"),
    ("Chruščev", "Khrushchev"),
    ("Chruschtschow", "Khrushchev"),
    ("Khrouchtchev", "Khrushchev"),
    ("Khrushchev", "Chruschtschow"),
    ("Khrushchev", "Khrouchtchev"),
    ("Khrushchev", "Hruščev"),
    ("Gorbatschow", "Gorbachev"),
    ("Gorbatchev", "Gorbachev"),
    ("Breschnew", "Brezhnev"),
    ("Brejnev", "Brezhnev"),
    ("Molotow", "Molotov"),
    ("Kossygin", "Kosygin"),
    ("Kossyguine", "Kosygin"),
    ("Mikojan", "Mikoyan"),
    ("Mikoïan", "Mikoyan"),
    ("Podgornyy", "Podgorny"),
    ("Malenkow", "Malenkov"),
    ("Schukow", "Zhukov"),
    ("Joukov", "Zhukov"),
    ("Wyschinski", "Vyshinsky"),
    ("Vyshinskiy", "Vyshinsky"),
    ("Gromyko, Andrei Andreevich", "Gromyko, Andrey Andreyevich"),
    ("Andreĭ Andreevich Gromyko", "Andrei Andreyevich Gromyko"),
    ("Nikita Sergeevich Khrushchev", "Nikita Sergeyevich Khrushchev"),
    ("Khrushchev, Nikita", "Nikita Khrushchev"),
    ("Nikita Khrushchev", "Khrushchev, Nikita"),
    ("Chruschtschow, Nikita", "Khrushchev, Nikita"),
    ("Vjačeslav Molotov", "Vyacheslav Molotov"),
    ("Viacheslav Molotov", "Vyacheslav Molotov"),
    ("Wjatscheslaw Molotow", "Vyacheslav Molotov"),
    ("Litvinoff", "Litvinov"),
    ("Tchitcherine", "Chicherin"),
    ("Tschitscherin", "Chicherin"),
    ("Semjonow", "Semyonov"),
    ("Iossif Wissarionowitsch Stalin", "Iosif Vissarionovich Stalin"),
    ("Puzanov", "Pusanow"),
    ("Zhdanov", "Schdanow"),
    ("Yezhov", "Jeschow"),
    ("Ustinov", "Oustinov"),
    ("Dobrynin, Anatoly", "Anatoliy Dobrynin"),
    ("Kossygin, Alexei", "Kosygin, Aleksey"),
    ("Bulganin, Nikolai Aleksandrovich", "Bulganin, Nikolay Aleksandrovich"),
    ("Breschnew, Leonid Iljitsch", "Brezhnev, Leonid Ilyich"),
    ("Andropov, Yuri", "Andropov, Yuriy"),
    ("Tschernenko", "Chernenko"),
    ("Tchernenko", "Chernenko"),
    ("Oustinov", "Ustinov"),
    ("Malinowski", "Malinovsky"),
    ("Malinovskiy", "Malinovsky"),
    ("Zhukov, Georgi", "Zhukov, Georgiy"),
    ("Woroschilow", "Voroshilov"),
    ("Vorochilov", "Voroshilov"),
    ("Suslow", "Suslov"),
    ("Semitschastny", "Semichastny"),
    ("Jakowlew", "Yakovlev"),
    ("Dobrynine", "Dobrynin"),
    # Name order
    ("Lansing, Robert", "Robert Lansing"),
    ("Robert Lansing", "Lansing, Robert"),
    ("Dulles, John Foster", "John Foster Dulles"),
    ("Charles de Gaulle", "de Gaulle, Charles"),
    ("King, Martin Luther, Jr.", "Martin Luther King Jr."),
]
RECALL_TARGET = 0.95


def test_recall_of_spelling_pairs():
    misses = [(v, p) for v, p in RECALL_PAIRS if match_key(p) not in query_keys(v)]
    recall = 1 - len(misses) / len(RECALL_PAIRS)
    print(f"recall {recall:.3f} over {len(RECALL_PAIRS)} pairs; misses:")
    for variant, preferred in misses:
        print(f"  {variant!r} does not find {preferred!r}")
    assert recall >= RECALL_TARGET, misses


@pytest.mark.parametrize(
    "text",
    [
        "Chou " * 30,  # more syllables than any name
        "a" * 200,
        "Kim " + "Il-" * 20 + "sung",
        "ilililililililililililililililililx",  # cannot be cut into syllables at all
        "The Ministry of Foreign Affairs of the Union of Soviet Socialist Republics",
    ],
)
def test_long_text_is_not_respelled(text):
    for kind in ("person", "organisation", "place"):
        assert {rule for _, rule in variants(text, kind)} <= {"rule:order"}


def test_initials_are_kept():
    assert ("N.S. Chruschtschow", "rule:german") in variants("N.S. Khrushchev")
    assert ("N. S. Khrouchtchev", "rule:french") in variants("N. S. Khrushchev")
