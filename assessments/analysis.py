"""Item analysis of an evaluation: how hard each question was, how well it separates strong
from weak students, which choices attracted whom, how scores spread and how reliable the
evaluation is as a whole.

Pure Python over already graded attempts: no Django, no queries, no models. The input is
a sequence of attempts, each ``(total, max_total, answers)`` (a tuple or a
:class:`GradedAttempt`), where ``answers`` maps a question id to
``(points, max_points, chosen_choice_ids)`` (a tuple or an :class:`AnsweredQuestion`);
``chosen_choice_ids`` is a collection of choice ids for choice questions (empty when the
student picked nothing) and ``None`` for the others (short text, numeric, essay). A
question missing from an attempt's answers was not asked in that attempt (questions drawn
at random); every per-question statistic counts only the attempts that were asked it.
Scores may be ``int``, ``float`` or ``Decimal``.

Feeding it with a flat number of queries
----------------------------------------
The admin builds the input from two (or three) queries whose number does not grow with the
number of attempts, then calls :func:`attempts_from_rows` and :func:`item_analysis`::

    graded = Attempt.objects.filter(<this evaluation>, status=<graded>)
    attempt_rows = graded.order_by("pk").values_list("pk", "score", "max_score")
    answer_rows = Answer.objects.filter(attempt__in=graded).values_list(
        "attempt_id", "question_id", "points", "max_points", "chosen_choice_ids")
    # only if picked choices live in their own table rather than on the answer:
    choice_rows = AnswerChoice.objects.filter(answer__attempt__in=graded).values_list(
        "answer__attempt_id", "answer__question_id", "choice_id")

One row per attempt, one per answer (and one per picked choice): never a query per
attempt or per question. ``order_by("pk")`` matters: it fixes how ties are broken (below).

Definitions
-----------
- *Correct* means full points (``points >= max_points``); partial credit is not correct.
- *Difficulty* is the proportion of the attempts asked the question that got it correct
  (0..1; :attr:`QuestionStatistics.percent_correct` is the same in %).
- *Upper and lower groups* (Kelley): the attempts ranked by total score, highest first; each
  group is the top and the bottom 27 % of all attempts, ``floor(0.27 * n + 0.5)`` attempts
  (at least one; none with fewer than two attempts). **Ties** are broken by the order the
  attempts are given (a stable sort): among equal totals the earlier attempt ranks higher,
  so at the upper cut earlier attempts get in, at the lower cut later attempts get in. With
  the admin's ``order_by("pk")`` the ranking is deterministic and does not depend on the
  database. When every attempt has the same maximum (always, unless questions are drawn at
  random from questions worth different points) ranking by total is ranking by percentage.
- *Discrimination index* D = (correct in the upper group / upper attempts asked it) -
  (correct in the lower group / lower attempts asked it), from -1 to 1.
- *Point-biserial* (corrected, item-rest): Pearson's correlation between the points on the
  question and the rest of the test (total minus those points), over the attempts asked it;
  for partial-credit questions this is the item-rest correlation.
- *Percentage score* = 100 * total / max_total; attempts whose maximum is 0 have none and
  are left out of the histogram, mean, median and standard deviation.
- *Histogram*: ten bins of 10 %, ``[0, 10)``, ``[10, 20)`` ... ``[90, 100]`` (100 % falls in
  the last bin).
- Variances and the standard deviation are population ones (divide by n): the attempts are
  the whole group being described, and KR-20's ``p * q`` is a population variance too.
- *Reliability* is computed over the questions asked in every attempt (the common core when
  questions are drawn at random), with the total re-summed over those questions. When each
  of them scored only 0 or full points in every attempt: KR-20 on the number of correct
  answers, ``k / (k - 1) * (1 - sum(p * q) / var(number correct))``; otherwise Cronbach's
  alpha on points, ``k / (k - 1) * (1 - sum(var(item)) / var(total))``. With equal points
  per question the two agree.

A statistic that is undefined is ``None``, never an error: no attempts, fewer than two
attempts (spread, discrimination, correlation, reliability), zero variance (correlation,
reliability), fewer than two common questions (reliability), a group nobody in which was
asked the question (discrimination).
"""

import math
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

GROUP_FRACTION = 0.27
HISTOGRAM_BINS = 10
KR20 = "KR-20"
CRONBACH_ALPHA = "Cronbach's alpha"

# Scores come from sums of Decimals or floats: a question worth 1 with 0.9999999999 points
# is still full points.
_EPSILON = 1e-9


