"""The RAG schemes shipped with Assure, installed into each partnership as editable data."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from assure.core.models import Partnership, RagLevel, RagScheme


@dataclass(frozen=True)
class LevelSpec:
    code: str
    label: str
    colour: str
    severity: int
    overall_meaning: str = ""
    action_meaning: str = ""
    means_complete: bool = False


# 004's guidance for RAG status: separate meanings for overall and individual action ratings.
THREE_LEVEL = (
    LevelSpec(
        "green",
        "Green",
        "green",
        0,
        "Activity on track and delivering expected outcomes",
        "Improvement activity is on track or completed and delivering expected outcomes.",
    ),
    LevelSpec(
        "amber",
        "Amber",
        "amber",
        2,
        "Activity on track but expected outcomes have not yet been evidenced and/or activity "
        "delayed but still being delivered",
        "There is some minor delay in improvement activity and/or activity is on track but "
        "limited evidence of outcomes",
    ),
    LevelSpec(
        "red",
        "Red",
        "red",
        3,
        "Activity not on track and outcomes are poor or deteriorating",
        "There is significant delay in improvement activity and/or activity is not delivering "
        "expected outcomes",
    ),
)

# 002's scheme: Green means complete; Bright Green means on track.
FOUR_LEVEL = (
    LevelSpec(
        "green",
        "Green",
        "green",
        0,
        "All actions completed.",
        "All actions completed.",
        means_complete=True,
    ),
    LevelSpec(
        "bright_green",
        "Bright Green",
        "bright-green",
        1,
        "Progress on track for the action to be completed within timescale.",
        "Progress on track for the action to be completed within timescale.",
    ),
    LevelSpec(
        "amber",
        "Amber",
        "amber",
        2,
        "Some slippage but this is not a significant concern, and work is in progress to "
        "complete the action.",
        "Some slippage but this is not a significant concern, and work is in progress to "
        "complete the action.",
    ),
    LevelSpec(
        "red",
        "Red",
        "red",
        3,
        "Significant delays or concerns in progressing the action.",
        "Significant delays or concerns in progressing the action.",
    ),
)

SCHEMES = {
    "three_level": ("Three-level RAG (red, amber, green)", THREE_LEVEL),
    "four_level": ("Four-level RAG (red, amber, bright green, green)", FOUR_LEVEL),
}


@transaction.atomic
def install_schemes(partnership: Partnership) -> dict[str, RagScheme]:
    installed = {}
    for key, (name, levels) in SCHEMES.items():
        scheme, _ = RagScheme.objects.get_or_create(
            partnership=partnership, key=key, defaults={"name": name}
        )
        for spec in levels:
            RagLevel.objects.update_or_create(
                scheme=scheme,
                code=spec.code,
                defaults={k: v for k, v in spec.__dict__.items() if k != "code"},
            )
        installed[key] = scheme
    return installed
