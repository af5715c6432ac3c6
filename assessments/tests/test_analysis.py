"""Item analysis against hand-computed values.

Data set A: ten attempts, four one-point single-choice questions (choice "a" is right).
Rows are attempts a0..a9 in the order given; 1 = full points.

          Q1 Q2 Q3 Q4  total  %
    a0     1  1  1  1    4   100
    a1     1  1  1  0    3    75
    a2     1  1  0  1    3    75
    a3     1  0  1  0    2    50
    a4     1  1  0  0    2    50
    a5     0  1  1  0    2    50
    a6     1  0  0  0    1    25
    a7     0  0  1  0    1    25
    a8     0  1  0  0    1    25
    a9     0  0  0  0    0     0

Groups: n = 10, floor(0.27 * 10 + 0.5) = floor(3.2) = 3 attempts each. Ranked by total
(stable): a0, a1, a2, a3, a4, a5, a6, a7, a8, a9. Upper = a0 a1 a2; lower = a7 a8 a9 (a6,
a7, a8 tie at 1: the earlier a6 ranks higher and stays out of the lower group).

Wrong answers on Q1: a5 picked "b", a7 "c", a8 "b", a9 left it blank; on Q2..Q4 every wrong
answer picked "b".
"""

import random
import time
from decimal import Decimal

import pytest

from assessments.analysis import (
    CRONBACH_ALPHA,
    KR20,
    AnsweredQuestion,
    ChoiceStatistics,
    GradedAttempt,
    attempts_from_rows,
    item_analysis,
)

MATRIX_A = [
    (1, 1, 1, 1),
    (1, 1, 1, 0),
    (1, 1, 0, 1),
    (1, 0, 1, 0),
    (1, 1, 0, 0),
    (0, 1, 1, 0),
    (1, 0, 0, 0),
    (0, 0, 1, 0),
    (0, 1, 0, 0),
    (0, 0, 0, 0),
]
Q1_WRONG_PICKS = {5: ["b"], 7: ["c"], 8: ["b"], 9: []}


def data_set_a(points=(1, 1, 1, 1), order=range(10)):
    attempts = []
    for index in order:
        answers = {}
        for column, right in enumerate(MATRIX_A[index]):
            question = f"Q{column + 1}"
            if right:
                chosen = ["a"]
            elif question == "Q1":
                chosen = Q1_WRONG_PICKS[index]
            else:
                chosen = ["b"]
            answers[question] = (right * points[column], points[column], chosen)
        total = sum(answer[0] for answer in answers.values())
        attempts.append((total, sum(points), answers))
    return attempts


# Data set B: five attempts with partial credit.
#   Q1 single choice, 1 point; Q2 multiple choice with partial credit, 2 points (w and x
#   are right: picks below); Q3 essay, 3 points (no choices).
#
#          Q1 Q2 Q3  total  %       Q2 picks
#    b0     1  2  3    6   100      w x
#    b1     1  1  2    4    66.67   w
#    b2     0  2  1    3    50      w x
#    b3     1  0  1    2    33.33   y
#    b4     0  0  0    0     0      (none)
#
# n = 5: groups of floor(1.35 + 0.5) = 1: upper = b0, lower = b4.
MATRIX_B = [(1, 2, 3), (1, 1, 2), (0, 2, 1), (1, 0, 1), (0, 0, 0)]
Q2_PICKS_B = [["w", "x"], ["w"], ["w", "x"], ["y"], []]


def data_set_b():
    attempts = []
    for (q1, q2, q3), picks in zip(MATRIX_B, Q2_PICKS_B, strict=True):
        answers = {
            "Q1": (q1, 1, ["right"] if q1 else ["wrong"]),
            "Q2": (q2, 2, picks),
            "Q3": (q3, 3, None),
        }
        attempts.append((q1 + q2 + q3, 6, answers))
    return attempts


def test_difficulty_and_average_points_match_hand_computation():
    questions = item_analysis(data_set_a()).questions
    # Correct out of 10: Q1 a0 a1 a2 a3 a4 a6 = 6; Q2 a0 a1 a2 a4 a5 a8 = 6; Q3 a0 a1 a3 a5 a7 = 5; Q4 a0 a2 = 2.
    # One-point questions: average points = difficulty.
    assert [q.correct for q in questions.values()] == [6, 6, 5, 2]
    assert [q.difficulty for q in questions.values()] == pytest.approx([0.6, 0.6, 0.5, 0.2])
    assert [q.percent_correct for q in questions.values()] == pytest.approx([60, 60, 50, 20])
    assert [q.average_points for q in questions.values()] == pytest.approx([0.6, 0.6, 0.5, 0.2])
    assert [q.asked for q in questions.values()] == [10, 10, 10, 10]


