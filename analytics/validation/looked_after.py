"""The Department's SSDA903 rules Assure checks beyond structure and codes, each once.

Each rule names the rules of csc-validator-be-903 it answers (`dfe`); the parity table
(`docs/formats/rule-parity.md`) shows, with a planted breach of each, that both flag it.
A date out of order that would make a figure wrong is fatal, as in `consistency`; a field
left out, or one that disagrees with another, is a warning kept with the load.

`VIEWS` are the definitions more than one rule reads, stated once: the collection year's
first and last days (with episodes, and with OC2 outcomes), each episode's neighbours in
the child's year (the one before and the one after, in order of start), and the children
looked after continuously for 12 months at 31 March (the Department's definition: in care
at some time in the year, and neither starting nor leaving care, nor on a short break, in
it).
"""

from __future__ import annotations

from functools import partial

from analytics.problems import FATAL, WARNING
from analytics.validation.rule import dated_rule

DAY = "'%d/%m/%Y'"
VIEWS = {
    "ssda903_spells": """
        SELECT *, make_date(collection_year - 1, 4, 1) AS year_start,
               make_date(collection_year, 3, 31) AS year_end,
               lag(DEC) OVER w AS previous_end, lag(REC) OVER w AS previous_reason,
               lag(DECOM) OVER w AS previous_start, lead(DECOM) OVER w AS next_start,
               lag(LS) OVER w AS previous_ls, lag(CIN) OVER w AS previous_cin,
               lag(PLACE) OVER w AS previous_place, lag(PL_POST) OVER w AS previous_post,
               lag(URN) OVER w AS previous_urn, lag(PLACE_PROVIDER) OVER w AS previous_provider,
               lag(REASON_PLACE_CHANGE) OVER w AS previous_change,
               lead(RNE) OVER w AS next_rne, lead(PLACE) OVER w AS next_place
        FROM ssda903_episodes
        WINDOW w AS (PARTITION BY la, collection_year, CHILD ORDER BY DECOM, DEC)
    """,
    "ssda903_outcomes": """
        SELECT *, make_date(collection_year - 1, 4, 1) AS year_start,
               make_date(collection_year, 3, 31) AS year_end
        FROM ssda903_oc2
    """,
    "ssda903_continuously_looked_after": """
        SELECT la, CHILD, collection_year, min(source_row) AS first_row,
               any_value(source_file) AS source_file
        FROM ssda903_spells
        GROUP BY la, CHILD, collection_year
        HAVING bool_or(DECOM <= year_end AND (DEC IS NULL OR DEC >= year_start))
           AND NOT bool_or(coalesce(
               (RNE = 'S' AND DECOM > year_start AND DECOM <= year_end)
               OR (coalesce(REC, '') <> 'X1' AND DEC >= year_start AND DEC < year_end)
               OR (short_break(LS) AND DECOM <= year_end
                   AND (DEC IS NULL OR DEC >= year_start)), false))
    """,
}


_rule = partial(dated_rule, dates=("DAY", DAY))


