"""Generate the two sample projects from a fixed seed.

    python sample_projects/generate.py

Each project gets two survey waves written as canonical wide CSV under ``survey/`` (the
files a user would import), then is built through the engine exactly as `kano new`,
`kano features add` and `kano import` would build it. Answers are drawn per respondent
from a category profile per feature, segment and wave, so the analysis recovers the
categories of the articles' examples (calls are must-be, the camera is performance,
face recognition excites, the compass leaves people indifferent, a confusing interface is
reverse) and shows the Kano lifecycle: excitement wears into performance over time.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from kano_tui.engine.analysis.figures import EVALUATION_TABLE  # noqa: E402
from kano_tui.engine.importing.answers import TOKENS  # noqa: E402
from kano_tui.engine.project.catalogue import add_feature  # noqa: E402
from kano_tui.engine.project.model import KpiPeriod, Persona, Touchpoint  # noqa: E402
from kano_tui.session.workspace import Workspace  # noqa: E402

LETTERS = "MOAIRQ"
# Which answer pairs a respondent of each category typically gives (weights over the
# cells of the evaluation table that belong to the category).
TYPICAL_PAIRS: dict[str, dict[tuple[str, str], float]] = {
    "M": {("expect", "dislike"): 5, ("neutral", "dislike"): 3, ("tolerate", "dislike"): 1},
    "O": {("like", "dislike"): 1},
    "A": {("like", "neutral"): 5, ("like", "tolerate"): 3, ("like", "expect"): 1},
    "I": {
        ("neutral", "neutral"): 6,
        ("neutral", "tolerate"): 3,
        ("tolerate", "neutral"): 2,
        ("expect", "neutral"): 1,
        ("tolerate", "tolerate"): 2,
    },
    "R": {
        ("dislike", "like"): 4,
        ("neutral", "like"): 3,
        ("dislike", "neutral"): 2,
        ("tolerate", "like"): 1,
    },
    "Q": {("like", "like"): 1, ("dislike", "dislike"): 1},
}


@dataclass
class FeatureSpec:
    name: str
    description: str
    stage: str
    profile: dict[str, float]  # category -> weight, wave 1, everyone
    importance: float  # mean stated importance 1-9
    drift: dict[str, float] = field(default_factory=dict)  # added in wave 2
    segment_shift: dict[str, dict[str, float]] = field(default_factory=dict)
    effort: float | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class SampleSpec:
    directory: str
    name: str
    description: str
    prefix: str
    respondents: int
    waves: tuple[str, str]
    segments: dict[str, dict[str, float]]  # attribute -> value -> share
    features: list[FeatureSpec]
    nps: tuple[tuple[float, float, float], tuple[float, float, float]]  # (det, pass, pro) per wave
    csat: tuple[float, float]  # mean CSAT per wave
    touchpoints: list[dict]
    personas: list[dict]
    kpi_periods: list[dict]
    seed: int


def _profile(spec: FeatureSpec, wave: int, segment: str | None) -> np.ndarray:
    weights = dict(spec.profile)
    if wave == 1:
        for letter, delta in spec.drift.items():
            weights[letter] = weights.get(letter, 0) + delta
    if segment is not None:
        for letter, delta in spec.segment_shift.get(segment, {}).items():
            weights[letter] = weights.get(letter, 0) + delta
    vector = np.array([max(weights.get(letter, 0.0), 0.0) for letter in LETTERS])
    return vector / vector.sum()


def _pair_tables() -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    tables = {}
    for letter, pairs in TYPICAL_PAIRS.items():
        functional = np.array([TOKENS.index(f) for f, _ in pairs])
        dysfunctional = np.array([TOKENS.index(d) for _, d in pairs])
        for f, d in pairs:
            assert EVALUATION_TABLE[TOKENS.index(f)][TOKENS.index(d)] == letter, (f, d, letter)
        weights = np.array(list(pairs.values()), dtype=float)
        tables[letter] = (functional, dysfunctional, weights / weights.sum())
    return tables


# How survey tools write the answers: each wave uses a different tool's wording, to show
# that kano reads them all.
WORDINGS = (
    (
        "I like it that way",
        "It must be that way",
        "I am neutral",
        "I can live with it that way",
        "I dislike it that way",
    ),
    ("I like it", "I expect it", "I'm neutral", "I can tolerate it", "I dislike it"),
)


def generate_wave(spec: SampleSpec, wave: int, rng: np.random.Generator) -> pd.DataFrame:
    n = spec.respondents + (37 if wave else 0)
    frame: dict[str, object] = {
        "respondent": [f"{spec.prefix}-{wave + 1}{i:04d}" for i in range(1, n + 1)],
        "wave": [spec.waves[wave]] * n,
    }
    for attribute, shares in spec.segments.items():
        values = list(shares)
        probabilities = np.array(list(shares.values()), dtype=float)
        frame[attribute] = rng.choice(values, size=n, p=probabilities / probabilities.sum())
    first_attribute = next(iter(spec.segments))
    segment_of = np.asarray(frame[first_attribute])
    tables = _pair_tables()
    wording = WORDINGS[wave]
    satisfaction = np.zeros(n)
    for feature in spec.features:
        key = feature.name.lower().replace(" ", "_").replace("-", "_")
        category = np.empty(n, dtype="<U1")
        for segment in np.unique(segment_of):
            rows = segment_of == segment
            category[rows] = rng.choice(
                list(LETTERS), size=rows.sum(), p=_profile(feature, wave, str(segment))
            )
        functional = np.empty(n, dtype=np.int64)
        dysfunctional = np.empty(n, dtype=np.int64)
        for letter, (f_codes, d_codes, weights) in tables.items():
            rows = category == letter
            picks = rng.choice(len(weights), size=rows.sum(), p=weights)
            functional[rows] = f_codes[picks]
            dysfunctional[rows] = d_codes[picks]
        skipped = rng.random(n) < 0.03  # some respondents skip a question pair
        as_text = np.array(wording, dtype=object)
        frame[f"{key}.functional"] = np.where(skipped, "", as_text[functional])
        frame[f"{key}.dysfunctional"] = np.where(skipped, "", as_text[dysfunctional])
        importance = np.clip(np.rint(rng.normal(feature.importance, 1.4, n)), 1, 9).astype(int)
        frame[f"{key}.importance"] = np.where(rng.random(n) < 0.05, "", importance.astype(str))
        satisfaction += np.where(category == "M", 0.1, 0) + np.where(category == "A", 0.15, 0)
    detractors, passives, promoters = spec.nps[wave]
    kind = rng.choice(3, size=n, p=np.array([detractors, passives, promoters]))
    nps = np.select(
        [kind == 0, kind == 1],
        [rng.integers(0, 7, n), rng.integers(7, 9, n)],
        rng.integers(9, 11, n),
    )
    frame["nps"] = np.where(rng.random(n) < 0.02, "", nps.astype(str))
    csat = np.clip(np.rint(rng.normal(spec.csat[wave], 0.9, n)), 1, 5).astype(int)
    frame["csat"] = csat.astype(str)
    return pd.DataFrame(frame)


def build(spec: SampleSpec) -> Path:
    directory = HERE / spec.directory
    if directory.exists():
        shutil.rmtree(directory)
    rng = np.random.default_rng(spec.seed)
    survey = directory / "survey"
    survey.mkdir(parents=True)
    files = []
    for wave in (0, 1):
        path = survey / f"wave-{wave + 1}-{spec.waves[wave]}.csv"
        generate_wave(spec, wave, rng).to_csv(path, index=False)
        files.append(path)

    workspace = Workspace.create(directory, spec.name, spec.description)
    project = workspace.project
    for feature in spec.features:
        add_feature(
            project,
            feature.name,
            feature_id=feature.name.lower().replace(" ", "_").replace("-", "_"),
            description=feature.description,
            stage=feature.stage,
            tags=feature.tags,
            effort=feature.effort,
        )
    stage_ids = {stage.name: stage.id for stage in project.stages}
    for item in spec.touchpoints:
        project.touchpoints.append(Touchpoint(stage=stage_ids[item.pop("stage")], **item))
    for item in spec.personas:
        project.personas.append(Persona(**item))
    for item in spec.kpi_periods:
        project.kpi_periods.append(KpiPeriod(**item))
    workspace.save()
    for path in files:
        workspace.import_file(path)
    for record, day in zip(project.imports, spec.waves):  # fixed timestamps: reproducible
        record.imported_at = f"{day}T09:00:00+00:00"
    workspace.save()
    return directory


SMARTPHONE = SampleSpec(
    directory="smartphone",
    name="Smartphone",
    description="Which smartphone features are basic needs, which drive satisfaction, "
    "and which delight? Two survey waves, six months apart.",
    prefix="SP",
    respondents=400,
    waves=("2026-03-15", "2026-09-15"),
    segments={
        "segment": {"power user": 0.35, "everyday": 0.5, "senior": 0.15},
        "region": {"north": 0.4, "south": 0.35, "west": 0.25},
        "plan": {"prepaid": 0.3, "contract": 0.7},
    },
    features=[
        FeatureSpec(
            "Calls",
            "Clear voice calls that never drop",
            "Purchase",
            {"M": 62, "O": 14, "A": 3, "I": 17, "R": 1, "Q": 2},
            8.6,
            effort=3,
            tags=["basic"],
        ),
        FeatureSpec(
            "Messaging",
            "SMS and chat apps that just work",
            "Purchase",
            {"M": 55, "O": 18, "A": 4, "I": 20, "R": 1, "Q": 2},
            8.2,
            effort=2,
            tags=["basic"],
        ),
        FeatureSpec(
            "Internet",
            "Fast, reliable mobile data and Wi-Fi",
            "Purchase",
            {"M": 50, "O": 30, "A": 4, "I": 13, "R": 1, "Q": 2},
            8.4,
            effort=5,
            tags=["basic"],
        ),
        FeatureSpec(
            "Camera",
            "A high-resolution camera",
            "Consideration",
            {"M": 14, "O": 52, "A": 18, "I": 14, "R": 1, "Q": 1},
            7.6,
            effort=8,
            segment_shift={"power user": {"O": 12}, "senior": {"I": 15}},
        ),
        FeatureSpec(
            "Battery",
            "A long-lasting battery",
            "Post-purchase support",
            {"M": 22, "O": 55, "A": 9, "I": 12, "R": 1, "Q": 1},
            8.3,
            effort=6,
        ),
        FeatureSpec(
            "Processor",
            "A fast processor",
            "Consideration",
            {"M": 10, "O": 45, "A": 15, "I": 28, "R": 1, "Q": 1},
            6.9,
            effort=7,
            segment_shift={"power user": {"O": 20}, "senior": {"I": 25}},
        ),
        FeatureSpec(
            "Face recognition",
            "Unlock the phone by looking at it",
            "Discovery",
            {"M": 6, "O": 22, "A": 50, "I": 19, "R": 2, "Q": 1},
            6.1,
            effort=5,
            drift={"A": -22, "O": 24},
            tags=["delighter"],
        ),
        FeatureSpec(
            "Augmented reality",
            "AR apps and measuring with the camera",
            "Discovery",
            {"M": 3, "O": 10, "A": 46, "I": 36, "R": 3, "Q": 2},
            4.8,
            effort=9,
            tags=["delighter"],
            segment_shift={"senior": {"I": 25}},
        ),
        FeatureSpec(
            "Unique design",
            "A design that stands out from every other phone",
            "Discovery",
            {"M": 5, "O": 16, "A": 44, "I": 31, "R": 2, "Q": 2},
            5.9,
            effort=6,
            tags=["delighter"],
        ),
        FeatureSpec(
            "Built-in compass",
            "A compass sensor and app",
            "Post-purchase support",
            {"M": 4, "O": 6, "A": 14, "I": 72, "R": 2, "Q": 2},
            3.1,
            effort=1,
        ),
        FeatureSpec(
            "Confusing interface",
            "Many layered menus and gestures to learn",
            "Post-purchase support",
            {"M": 2, "O": 3, "A": 4, "I": 24, "R": 64, "Q": 3},
            2.2,
            effort=4,
        ),
    ],
    nps=((0.24, 0.38, 0.38), (0.19, 0.36, 0.45)),
    csat=(3.8, 4.0),
    # The journey tells the articles' story: delighters sell the phone, basics make or
    # break it after the purchase (dropped calls, a confusing first setup, repairs), and
    # the camera and design turn owners into advocates.
    touchpoints=[
        dict(
            id="social-ads",
            stage="Discovery",
            name="Social media ads",
            channel="social",
            description="Short videos of face unlock, AR effects and the new design",
            emotion=1,
            opportunities=["Show the camera at night"],
            evidence="partly backed",
            features=["face_recognition", "augmented_reality", "unique_design"],
        ),
        dict(
            id="review-sites",
            stage="Consideration",
            name="Review sites",
            channel="web",
            description="Benchmarks of processor speed, battery life and photos",
            emotion=0,
            pain_points=["Spec sheets are hard to compare"],
            opportunities=["Publish real-world battery tests"],
            evidence="data-backed",
            features=["processor", "battery", "camera"],
        ),
        dict(
            id="store-demo",
            stage="Consideration",
            name="In-store demo",
            channel="store",
            description="Holding the phone and trying the camera",
            emotion=1,
            opportunities=["Let visitors take a photo home"],
            evidence="partly backed",
            features=["unique_design", "camera"],
        ),
        dict(
            id="store-checkout",
            stage="Purchase",
            name="Store checkout",
            channel="store",
            description="Buying the phone and moving the SIM and number",
            emotion=1,
            pain_points=["Number transfer can take a day"],
            evidence="data-backed",
            features=["calls", "messaging", "internet"],
        ),
        dict(
            id="first-setup",
            stage="Post-purchase support",
            name="First setup",
            channel="device",
            description="Setting up the phone and learning the menus",
            emotion=-2,
            pain_points=["Layered menus confuse new users", "Gestures are not explained"],
            opportunities=["A guided tour of the interface"],
            evidence="data-backed",
            features=["confusing_interface", "built_in_compass"],
        ),
        dict(
            id="dropped-calls",
            stage="Post-purchase support",
            name="Dropped calls",
            channel="phone",
            description="Calling support because calls drop in lifts",
            emotion=-1,
            pain_points=["Calls drop when the signal changes"],
            opportunities=["Push the network fix as an update"],
            evidence="data-backed",
            features=["calls"],
        ),
        dict(
            id="battery-support",
            stage="Post-purchase support",
            name="Battery questions",
            channel="chat",
            description="Customers asking why the battery drains",
            emotion=-1,
            pain_points=["Battery drains after updates"],
            opportunities=["Battery tips in the first week"],
            evidence="partly backed",
            features=["battery"],
        ),
        dict(
            id="warranty-repair",
            stage="Post-purchase support",
            name="Warranty repair",
            channel="store",
            description="Bringing a phone in for repair",
            emotion=-1,
            pain_points=["No loan phone while it is repaired"],
            evidence="assumption",
        ),
        dict(
            id="photo-sharing",
            stage="Advocacy",
            name="Sharing photos",
            channel="social",
            description="Owners post night shots taken with the phone",
            emotion=2,
            opportunities=["A monthly photo contest"],
            evidence="partly backed",
            features=["camera"],
        ),
        dict(
            id="referral-programme",
            stage="Advocacy",
            name="Refer a friend",
            channel="app",
            description="A discount for each friend who buys",
            emotion=1,
            opportunities=["Invite promoters right after a great camera moment"],
            evidence="partly backed",
            features=["camera", "unique_design"],
        ),
    ],
    personas=[
        dict(
            id="power-user",
            name="Power user",
            description="Upgrades every year; reads benchmarks",
            emotions={
                "social-ads": 1,
                "review-sites": 1,
                "store-demo": 2,
                "store-checkout": 1,
                "first-setup": 0,
                "dropped-calls": -1,
                "battery-support": -2,
                "warranty-repair": -1,
                "photo-sharing": 2,
                "referral-programme": 2,
            },
        ),
        dict(
            id="senior",
            name="Senior customer",
            description="Wants calls and messages to just work",
            emotions={
                "social-ads": -1,
                "review-sites": -1,
                "store-demo": 1,
                "store-checkout": 0,
                "first-setup": -2,
                "dropped-calls": -2,
                "battery-support": -1,
                "warranty-repair": -1,
                "photo-sharing": 0,
                "referral-programme": 1,
            },
        ),
    ],
    kpi_periods=[
        dict(
            label="2025 H2",
            start="2025-07-01",
            end="2025-12-31",
            customers_start=11400,
            customers_end=12000,
            customers_new=1950,
            customers_new_by_referral=250,
            referrals_made=470,
            referral_definition="new customers who entered a friend's "
            "referral code at checkout, over all new customers",
        ),
        dict(
            label="2026 H1",
            start="2026-01-01",
            end="2026-06-30",
            customers_start=12000,
            customers_end=12800,
            customers_new=2100,
            customers_new_by_referral=310,
            referrals_made=540,
            referral_definition="new customers who entered a friend's "
            "referral code at checkout, over all new customers",
        ),
        dict(
            label="2026 H2",
            start="2026-07-01",
            end="2026-12-31",
            customers_start=12800,
            customers_end=13900,
            customers_new=2300,
            customers_new_by_referral=460,
            referrals_made=780,
            referral_definition="new customers who entered a friend's "
            "referral code at checkout, over all new customers",
        ),
    ],
    seed=20260315,
)

SUPPORT_DESK = SampleSpec(
    directory="support-desk",
    name="Support desk",
    description="Post-purchase support: which support features keep customers, and which "
    "turn them into advocates?",
    prefix="SD",
    respondents=300,
    waves=("2026-04-01", "2026-10-01"),
    segments={
        "tier": {"standard": 0.6, "premium": 0.25, "business": 0.15},
        "channel": {"email": 0.45, "phone": 0.3, "chat": 0.25},
    },
    features=[
        FeatureSpec(
            "Knowledge base",
            "Searchable articles and how-to guides",
            "Post-purchase support",
            {"M": 52, "O": 22, "A": 6, "I": 17, "R": 1, "Q": 2},
            7.8,
            effort=3,
        ),
        FeatureSpec(
            "Ticket status tracking",
            "See where your request stands",
            "Post-purchase support",
            {"M": 58, "O": 16, "A": 6, "I": 17, "R": 1, "Q": 2},
            8.0,
            effort=2,
        ),
        FeatureSpec(
            "Live chat",
            "Talk to a person within two minutes",
            "Post-purchase support",
            {"M": 18, "O": 50, "A": 16, "I": 14, "R": 1, "Q": 1},
            7.9,
            effort=6,
            drift={"O": 6, "A": -6},
        ),
        FeatureSpec(
            "Fast response time",
            "Answers within one working hour",
            "Post-purchase support",
            {"M": 25, "O": 54, "A": 8, "I": 11, "R": 1, "Q": 1},
            8.5,
            effort=7,
        ),
        FeatureSpec(
            "Personalised follow-ups",
            "A call a week after a problem was solved",
            "Advocacy",
            {"M": 5, "O": 18, "A": 48, "I": 26, "R": 2, "Q": 1},
            6.2,
            effort=4,
            segment_shift={"premium": {"A": 10}},
        ),
        FeatureSpec(
            "Surprise gifts",
            "An unexpected thank-you gift after a long case",
            "Advocacy",
            {"M": 2, "O": 6, "A": 52, "I": 36, "R": 3, "Q": 1},
            4.9,
            effort=3,
        ),
        FeatureSpec(
            "Exclusive premium access",
            "Early access to premium features",
            "Advocacy",
            {"M": 3, "O": 12, "A": 47, "I": 34, "R": 3, "Q": 1},
            5.6,
            effort=5,
            segment_shift={"business": {"O": 15}},
        ),
        FeatureSpec(
            "Personalised recommendations",
            "Tips based on how you use the product",
            "Post-purchase support",
            {"M": 3, "O": 14, "A": 40, "I": 37, "R": 5, "Q": 1},
            5.1,
            effort=5,
            drift={"A": -12, "I": 12},
        ),
        FeatureSpec(
            "Satisfaction survey after every contact",
            "A survey email after each ticket",
            "Post-purchase support",
            {"M": 3, "O": 4, "A": 6, "I": 44, "R": 41, "Q": 2},
            2.6,
            effort=1,
        ),
        FeatureSpec(
            "Chatbot-only support",
            "No human agent unless you insist",
            "Post-purchase support",
            {"M": 2, "O": 3, "A": 6, "I": 27, "R": 60, "Q": 2},
            2.0,
            effort=4,
        ),
    ],
    nps=((0.31, 0.34, 0.35), (0.22, 0.35, 0.43)),
    csat=(3.5, 3.9),
    # Post-purchase support is where this journey is won or lost: the first ticket
    # leaves customers in the dark (ticket tracking, a basic need, is not delivered), the
    # bot loops, surveys pile up; personal follow-ups and small surprises make advocates.
    touchpoints=[
        dict(
            id="help-centre-search",
            stage="Discovery",
            name="Help centre search",
            channel="web",
            description="Prospects check how good the support is",
            emotion=0,
            opportunities=["Show response times publicly"],
            evidence="assumption",
            features=["knowledge_base"],
        ),
        dict(
            id="plan-comparison",
            stage="Consideration",
            name="Support plan comparison",
            channel="web",
            description="Choosing between standard and premium support",
            emotion=0,
            pain_points=["Premium benefits are vague"],
            opportunities=["Spell out premium response times"],
            evidence="partly backed",
            features=["exclusive_premium_access", "fast_response_time"],
        ),
        dict(
            id="onboarding-call",
            stage="Purchase",
            name="Onboarding call",
            channel="phone",
            description="A welcome call that sets expectations for support",
            emotion=1,
            opportunities=["Introduce the knowledge base and ticket tracking"],
            evidence="partly backed",
            features=["knowledge_base"],
        ),
        dict(
            id="kb-self-help",
            stage="Post-purchase support",
            name="Self-help articles",
            channel="web",
            description="Customers try to solve the problem themselves",
            emotion=0,
            pain_points=["Articles are out of date after releases"],
            opportunities=["Suggest articles while the ticket is typed"],
            evidence="data-backed",
            features=["knowledge_base", "personalised_recommendations"],
        ),
        dict(
            id="first-ticket",
            stage="Post-purchase support",
            name="First support ticket",
            channel="email",
            description="The first time a customer needs help",
            emotion=-1,
            pain_points=["No idea when an answer will come"],
            opportunities=["Show ticket status and expected reply time"],
            evidence="data-backed",
            features=["ticket_status_tracking", "fast_response_time"],
        ),
        dict(
            id="chat-escalation",
            stage="Post-purchase support",
            name="Chat escalation",
            channel="chat",
            description="From the bot to a person",
            emotion=-2,
            pain_points=["The bot loops", "Customers repeat their problem"],
            opportunities=["Hand over to a person after one failed answer"],
            evidence="data-backed",
            features=["live_chat", "chatbot_only_support"],
        ),
        dict(
            id="survey-fatigue",
            stage="Post-purchase support",
            name="Survey emails",
            channel="email",
            description="A survey after every contact",
            emotion=-1,
            pain_points=["Too many survey emails"],
            opportunities=["Ask once per solved case"],
            evidence="partly backed",
            features=["satisfaction_survey_after_every_contact"],
        ),
        dict(
            id="follow-up-call",
            stage="Advocacy",
            name="Follow-up call",
            channel="phone",
            description="A personal call a week after the problem was solved",
            emotion=2,
            opportunities=["Ask happy customers for a review"],
            evidence="partly backed",
            features=["personalised_follow_ups"],
        ),
        dict(
            id="thank-you-gift",
            stage="Advocacy",
            name="Thank-you gift",
            channel="post",
            description="A surprise gift after a long case",
            emotion=2,
            evidence="assumption",
            features=["surprise_gifts"],
        ),
        dict(
            id="premium-preview",
            stage="Advocacy",
            name="Premium preview",
            channel="app",
            description="Early access to new features for loyal customers",
            emotion=1,
            opportunities=["Invite promoters to the beta programme"],
            evidence="assumption",
            features=["exclusive_premium_access"],
        ),
        dict(
            id="referral-invite",
            stage="Advocacy",
            name="Refer a colleague",
            channel="email",
            description="An invitation to refer a colleague after a solved case",
            emotion=1,
            opportunities=["Send it right after the follow-up call"],
            evidence="partly backed",
        ),
    ],
    personas=[
        dict(
            id="busy-admin",
            name="Busy IT admin",
            description="Needs answers fast; hates repeating themselves",
            emotions={
                "help-centre-search": 0,
                "kb-self-help": -1,
                "first-ticket": -2,
                "chat-escalation": -2,
                "survey-fatigue": -2,
                "follow-up-call": 1,
                "referral-invite": 0,
            },
        ),
        dict(
            id="loyal-fan",
            name="Loyal fan",
            description="Long-time customer who recommends the product",
            emotions={
                "onboarding-call": 2,
                "first-ticket": 0,
                "chat-escalation": -1,
                "follow-up-call": 2,
                "thank-you-gift": 2,
                "premium-preview": 2,
                "referral-invite": 2,
            },
        ),
    ],
    kpi_periods=[
        dict(
            label="2025 H2",
            start="2025-07-01",
            end="2025-12-31",
            customers_start=4050,
            customers_end=4200,
            customers_new=571,
            customers_new_by_referral=46,
            referrals_made=81,
            referral_definition="new customers who named a referring "
            "customer at sign-up, over all new customers",
        ),
        dict(
            label="2026 H1",
            start="2026-01-01",
            end="2026-06-30",
            customers_start=4200,
            customers_end=4310,
            customers_new=520,
            customers_new_by_referral=61,
            referrals_made=95,
            referral_definition="new customers who named a referring "
            "customer at sign-up, over all new customers",
        ),
        dict(
            label="2026 H2",
            start="2026-07-01",
            end="2026-12-31",
            customers_start=4310,
            customers_end=4620,
            customers_new=610,
            customers_new_by_referral=118,
            referrals_made=170,
            referral_definition="new customers who named a referring "
            "customer at sign-up, over all new customers",
        ),
    ],
    seed=20260401,
)


def main() -> None:
    for spec in (SMARTPHONE, SUPPORT_DESK):
        directory = build(spec)
        print(f"wrote {directory.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
