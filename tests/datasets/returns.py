"""Small, clean SSDA903 and CIN returns written by hand, for damaging one thing at a time."""

from __future__ import annotations

from pathlib import Path

HEADER = """CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
1001,1,03/04/2010,WBRI,A123456789012,,
1002,2,15/09/2012,MWBC,A123456789013,,
1003,1,20/01/2016,WBRI,A123456789014,,
"""
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    """1001,01/05/2022,S,C2,N1,U4,PR1,10/06/2023,X1,,TQ1 1AA,TQ2 6AA,SC123456
1001,10/06/2023,P,C2,N1,U4,PR1,,,CARPL,TQ1 1AA,BS1 1AA,SC123457
1002,12/08/2023,S,V2,N2,U1,PR1,20/01/2024,E4A,,TQ1 1AA,TQ2 6AA,SC123458
1003,05/02/2024,S,C1,N1,U6,PR4,,,,TQ1 1AA,EX1 1AB,SC123459
"""
)
REVIEWS = """CHILD,DOB,REVIEW,REVIEW_CODE
1001,03/04/2010,01/06/2023,PN1
1002,15/09/2012,08/09/2023,PN1
"""
CIN = """<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>CIN</Collection><Year>2024</Year>
      <ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>880</LEA></Source>
  </Header>
  <Children>{children}</Children>
</Message>
"""
CIN_CHILD = """
    <Child>
      <ChildIdentifiers><LAchildID>{child}</LAchildID><PersonBirthDate>2015-02-01</PersonBirthDate>
        <GenderCurrent>1</GenderCurrent></ChildIdentifiers>
      <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2023-06-01</CINreferralDate><ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <Assessments><AssessmentActualStartDate>2023-06-02</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2023-07-10</AssessmentAuthorisationDate></Assessments>
        <Section47><S47ActualStartDate>2023-06-05</S47ActualStartDate>
          <DateOfInitialCPC>2023-06-20</DateOfInitialCPC><ICPCnotRequired>0</ICPCnotRequired>
        </Section47>
        <ReferralNFA>0</ReferralNFA>
        <ChildProtectionPlans><CPPstartDate>2023-06-20</CPPstartDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
          <Reviews><CPPreviewDate>2023-09-15</CPPreviewDate></Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>"""


def write(folder: Path, **files: str | bytes) -> Path:
    """Write files such as header="..." (as header.csv) into `folder`; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / (name if "." in name else f"{name}.csv")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return folder


def clean_903(folder: Path) -> Path:
    return write(folder, header=HEADER, episodes=EPISODES, reviews=REVIEWS)


def cin_census(children: list[str] | None = None, **changes: str) -> str:
    text = CIN.format(children="".join(CIN_CHILD.format(child=c) for c in children or ["C1"]))
    for old, new in changes.items():
        text = text.replace(old.replace("_", " "), new)
    return text
