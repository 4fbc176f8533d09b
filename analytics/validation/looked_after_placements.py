"""The Department's SSDA903 rules on what placement and legal status an episode may have,
and for how long, each once.

Limits in law (police protection 72 hours, an emergency protection order 21 days...) and
in the guidance (a temporary placement for a carer's holiday three weeks, a short break 17
days) are measured over a run of episodes with the same legal status, one following on from
the other, or over one placement; an episode open at 31 March is measured to that day.
"""

from __future__ import annotations

from analytics.problems import WARNING
from analytics.validation.looked_after import _rule

RULES = [
    _rule(
        "903.legal_status_too_long",
        WARNING,
        ("ssda903_episodes",),
        "LS",
        "police protection (L1) at most 3 days, an emergency protection order (L2) 21, a "
        "child assessment order (L3) 7, PACE detention (J2) 21, a short break (V3) 17",
        ("361", "362", "363", "364", "365"),
        """
        WITH marked AS (
            SELECT *, coalesce(DEC, make_date(collection_year, 3, 31)) AS until,
                   CASE WHEN lag(LS) OVER w = LS AND lag(DEC) OVER w = DECOM
                        THEN 0 ELSE 1 END AS starts
            FROM ssda903_episodes
            WINDOW w AS (PARTITION BY la, collection_year, CHILD ORDER BY DECOM)),
        runs AS (
            SELECT CHILD, LS, any_value(source_file) AS source_file,
                   min(source_row) AS source_row, min(DECOM) AS first_day,
                   max(until) AS last_day
            FROM (SELECT *, sum(starts) OVER (PARTITION BY la, collection_year, CHILD
                                              ORDER BY DECOM) AS run FROM marked)
            GROUP BY la, collection_year, CHILD, run, LS),
        limits(LS, days) AS (
            VALUES ('L1', 3), ('L2', 21), ('L3', 7), ('J2', 21), ('V3', 17))
        SELECT source_file, source_row, LS,
               'Child ' || CHILD || ': legal status ' || LS || ' lasts '
                 || date_diff('day', first_day, last_day) || ' days from '
                 || strftime(first_day, DAY) || ', more than its ' || days || '.'
        FROM runs JOIN limits USING (LS)
        WHERE date_diff('day', first_day, last_day) > days
        """,
    ),
    _rule(
        "903.temporary_placement_too_long",
        WARNING,
        ("ssda903_episodes",),
        "PLACE",
        "a temporary placement in hospital (T1) of at most 6 weeks, for a carer's holiday "
        "(T3) 3 weeks and two a year, for another reason (T4) 7 days; then back to the "
        "placement before (RNE P)",
        ("375", "376", "377", "379", "383"),
        """
        WITH limits(PLACE, days) AS (VALUES ('T1', 42), ('T3', 21), ('T4', 7)),
        marked AS (
            SELECT *, lag(PLACE) OVER w AS previous_place, lag(PLACE, 2) OVER w AS before,
                   date_diff('day', DECOM, coalesce(DEC, make_date(collection_year, 3, 31)))
                     AS lasting,
                   count(*) FILTER (WHERE PLACE = 'T3')
                     OVER (PARTITION BY la, collection_year, CHILD) AS holidays
            FROM ssda903_episodes
            WINDOW w AS (PARTITION BY la, collection_year, CHILD ORDER BY DECOM)),
        judged AS (
            SELECT *, previous_place IN ('T0', 'T1', 'T2', 'T3', 'T4') AND before IS NOT NULL
                        AND (RNE <> 'P' OR PLACE <> before) AS not_back
            FROM marked LEFT JOIN limits USING (PLACE))
        SELECT source_file, source_row, PLACE,
               'Child ' || CHILD || CASE
                 WHEN not_back THEN ': after the temporary placement ' || previous_place
                   || ', not back (RNE P) to the placement before (' || before || ').'
                 WHEN lasting > days THEN ': the temporary placement ' || PLACE || ' lasts '
                   || lasting || ' days, more than its ' || days || '.'
                 ELSE ': ' || holidays || ' holiday placements (T3) in the year.' END
        FROM judged
        WHERE not_back OR lasting > days OR (PLACE = 'T3' AND holidays > 2)
        """,
    ),
    _rule(
        "903.too_young_for_placement",
        WARNING,
        ("ssda903_episodes", "ssda903_header"),
        "PLACE",
        "at the start of the episode: supported accommodation (K3) from 16, youth custody "
        "(R5) from 10, a school (S1) from 4, residential employment (P3) from 14, and a "
        "criminal legal status (J1-J3) after the 10th birthday",
        ("358", "371", "372", "373", "374"),
        """
        WITH ages(code, years) AS (
            VALUES ('K3', 16), ('R5', 10), ('S1', 4), ('P3', 14))
        SELECT e.source_file, e.source_row, e.PLACE,
               'Child ' || e.CHILD || ' is ' || date_diff('year', h.DOB, e.DECOM)
                 || ' at the start of placement ' || e.PLACE || ', legal status ' || e.LS
                 || ': too young for it.'
        FROM ssda903_episodes e JOIN ssda903_header h USING (la, CHILD, collection_year)
        LEFT JOIN ages a ON a.code = e.PLACE
        WHERE e.DECOM < h.DOB + to_years(CAST(a.years AS INTEGER))
           OR (e.LS IN ('J1', 'J2', 'J3') AND e.DECOM <= h.DOB + INTERVAL 10 YEAR)
        """,
    ),
    _rule(
        "903.short_break_placement",
        WARNING,
        ("ssda903_episodes",),
        "LS",
        "a short break (V3) to start a period of care; short breaks (V3, V4) not in a "
        "temporary (T0-T4) or long-term foster placement (U1, U4), nor both kinds in a year; "
        "single short breaks (V3) of at most 75 days in the year",
        ("366", "367", "382", "384", "426"),
        """
        SELECT source_file, source_row, LS,
               'Child ' || CHILD || ': short break ' || LS || CASE
                 WHEN LS = 'V3' AND RNE <> 'S' THEN ' with RNE ' || RNE || ', not S.'
                 WHEN PLACE IN ('T0', 'T1', 'T2', 'T3', 'T4') OR PLACE IN ('U1', 'U4')
                   THEN ' in placement ' || PLACE || '.'
                 WHEN kinds > 1 THEN ', with both V3 and V4 in the year.'
                 ELSE ': ' || break_days || ' days of short breaks in the year.' END
        FROM (SELECT *, count(DISTINCT LS) FILTER (WHERE short_break(LS))
                          OVER (PARTITION BY la, collection_year, CHILD) AS kinds,
                        sum(date_diff('day', greatest(DECOM, make_date(collection_year - 1, 4, 1)),
                                      least(coalesce(DEC, make_date(collection_year, 3, 31)),
                                            make_date(collection_year, 3, 31))))
                          FILTER (WHERE LS = 'V3')
                          OVER (PARTITION BY la, collection_year, CHILD) AS break_days
              FROM ssda903_episodes)
        WHERE short_break(LS) AND (
              (LS = 'V3' AND RNE <> 'S')
           OR PLACE IN ('T0', 'T1', 'T2', 'T3', 'T4') OR PLACE IN ('U1', 'U4') OR kinds > 1
           OR (LS = 'V3' AND break_days > 75))
        """,
    ),
    _rule(
        "903.legal_status_for_placement",
        WARNING,
        ("ssda903_episodes",),
        "LS",
        "not a single period of accommodation (V2) when placed with parents (P1); a "
        "placement order (E1) when placed for adoption with consent withdrawn (A5, A6)",
        ("378", "408"),
        """
        SELECT source_file, source_row, LS,
               'Child ' || CHILD || ': legal status ' || LS || ' cannot go with placement '
                 || PLACE || '.'
        FROM ssda903_episodes
        WHERE (PLACE = 'P1' AND LS = 'V2') OR (PLACE IN ('A5', 'A6') AND LS <> 'E1')
        """,
    ),
    _rule(
        "903.adoption_placement",
        WARNING,
        ("ssda903_episodes",),
        "PLACE",
        "adoption (E11, E12) from a placement for adoption (A3-A6); a placement for adoption "
        "with current foster carers (A3, A5) from 1 April 2015 with RNE S, T or U; a "
        "placement for adoption with consent (A3, A4) after a foster or adoption placement; "
        "special guardianship by former foster carers (E45, E46) from foster care (U1-U6)",
        ("217", "336", "390", "516"),
        """
        SELECT source_file, source_row, PLACE,
               'Child ' || CHILD || ': placement ' || PLACE || CASE
                 WHEN REC IN ('E11', 'E12') AND PLACE NOT IN ('A3', 'A4', 'A5', 'A6')
                   THEN ' ends in adoption (' || REC || ') but is not a placement for adoption.'
                 WHEN REC IN ('E45', 'E46') AND PLACE NOT LIKE 'U_'
                   THEN ' is not foster care, but ends in special guardianship by the foster '
                     || 'carers (' || REC || ').'
                 WHEN PLACE IN ('A3', 'A5') AND RNE NOT IN ('S', 'T', 'U')
                   AND DECOM >= DATE '2015-04-01'
                   THEN ' with its current foster carers starts with RNE ' || RNE
                     || ', not S, T or U.'
                 ELSE ' follows ' || previous_place || ', not a foster or adoption placement.'
                 END
        FROM ssda903_spells
        WHERE (REC IN ('E11', 'E12') AND PLACE NOT IN ('A3', 'A4', 'A5', 'A6'))
           OR (REC IN ('E45', 'E46') AND PLACE NOT LIKE 'U_')
           OR (PLACE IN ('A3', 'A5') AND RNE NOT IN ('S', 'T', 'U')
               AND DECOM >= DATE '2015-04-01')
           OR (PLACE IN ('A3', 'A4') AND previous_place NOT IN
               ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'))
        """,
    ),
    _rule(
        "903.looked_after_past_18",
        WARNING,
        ("ssda903_episodes", "ssda903_header"),
        "DEC",
        "care to end by the 18th birthday, unless the child is accommodated under section "
        "20(5) in a community home (V2 and K2)",
        ("359",),
        """
        SELECT e.source_file, e.source_row, NULL,
               'Child ' || e.CHILD || ' is 18 before 31 March and still looked after in '
                 || 'placement ' || e.PLACE || ', legal status ' || e.LS || '.'
        FROM ssda903_episodes e JOIN ssda903_header h USING (la, CHILD, collection_year)
        WHERE e.DEC IS NULL AND h.DOB + INTERVAL 18 YEAR < make_date(collection_year, 3, 31)
          AND NOT (e.LS = 'V2' AND e.PLACE = 'K2')
        """,
    ),
    _rule(
        "903.episode_too_early",
        WARNING,
        ("ssda903_episodes",),
        "DECOM",
        "episodes starting from 14 October 1991 (the Children Act 1989), and a placement "
        "order (E1) only from 1 December 2005",
        ("353", "446"),
        """
        SELECT source_file, source_row, strftime(DECOM, DAY),
               'Child ' || CHILD || ': the episode starts ' || strftime(DECOM, DAY) || CASE
                 WHEN DECOM < DATE '1991-10-14' THEN ', before 14 October 1991.'
                 ELSE ' with a placement order (E1), before they began in December 2005.' END
        FROM ssda903_episodes
        WHERE DECOM < DATE '1991-10-14' OR (LS = 'E1' AND DECOM < DATE '2005-12-01')
        """,
    ),
    _rule(
        "903.new_episode_changes",
        WARNING,
        ("ssda903_episodes",),
        "RNE",
        "RNE S for a child's first episode, starting in the year; L for a change of legal "
        "status alone, P or T of placement alone, U or B of both; no change of category of "
        "need (CIN) within a period of care",
        ("357", "434", "435", "436", "504"),
        """
        WITH pairs AS (
            SELECT *, previous_start IS NULL AS first_episode,
                   NOT (PLACE IS NOT DISTINCT FROM previous_place
                        AND PL_POST IS NOT DISTINCT FROM previous_post
                        AND URN IS NOT DISTINCT FROM previous_urn
                        AND PLACE_PROVIDER IS NOT DISTINCT FROM previous_provider)
                     AS placement_changed
            FROM ssda903_spells),
        judged AS (
            SELECT *, NOT first_episode AND (
                     (RNE = 'L' AND (LS = previous_ls OR placement_changed))
                  OR (RNE IN ('P', 'T') AND (LS <> previous_ls OR NOT placement_changed))
                  OR (RNE IN ('U', 'B') AND (LS = previous_ls OR NOT placement_changed)))
                     AS wrong_reason
            FROM pairs)
        SELECT source_file, source_row, RNE,
               'Child ' || CHILD || CASE
                 WHEN first_episode THEN ': the first episode, starting in the year, has RNE '
                   || RNE || ', not S.'
                 WHEN wrong_reason
                   THEN ': RNE ' || RNE || ', but the legal status ' || CASE
                     WHEN LS = previous_ls THEN 'is unchanged' ELSE 'changed' END
                     || ' and the placement ' || CASE WHEN placement_changed THEN 'changed'
                     ELSE 'is unchanged' END || '.'
                 ELSE ': the category of need changed (' || previous_cin || ' to ' || CIN
                   || ') within a period of care.' END
        FROM judged
        WHERE (first_episode AND RNE <> 'S' AND DECOM >= make_date(collection_year - 1, 4, 1))
           OR wrong_reason
           OR (previous_reason = 'X1' AND previous_end = DECOM AND CIN <> previous_cin)
        """,
    ),
    _rule(
        "903.placement_change_reason_missing",
        WARNING,
        ("ssda903_episodes",),
        "REASON_PLACE_CHANGE",
        "a reason for the change of placement when one placement (not temporary) follows another",
        ("225",),
        """
        SELECT source_file, source_row, REC,
               'Child ' || CHILD || ': placement ' || PLACE || ' is followed by another ('
                 || next_place || '), but the reason for the change is blank.'
        FROM ssda903_spells
        WHERE REC = 'X1' AND REASON_PLACE_CHANGE IS NULL AND next_rne IN ('P', 'B', 'T', 'U')
          AND PLACE NOT IN ('T0', 'T1', 'T2', 'T3', 'T4')
          AND next_place NOT IN ('T0', 'T1', 'T2', 'T3', 'T4')
        """,
    ),
    _rule(
        "903.postcodes",
        WARNING,
        ("ssda903_episodes", "ssda903_uasc"),
        "HOME_POST",
        "home and placement postcodes for a child looked after other than on short breaks "
        "(a child who is or was UASC may have no home postcode), the same only when placed "
        "with parents (P1), and neither on short breaks (V3, V4)",
        ("214", "392b", "392d", "398"),
        """
        SELECT source_file, source_row, coalesce(HOME_POST, PL_POST),
               'Child ' || CHILD || CASE
                 WHEN short_break(LS) THEN ': a short break (' || LS || ') with '
                   || 'postcodes or an Ofsted number.'
                 WHEN HOME_POST = PL_POST THEN ': home and placement postcodes are the same, '
                   || 'in placement ' || PLACE || '.'
                 ELSE ': a postcode of home or placement is blank.' END
        FROM ssda903_episodes e
        WHERE (short_break(LS)
               AND coalesce(HOME_POST, PL_POST, nullif(URN, 'XXXXXXX')) IS NOT NULL)
           OR (HOME_POST = PL_POST AND PLACE <> 'P1')
           OR (NOT short_break(LS) AND (HOME_POST IS NULL OR PL_POST IS NULL)
               AND NOT EXISTS (SELECT 1 FROM ssda903_uasc u WHERE u.la = e.la AND u.CHILD = e.CHILD
                               AND u.collection_year BETWEEN e.collection_year - 1
                                   AND e.collection_year))
        """,
    ),
    _rule(
        "903.urn_for_placement",
        WARNING,
        ("ssda903_episodes",),
        "URN",
        "no Ofsted number (URN) for a placement Ofsted does not register (P1, P3, R1, R2, R5, "
        "T0-T4, Z1), other than XXXXXXX",
        ("222",),
        """
        SELECT source_file, source_row, URN,
               'Child ' || CHILD || ': placement ' || PLACE || ' has an Ofsted number ('
                 || URN || ').'
        FROM ssda903_episodes
        WHERE PLACE IN ('P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1')
          AND URN <> 'XXXXXXX'
        """,
    ),
    _rule(
        "903.urn_missing",
        WARNING,
        ("ssda903_episodes",),
        "URN",
        "an Ofsted number (URN, or XXXXXXX) for a placement Ofsted registers (all but P1, P3, "
        "R1, R2, R5, T0-T4, Z1) that goes on into the year, other than a short break (V3, V4: "
        "none), in England by its placement postcode (given, and not of Wales, Scotland, "
        "Northern Ireland, the Isle of Man or the Channel Islands)",
        ("218",),
        """
        SELECT source_file, source_row, PLACE,
               'Child ' || CHILD || ': placement ' || PLACE || ' from '
                 || strftime(DECOM, DAY) || ' has no Ofsted number (URN).'
        FROM ssda903_episodes
        WHERE URN IS NULL AND NOT short_break(coalesce(LS, ''))
          AND PLACE NOT IN ('P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1')
          AND coalesce(DEC, make_date(collection_year, 3, 31))
              >= make_date(collection_year - 1, 4, 1)
          AND regexp_extract(upper(PL_POST), '^[A-Z]+') NOT IN (
              'BT', 'AB', 'DD', 'DG', 'EH', 'FK', 'G', 'HS', 'IV', 'KA', 'KW', 'KY', 'ML',
              'PA', 'PH', 'ZE', 'CF', 'LD', 'LL', 'NP', 'SA', 'IM', 'GY', 'JE')
        """,
    ),
    _rule(
        "903.short_breaks_only",
        WARNING,
        ("ssda903_episodes", "ssda903_header", "ssda903_reviews"),
        "MOTHER",
        "no MOTHER, reviews or participation for a child looked after only on short breaks "
        "(V3, V4) in the year",
        ("399",),
        """
        WITH breaks AS (
            SELECT la, CHILD, collection_year FROM ssda903_episodes
            GROUP BY la, CHILD, collection_year HAVING bool_and(coalesce(short_break(LS), false)))
        SELECT h.source_file, h.source_row, h.MOTHER,
               'Child ' || h.CHILD || ' is looked after only on short breaks (V3, V4), but '
                 || 'MOTHER is given.'
        FROM ssda903_header h JOIN breaks USING (la, CHILD, collection_year)
        WHERE h.MOTHER IS NOT NULL
        UNION ALL
        SELECT r.source_file, r.source_row, strftime(r.REVIEW, DAY),
               'Child ' || r.CHILD || ' is looked after only on short breaks (V3, V4), but '
                 || 'has a review.'
        FROM ssda903_reviews r JOIN breaks USING (la, CHILD, collection_year)
        """,
    ),
]
