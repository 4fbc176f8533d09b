"""A load's report keeps the first problems of each rule in each file and says how many more
there were, file by file: a rule across tables (this year's episodes against last year's,
say) finds its problems in several files, and each file's count is its own."""

from __future__ import annotations

from collections import Counter

from analytics.problems import KEPT_PER_RULE, WARNING, Problem, Report


def found(file: str, row: int) -> Problem:
    return Problem(WARNING, file, "8867", "An episode starts in both years.", row=row)


def test_the_problems_beyond_the_sample_are_counted_in_their_own_files():
    # 40 problems: the sample holds 20 of this year's and 5 of last year's; of the 15 left,
    # 5 are this year's and 10 last year's.
    this, last = "2025/episodes.csv", "2024/episodes.csv"
    problems = [found(this, n) for n in range(25)] + [found(last, n) for n in range(15)]
    sample = problems[:20] + problems[25:30]
    rest = problems[20:25] + problems[30:]
    report = Report()
    report.add_sample(sample, Counter(p.file for p in rest))
    assert report.warning_count == 40
    assert len(report.problems) == 25
    assert {m["file"]: m["more"] for m in report.not_shown()} == {this: 5, last: 10}


def test_a_rule_in_one_file_keeps_its_first_problems_and_counts_the_rest():
    report = Report()
    report.extend(found("2025/episodes.csv", n) for n in range(KEPT_PER_RULE + 7))
    assert len(report.problems) == KEPT_PER_RULE
    assert report.not_shown() == [
        {"severity": WARNING, "file": "2025/episodes.csv", "column": "", "rule": "8867", "more": 7}
    ]


def test_merged_reports_say_how_many_more_each_kept():
    first, second = Report(), Report()
    first.extend(found("a.csv", n) for n in range(30))
    second.extend(found("b.csv", n) for n in range(3))
    first.merge(second)
    assert {m["file"]: m["more"] for m in first.not_shown()} == {"a.csv": 5}
    assert first.warning_count == 33
