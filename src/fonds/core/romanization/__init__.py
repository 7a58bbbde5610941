"""Romanisation schemes as data and rules, one module per family of scripts.

- :mod:`.chinese`: Hanyu Pinyin <-> Wade-Giles, syllable by syllable (``data/pinyin_wade_giles.tsv``).
- :mod:`.korean`: McCune-Reischauer, Revised Romanization, conventional English and Soviet-Russian
  forms of Korean names, through Hangul (``data/korean_syllables.tsv``, ``data/korean_surnames.tsv``).
- :mod:`.russian`: any Latin spelling of a Russian name back to Cyrillic, then BGN/PCGN, English
  press, Library of Congress, scholarly, German and French transliteration.
- :mod:`.order`: "Surname, Given" <-> "Given Surname", and names written surname first.

The public face is :mod:`fonds.core.variants`; these modules are its parts.
"""