class AnsweredQuestion(NamedTuple):
    """One question of one graded attempt."""

    points: float
    max_points: float
    chosen_choice_ids: Collection[Hashable] | None = None


class GradedAttempt(NamedTuple):
    """One graded attempt: its total, its maximum and its answers by question id."""

    total: float
    max_total: float
    answers: Mapping[Hashable, AnsweredQuestion]


@dataclass(frozen=True)
class ChoiceStatistics:
    """How many attempts picked one choice: in the upper group, the lower group and overall."""

    choice_id: Hashable
    upper: int = 0
    lower: int = 0
    overall: int = 0


@dataclass(frozen=True)
class QuestionStatistics:
    question_id: Hashable
    asked: int  # attempts that were asked this question
    correct: int  # ... and got full points
    max_points: float  # the largest maximum seen (past attempts keep their own snapshot)
    average_points: float
    difficulty: float  # proportion correct, 0..1
    upper_asked: int
    lower_asked: int
    discrimination: float | None
    point_biserial: float | None
    choices: Mapping[Hashable, ChoiceStatistics] = field(default_factory=dict)  # picked choices only

    @property
    def percent_correct(self):
        return 100 * self.difficulty

    def choice(self, choice_id):
        """The statistics of ``choice_id``, zeros for a choice nobody picked."""
        return self.choices.get(choice_id) or ChoiceStatistics(choice_id)


@dataclass(frozen=True)
class ItemAnalysis:
    attempts: int
    group_size: int  # attempts in each of the upper and lower groups
    questions: Mapping[Hashable, QuestionStatistics]  # in order of first appearance
    histogram: tuple[int, ...]  # attempts per 10 % bin of percentage score
    mean_percent: float | None
    median_percent: float | None
    standard_deviation_percent: float | None
    reliability: float | None
    reliability_method: str | None  # KR20, CRONBACH_ALPHA, or None when undefined

    @property
    def histogram_bins(self):
        """``((low, high, count), ...)`` in %, for a chart or a table."""
        width = 100 // HISTOGRAM_BINS
        return tuple((i * width, (i + 1) * width, count) for i, count in enumerate(self.histogram))


def item_analysis(attempts: Iterable[Sequence]) -> ItemAnalysis:
    """Every statistic of the module docstring for ``attempts`` (see there for the shape)."""
    attempts = [GradedAttempt(float(a[0]), float(a[1]), _answers(a[2])) for a in attempts]
    n = len(attempts)
    totals = [attempt.total for attempt in attempts]
    group_size = math.floor(GROUP_FRACTION * n + 0.5) if n >= 2 else 0
    ranking = sorted(range(n), key=lambda i: -totals[i])  # stable: ties keep the given order
    upper = set(ranking[:group_size])
    lower = set(ranking[n - group_size :]) if group_size else set()

    by_question = {}  # question id -> [(attempt index, AnsweredQuestion)], in attempt order
    for index, attempt in enumerate(attempts):
        for question_id, answer in attempt.answers.items():
            by_question.setdefault(question_id, []).append((index, answer))

    percents = [100 * a.total / a.max_total for a in attempts if a.max_total > 0]
    reliability, method = _reliability(attempts, by_question)
    return ItemAnalysis(
        attempts=n,
        group_size=group_size,
        questions={
            question_id: _question_statistics(question_id, answers, totals, upper, lower)
            for question_id, answers in by_question.items()
        },
        histogram=_histogram(percents),
        mean_percent=_mean(percents) if percents else None,
        median_percent=_median(percents) if percents else None,
        standard_deviation_percent=math.sqrt(_variance(percents)) if len(percents) >= 2 else None,
        reliability=reliability,
        reliability_method=method,
    )


def attempts_from_rows(attempt_rows, answer_rows, choice_rows=()):
    """The input of :func:`item_analysis` from the rows of the module docstring's queries.

    ``attempt_rows``: ``(attempt_id, total, max_total)``, in ranking tie-break order;
    ``answer_rows``: ``(attempt_id, question_id, points, max_points[, chosen_choice_ids])``;
    ``choice_rows``: ``(attempt_id, question_id, choice_id)``, one per picked choice (they
    make that answer's chosen ids a list). Rows of attempts not in ``attempt_rows`` are ignored.
    """
    answers = {attempt_id: {} for attempt_id, _total, _max_total in attempt_rows}
    for attempt_id, question_id, points, max_points, *chosen in answer_rows:
        if attempt_id in answers:
            answers[attempt_id][question_id] = [points, max_points, chosen[0] if chosen else None]
    for attempt_id, question_id, choice_id in choice_rows:
        answer = answers.get(attempt_id, {}).get(question_id)
        if answer is not None:
            answer[2] = [*(answer[2] or ()), choice_id]
    return [
        GradedAttempt(total, max_total, {q: AnsweredQuestion(*row) for q, row in answers[attempt_id].items()})
        for attempt_id, total, max_total in attempt_rows
    ]