def test_partial_credit_is_not_correct_but_counts_in_average_points():
    questions = item_analysis(data_set_b()).questions
    # Q2: full 2 points in b0 and b2 -> 2/5 = 0.4; points 2+1+2+0+0 = 5 -> 5/5 = 1.0.
    # Q3: full 3 points only in b0 -> 0.2; points 3+2+1+1+0 = 7 -> 1.4.
    assert questions["Q2"].difficulty == pytest.approx(0.4)
    assert questions["Q2"].average_points == pytest.approx(1.0)
    assert questions["Q3"].difficulty == pytest.approx(0.2)
    assert questions["Q3"].average_points == pytest.approx(1.4)
    assert questions["Q3"].max_points == 3


def test_groups_are_27_percent_of_attempts():
    assert item_analysis(data_set_a()).group_size == 3  # floor(2.7 + 0.5)
    assert item_analysis(data_set_b()).group_size == 1  # floor(1.35 + 0.5)
    questions = item_analysis(data_set_a()).questions
    assert questions["Q1"].upper_asked == questions["Q1"].lower_asked == 3


def test_discrimination_index_matches_hand_computation():
    questions = item_analysis(data_set_a()).questions
    # Upper a0 a1 a2, lower a7 a8 a9:
    # Q1: upper 3/3, lower 0/3 -> 1.0
    # Q2: upper 3/3, lower a8 1/3 -> 2/3
    # Q3: upper a0 a1 2/3, lower a7 1/3 -> 1/3
    # Q4: upper a0 a2 2/3, lower 0/3 -> 2/3
    assert [q.discrimination for q in questions.values()] == pytest.approx([1, 2 / 3, 1 / 3, 2 / 3])


def test_ties_at_the_cut_are_broken_by_the_order_attempts_are_given():
    # Given a8, a7, a6 instead of a6, a7, a8 (all three total 1), the stable ranking ends
    # a8, a7, a6, a9: the lower group becomes a7 a6 a9, and a6 got Q1 right.
    # Q1: upper 3/3, lower 1/3 -> 2/3 (it was 1.0 in the given order a6, a7, a8).
    reordered = item_analysis(data_set_a(order=[0, 1, 2, 3, 4, 5, 8, 7, 6, 9])).questions
    assert reordered["Q1"].discrimination == pytest.approx(2 / 3)
    assert item_analysis(data_set_a()).questions["Q1"].discrimination == pytest.approx(1.0)


def test_point_biserial_matches_hand_computation():
    questions = item_analysis(data_set_a()).questions
    # Item x vs rest r = total - x, population moments (n = 10):
    # Q1: x = 1111101000, r = 3,2,2,1,1,2,0,1,1,0: mean x .6, mean r 1.3, var x .24,
    #     var r 25/10 - 1.69 = .81, cov (3+2+2+1+1+0)/10 - .6*1.3 = .9 - .78 = .12
    #     -> .12 / sqrt(.24 * .81) = .12 / (.9 * sqrt(.24)) = 0.272166
    # Q2: x = 1110110010, r = 3,2,2,2,1,1,1,1,0,0: mean r 1.3, var r .81, cov (3+2+2+1+1+0)/10 - .78 = .12
    #     -> 0.272166
    # Q3: x = 1101010100, r = 3,2,3,1,2,1,1,0,1,0: mean x .5, mean r 1.4,
    #     cov (3+2+1+1+0)/10 - .5*1.4 = .7 - .7 = 0 -> 0
    # Q4: x = 1010000000, r = 3,3,2,2,2,2,1,1,1,0: mean x .2, var x .16, mean r 1.7,
    #     var r 37/10 - 2.89 = .81, cov (3+2)/10 - .2*1.7 = .16 -> .16 / (.4 * .9) = 4/9
    expected = [0.12 / (0.9 * 0.24**0.5)] * 2 + [0, 4 / 9]
    assert [q.point_biserial for q in questions.values()] == pytest.approx(expected, abs=1e-12)
    assert expected[0] == pytest.approx(0.272166, abs=1e-6)


