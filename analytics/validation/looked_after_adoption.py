"""The Department's SSDA903 rules on adoption across the return's tables, each once.

A decision that a child should be placed for adoption (`ssda903_placed_adoption`) comes
within the child's care, before the placement order (legal status E1) and the placement for
adoption (A3-A6); an adopted child (an episode ending E11 or E12) has an AD1 row whose
decision date is that decision's, and whose match comes before the placement.
"""

from __future__ import annotations

from analytics.problems import FATAL, WARNING
from analytics.validation.looked_after import _rule

RULES = [
    _rule(
        "903.adopters_legal_status",
        WARNING,
        ("ssda903_ad1",),
        "LS_ADOPTR",
        "a single adopter (L0) M1 or F1; a couple of different sexes (L3, L11) MF; of the "
        "same sex (L4, L12) MM or FF; a civil partnership (L2) any couple",
        ("514", "517", "518", "519", "520", "524"),
        """
        SELECT source_file, source_row, LS_ADOPTR,
               'Child ' || CHILD || ': adopters of legal status ' || LS_ADOPTR
                 || ' cannot be ' || SEX_ADOPTR || '.'
        FROM ssda903_ad1
        WHERE (LS_ADOPTR = 'L0' AND SEX_ADOPTR NOT IN ('M1', 'F1'))
           OR (LS_ADOPTR = 'L2' AND SEX_ADOPTR NOT IN ('MM', 'FF', 'MF'))
           OR (LS_ADOPTR IN ('L3', 'L11') AND SEX_ADOPTR <> 'MF')
           OR (LS_ADOPTR IN ('L4', 'L12') AND SEX_ADOPTR NOT IN ('MM', 'FF'))
        """,
    ),
    _rule(
        "903.placed_adoption_in_care",
        WARNING,
        ("ssda903_placed_adoption", "ssda903_episodes"),
        "DATE_PLACED",
        "the decision to place for adoption, and its reversal, within the child's care: not "
        "before care started (RNE S), reversed in the year, by the time care ended",
        ("117", "118", "1003"),
        """
        WITH care AS (
            SELECT la, CHILD, collection_year, any_value(year_start) AS year_start,
                   min(DECOM) FILTER (WHERE RNE = 'S') AS started,
                   min(DECOM) FILTER (WHERE NOT short_break(LS)) AS first_start,
                   max(DEC) FILTER (WHERE next_start IS NULL
                                    AND coalesce(REC, '') <> 'X1') AS ended
            FROM ssda903_spells GROUP BY la, CHILD, collection_year)
        SELECT p.source_file, p.source_row, strftime(p.DATE_PLACED, DAY),
               'Child ' || p.CHILD || CASE
                 WHEN p.DATE_PLACED > c.ended OR p.DATE_PLACED_CEASED > c.ended
                   THEN ': a decision on adoption is dated after care ended ('
                     || strftime(c.ended, DAY) || ').'
                 WHEN p.DATE_PLACED < c.started
                   THEN ': the decision to place for adoption is before care started ('
                     || strftime(c.started, DAY) || ').'
                 ELSE ': the decision was reversed (' || strftime(p.DATE_PLACED_CEASED, DAY)
                   || ') before the year or the first episode of it.' END
        FROM ssda903_placed_adoption p JOIN care c USING (la, CHILD, collection_year)
        WHERE p.DATE_PLACED > c.ended OR p.DATE_PLACED_CEASED > c.ended
           OR p.DATE_PLACED < c.started
           OR p.DATE_PLACED_CEASED < c.first_start OR p.DATE_PLACED_CEASED < c.year_start
        """,
    ),
    _rule(
        "903.adoption_decision_order",
        WARNING,
        ("ssda903_placed_adoption", "ssda903_ad1", "ssda903_episodes"),
        "DATE_PLACED",
        "the decision to place for adoption on or before the placement order (E1) and the "
        "placement (A3-A6); AD1's DATE_INT that decision's date, within the latest care",
        ("334", "521", "523", "552", "554"),
        """
        WITH firsts AS (
            SELECT la, CHILD, collection_year,
                   min(DECOM) FILTER (WHERE PLACE IN ('A3', 'A4', 'A5', 'A6')) AS placed,
                   min(DECOM) FILTER (WHERE LS = 'E1') AS ordered,
                   max(DECOM) FILTER (WHERE RNE = 'S') AS started
            FROM ssda903_episodes GROUP BY la, CHILD, collection_year),
        decided AS (
            SELECT la, CHILD, collection_year, 'placed_adoption' AS part, source_file,
                   source_row, DATE_PLACED AS decided FROM ssda903_placed_adoption
            UNION ALL
            SELECT la, CHILD, collection_year, 'ad1', source_file, source_row, DATE_INT
            FROM ssda903_ad1)
        SELECT d.source_file, d.source_row, strftime(d.decided, DAY),
               'Child ' || d.CHILD || ': the decision to place for adoption ('
                 || strftime(d.decided, DAY) || CASE
                 WHEN d.decided > f.placed
                   THEN ') is after the placement (' || strftime(f.placed, DAY) || ').'
                 WHEN d.decided > f.ordered
                   THEN ') is after the placement order (' || strftime(f.ordered, DAY) || ').'
                 WHEN d.decided < f.started
                   THEN ') is before care started (' || strftime(f.started, DAY) || ').'
                 ELSE ') in AD1 is not a date of the decisions to place for adoption.' END
        FROM decided d LEFT JOIN firsts f USING (la, CHILD, collection_year)
        WHERE d.decided > f.placed
           OR (d.part = 'placed_adoption' AND d.decided > f.ordered AND d.decided = (
               SELECT min(DATE_PLACED) FROM ssda903_placed_adoption p
               WHERE p.la = d.la AND p.CHILD = d.CHILD AND p.collection_year = d.collection_year))
           OR (d.part = 'ad1' AND d.decided < f.started)
           OR (d.part = 'ad1' AND EXISTS (
               SELECT 1 FROM ssda903_placed_adoption p
               WHERE p.la = d.la AND p.CHILD = d.CHILD AND p.collection_year = d.collection_year)
               AND NOT EXISTS (
               SELECT 1 FROM ssda903_placed_adoption p
               WHERE p.la = d.la AND p.CHILD = d.CHILD AND p.collection_year = d.collection_year
                 AND p.DATE_PLACED = d.decided))
        """,
    ),
    _rule(
        "903.placed_adoption_overlap",
        FATAL,
        ("ssda903_placed_adoption",),
        "DATE_PLACED",
        "each decision to place for adoption made after the previous one was reversed",
        ("579", "583"),
        """
        SELECT source_file, source_row, strftime(DATE_PLACED, DAY),
               'Child ' || CHILD || ': this decision to place for adoption is made while the '
                 || 'previous one (' || strftime(previous, DAY) || ') '
                 || coalesce('was not yet reversed (' || strftime(previous_ceased, DAY) || ').',
                             'stands.')
        FROM (SELECT *, lag(DATE_PLACED) OVER w AS previous,
                     lag(DATE_PLACED_CEASED) OVER w AS previous_ceased
              FROM ssda903_placed_adoption
              WINDOW w AS (PARTITION BY la, collection_year, CHILD ORDER BY DATE_PLACED))
        WHERE previous IS NOT NULL
          AND (previous_ceased IS NULL OR DATE_PLACED < previous_ceased)
        """,
    ),
    _rule(
        "903.placed_adoption_missing",
        WARNING,
        ("ssda903_placed_adoption", "ssda903_episodes"),
        "PLACE",
        "a decision to place for adoption for a child placed for adoption (A3-A6) or with a "
        "placement order (E1); reversed if care ends other than in adoption, and not while "
        "the order is open",
        ("551", "553", "557"),
        """
        WITH decisions AS (
            SELECT la, CHILD, collection_year, count(*) AS made,
                   count(*) FILTER (WHERE DATE_PLACED_CEASED IS NULL
                                    OR REASON_PLACED_CEASED IS NULL) AS standing,
                   count(*) FILTER (WHERE DATE_PLACED_CEASED IS NOT NULL
                                    OR REASON_PLACED_CEASED IS NOT NULL) AS reversed
            FROM ssda903_placed_adoption GROUP BY la, CHILD, collection_year)
        SELECT e.source_file, e.source_row, e.PLACE,
               'Child ' || e.CHILD || ': placement ' || e.PLACE || ', legal status ' || e.LS
                 || CASE WHEN d.made IS NULL
                   THEN ', but no decision to place for adoption.'
                 WHEN e.DEC IS NULL THEN ', open, but the decision has been reversed.'
                 ELSE ', care ended ' || e.REC || ', but the decision was not reversed.' END
        FROM ssda903_episodes e LEFT JOIN decisions d USING (la, CHILD, collection_year)
        WHERE (e.PLACE IN ('A3', 'A4', 'A5', 'A6') OR e.LS = 'E1') AND (
              d.made IS NULL
           OR (e.LS = 'E1' AND e.DEC IS NULL AND d.reversed > 0)
           OR (e.REC NOT IN ('E11', 'E12', 'X1') AND d.standing > 0))
        """,
    ),
    _rule(
        "903.adoption_episode",
        WARNING,
        ("ssda903_ad1", "ssda903_placed_adoption", "ssda903_episodes"),
        "DATE_MATCH",
        "AD1 only for a child adopted in the year (an episode ending E11, E12), matched "
        "before that placement began, with FOSTER_CARE as its placement (A3, A5 with foster "
        "carers; A4, A6 not), and whose decision to place for adoption stands",
        ("331", "335", "525", "558", "582", "602"),
        """
        WITH adopted AS (
            SELECT * FROM ssda903_spells
            WHERE REC IN ('E11', 'E12') AND DEC BETWEEN year_start AND year_end)
        SELECT a.source_file, a.source_row, strftime(a.DATE_MATCH, DAY),
               'Child ' || a.CHILD || CASE
                 WHEN e.CHILD IS NULL THEN ' has an AD1 row but was not adopted in the year.'
                 WHEN a.DATE_MATCH > e.DECOM THEN ' was matched after being placed ('
                   || strftime(e.DECOM, DAY) || ').'
                 WHEN e.PLACE IN ('A3', 'A5', 'A4', 'A6') AND a.FOSTER_CARE
                   <> CASE WHEN e.PLACE IN ('A3', 'A5') THEN '1' ELSE '0' END
                   THEN ': FOSTER_CARE ' || a.FOSTER_CARE || ' does not fit placement '
                     || e.PLACE || '.'
                 ELSE ' was adopted, but the decision to place for adoption was reversed.' END
        FROM ssda903_ad1 a LEFT JOIN adopted e USING (la, CHILD, collection_year)
        WHERE e.CHILD IS NULL
           OR a.DATE_MATCH > e.DECOM
           OR (e.PLACE IN ('A3', 'A5', 'A4', 'A6') AND a.FOSTER_CARE
               <> CASE WHEN e.PLACE IN ('A3', 'A5') THEN '1' ELSE '0' END)
           OR EXISTS (SELECT 1 FROM ssda903_placed_adoption p
                      WHERE p.la = a.la AND p.CHILD = a.CHILD
                        AND p.collection_year = a.collection_year
                        AND p.DATE_PLACED_CEASED IS NOT NULL)
        """,
    ),
]
