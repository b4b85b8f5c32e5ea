"""Which practices and organisations have experience with what a question asks about.

Text similarity comes from the site's one search (`search.backend.ranked_ids`, the
database's full-text index): once for the question's significant words together (every
word must occur: a strong match) and, when that finds few, once per word (any word: a weak
match), fused by their ranks
(reciprocal rank fusion, so no score of one search has to be compared with another's).
Shared themes and adoptions ("wij hebben dit ook gedaan") weigh in on top; practices of the
question's themes that many libraries took over fill the list when the text finds little.
Organisations are the ones behind the best practices and the ones that adopted them.

A fixed number of queries, whatever the number of practices: the searches (each an index
scan with a LIMIT), one for the candidates' facts, one for their adopters, one for names.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery

from route2020.core.pages import public
from route2020.core.stemming import WORD, search_terms
from route2020.practices.models import Adoption, PracticePage
from route2020.search.backend import content_type_ids_of, ranked_ids

MAX_WORDS = 6
MAX_WIDEN = 3
PER_SEARCH = 50
RRF_K = 20
THEME_WEIGHT = 0.04
ADOPTION_WEIGHT = 0.01
MAX_ADOPTION_BONUS = 10
PRACTICES = 5
ORGANISATIONS = 5


# The words every question has ("we willen ... starten: wie heeft dat gedaan?") and the one
# every practice has: they say nothing about the subject, and a search for them alone
# matches nearly every practice.
QUESTION_WORDS = frozenset(
    """
    bibliotheek bibliotheken bieb willen starten beginnen opzetten gedaan ervaring ervaringen
    iemand heeft hebben zoeken zoek weten vraag vragen graag welke hoe wie jullie onze
    """.split()
)


@dataclass
class Found:
    pk: int
    score: float = 0.0
    text_match: bool = False
    shared_themes: int = 0
    adoptions: int = 0
    title: str = ""
    url_path: str = ""
    organisation_id: int | None = None
    extra: dict = field(default_factory=dict)


def significant_words(text):
    """The question's words that are not stop words, longest first, once per stem."""
    seen, words = set(), []
    for word in sorted(set(WORD.findall(text.lower())), key=lambda w: (-len(w), w)):
        terms = search_terms(word)
        if not terms or terms[0] in seen or len(word) < 4 or word in QUESTION_WORDS:
            continue
        seen.add(terms[0])
        words.append(word)
    return words[:MAX_WORDS]


def _text_scores(text):
    content_types = content_type_ids_of(PracticePage)
    scores = defaultdict(float)
    words = significant_words(text)
    if not words:
        return scores
    strong = ranked_ids(" ".join(words), content_type_ids=content_types, limit=PER_SEARCH)
    for rank, pk in enumerate(strong):
        scores[pk] += 2 / (RRF_K + rank)
    if len(strong) >= PRACTICES * 2 or len(words) == 1:
        return scores  # enough practices match every word (or the one word): no need to widen
    for word in words[:MAX_WIDEN]:
        for rank, pk in enumerate(
            ranked_ids(word, content_type_ids=content_types, limit=PER_SEARCH)
        ):
            scores[pk] += 1 / (RRF_K + rank)
        if len(scores) >= PER_SEARCH:
            break  # a common word ranks thousands of matches: stop once there are enough
    return scores


def suggest(*, text, theme_ids=(), exclude_organisation_id=None):
    """(practices, organisations): the best few of each, as `Found` rows, best first."""
    theme_ids = list(theme_ids)
    scores = _text_scores(text)
    candidates = public(PracticePage.objects.live())
    if scores:
        by_text = candidates.filter(pk__in=list(scores))
    else:
        by_text = candidates.none()
    rows = list(
        by_text.annotate(
            shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
        ).values("pk", "title", "url_path", "organisation_id", "adoption_count", "shared")
    )
    if len(rows) < PRACTICES and theme_ids:
        # Little in the text: the practices of the question's themes most libraries took over.
        # EXISTS rather than a join and GROUP BY, and the order of the `practice_adopted`
        # index: PostgreSQL walks that index and stops after a few rows, instead of
        # grouping and sorting every practice of the themes (180 ms at 100,000 practices).
        known = [row["pk"] for row in rows]
        in_themes = PracticePage.themes.through.objects.filter(
            practicepage_id=OuterRef("pk"), themepage_id__in=theme_ids
        )
        shared = in_themes.order_by().values("practicepage_id").annotate(n=Count("*"))
        rows += list(
            candidates.filter(Exists(in_themes))
            .exclude(pk__in=known)
            .annotate(shared=Subquery(shared.values("n"), output_field=IntegerField()))
            .order_by("-adoption_count", "-sort_date", "-pk")
            .values("pk", "title", "url_path", "organisation_id", "adoption_count", "shared")[
                : PRACTICES * 2
            ]
        )
    found = []
    for row in rows:
        text_score = scores.get(row["pk"], 0.0)
        item = Found(
            pk=row["pk"],
            text_match=text_score > 0,
            shared_themes=row["shared"],
            adoptions=row["adoption_count"],
            title=row["title"],
            url_path=row["url_path"],
            organisation_id=row["organisation_id"],
        )
        item.score = (
            text_score
            + THEME_WEIGHT * row["shared"]
            + ADOPTION_WEIGHT * min(row["adoption_count"], MAX_ADOPTION_BONUS)
        )
        found.append(item)
    found.sort(key=lambda item: (-item.score, -item.pk))
    practices = [item for item in found if item.organisation_id != exclude_organisation_id][
        :PRACTICES
    ]
    return practices, _organisations(practices, exclude_organisation_id)


def _organisations(practices, exclude_organisation_id):
    """Who made the suggested practices, and who took them over (a bit less), summed."""
    by_organisation = defaultdict(float)
    practice_count = defaultdict(int)
    for item in practices:
        if item.organisation_id is not None:
            by_organisation[item.organisation_id] += item.score
            practice_count[item.organisation_id] += 1
    weight = {item.pk: item.score for item in practices}
    for practice_id, organisation_id in Adoption.objects.filter(
        practice_id__in=list(weight)
    ).values_list("practice_id", "organisation_id"):
        by_organisation[organisation_id] += weight[practice_id] / 2
    by_organisation.pop(exclude_organisation_id, None)
    best = sorted(by_organisation.items(), key=lambda pair: (-pair[1], pair[0]))[:ORGANISATIONS]
    return [
        Found(pk=pk, score=score, extra={"practices": practice_count.get(pk, 0)})
        for pk, score in best
    ]