def test_point_biserial_of_a_partial_credit_question_is_item_rest_correlation():
    essay = item_analysis(data_set_b()).questions["Q3"]
    # Q3 x = 3,2,1,1,0 (mean 1.4, var 15/5 - 1.96 = 1.04); rest = 3,2,2,1,0 (mean 1.6,
    # var 18/5 - 2.56 = 1.04); cov (9+4+2+1+0)/5 - 1.4*1.6 = 3.2 - 2.24 = .96 -> .96/1.04 = 12/13.
    assert essay.point_biserial == pytest.approx(12 / 13)


def test_choice_picks_per_group_match_hand_computation():
    q1 = item_analysis(data_set_a()).questions["Q1"]
    # Upper a0 a1 a2 all picked "a". Lower: a7 "c", a8 "b", a9 nothing.
    # Overall: "a" by the six who were right, "b" by a5 and a8, "c" by a7.
    assert (q1.choice("a").upper, q1.choice("a").lower, q1.choice("a").overall) == (3, 0, 6)
    assert (q1.choice("b").upper, q1.choice("b").lower, q1.choice("b").overall) == (0, 1, 2)
    assert (q1.choice("c").upper, q1.choice("c").lower, q1.choice("c").overall) == (0, 1, 1)
    assert set(q1.choices) == {"a", "b", "c"}
    assert q1.choice("never-picked").overall == 0


def test_choice_picks_of_a_multiple_choice_question_count_every_pick():
    analysis = item_analysis(data_set_b())
    q2 = analysis.questions["Q2"]
    # Upper b0 picked w and x; lower b4 picked nothing. Overall w: b0 b1 b2; x: b0 b2; y: b3.
    assert (q2.choice("w").upper, q2.choice("w").lower, q2.choice("w").overall) == (1, 0, 3)
    assert (q2.choice("x").upper, q2.choice("x").lower, q2.choice("x").overall) == (1, 0, 2)
    assert (q2.choice("y").upper, q2.choice("y").lower, q2.choice("y").overall) == (0, 0, 1)
    assert analysis.questions["Q3"].choices == {}  # an essay has no choices


def test_score_distribution_mean_median_and_standard_deviation():
    analysis = item_analysis(data_set_a())
    # Percentages 100, 75, 75, 50, 50, 50, 25, 25, 25, 0 -> bins [0,10) 1, [20,30) 3,
    # [50,60) 3, [70,80) 2, [90,100] 1 (100 % is in the last bin).
    assert analysis.histogram == (1, 0, 3, 0, 0, 3, 0, 2, 0, 1)
    assert analysis.histogram_bins[9] == (90, 100, 1)
    # Mean 475/10 = 47.5; median of 0 25 25 25 50 | 50 50 75 75 100 = 50.
    assert analysis.mean_percent == pytest.approx(47.5)
    assert analysis.median_percent == pytest.approx(50)
    # Totals: sum of squares 49, mean 1.9 -> variance 4.9 - 3.61 = 1.29 points^2;
    # in % (x 25): sd = 25 * sqrt(1.29) = 28.394542.
    assert analysis.standard_deviation_percent == pytest.approx(25 * 1.29**0.5)
    assert analysis.standard_deviation_percent == pytest.approx(28.394542, abs=1e-6)
    assert analysis.attempts == 10


def test_score_distribution_of_thirds_lands_in_the_right_bins():
    analysis = item_analysis(data_set_b())
    # 100, 66.67, 50, 33.33, 0 -> bins 9, 6, 5, 3, 0; mean 50, median 50;
    # totals 6 4 3 2 0: mean 3, variance (9+1+0+1+9)/5 = 4, sd 2 points = 2 * 100/6 %.
    assert analysis.histogram == (1, 0, 0, 1, 0, 1, 1, 0, 0, 1)
    assert analysis.mean_percent == pytest.approx(50)
    assert analysis.median_percent == pytest.approx(50)
    assert analysis.standard_deviation_percent == pytest.approx(200 / 6)


def test_kr20_when_every_item_is_dichotomous():
    analysis = item_analysis(data_set_a())
    # sum p q = .6*.4 + .6*.4 + .5*.5 + .2*.8 = .89; variance of totals 1.29 (above);
    # KR-20 = 4/3 * (1 - .89/1.29) = 4/3 * .40/1.29 = 1.6/3.87 = 0.413437.
    assert analysis.reliability_method == KR20
    assert analysis.reliability == pytest.approx(1.6 / 3.87)
    assert analysis.reliability == pytest.approx(0.413437, abs=1e-6)


