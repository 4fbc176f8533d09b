"""The Department's SSDA903 rules that read last year's return with this year's, each once.

A load holds both years (`collection_year` tells them apart): care that began before the
year goes on from last year's episodes, a missing episode open at its end goes on into this
year, a decision to place for adoption keeps its date, a child keeps their UPN and their
UASC status, no child comes back into care after being adopted from it, and no care leaver
looked after at the end of last year is missing this year's episodes.
"""

from __future__ import annotations

from analytics.problems import WARNING
from analytics.validation.looked_after import _rule

RULES = [
    _rule(
        "903.history_missing",
        WARNING,
        ("ssda903_episodes",),
        "DECOM",
        "an episode begun before the year to be last year's last episode",
        ("562", "NoE"),
        """
        WITH firsts AS (SELECT * FROM ssda903_spells WHERE previous_start IS NULL),
        lasts AS (SELECT * FROM ssda903_spells WHERE next_start IS NULL)
        SELECT f.source_file, f.source_row, strftime(f.DECOM, DAY),
               'Child ' || f.CHILD || ': the episode begun ' || strftime(f.DECOM, DAY)
                 || CASE WHEN l.CHILD IS NULL THEN ' is not in last year''s return.'
                 ELSE ' is not last year''s last episode (begun '
                   || strftime(l.DECOM, DAY) || ').' END
        FROM firsts f
        LEFT JOIN lasts l ON l.la = f.la AND l.CHILD = f.CHILD
          AND l.collection_year = f.collection_year - 1
        WHERE f.DECOM < f.year_start AND l.DECOM IS DISTINCT FROM f.DECOM
          AND EXISTS (SELECT 1 FROM ssda903_episodes e
                      WHERE e.la = f.la AND e.collection_year = f.collection_year - 1)
        """,
    ),
    _rule(
        "903.after_adoption",
        WARNING,
        ("ssda903_episodes",),
        "RNE",
        "no episode after the child was adopted from care (E11, E12) this year or last",
        ("199",),
        """
        SELECT e.source_file, e.source_row, e.RNE,
               'Child ' || e.CHILD || ' was adopted from care (' || a.REC || ', '
                 || strftime(a.DEC, DAY) || ') before this episode.'
        FROM ssda903_episodes e JOIN ssda903_episodes a
          ON a.la = e.la AND a.CHILD = e.CHILD AND a.collection_year IN (e.collection_year,
                                                          e.collection_year - 1)
        WHERE a.REC IN ('E11', 'E12') AND a.DEC <= e.DECOM AND a.DECOM < e.DECOM
        """,
    ),
    _rule(
        "903.missing_goes_on",
        WARNING,
        ("ssda903_missing",),
        "MIS_START",
        "a missing episode open at the end of last year to be this year's first for the child",
        ("576",),
        """
        WITH firsts AS (
            SELECT * FROM ssda903_missing QUALIFY row_number() OVER (
                PARTITION BY la, collection_year, CHILD ORDER BY MIS_START) = 1)
        SELECT f.source_file, f.source_row, strftime(f.MIS_START, DAY),
               'Child ' || f.CHILD || ' was missing from ' || strftime(l.MIS_START, DAY)
                 || ' at the end of last year, but this year''s first missing episode starts '
                 || strftime(f.MIS_START, DAY) || '.'
        FROM firsts f JOIN ssda903_missing l
          ON l.la = f.la AND l.CHILD = f.CHILD AND l.collection_year = f.collection_year - 1
        WHERE l.MIS_END IS NULL AND l.MIS_START <> f.MIS_START
        """,
    ),
    _rule(
        "903.placed_adoption_last_year",
        WARNING,
        ("ssda903_placed_adoption",),
        "DATE_PLACED",
        "a decision to place for adoption from before the year in last year's return, with "
        "the same date while it stands, and none again once reversed",
        ("559", "560", "561", "584"),
        """
        SELECT p.source_file, p.source_row, strftime(p.DATE_PLACED, DAY),
               'Child ' || p.CHILD || ': the decision to place for adoption ('
                 || strftime(p.DATE_PLACED, DAY) || CASE
                 WHEN NOT EXISTS (SELECT 1 FROM ssda903_placed_adoption l
                                  WHERE l.la = p.la AND l.CHILD = p.CHILD
                                    AND l.collection_year = p.collection_year - 1)
                   THEN ') is before the year, but not in last year''s return.'
                 WHEN EXISTS (SELECT 1 FROM ssda903_placed_adoption l
                              WHERE l.la = p.la AND l.CHILD = p.CHILD
                                AND l.collection_year = p.collection_year - 1
                                AND l.DATE_PLACED_CEASED IS NOT NULL
                                AND p.DATE_PLACED <= l.DATE_PLACED)
                   THEN ') is not after the decision reversed last year.'
                 ELSE ') is not the date of last year''s standing decision.' END
        FROM ssda903_placed_adoption p
        WHERE ((p.DATE_PLACED < make_date(p.collection_year - 1, 4, 1) AND NOT EXISTS (
                  SELECT 1 FROM ssda903_placed_adoption l
                  WHERE l.la = p.la AND l.CHILD = p.CHILD
                    AND l.collection_year = p.collection_year - 1))
           OR EXISTS (
                  SELECT 1 FROM ssda903_placed_adoption l
                  WHERE l.la = p.la AND l.CHILD = p.CHILD
                    AND l.collection_year = p.collection_year - 1
                    AND ((l.DATE_PLACED_CEASED IS NOT NULL AND p.DATE_PLACED <= l.DATE_PLACED)
                      OR (l.DATE_PLACED_CEASED IS NULL AND NOT EXISTS (
                          SELECT 1 FROM ssda903_placed_adoption q
                          WHERE q.la = l.la AND q.CHILD = l.CHILD
                            AND q.collection_year = p.collection_year
                            AND q.DATE_PLACED = l.DATE_PLACED)))))
          AND EXISTS (SELECT 1 FROM ssda903_placed_adoption x
                      WHERE x.la = p.la AND x.collection_year = p.collection_year - 1)
        """,
    ),
    _rule(
        "903.upn_changed",
        WARNING,
        ("ssda903_header",),
        "UPN",
        "last year's UPN, unless it was unknown (UN1-UN5, or blank) and is now known, or UN1 "
        "then and UN2-UN5 now",
        ("208",),
        """
        SELECT h.source_file, h.source_row, h.UPN,
               'Child ' || h.CHILD || ' had UPN ' || coalesce(l.UPN, 'blank')
                 || ' in last year''s return.'
        FROM ssda903_header h JOIN ssda903_header l
          ON l.la = h.la AND l.CHILD = h.CHILD AND l.collection_year = h.collection_year - 1
        WHERE h.UPN IS DISTINCT FROM l.UPN
          AND NOT (coalesce(l.UPN, 'UN1') LIKE 'UN_' AND h.UPN NOT LIKE 'UN_')
          AND NOT (coalesce(l.UPN, 'UN1') = 'UN1' AND h.UPN IN ('UN2', 'UN3', 'UN4', 'UN5'))
        """,
    ),
    _rule(
        "903.uasc_last_year",
        WARNING,
        ("ssda903_uasc", "ssda903_header"),
        "DUC",
        "a child UASC this year and in last year's return to have been UASC in it, their "
        "status ceasing (DUC) last year on their 18th birthday, and this year in the year or "
        "on the day last year's return gave",
        ("205B", "205D"),
        """
        SELECT u.source_file, u.source_row, strftime(u.DUC, DAY),
               'Child ' || u.CHILD || CASE
                 WHEN l.CHILD IS NULL THEN ' is UASC this year, but was not UASC in last '
                   || 'year''s return.'
                 WHEN l.DUC IS DISTINCT FROM l.DOB + INTERVAL 18 YEAR THEN ' was UASC in '
                   || 'last year''s return, ceasing ' || coalesce(strftime(l.DUC, DAY), 'blank')
                   || ', not on their 18th birthday ('
                   || strftime(l.DOB + INTERVAL 18 YEAR, DAY) || ').'
                 ELSE ': UASC status ceases ' || coalesce(strftime(u.DUC, DAY), 'blank')
                   || ', neither in the year nor on the date of last year''s return ('
                   || strftime(l.DUC, DAY) || ').' END
        FROM ssda903_uasc u
        JOIN ssda903_header h ON h.la = u.la AND h.CHILD = u.CHILD
          AND h.collection_year = u.collection_year - 1
        LEFT JOIN ssda903_uasc l
          ON l.la = u.la AND l.CHILD = u.CHILD AND l.collection_year = u.collection_year - 1
        WHERE l.CHILD IS NULL
           OR l.DUC IS DISTINCT FROM l.DOB + INTERVAL 18 YEAR
           OR (coalesce(u.DUC NOT BETWEEN make_date(u.collection_year - 1, 4, 1)
                                     AND make_date(u.collection_year, 3, 31), true)
               AND u.DUC IS DISTINCT FROM l.DUC)
        """,
    ),
    _rule(
        "903.care_leaver_left_open",
        WARNING,
        ("ssda903_oc3", "ssda903_episodes"),
        "CHILD",
        "episodes this year for a care leaver whose last episode was open at the end of last year",
        ("1010",),
        """
        SELECT o.source_file, o.source_row, o.CHILD,
               'Child ' || o.CHILD || ' was looked after at the end of last year (the episode '
                 || 'begun ' || strftime(l.DECOM, DAY) || ' was open), but has care leaver '
                 || 'information and no episode this year.'
        FROM ssda903_oc3 o
        JOIN (SELECT * FROM ssda903_spells WHERE next_start IS NULL) l
          ON l.la = o.la AND l.CHILD = o.CHILD AND l.collection_year = o.collection_year - 1
        WHERE l.DEC IS NULL
          AND NOT EXISTS (SELECT 1 FROM ssda903_episodes e
                          WHERE e.la = o.la AND e.CHILD = o.CHILD
                            AND e.collection_year = o.collection_year)
          AND EXISTS (SELECT 1 FROM ssda903_episodes e
                      WHERE e.la = o.la AND e.collection_year = o.collection_year)
        """,
    ),
]
