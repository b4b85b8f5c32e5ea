"""The results of a survey, counted by the database: a fixed number of GROUP BY queries,
whatever the number of submissions or questions.

Per question:
- one choice, more choices: the count per option and its share of the people who answered
  the question (with more choices the shares add up to more than 100 %);
- scale 1-5: the count per point, its share, and the mean;
- number: count, mean, lowest and highest, and five equal ranges between the question's
  smallest and largest number (or the lowest and highest answer) as columns;
- ranking: Borda points (place 1 of n options gives n points, the last place 1), which order
  the options; beside them the mean place and how often an option was put first;
- open text: only the number of answers; the office also sees the latest ten (all of them are
  in the CSV). Never on the public page.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    BigIntegerField,
    Case,
    Count,
    F,
    Max,
    Min,
    Q,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, RowNumber
from django.utils.translation import gettext as _

from route2020.core.charts import Chart, Series, display
from route2020.core.models import Organisation

from .models import Answer, Question, Submission

Kind = Question.Kind
# Below this many submissions a filtered result is not shown to the public: with a province
# and a kind of organisation chosen, a handful of answers could point at one library.
MIN_GROUP = 5
NUMBER_RANGES = 5
LATEST_TEXTS = 10
# The SVG draws a label on one line; the table beside it has the whole text.
CHART_LABEL_LENGTH = 50


def chart_label(text):
    if len(text) <= CHART_LABEL_LENGTH:
        return text
    return text[: CHART_LABEL_LENGTH - 1].rstrip() + "…"


@dataclass
class Row:
    label: str
    count: int = 0
    share: float = 0.0
    extra: list = field(default_factory=list)  # ranking: mean place, times first

    @property
    def count_text(self):
        return display(self.count)

    @property
    def share_text(self):
        return display(round(self.share, 1), "%")


@dataclass
class QuestionResult:
    question: Question
    number: int
    respondents: int = 0
    rows: list = field(default_factory=list)
    chart: Chart | None = None
    summary: str = ""
    texts: list = field(default_factory=list)

    @property
    def kind(self):
        return self.question.kind

    @property
    def anchor(self):
        return f"vraag-{self.number}"


@dataclass
class Results:
    submissions: int
    questions: list
    too_few: bool = False


def _submission_filter(survey, province=None, kind=None, prefix=""):
    q = Q(**{f"{prefix}survey": survey})
    if province is not None:
        q &= Q(**{f"{prefix}province": province})
    if kind == Organisation.Kind.LIBRARY or kind == Organisation.Kind.PARTNER:
        q &= Q(**{f"{prefix}organisation_kind": kind})
    elif kind:
        q &= Q(**{f"{prefix}partner_type": kind})
    return q


def _share(count, total):
    return 100.0 * count / total if total else 0.0


def compute(survey, *, province=None, kind=None, office=False, questions=None):
    """Every question's result; `office` adds the latest open answers."""
    questions = questions if questions is not None else survey.get_questions()
    submissions = Submission.objects.filter(_submission_filter(survey, province, kind)).count()
    filtered = province is not None or bool(kind)
    if filtered and submissions < MIN_GROUP and not office:
        return Results(submissions=submissions, questions=[], too_few=True)
    by_kind = {}
    for question in questions:
        by_kind.setdefault(question.kind, []).append(question.pk)
    # Answers are found through their questions' index; only a filter joins the submissions.
    answers = Answer.objects.all()
    if filtered:
        answers = answers.filter(_submission_filter(survey, province, kind, prefix="submission__"))

    def of(*kinds):
        ids = [pk for kind in kinds for pk in by_kind.get(kind, ())]
        return answers.filter(question__in=ids) if ids else None

    respondents = {}
    option_rows = {}
    if (chosen := of(*Question.WITH_OPTIONS)) is not None:
        for row in (
            chosen.values("question", "option")
            .annotate(n=Count("id"), places=Sum("value"), firsts=Count("id", filter=Q(value=1)))
            .order_by()
        ):
            option_rows[(row["question"], row["option"])] = row
            # One option per person for one choice; one first place per person in a ranking.
            respondents[row["question"]] = respondents.get(row["question"], 0) + (
                row["firsts"] if row["question"] in by_kind.get(Kind.RANKING, ()) else row["n"]
            )
    if (multiple := of(Kind.MULTIPLE)) is not None:
        # More choices: the people, not the ticks.
        respondents.update(
            multiple.values("question")
            .annotate(n=Count("submission", distinct=True))
            .order_by()
            .values_list("question", "n")
        )
    scale_counts = {}
    if (scales := of(Kind.SCALE)) is not None:
        for question_id, value, count in (
            scales.values("question", "value")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("question", "value", "n")
        ):
            scale_counts[(question_id, value)] = count
            respondents[question_id] = respondents.get(question_id, 0) + count
    number_stats, number_ranges = {}, {}
    if (numbers_and_texts := of(Kind.NUMBER, Kind.TEXT)) is not None:
        for row in (
            numbers_and_texts.values("question")
            .annotate(n=Count("id"), mean=Avg("value"), low=Min("value"), high=Max("value"))
            .order_by()
        ):
            respondents[row["question"]] = row["n"]
            if row["mean"] is not None:
                number_stats[row["question"]] = row
    if (numbers := of(Kind.NUMBER)) is not None:
        bounds = {
            q.pk: _range_bounds(q, number_stats.get(q.pk))
            for q in questions
            if q.kind == Kind.NUMBER
        }
        whens = [
            When(
                question=pk,
                # Whole-number division in SQL; bigint, so a billion times five fits.
                then=(Cast("value", BigIntegerField()) - Value(low))
                * Value(NUMBER_RANGES)
                / Value(high - low + 1),
            )
            for pk, (low, high) in bounds.items()
            if low is not None
        ]
        if whens:
            for question_id, bucket, count in (
                numbers.annotate(bucket=Case(*whens, output_field=BigIntegerField()))
                .values("question", "bucket")
                .annotate(n=Count("id"))
                .order_by()
                .values_list("question", "bucket", "n")
            ):
                number_ranges[(question_id, bucket)] = count
    texts = {}
    if office and by_kind.get(Kind.TEXT):
        latest = (
            answers.filter(question__in=by_kind[Kind.TEXT])
            .exclude(text="")
            .annotate(
                position=Window(RowNumber(), partition_by=[F("question")], order_by=F("id").desc())
            )
            .filter(position__lte=LATEST_TEXTS)
            .values_list("question", "text")
        )
        for question_id, text in latest:
            texts.setdefault(question_id, []).append(text)

    results = []
    for number, question in enumerate(questions, start=1):
        result = QuestionResult(question, number, respondents.get(question.pk, 0))
        builder = {
            Kind.SINGLE: _choices,
            Kind.MULTIPLE: _choices,
            Kind.SCALE: _scale,
            Kind.NUMBER: _number,
            Kind.RANKING: _ranking,
            Kind.TEXT: _text,
        }[question.kind]
        builder(
            result,
            option_rows=option_rows,
            scale_counts=scale_counts,
            number_stats=number_stats,
            number_ranges=number_ranges,
            texts=texts,
        )
        results.append(result)
    return Results(submissions=submissions, questions=results)