def test_kr20_counts_correct_answers_even_when_questions_are_worth_different_points():
    # Q4 worth 2 points (0 or 2): still dichotomous, KR-20 on the number correct is unchanged.
    # (Alpha on points would differ: item variances .24+.24+.25+.64 = 1.37 over the total
    # variance 1.69 -> 4/3 * .32/1.69 = 0.2525.)
    analysis = item_analysis(data_set_a(points=(1, 1, 1, 2)))
    assert analysis.reliability_method == KR20
    assert analysis.reliability == pytest.approx(1.6 / 3.87)


def test_cronbach_alpha_with_partial_credit():
    analysis = item_analysis(data_set_b())
    # Item variances: Q1 1,1,0,1,0 -> .24; Q2 2,1,2,0,0 (mean 1) -> 4/5 = .8;
    # Q3 3,2,1,1,0 -> 1.04; sum 2.08. Totals 6 4 3 2 0 -> variance 4.
    # alpha = 3/2 * (1 - 2.08/4) = 1.5 * .48 = 0.72.
    assert analysis.reliability_method == CRONBACH_ALPHA
    assert analysis.reliability == pytest.approx(0.72)


def test_reliability_uses_only_the_questions_every_attempt_was_asked():
    # A fifth question drawn only for a0 (who got it right) changes a0's total but not the
    # common core Q1..Q4, so KR-20 stays 1.6/3.87.
    attempts = data_set_a()
    total, max_total, answers = attempts[0]
    attempts[0] = (total + 1, max_total + 1, {**answers, "Q5": (1, 1, ["a"])})
    analysis = item_analysis(attempts)
    assert analysis.reliability == pytest.approx(1.6 / 3.87)
    assert analysis.questions["Q5"].asked == 1
    assert analysis.questions["Q5"].difficulty == 1


def test_no_attempts_gives_empty_statistics():
    analysis = item_analysis([])
    assert analysis.attempts == 0
    assert analysis.group_size == 0
    assert analysis.questions == {}
    assert analysis.histogram == (0,) * 10
    assert analysis.mean_percent is None
    assert analysis.median_percent is None
    assert analysis.standard_deviation_percent is None
    assert analysis.reliability is None
    assert analysis.reliability_method is None


def test_one_attempt_leaves_spread_discrimination_correlation_and_reliability_undefined():
    analysis = item_analysis(data_set_a()[:1])
    assert analysis.mean_percent == 100
    assert analysis.median_percent == 100
    assert analysis.standard_deviation_percent is None
    assert analysis.reliability is None
    q1 = analysis.questions["Q1"]
    assert q1.difficulty == 1
    assert q1.discrimination is None
    assert q1.point_biserial is None
    assert q1.choice("a") == ChoiceStatistics("a", upper=0, lower=0, overall=1)


def test_equal_totals_leave_reliability_and_correlations_undefined():
    # Two attempts, each one of two questions right: totals 1 and 1, zero variance.
    attempts = [
        (1, 2, {"Q1": (1, 1, ["a"]), "Q2": (0, 1, ["b"])}),
        (1, 2, {"Q1": (0, 1, ["b"]), "Q2": (1, 1, ["a"])}),
    ]
    analysis = item_analysis(attempts)
    assert analysis.reliability is None
    assert analysis.reliability_method is None
    assert analysis.standard_deviation_percent == 0
    # Q1: x = 1, 0 and rest = 0, 1: perfectly negative (rest does vary).
    assert analysis.questions["Q1"].point_biserial == pytest.approx(-1)


def test_a_question_everyone_got_right_has_no_point_biserial():
    attempts = [(2, 2, {"Q1": (1, 1, None), "Q2": (1, 1, None)}), (1, 2, {"Q1": (1, 1, None), "Q2": (0, 1, None)})]
    q1 = item_analysis(attempts).questions["Q1"]
    assert q1.point_biserial is None  # no variance in the item
    assert q1.discrimination == 0


def test_a_single_question_has_no_reliability():
    attempts = [(1, 1, {"Q1": (1, 1, None)}), (0, 1, {"Q1": (0, 1, None)})]
    analysis = item_analysis(attempts)
    assert analysis.reliability is None
    assert analysis.questions["Q1"].discrimination == 1


