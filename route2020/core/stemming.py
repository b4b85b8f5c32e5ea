"""Words and their Dutch stems: the rule that the search index and every search share.

- Words are letters and digits, in lower case; Dutch stop words ("de", "het", "van", ...)
  are left out of a query; a query has at most ten words.
- Each word is reduced to its stem with the Snowball stemmer of `snowballstemmer` (PyPI;
  Snowball 3's Dutch algorithm: "bibliotheken" → "bibliotheek", "taalhuizen" → "taalhuis"),
  at index time and at query time, on SQLite and PostgreSQL alike.
- The index keeps a page's own words and adds the stems that differ (`with_stems()`), so
  Wagtail's own searches in the CMS, which do not stem, still find the exact words.

Pages index their search fields through `stemmed_search_fields()` (core.models.BasePage);
`route2020.search.backend` asks the index with `search_terms()`.
"""

import re
from functools import lru_cache

import snowballstemmer
from wagtail.search import index

MAX_TERMS = 10
WORD = re.compile(r"\w+")

# Snowball's Dutch stop list (snowballstem.org/algorithms/dutch/stop.txt), the same words
# PostgreSQL's `dutch` configuration drops, so both databases treat a query alike.
STOP_WORDS = frozenset(
    """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar
    om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar
    haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden
    toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier
    wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand
    geweest andere
    """.split()
)

_stemmer = snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=200_000)
def stem(word):
    """The Dutch stem of one lower-case word (cached: a site has a small vocabulary)."""
    return _stemmer.stemWord(word)


def search_terms(query):
    """The stems a query searches for: its words, without stop words, stemmed, once each."""
    words = WORD.findall(query.lower())
    kept = [word for word in words if word not in STOP_WORDS]
    terms = []
    for word in kept:
        term = stem(word)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def with_stems(text):
    """`text` followed by the stems of its words that differ from the word itself.

    What the index holds: "bibliotheken" is then found by "bibliotheek" (and the other way
    round, since both stem to "bibliotheek"), while the exact word is still there for
    Wagtail's own searches in the CMS, which do not stem.
    """
    if not text:
        return text
    extra = []
    seen = set()
    for word in WORD.findall(text.lower()):
        term = stem(word)
        if term != word and term not in seen:
            seen.add(term)
            extra.append(term)
    return f"{text} {' '.join(extra)}" if extra else text


class StemmedSearchField(index.SearchField):
    """A search field whose indexed text carries the Dutch stems of its words."""

    def get_value(self, obj):
        value = super().get_value(obj)
        if value is None:
            return None
        if not isinstance(value, str):
            value = ", ".join(str(item) for item in value) if isinstance(value, list) else value
            value = str(value)
        return with_stems(value)


def stemmed_search_fields(fields):
    """`fields` with every SearchField (also inside RelatedFields) indexed with its stems."""
    result = []
    for field in fields:
        if type(field) is index.SearchField:
            copy = StemmedSearchField(field.field_name, boost=field.boost, **field.kwargs)
            result.append(copy)
        elif isinstance(field, index.RelatedFields):
            result.append(
                index.RelatedFields(field.field_name, stemmed_search_fields(field.fields))
            )
        else:
            result.append(field)
    return result