def _answered(result):
    from django.utils.translation import ngettext

    return ngettext(
        "%(count)s persoon beantwoordde deze vraag.",
        "%(count)s mensen beantwoordden deze vraag.",
        result.respondents,
    ) % {"count": display(result.respondents)}


def _choices(result, *, option_rows, **rest):
    question = result.question
    for option in question.options.all():
        count = option_rows.get((question.pk, option.pk), {}).get("n", 0)
        result.rows.append(Row(option.label, count, _share(count, result.respondents)))
    result.chart = Chart(
        title=question.text,
        categories=[chart_label(row.label) for row in result.rows],
        series=[Series(_("Aandeel"), [round(row.share, 1) for row in result.rows])],
        unit="%",
        max_value=100,
    )
    result.summary = _answered(result)
    if question.kind == Kind.MULTIPLE:
        result.summary += " " + _("Meer keuzes mogelijk: samen meer dan 100%.")


def _scale(result, *, scale_counts, **rest):
    question = result.question
    total = weighted = 0
    for value in Question.SCALE_VALUES:
        count = scale_counts.get((question.pk, value), 0)
        total += count
        weighted += count * value
        result.rows.append(Row(str(value), count, _share(count, result.respondents)))
    result.chart = Chart(
        title=question.text,
        categories=[chart_label(row.label) for row in result.rows],
        series=[Series(_("Aantal"), [row.count for row in result.rows])],
        kind="columns",
    )
    if total:
        mean = display(round(weighted / total, 1))
        result.summary = _answered(result) + " " + _("Gemiddeld: %(mean)s van 5.") % {"mean": mean}
    else:
        result.summary = _answered(result)