def test_a_question_never_drawn_for_the_lower_group_has_no_discrimination():
    attempts = data_set_a()
    total, max_total, answers = attempts[0]
    attempts[0] = (total + 1, max_total + 1, {**answers, "Q5": (1, 1, ["a"])})
    q5 = item_analysis(attempts).questions["Q5"]
    assert (q5.upper_asked, q5.lower_asked) == (1, 0)
    assert q5.discrimination is None


def test_attempts_worth_zero_points_have_no_percentage():
    analysis = item_analysis([(0, 0, {"Q1": (0, 0, ["a"])}), (1, 1, {"Q1": (1, 1, ["a"])})])
    assert analysis.histogram == (0,) * 9 + (1,)
    assert analysis.mean_percent == 100
    assert analysis.standard_deviation_percent is None


def test_decimal_scores_and_named_tuples_are_accepted():
    attempts = [
        GradedAttempt(Decimal("1.5"), Decimal("2"), {"Q1": AnsweredQuestion(Decimal("1.5"), Decimal("2"))}),
        GradedAttempt(Decimal("2"), Decimal("2"), {"Q1": AnsweredQuestion(Decimal("2"), Decimal("2"))}),
    ]
    analysis = item_analysis(attempts)
    assert analysis.questions["Q1"].difficulty == 0.5
    assert analysis.questions["Q1"].average_points == pytest.approx(1.75)
    assert analysis.histogram[7] == 1 and analysis.histogram[9] == 1


def test_attempts_from_rows_assembles_the_queries_rows():
    # The same data set A as the admin's three queries would return it (choices in their own table).
    attempts = data_set_a()
    attempt_rows = [(pk, total, max_total) for pk, (total, max_total, _answers) in enumerate(attempts)]
    answer_rows = [
        (pk, question, points, max_points)
        for pk, (_total, _max, answers) in enumerate(attempts)
        for question, (points, max_points, _chosen) in answers.items()
    ]
    choice_rows = [
        (pk, question, choice)
        for pk, (_total, _max, answers) in enumerate(attempts)
        for question, (_points, _max_points, chosen) in answers.items()
        for choice in chosen
    ]
    stray = [(99, "Q1", 1, 1)], [(99, "Q1", "a")]  # an attempt the first query did not return
    rebuilt = item_analysis(attempts_from_rows(attempt_rows, answer_rows + stray[0], choice_rows + stray[1]))
    assert rebuilt == item_analysis(attempts)
    # Choices stored on the answer row (a fifth column) work the same.
    answer_rows_with_choices = [
        (pk, question, points, max_points, chosen)
        for pk, (_total, _max, answers) in enumerate(attempts)
        for question, (points, max_points, chosen) in answers.items()
    ]
    assert item_analysis(attempts_from_rows(attempt_rows, answer_rows_with_choices)) == item_analysis(attempts)


def synthetic_attempts(count, questions=20, seed=9):
    """``count`` students of random ability; question i is harder as i grows; the last one is a pure guess."""
    rng = random.Random(seed)
    attempts = []
    for _ in range(count):
        ability = rng.random()
        answers = {}
        for i in range(questions):
            guess = i == questions - 1
            right = rng.random() < (0.5 if guess else ability + 0.4 - i / questions * 0.6)
            answers[i] = (1 if right else 0, 1, [0] if right else [rng.choice([1, 2, 3])])
        attempts.append((sum(a[0] for a in answers.values()), questions, answers))
    return attempts


def test_a_thousand_attempts_are_analysed_fast_and_sensibly():
    attempts = synthetic_attempts(1000)
    started = time.perf_counter()
    analysis = item_analysis(attempts)
    elapsed = time.perf_counter() - started
    assert elapsed < 2  # about 0.15 s on this 2-core machine
    assert analysis.attempts == 1000
    assert analysis.group_size == 270
    assert sum(analysis.histogram) == 1000
    assert analysis.reliability_method == KR20
    assert 0.5 < analysis.reliability < 1
    # Ability-driven questions discriminate; the pure guess barely does (it is part of the
    # total that ranks the groups: D about 0.19) and does not correlate with the rest of the test.
    assert all(analysis.questions[i].discrimination > 0.4 for i in range(19))
    assert analysis.questions[19].discrimination < 0.25
    assert abs(analysis.questions[19].point_biserial) < 0.1
    assert all(analysis.questions[i].point_biserial > 0.4 for i in range(19))
    assert analysis.questions[0].difficulty > analysis.questions[18].difficulty
    for question in analysis.questions.values():
        assert question.upper_asked == question.lower_asked == 270
        assert sum(choice.upper for choice in question.choices.values()) == 270
