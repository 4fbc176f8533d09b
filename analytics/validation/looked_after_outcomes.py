"""The Department's SSDA903 rules on outcomes (OC2), care leavers (OC3) and adoption (AD1)
that depend on a child's age or on which of those returns the child belongs to, each once.

A child looked after continuously for 12 months at 31 March (`looked_after`'s view) has
OC2 outcomes: an SDQ score (or a reason for none) from 4 to 17, conviction from 10, a health
check under 5. A care leaver (OC3) or an adopted child (AD1) is not in that cohort.
"""

from __future__ import annotations

from analytics.problems import WARNING
from analytics.validation.looked_after import _rule

RULES = [
    _rule(
        "903.sdq_missing",
        WARNING,
        ("ssda903_episodes", "ssda903_oc2"),
        "SDQ_SCORE",
        "an SDQ score or a reason for none for a child looked after for 12 months who is "
        "4 to 17 in the year",
        ("186", "197B"),
        """
        SELECT o.source_file, o.source_row, NULL,
               'Child ' || o.CHILD || ' has been looked after for 12 months and is '
                 || date_diff('year', o.DOB, year_end)
                 || ' at 31 March, but has neither an SDQ score nor a reason for none.'
        FROM ssda903_outcomes o
        JOIN ssda903_continuously_looked_after USING (la, CHILD, collection_year)
        WHERE o.SDQ_SCORE IS NULL AND o.SDQ_REASON IS NULL
          AND o.DOB + INTERVAL 4 YEAR <= year_end
          AND o.DOB + INTERVAL 17 YEAR >= year_start
        """,
    ),
    _rule(
        "903.sdq_not_due",
        WARNING,
        ("ssda903_oc2",),
        "SDQ_SCORE",
        "no SDQ score or reason for a child under 4 at 31 March or 17 on 1 April",
        ("188", "189"),
        """
        SELECT source_file, source_row, coalesce(CAST(SDQ_SCORE AS VARCHAR), SDQ_REASON),
               'Child ' || CHILD || ' is ' || CASE WHEN DOB + INTERVAL 4 YEAR > year_end
                 THEN 'under 4 at 31 March' ELSE 'over 17 on 1 April' END
                 || ', too young or too old for an SDQ.'
        FROM ssda903_outcomes
        WHERE (SDQ_SCORE IS NOT NULL OR SDQ_REASON IS NOT NULL)
          AND (DOB + INTERVAL 4 YEAR > year_end OR DOB + INTERVAL 17 YEAR < year_start)
        """,
    ),
    _rule(
        "903.sdq_reason",
        WARNING,
        ("ssda903_episodes", "ssda903_oc2"),
        "SDQ_REASON",
        "a reason for no SDQ score only when there is no score, and not SDQ1 (the child's "
        "age) for a child looked after for 12 months who is 4 to 16",
        ("157", "197a"),
        """
        SELECT o.source_file, o.source_row, o.SDQ_REASON,
               'Child ' || o.CHILD || CASE WHEN o.SDQ_SCORE IS NOT NULL
                 THEN ' has both an SDQ score and a reason for none.'
                 ELSE ' is of an age for an SDQ, so SDQ1 (age) cannot be the reason for none.'
                 END
        FROM ssda903_outcomes o LEFT JOIN ssda903_continuously_looked_after c
          USING (la, CHILD, collection_year)
        WHERE (o.SDQ_SCORE IS NOT NULL AND o.SDQ_REASON IS NOT NULL)
           OR (c.CHILD IS NOT NULL AND o.SDQ_SCORE IS NULL AND o.SDQ_REASON = 'SDQ1'
               AND o.DOB + INTERVAL 4 YEAR <= year_start
               AND o.DOB + INTERVAL 16 YEAR >= year_end)
        """,
    ),
    _rule(
        "903.substance_misuse_intervention",
        WARNING,
        ("ssda903_oc2",),
        "INTERVENTION_RECEIVED",
        "INTERVENTION_RECEIVED only with a substance misuse problem, and INTERVENTION_OFFERED "
        "only when none was received",
        ("158", "159", "192", "193"),
        """
        SELECT source_file, source_row, coalesce(INTERVENTION_RECEIVED, INTERVENTION_OFFERED),
               'Child ' || CHILD || CASE
                 WHEN coalesce(SUBSTANCE_MISUSE, '0') = '0'
                   THEN ' has no substance misuse problem, but an intervention is recorded.'
                 WHEN INTERVENTION_RECEIVED IS NULL
                   THEN ' has a substance misuse problem, but INTERVENTION_RECEIVED is blank.'
                 WHEN INTERVENTION_RECEIVED = '1'
                   THEN ' received an intervention, so INTERVENTION_OFFERED should be blank.'
                 ELSE ' received no intervention, but INTERVENTION_OFFERED is blank.' END
        FROM ssda903_oc2
        WHERE (coalesce(SUBSTANCE_MISUSE, '0') = '0'
               AND coalesce(INTERVENTION_RECEIVED, INTERVENTION_OFFERED) IS NOT NULL)
           OR (SUBSTANCE_MISUSE = '1' AND (INTERVENTION_RECEIVED IS NULL
               OR (INTERVENTION_RECEIVED = '0' AND INTERVENTION_OFFERED IS NULL)))
           OR (INTERVENTION_RECEIVED = '1' AND INTERVENTION_OFFERED IS NOT NULL)
        """,
    ),
    _rule(
        "903.outcomes_for_age_blank",
        WARNING,
        ("ssda903_episodes", "ssda903_oc2"),
        "CONVICTED",
        "for a child looked after for 12 months, CONVICTED from age 10 and HEALTH_CHECK "
        "under 5 (at 31 March)",
        ("543", "545"),
        """
        SELECT o.source_file, o.source_row, NULL,
               'Child ' || o.CHILD || ' is ' || date_diff('year', o.DOB, year_end)
                 || ' at 31 March and looked after for 12 months, but '
                 || CASE WHEN o.CONVICTED IS NULL AND o.DOB + INTERVAL 10 YEAR <= year_end
                    THEN 'CONVICTED' ELSE 'HEALTH_CHECK' END || ' is blank.'
        FROM ssda903_outcomes o
        JOIN ssda903_continuously_looked_after USING (la, CHILD, collection_year)
        WHERE (o.CONVICTED IS NULL AND o.DOB + INTERVAL 10 YEAR <= year_end)
           OR (o.HEALTH_CHECK IS NULL AND o.DOB + INTERVAL 5 YEAR > year_end)
        """,
    ),
    _rule(
        "903.returns_overlap",
        WARNING,
        ("ssda903_episodes", "ssda903_oc2", "ssda903_oc3", "ssda903_ad1"),
        "CHILD",
        "a child in one of: looked after for 12 months (OC2), care leaver (OC3), adopted (AD1)",
        ("134", "187", "215"),
        """
        WITH outcomes AS (
            SELECT la, CHILD, collection_year FROM ssda903_oc2
            WHERE coalesce(CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK,
                           HEALTH_ASSESSMENT, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED,
                           INTERVENTION_OFFERED) IS NOT NULL),
        parts AS (
            SELECT 'OC3' AS part, source_file, source_row, la, CHILD, collection_year
            FROM ssda903_oc3 WHERE coalesce(IN_TOUCH, ACTIV, ACCOM) IS NOT NULL
            UNION ALL
            SELECT 'AD1', source_file, source_row, la, CHILD, collection_year FROM ssda903_ad1)
        SELECT r.source_file, r.source_row, r.CHILD,
               'Child ' || r.CHILD || ' has an ' || r.part || ' row but '
                 || CASE WHEN c.CHILD IS NOT NULL THEN 'has been looked after for 12 months.'
                    WHEN o.CHILD IS NOT NULL THEN 'also OC2 outcomes.'
                    ELSE 'is both a care leaver and adopted.' END
        FROM parts r
        LEFT JOIN ssda903_continuously_looked_after c USING (la, CHILD, collection_year)
        LEFT JOIN outcomes o USING (la, CHILD, collection_year)
        WHERE c.CHILD IS NOT NULL
           OR (r.part = 'OC3' AND o.CHILD IS NOT NULL)
           OR (r.part = 'AD1' AND EXISTS (
               SELECT 1 FROM parts x WHERE x.part = 'OC3' AND x.la = r.la AND x.CHILD = r.CHILD
                 AND x.collection_year = r.collection_year))
        """,
    ),
    # care leavers (OC3), and records of children with no episode in the year
    _rule(
        "903.care_leaver_activity",
        WARNING,
        ("ssda903_oc3",),
        "IN_TOUCH",
        "activity and accommodation (not 0) for a care leaver the authority is in touch with, "
        "and 0 for one who died or returned home",
        ("344", "345"),
        """
        SELECT source_file, source_row, IN_TOUCH,
               'Child ' || CHILD || ': in touch ' || IN_TOUCH || ' with activity ' || ACTIV
                 || ' and accommodation ' || ACCOM || '.'
        FROM ssda903_oc3
        WHERE (IN_TOUCH IN ('DIED', 'RHOM') AND (ACTIV <> '0' OR ACCOM <> '0'))
           OR (IN_TOUCH = 'YES' AND (ACTIV = '0' OR ACCOM = '0'))
        """,
    ),
    _rule(
        "903.care_leaver_age",
        WARNING,
        ("ssda903_oc3",),
        "ACCOM",
        "care leavers 17 by 31 March; not in a foyer (T1, T2) under 18 on 1 April, nor with "
        "former foster carers (Z1, Z2) around the 17th birthday",
        ("347", "391", "3001"),
        """
        SELECT source_file, source_row, ACCOM,
               'Child ' || CHILD || CASE
                 WHEN DOB + INTERVAL 17 YEAR > make_date(collection_year, 3, 31)
                   THEN ' is not 17 by 31 March, too young for the care leavers'' return.'
                 WHEN ACCOM IN ('T1', 'T2') THEN ' is under 18 on 1 April, too young for a foyer.'
                 ELSE ' is 17 in the year and cannot be living with former foster carers.' END
        FROM ssda903_oc3
        WHERE DOB + INTERVAL 17 YEAR > make_date(collection_year, 3, 31)
           OR (ACCOM IN ('T1', 'T2')
               AND DOB + INTERVAL 18 YEAR > make_date(collection_year - 1, 4, 1))
           OR (ACCOM IN ('Z1', 'Z2') AND DOB + INTERVAL 17 YEAR
               BETWEEN make_date(collection_year - 1, 4, 1) AND make_date(collection_year, 3, 31))
        """,
    ),
    _rule(
        "903.care_leaver_not_left",
        WARNING,
        ("ssda903_oc3", "ssda903_episodes"),
        "IN_TOUCH",
        "care leaver information only for one who left care before their 17th or 18th "
        "birthday in the year, did not die (E2) and was not transferred to another authority "
        "(E3)",
        ("1000", "1007", "1011", "1016"),
        """
        WITH birthday AS (
            SELECT *, CASE WHEN DOB + INTERVAL 18 YEAR > make_date(collection_year, 3, 31)
                      THEN DOB + INTERVAL 17 YEAR ELSE DOB + INTERVAL 18 YEAR END AS latest
            FROM ssda903_oc3
            WHERE DOB + INTERVAL 17 YEAR <= make_date(collection_year, 3, 31)
              AND DOB + INTERVAL 19 YEAR > make_date(collection_year, 3, 31))
        SELECT o.source_file, o.source_row, o.IN_TOUCH,
               'Child ' || o.CHILD || CASE
                 WHEN e.REC IN ('E2', 'E3') THEN ': care ended ' || e.REC
                   || ', so no care leaver information is needed.'
                 ELSE ' was looked after on or after their birthday ('
                   || strftime(b.latest, DAY) || '): no care leaver information yet.' END
        FROM ssda903_oc3 o
        JOIN ssda903_spells e USING (la, CHILD)
        LEFT JOIN birthday b
          ON b.la = o.la AND b.CHILD = o.CHILD AND b.collection_year = o.collection_year
        WHERE (e.collection_year = o.collection_year AND e.next_start IS NULL
               AND e.REC = 'E3')
           OR (e.collection_year IN (o.collection_year, o.collection_year - 1)
               AND e.REC = 'E2')
           OR (e.collection_year = o.collection_year
               AND (e.DEC IS NULL OR e.DEC >= b.latest))
        """,
    ),
    _rule(
        "903.records_without_episodes",
        WARNING,
        (
            "ssda903_episodes",
            "ssda903_header",
            "ssda903_oc3",
            "ssda903_placed_adoption",
            "ssda903_missing",
            "ssda903_reviews",
            "ssda903_ad1",
            "ssda903_prev_perm",
            "ssda903_oc2",
        ),
        "CHILD",
        "for a child with no episode in the year, only the header and care leaver information",
        ("628", "1012"),
        """
        WITH records AS (
            SELECT 'MOTHER' AS what, source_file, source_row, la, CHILD, collection_year
            FROM ssda903_header h WHERE MOTHER IS NOT NULL AND EXISTS (
                SELECT 1 FROM ssda903_oc3 o
                WHERE o.la = h.la AND o.CHILD = h.CHILD AND o.collection_year = h.collection_year)
            UNION ALL SELECT 'a decision on adoption', source_file, source_row, la, CHILD,
                collection_year FROM ssda903_placed_adoption
            UNION ALL SELECT 'a missing episode', source_file, source_row, la, CHILD,
                collection_year FROM ssda903_missing
            UNION ALL SELECT 'a review', source_file, source_row, la, CHILD, collection_year
                FROM ssda903_reviews
            UNION ALL SELECT 'AD1', source_file, source_row, la, CHILD, collection_year
                FROM ssda903_ad1
            UNION ALL SELECT 'previous permanence', source_file, source_row, la, CHILD,
                collection_year FROM ssda903_prev_perm
            UNION ALL SELECT 'OC2', source_file, source_row, la, CHILD, collection_year
                FROM ssda903_oc2)
        SELECT source_file, source_row, CHILD,
               'Child ' || CHILD || ' has no episode in the year, but has ' || what || '.'
        FROM records r
        WHERE NOT EXISTS (SELECT 1 FROM ssda903_episodes e
                          WHERE e.la = r.la AND e.CHILD = r.CHILD
                            AND e.collection_year = r.collection_year)
          AND EXISTS (SELECT 1 FROM ssda903_episodes e
                      WHERE e.la = r.la AND e.collection_year = r.collection_year)
        """,
    ),
]