def _range_bounds(question, stats):
    low = question.min_value if question.min_value is not None else (stats or {}).get("low")
    high = question.max_value if question.max_value is not None else (stats or {}).get("high")
    if low is None or high is None or high < low:
        return None, None
    return low, high


def _number(result, *, number_stats, number_ranges, **rest):
    question = result.question
    stats = number_stats.get(question.pk)
    if not stats:
        result.summary = _answered(result)
        return
    low, high = _range_bounds(question, stats)
    size = high - low + 1
    for bucket in range(NUMBER_RANGES):
        # The numbers SQL puts in this range: (value - low) * 5 // size == bucket.
        start = low + -(-bucket * size // NUMBER_RANGES)
        end = low + -(-(bucket + 1) * size // NUMBER_RANGES) - 1
        if end < start:
            continue
        label = display(start) if start == end else f"{display(start)}–{display(end)}"
        count = number_ranges.get((question.pk, bucket), 0)
        result.rows.append(Row(label, count, _share(count, result.respondents)))
    result.chart = Chart(
        title=question.text,
        categories=[chart_label(row.label) for row in result.rows],
        series=[Series(_("Aantal"), [row.count for row in result.rows])],
        kind="columns",
    )
    result.summary = (
        _answered(result)
        + " "
        + _("Gemiddeld %(mean)s, laagste %(low)s, hoogste %(high)s.")
        % {
            "mean": display(round(float(stats["mean"]), 1)),
            "low": display(stats["low"]),
            "high": display(stats["high"]),
        }
    )


def _ranking(result, *, option_rows, **rest):
    question = result.question
    options = list(question.options.all())
    size = len(options)
    rows = []
    for option in options:
        row = option_rows.get((question.pk, option.pk), {})
        count = row.get("n", 0)
        # Borda: place p of n is worth n + 1 - p points.
        points = count * (size + 1) - (row.get("places") or 0)
        mean_place = (row.get("places") or 0) / count if count else 0
        rows.append(
            Row(
                option.label,
                points,
                _share(row.get("firsts", 0), result.respondents),
                extra=[display(round(mean_place, 1)) if count else "–", row.get("firsts", 0)],
            )
        )
    rows.sort(key=lambda row: -row.count)
    result.rows = rows
    result.chart = Chart(
        title=question.text,
        categories=[chart_label(row.label) for row in rows],
        series=[Series(_("Punten"), [row.count for row in rows])],
    )
    result.summary = (
        _answered(result)
        + " "
        + _(
            "Punten: een eerste plaats geeft %(size)s punten, een laatste plaats 1 punt; "
            "de mogelijkheid met de meeste punten staat bovenaan."
        )
        % {"size": size}
    )


def _text(result, *, texts, **rest):
    result.texts = texts.get(result.question.pk, [])
    result.summary = _answered(result)