RULES = [
    _rule(
        "903.born_after_year",
        FATAL,
        ("ssda903_header",),
        "DOB",
        "a date of birth on or before the end of the collection year",
        ("301",),
        """
        SELECT source_file, source_row, strftime(DOB, DAY),
               'Child ' || CHILD || ' is born after 31 March ' || collection_year || '.'
        FROM ssda903_header WHERE DOB > make_date(collection_year, 3, 31)
        """,
    ),
    _rule(
        "903.too_old",
        WARNING,
        ("ssda903_header",),
        "DOB",
        "a child under 25 at the start of the collection year",
        ("351",),
        """
        SELECT source_file, source_row, strftime(DOB, DAY),
               'Child ' || CHILD || ' was over 25 on 1 April ' || (collection_year - 1) || '.'
        FROM ssda903_header
        WHERE DOB + INTERVAL 25 YEAR < make_date(collection_year - 1, 4, 1)
        """,
    ),
    _rule(
        "903.upn_malformed",
        WARNING,
        ("ssda903_header",),
        "UPN",
        "a UPN of a letter and 12 characters, or UN1 to UN5",
        ("168",),
        """
        SELECT source_file, source_row, UPN,
               'Child ' || CHILD || ': ''' || UPN || ''' is not a UPN.'
        FROM ssda903_header
        WHERE NOT regexp_full_match(UPN, '[A-Z][0-9]{11}[0-9A-Z]|UN[1-5]')
        """,
    ),
    _rule(
        "903.mother_and_child_birth",
        WARNING,
        ("ssda903_header",),
        "MC_DOB",
        "MC_DOB given for a mother (MOTHER 1, a girl) and only for her",
        ("611", "612", "174"),
        """
        SELECT source_file, source_row, strftime(MC_DOB, DAY),
               'Child ' || CHILD || CASE
                 WHEN SEX IN ('M', '1') AND MC_DOB IS NOT NULL
                   THEN ' is a boy with a child''s date of birth.'
                 WHEN MOTHER = '1' THEN ' is a mother, but her child''s date of birth is blank.'
                 ELSE ' is not a mother, but has a child''s date of birth.' END
        FROM ssda903_header
        WHERE (MOTHER = '1' AND MC_DOB IS NULL)
           OR (coalesce(MOTHER, '') <> '1' AND MC_DOB IS NOT NULL)
           OR (SEX IN ('M', '1') AND MC_DOB IS NOT NULL)
        """,
    ),
    _rule(
        "903.mother_younger_than_child",
        FATAL,
        ("ssda903_header",),
        "MC_DOB",
        "the mother's date of birth before her child's",
        ("621",),
        """
        SELECT source_file, source_row, strftime(MC_DOB, DAY),
               'Child ' || CHILD || ' is born after her own child.'
        FROM ssda903_header WHERE MC_DOB <= DOB
        """,
    ),
    _rule(
        "903.header_changed",
        WARNING,
        ("ssda903_header",),
        "DOB",
        "the date of birth and ethnicity of last year's return",
        ("203", "204"),
        """
        SELECT h.source_file, h.source_row, strftime(h.DOB, DAY),
               'Child ' || h.CHILD || CASE WHEN h.DOB <> l.DOB
                 THEN ' was born on ' || strftime(l.DOB, DAY) || ' in last year''s return.'
                 ELSE ' had ethnicity ' || l.ETHNIC || ' in last year''s return.' END
        FROM ssda903_header h JOIN ssda903_header l
          ON l.la = h.la AND l.CHILD = h.CHILD AND l.collection_year = h.collection_year - 1
        WHERE h.DOB <> l.DOB OR h.ETHNIC <> l.ETHNIC
        """,
    ),
    _rule(
        "903.episode_end_and_reason",
        WARNING,
        ("ssda903_episodes",),
        "REC",
        "DEC and REC both given, or both blank",
        ("148",),
        """
        SELECT source_file, source_row, coalesce(REC, strftime(DEC, DAY)),
               'Child ' || CHILD || CASE WHEN DEC IS NULL
                 THEN ': the episode has a reason it ended (' || REC || ') but no end date.'
                 ELSE ': the episode ended on ' || strftime(DEC, DAY) || ' with no reason.' END
        FROM ssda903_episodes WHERE (DEC IS NULL) <> (REC IS NULL)
        """,
    ),
    _rule(
        "903.episode_within_a_day",
        WARNING,
        ("ssda903_episodes",),
        "DEC",
        "an episode lasting at least a day (DEC after DECOM)",
        ("355",),
        """
        SELECT source_file, source_row, strftime(DEC, DAY),
               'Child ' || CHILD || ': the episode starts and ends on the same day.'
        FROM ssda903_episodes WHERE DEC = DECOM
        """,
    ),
    _rule(
        "903.reason_for_new_episode",
        WARNING,
        ("ssda903_episodes",),
        "RNE",
        "RNE S when care starts, P, L, T, U or B when it goes on from the day before",
        ("431", "432", "433"),
        """
        SELECT source_file, source_row, RNE,
               'Child ' || CHILD || CASE
                 WHEN RNE = 'S' THEN ': care starts (RNE S) the day the last episode ended.'
                 WHEN coalesce(previous_reason, 'X1') <> 'X1'
                   THEN ': care had ended (' || previous_reason || '), so RNE should be S.'
                 ELSE ': RNE ' || RNE || ' goes on from an episode that ended on '
                   || coalesce(strftime(previous_end, DAY), 'no date') || '.' END
        FROM ssda903_spells
        WHERE previous_start IS NOT NULL AND (
              (RNE = 'S' AND previous_end = DECOM)
           OR (RNE <> 'S' AND coalesce(previous_reason, 'X1') <> 'X1')
           OR (RNE IN ('P', 'L', 'T', 'U', 'B') AND previous_end IS DISTINCT FROM DECOM))
        """,
    ),
    _rule(
        "903.continuation_missing",
        WARNING,
        ("ssda903_episodes",),
        "REC",
        "an episode ending X1 (new episode) followed by one starting that day, and only then",
        ("388",),
        """
        SELECT source_file, source_row, REC,
               'Child ' || CHILD || CASE WHEN REC = 'X1'
                 THEN ': the episode ends X1 but no episode starts on ' || strftime(DEC, DAY)
                 ELSE ': the episode ends ' || REC || ' (left care) but another starts that day'
                 END || '.'
        FROM ssda903_spells
        WHERE DEC IS NOT NULL AND (
              (REC = 'X1' AND next_start IS DISTINCT FROM DEC)
           OR (REC <> 'X1' AND next_start = DEC))
        """,
    ),
    _rule(
        "903.episode_after_leaving",
        WARNING,
        ("ssda903_episodes",),
        "REC",
        "no episode after one ending with the child's death (E2) or age (E15)",
        ("437",),
        """
        SELECT source_file, source_row, REC,
               'Child ' || CHILD || ': the episode ends ' || REC || ' but a later one follows.'
        FROM ssda903_spells WHERE REC IN ('E2', 'E15') AND next_start IS NOT NULL
        """,
    ),
    _rule(
        "903.age_at_leaving",
        WARNING,
        ("ssda903_episodes", "ssda903_header"),
        "REC",
        "adopted (E11, E12) or special guardianship (E45-E48) under 18, independent living "
        "(E5, E6) from 14, adult services (E7) from 16, staying put (E17) from 18",
        ("386", "387", "389", "407", "460"),
        """
        SELECT e.source_file, e.source_row, e.REC,
               'Child ' || e.CHILD || ' left care (' || e.REC || ') aged '
                 || date_diff('year', h.DOB, e.DEC) || '.'
        FROM ssda903_episodes e JOIN ssda903_header h USING (la, CHILD, collection_year)
        WHERE (e.REC IN ('E11', 'E12') AND h.DOB + INTERVAL 18 YEAR <= e.DEC)
           OR (e.REC IN ('E45', 'E46', 'E47', 'E48') AND h.DOB + INTERVAL 18 YEAR < e.DEC)
           OR (e.REC = 'E17' AND h.DOB + INTERVAL 18 YEAR > e.DEC)
           OR (e.REC IN ('E5', 'E6') AND h.DOB + INTERVAL 14 YEAR > e.DEC)
           OR (e.REC = 'E7' AND h.DOB + INTERVAL 16 YEAR > e.DEC)
        """,
    ),
    _rule(
        "903.started_aged_18",
        WARNING,
        ("ssda903_episodes", "ssda903_header"),
        "DECOM",
        "care starting (RNE S) before the 18th birthday",
        ("352",),
        """
        SELECT e.source_file, e.source_row, strftime(e.DECOM, DAY),
               'Child ' || e.CHILD || ' started to be looked after aged 18 or over.'
        FROM ssda903_episodes e JOIN ssda903_header h USING (la, CHILD, collection_year)
        WHERE e.RNE = 'S' AND h.DOB + INTERVAL 18 YEAR <= e.DECOM
        """,
    ),
    _rule(
        "903.temporary_placement_at_edge",
        WARNING,
        ("ssda903_episodes",),
        "PLACE",
        "care neither starting nor ending in a temporary placement (T0-T4)",
        ("380", "381"),
        """
        SELECT source_file, source_row, PLACE,
               'Child ' || CHILD || ': care ' || CASE WHEN RNE = 'S' THEN 'starts' ELSE 'ends'
                 END || ' in a temporary placement (' || PLACE || ').'
        FROM ssda903_episodes
        WHERE PLACE IN ('T0', 'T1', 'T2', 'T3', 'T4')
          AND (RNE = 'S' OR (REC IS NOT NULL AND REC <> 'X1'))
        """,
    ),
    _rule(
        "903.provider_for_placement",
        WARNING,
        ("ssda903_episodes",),
        "PLACE_PROVIDER",
        "PR0 with placement P1 and only then; PR1, PR2 not with R2, R5; PR3 not with A3-A6, "
        "K1, K2, U1-U6; none with a temporary placement (T0-T4), one with any other but Z1",
        ("213", "526", "527", "528", "529", "530", "531", "550"),
        """
        SELECT source_file, source_row, PLACE_PROVIDER,
               'Child ' || CHILD || ': provider ' || coalesce(PLACE_PROVIDER, 'blank')
                 || ' cannot provide placement ' || PLACE || '.'
        FROM ssda903_episodes
        WHERE (PLACE_PROVIDER = 'PR0') <> (PLACE = 'P1') AND PLACE_PROVIDER IS NOT NULL
           OR (PLACE_PROVIDER IN ('PR1', 'PR2') AND PLACE IN ('R2', 'R5'))
           OR (PLACE_PROVIDER = 'PR3' AND PLACE IN ('A3', 'A4', 'A5', 'A6', 'K1', 'K2',
               'U1', 'U2', 'U3', 'U4', 'U5', 'U6'))
           OR ((PLACE_PROVIDER IS NOT NULL) = (PLACE IN ('T0', 'T1', 'T2', 'T3', 'T4', 'Z1')))
        """,
    ),
    _rule(
        "903.placement_change_reason",
        WARNING,
        ("ssda903_episodes",),
        "REASON_PLACE_CHANGE",
        "no reason for a change of placement on or just after a temporary placement",
        ("226",),
        """
        SELECT e.source_file, e.source_row, e.REASON_PLACE_CHANGE,
               'Child ' || e.CHILD || ': a temporary placement (' || e.PLACE
                 || ') needs no reason for a change of placement.'
        FROM ssda903_spells e
        WHERE e.PLACE IN ('T0', 'T1', 'T2', 'T3', 'T4')
          AND (e.REASON_PLACE_CHANGE IS NOT NULL OR e.previous_change IS NOT NULL)
        """,
    ),
    _rule(
        "903.continues_last_year",
        WARNING,
        ("ssda903_episodes",),
        "DECOM",
        "the first episode of the year to be the episode open at the end of last year "
        "(supported accommodation H5 is K3 from 2025)",
        ("502", "503A", "503B", "503C", "503D", "503E"),
        """
        WITH open_last AS (
            SELECT * FROM ssda903_spells WHERE DEC IS NULL AND next_start IS NULL),
        first_now AS (SELECT * FROM ssda903_spells WHERE previous_start IS NULL)
        SELECT n.source_file, n.source_row, strftime(n.DECOM, DAY),
               'Child ' || n.CHILD || ': last year''s open episode (started '
                 || strftime(o.DECOM, DAY) || ', ' || o.RNE || ' ' || o.LS || ' ' || o.CIN
                 || ' ' || o.PLACE || ' ' || coalesce(o.PLACE_PROVIDER, '-')
                 || ') is not this year''s first (' || strftime(n.DECOM, DAY) || ', '
                 || n.RNE || ' ' || n.LS || ' ' || n.CIN || ' ' || n.PLACE || ' '
                 || coalesce(n.PLACE_PROVIDER, '-') || ').'
        FROM first_now n JOIN open_last o
          ON o.la = n.la AND o.CHILD = n.CHILD AND o.collection_year = n.collection_year - 1
        WHERE n.DECOM <> o.DECOM OR n.RNE <> o.RNE OR n.LS <> o.LS OR n.CIN <> o.CIN
           OR (n.PLACE <> o.PLACE AND NOT (o.PLACE = 'H5' AND n.PLACE = 'K3'))
           OR n.PLACE_PROVIDER IS DISTINCT FROM o.PLACE_PROVIDER
        """,
    ),
]