def _answers(answers):
    return {
        question_id: AnsweredQuestion(float(answer[0]), float(answer[1]), answer[2] if len(answer) > 2 else None)
        for question_id, answer in answers.items()
    }


def _is_correct(answer):
    return answer.points >= answer.max_points - _EPSILON


def _question_statistics(question_id, answers, totals, upper, lower):
    asked = len(answers)
    correct = sum(1 for _index, answer in answers if _is_correct(answer))
    upper_asked = lower_asked = upper_correct = lower_correct = 0
    picks = {}  # choice id -> [upper, lower, overall]
    for index, answer in answers:
        in_upper, in_lower = index in upper, index in lower
        upper_asked += in_upper
        lower_asked += in_lower
        if _is_correct(answer):
            upper_correct += in_upper
            lower_correct += in_lower
        for choice_id in set(answer.chosen_choice_ids or ()):
            counts = picks.setdefault(choice_id, [0, 0, 0])
            counts[0] += in_upper
            counts[1] += in_lower
            counts[2] += 1
    discrimination = None
    if upper_asked and lower_asked:
        discrimination = upper_correct / upper_asked - lower_correct / lower_asked
    points = [answer.points for _index, answer in answers]
    rest = [totals[index] - answer.points for index, answer in answers]
    return QuestionStatistics(
        question_id=question_id,
        asked=asked,
        correct=correct,
        max_points=max(answer.max_points for _index, answer in answers),
        average_points=_mean(points),
        difficulty=correct / asked,
        upper_asked=upper_asked,
        lower_asked=lower_asked,
        discrimination=discrimination,
        point_biserial=_correlation(points, rest),
        choices={choice_id: ChoiceStatistics(choice_id, *counts) for choice_id, counts in picks.items()},
    )


def _reliability(attempts, by_question):
    """``(coefficient, method)`` over the questions every attempt was asked, or ``(None, None)``."""
    n = len(attempts)
    common = [question_id for question_id, answers in by_question.items() if len(answers) == n]
    if n < 2 or len(common) < 2:
        return None, None
    columns = [[attempt.answers[question_id] for attempt in attempts] for question_id in common]
    dichotomous = all(_is_correct(a) or abs(a.points) <= _EPSILON for column in columns for a in column)
    if dichotomous:
        scores = [[1.0 if _is_correct(a) else 0.0 for a in column] for column in columns]
        method = KR20
    else:
        scores = [[a.points for a in column] for column in columns]
        method = CRONBACH_ALPHA
    total_variance = _variance([sum(row) for row in zip(*scores, strict=True)])
    if total_variance <= _EPSILON:
        return None, None
    k = len(scores)
    item_variance = math.fsum(_variance(column) for column in scores)  # p * q for 0/1 items
    return k / (k - 1) * (1 - item_variance / total_variance), method


def _histogram(percents):
    counts = [0] * HISTOGRAM_BINS
    for percent in percents:
        # round() first, so 70 % computed as 69.99999999 still lands in the 70-80 bin.
        counts[min(HISTOGRAM_BINS - 1, max(0, math.floor(round(percent * HISTOGRAM_BINS / 100, 9))))] += 1
    return tuple(counts)


def _mean(values):
    return math.fsum(values) / len(values)


def _median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _variance(values):
    mean = _mean(values)
    return math.fsum((value - mean) ** 2 for value in values) / len(values)


def _correlation(xs, ys):
    """Pearson's r, or None with fewer than two pairs or no variance on either side."""
    if len(xs) < 2:
        return None
    mean_x, mean_y = _mean(xs), _mean(ys)
    covariance = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    spread_x = math.fsum((x - mean_x) ** 2 for x in xs)
    spread_y = math.fsum((y - mean_y) ** 2 for y in ys)
    if spread_x <= _EPSILON or spread_y <= _EPSILON:
        return None
    return covariance / math.sqrt(spread_x * spread_y)
