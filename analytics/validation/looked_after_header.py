"""The Department's SSDA903 rules on the header's sex, UPN and motherhood, each once.

The header of the year before (the same load) says what a child's motherhood was: a mother
stays a mother, and her first child's date of birth does not change.
"""

from __future__ import annotations

from analytics.problems import WARNING
from analytics.validation.looked_after import _rule

RULES = [
    _rule(
        "903.sex_unknown",
        WARNING,
        ("ssda903_header",),
        "SEX",
        "sex M or F",
        ("232",),
        """
        SELECT source_file, source_row, SEX,
               'Child ' || CHILD || ': sex is recorded as unknown (U).'
        FROM ssda903_header WHERE SEX = 'U'
        """,
    ),
    _rule(
        "903.upn_unknown_code",
        WARNING,
        ("ssda903_header", "ssda903_episodes"),
        "UPN",
        "not UN1 (not at school) for a child of school age, nor UN4 (not yet obtained) for a "
        "child looked after from before 24 March",
        ("209", "210"),
        """
        SELECT source_file, source_row, UPN,
               'Child ' || CHILD || CASE WHEN UPN = 'UN1'
                 THEN ' was of school age by 31 August ' || (collection_year - 2)
                   || ', but has UPN UN1.'
                 ELSE ' has UPN UN4, but an episode starting on or after 24 March.' END
        FROM ssda903_header h
        WHERE (UPN = 'UN1' AND DOB + INTERVAL 4 YEAR <= make_date(collection_year - 2, 8, 31))
           OR (UPN = 'UN4' AND EXISTS (
               SELECT 1 FROM ssda903_episodes e
               WHERE e.la = h.la AND e.CHILD = h.CHILD AND e.collection_year = h.collection_year
                 AND e.DECOM >= make_date(h.collection_year, 3, 24)))
        """,
    ),
    _rule(
        "903.mother_blank",
        WARNING,
        ("ssda903_header", "ssda903_episodes"),
        "MOTHER",
        "MOTHER (0 or 1) for each girl looked after other than on short breaks",
        ("393", "607"),
        """
        SELECT source_file, source_row, NULL,
               'Child ' || CHILD || ' is a girl looked after in the year, but MOTHER is blank.'
        FROM ssda903_header h
        WHERE SEX IN ('F', '2') AND MOTHER IS NULL AND EXISTS (
            SELECT 1 FROM ssda903_episodes e
            WHERE e.la = h.la AND e.CHILD = h.CHILD AND e.collection_year = h.collection_year
              AND NOT short_break(e.LS))
        """,
    ),
    _rule(
        "903.mother_dates",
        WARNING,
        ("ssda903_header", "ssda903_episodes"),
        "MC_DOB",
        "a mother aged 11 or over on 1 April, her child born by 31 March and by the end of "
        "her care",
        ("620", "625"),
        """
        SELECT h.source_file, h.source_row, strftime(h.MC_DOB, DAY),
               'Child ' || h.CHILD || CASE
                 WHEN h.MOTHER = '1' AND h.DOB + INTERVAL 11 YEAR > e.year_start
                   THEN ' is a mother under 11 on 1 April.'
                 ELSE '''s child is born after ' || CASE WHEN h.MC_DOB > e.year_end
                   THEN '31 March.' ELSE 'she left care (' || strftime(e.DEC, DAY) || ').' END
                 END
        FROM ssda903_header h
        JOIN (SELECT * FROM ssda903_spells WHERE next_start IS NULL) e
          USING (la, CHILD, collection_year)
        WHERE (h.MOTHER = '1' AND h.DOB + INTERVAL 11 YEAR > e.year_start)
           OR h.MC_DOB > e.year_end
           OR (h.MC_DOB > e.DEC AND coalesce(e.REC, 'X1') <> 'X1')
        """,
    ),
    _rule(
        "903.mother_changed",
        WARNING,
        ("ssda903_header",),
        "MOTHER",
        "a mother last year still a mother, with the same child's date of birth; a new "
        "mother's child born this year",
        ("207", "624", "626"),
        """
        SELECT h.source_file, h.source_row, coalesce(h.MOTHER, ''),
               'Child ' || h.CHILD || CASE
                 WHEN l.MOTHER = '1' AND h.MOTHER IS DISTINCT FROM '1'
                   THEN ' was a mother in last year''s return.'
                 WHEN l.MC_DOB IS NOT NULL AND h.MC_DOB IS DISTINCT FROM l.MC_DOB
                   THEN '''s child was born on ' || strftime(l.MC_DOB, DAY)
                     || ' in last year''s return.'
                 ELSE ' was not a mother last year, but her child was born before 1 April.' END
        FROM ssda903_header h JOIN ssda903_header l
          ON l.la = h.la AND l.CHILD = h.CHILD AND l.collection_year = h.collection_year - 1
        WHERE (l.MOTHER = '1' AND h.MOTHER IS DISTINCT FROM '1')
           OR (l.MC_DOB IS NOT NULL AND h.MC_DOB IS DISTINCT FROM l.MC_DOB)
           OR (h.MOTHER = '1' AND l.MOTHER = '0'
               AND h.MC_DOB < make_date(h.collection_year - 1, 4, 1))
        """,
    ),
]
