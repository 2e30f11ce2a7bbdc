"""Are customers becoming advocates? NPS, CSAT, KPI periods and the Kano lifecycle.

Every figure here has its formula in ``docs/journey-and-advocacy.md``:

- NPS from the ``nps`` column (0-10): promoters answer 9-10, detractors 0-6;
  NPS = 100 (p - d) with p and d the shares of promoters and detractors, its 95% margin
  of error 1.96 * 100 * sqrt((p + d - (p - d)^2) / n), and a change between two waves
  significant when |delta| > 1.96 * sqrt(SE1^2 + SE2^2).
- CSAT from the ``csat`` column (1-5), as the top-2-box percentage (answers 4 and 5) and
  as the mean.
- KPI periods (kept in ``kano.toml``): retention (E - N) / S, churn, growth, referral
  rate and referral conversion.
- The lifecycle: each feature's category per wave and how it migrated (A to O to M),
  with evidence older than ``settings.stale_after_days`` flagged.

Figures are counted with ``numpy.bincount`` over group codes: no loop over respondents.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from kano_tui.engine.analysis.evaluation import STANDARD_TABLE, EvaluationTable
from kano_tui.engine.analysis.figures import CATEGORIES, Analysis
from kano_tui.engine.customers.kpi import KPI_COUNTS, kpi_problem
from kano_tui.engine.importing.survey import CSAT, NPS, WAVE
from kano_tui.engine.project.model import ImportRecord, KpiPeriod, Project
from kano_tui.engine.project.storage import Responses
from kano_tui.errors import KanoError

if TYPE_CHECKING:
    from kano_tui.session.workspace import Workspace

Z95 = 1.96  # the normal quantile of a two-sided 95% interval
PROMOTER_MIN, DETRACTOR_MAX = 9, 6  # NPS: 9-10 promoters, 7-8 passives, 0-6 detractors
NPS_SCALE = (0, 10)
CSAT_SCALE = (1, 5)
CSAT_TOP_BOX_MIN = 4  # top-2-box: 4 and 5 on the 1-5 scale
# Kano's lifecycle: features tend to move indifferent -> attractive -> one-dimensional ->
# must-be as customers get used to them.
LIFECYCLE_ORDER: tuple[str, ...] = ("I", "A", "O", "M")

DEFINITIONS: dict[str, str] = {
    "nps": "100 x (promoters - detractors) / respondents who answered nps; "
    "promoters 9-10, detractors 0-6",
    "nps_margin": "95% margin of error: 1.96 x 100 x sqrt((p + d - (p - d)^2) / n)",
    "nps_change": "significant when |NPS2 - NPS1| > 1.96 x sqrt(SE1^2 + SE2^2), "
    "SE = 100 x sqrt((p + d - (p - d)^2) / n)",
    "csat_top2": "CSAT top-2-box %: 100 x answers of 4 or 5 / answers (1-5 scale)",
    "csat_mean": "CSAT mean: the mean answer on the 1-5 scale",
    "retention": "100 x (customers at end - new customers) / customers at start",
    "churn": "100 - retention",
    "growth": "100 x (customers at end - customers at start) / customers at start",
    "referral_rate": "100 x new customers by referral / new customers "
    "(what counts as a referral: the period's referral_definition)",
    "referral_conversion": "100 x new customers by referral / referrals made",
}


# --------------------------------------------------------------------------- NPS


def nps_standard_error(p: float, d: float, n: float) -> float:
    """The standard error of an NPS, in NPS points: 100 sqrt((p + d - (p - d)^2) / n)."""
    return 100.0 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / n)


def nps_margin(p: float, d: float, n: int) -> float:
    """The 95% margin of error of an NPS: 1.96 x 100 x sqrt((p + d - (p - d)^2) / n)."""
    return Z95 * nps_standard_error(p, d, n)


@dataclass(frozen=True)
class NpsFigure:
    """Promoters, passives and detractors among ``n`` answers, and what follows."""

    promoters: float = 0  # sums of weights when weighted
    passives: float = 0
    detractors: float = 0
    respondents: int | None = None  # weighted: the respondents who answered
    n_effective: float | None = None  # weighted: Kish's effective sample size

    @property
    def total(self) -> float:
        """Promoters + passives + detractors: the sum of weights when weighted."""
        return self.promoters + self.passives + self.detractors

    @property
    def n(self) -> int:
        """The respondents who answered (weighted or not)."""
        return int(self.total) if self.respondents is None else self.respondents

    @property
    def p(self) -> float | None:
        return self.promoters / self.total if self.total else None

    @property
    def d(self) -> float | None:
        return self.detractors / self.total if self.total else None

    @property
    def nps(self) -> float | None:
        return 100.0 * (self.promoters - self.detractors) / self.total if self.total else None

    @property
    def standard_error(self) -> float | None:
        size = self.n if self.n_effective is None else self.n_effective
        if not self.total or not size:
            return None
        return nps_standard_error(self.p or 0.0, self.d or 0.0, size)

    @property
    def margin(self) -> float | None:
        return None if self.standard_error is None else Z95 * self.standard_error


@dataclass(frozen=True)
class NpsChange:
    """The change of NPS from one wave to the next and whether it is significant."""

    from_wave: str
    delta: float
    threshold: float  # 1.96 sqrt(SE1^2 + SE2^2)
    significant: bool


def nps_change(before: NpsFigure, after: NpsFigure, from_wave: str = "") -> NpsChange | None:
    """Significant when |delta| > 1.96 sqrt(SE1^2 + SE2^2); None when a side has no answers."""
    if before.nps is None or after.nps is None:
        return None
    se1, se2 = before.standard_error or 0.0, after.standard_error or 0.0
    delta = after.nps - before.nps
    threshold = Z95 * math.sqrt(se1**2 + se2**2)
    return NpsChange(from_wave, delta, threshold, abs(delta) > threshold)


def nps_from_scores(scores: Iterable[int] | np.ndarray) -> NpsFigure:
    """An NPS from raw 0-10 answers (other values, like -1 for blank, are ignored)."""
    values = np.asarray(list(scores) if not isinstance(scores, np.ndarray) else scores)
    return _nps_from_histogram(
        _histograms(values, np.zeros(len(values), np.int64), 1, *NPS_SCALE)[0]
    )


def _nps_from_histogram(histogram: np.ndarray, weighted: tuple | None = None) -> NpsFigure:
    """``weighted`` = (weighted histogram, histogram of squared weights) when weighted."""
    if weighted is not None:
        sums, squares = weighted
        from kano_tui.engine.analysis.intervals import kish

        return NpsFigure(
            promoters=float(sums[PROMOTER_MIN:].sum()),
            passives=float(sums[DETRACTOR_MAX + 1 : PROMOTER_MIN].sum()),
            detractors=float(sums[: DETRACTOR_MAX + 1].sum()),
            respondents=int(histogram.sum()),
            n_effective=float(kish(sums.sum(), squares.sum())),
        )
    return NpsFigure(
        promoters=int(histogram[PROMOTER_MIN:].sum()),
        passives=int(histogram[DETRACTOR_MAX + 1 : PROMOTER_MIN].sum()),
        detractors=int(histogram[: DETRACTOR_MAX + 1].sum()),
    )


# --------------------------------------------------------------------------- CSAT


@dataclass(frozen=True, kw_only=True)
class CsatFigure:
    """CSAT answers (1-5): the top-2-box share and the mean, kept apart and labelled."""

    n: int = 0  # the respondents who answered
    top2: float = 0  # answers of 4 or 5 (sums of weights when weighted)
    total: float = 0  # the sum of the answers, for the mean
    weight_sum: float | None = None  # weighted: the sum of the answerers' weights

    @property
    def top2_percent(self) -> float | None:
        base = self.n if self.weight_sum is None else self.weight_sum
        return 100.0 * self.top2 / base if base else None

    @property
    def mean(self) -> float | None:
        base = self.n if self.weight_sum is None else self.weight_sum
        return self.total / base if base else None


def _csat_from_histogram(histogram: np.ndarray, weighted: tuple | None = None) -> CsatFigure:
    scale = np.arange(CSAT_SCALE[0], CSAT_SCALE[1] + 1)
    if weighted is not None:
        sums = weighted[0]
        return CsatFigure(
            n=int(histogram.sum()),
            top2=float(sums[CSAT_TOP_BOX_MIN - CSAT_SCALE[0] :].sum()),
            total=float((sums * scale).sum()),
            weight_sum=float(sums.sum()),
        )
    return CsatFigure(
        n=int(histogram.sum()),
        top2=int(histogram[CSAT_TOP_BOX_MIN - CSAT_SCALE[0] :].sum()),
        total=int((histogram * scale).sum()),
    )


# --------------------------------------------------------------------------- per wave and segment


def _histograms(
    values: np.ndarray,
    codes: np.ndarray,
    n_groups: int,
    low: int,
    high: int,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """(n_groups, high - low + 1) counts (sums of ``weights``) of the answers
    ``low..high`` per group code; blanks (outside the scale) and respondents without a
    group (-1) are left out."""
    width = high - low + 1
    values = np.asarray(values, dtype=np.int64)
    keep = (codes >= 0) & (values >= low) & (values <= high)
    index = codes[keep].astype(np.int64) * width + (values[keep] - low)
    return np.bincount(
        index, weights=None if weights is None else weights[keep], minlength=n_groups * width
    ).reshape(n_groups, width)


@dataclass(frozen=True)
class AdvocacyPoint:
    """NPS and CSAT of one group of respondents (one wave, or all waves pooled)."""

    wave: str | None  # None: every respondent of the series, whatever their wave
    nps: NpsFigure
    csat: CsatFigure
    change: NpsChange | None = None  # from the previous wave of the same series


@dataclass(frozen=True)
class AdvocacySeries:
    """Advocacy figures of all respondents or of one segment, overall and wave by wave."""

    column: str | None  # the segment column; None for all respondents
    value: str | None
    total: AdvocacyPoint
    waves: tuple[AdvocacyPoint, ...]

    @property
    def label(self) -> str:
        return "all respondents" if self.column is None else f"{self.column} = {self.value}"


def _codes(responses: Responses, column: str) -> tuple[np.ndarray, list[Any]]:
    from kano_tui.engine.analysis.run import group_codes

    return group_codes(responses, column)


def _scale_column(responses: Responses, column: str) -> np.ndarray:
    return responses.numbers(column)


def _series_histograms(
    values: np.ndarray,
    series: np.ndarray,
    waves: np.ndarray,
    n_series: int,
    slots: int,
    low: int,
    high: int,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Counts per (series, wave) slot; each series' last slot pools all its respondents."""
    in_wave = np.where((series >= 0) & (waves >= 0), series * slots + waves, -1)
    pooled = np.where(series >= 0, series * slots + slots - 1, -1)
    counts: np.ndarray = _histograms(
        values, in_wave, n_series * slots, low, high, weights
    ) + _histograms(values, pooled, n_series * slots, low, high, weights)
    return counts


def _summed(histograms: Iterable[np.ndarray]) -> np.ndarray:
    """The element-wise sum of one histogram per series."""
    total: np.ndarray = np.add.reduce(list(histograms))
    return total


def advocacy_series(
    responses: Responses, by: str | None = None, weights: np.ndarray | None = None
) -> list[AdvocacySeries]:
    """All respondents first, then one series per value of the segment column ``by``;
    ``weights`` (one per respondent) weights NPS and CSAT (n_effective by Kish)."""
    n = len(responses)
    if WAVE in responses and n:
        wave_codes, waves = _codes(responses, WAVE)
    else:
        wave_codes, waves = np.full(n, -1, dtype=np.int64), []
    labels: list[tuple[str | None, Any]] = [(None, None)]
    series_codes = [np.zeros(n, dtype=np.int64)]  # series 0: every respondent
    if by is not None:
        segment_codes, values = _codes(responses, by)
        labels += [(by, value) for value in values]
        series_codes.append(np.where(segment_codes >= 0, segment_codes + 1, -1))
    slots = len(waves) + 1
    nps, csat = _scale_column(responses, NPS), _scale_column(responses, CSAT)
    nps_hist = _summed(
        _series_histograms(nps, codes, wave_codes, len(labels), slots, *NPS_SCALE)
        for codes in series_codes
    )
    csat_hist = _summed(
        _series_histograms(csat, codes, wave_codes, len(labels), slots, *CSAT_SCALE)
        for codes in series_codes
    )
    nps_w = csat_w = None
    if weights is not None:
        from kano_tui.engine.analysis.weights import normalised

        unit = normalised(np.asarray(weights, dtype=np.float64))
        nps_w = [
            _summed(
                _series_histograms(nps, codes, wave_codes, len(labels), slots, *NPS_SCALE, ws)
                for codes in series_codes
            )
            for ws in (unit, unit * unit)
        ]
        csat_w = [
            _summed(
                _series_histograms(csat, codes, wave_codes, len(labels), slots, *CSAT_SCALE, ws)
                for codes in series_codes
            )
            for ws in (unit, unit * unit)
        ]

    def slot(hists: list[np.ndarray] | None, i: int) -> tuple | None:
        return None if hists is None else (hists[0][i], hists[1][i])

    result = []
    for index, (column, value) in enumerate(labels):
        first = index * slots
        points: list[AdvocacyPoint] = []
        for w, wave in enumerate(waves):
            figure = _nps_from_histogram(nps_hist[first + w], slot(nps_w, first + w))
            change = nps_change(points[-1].nps, figure, str(points[-1].wave)) if points else None
            points.append(
                AdvocacyPoint(
                    str(wave),
                    figure,
                    _csat_from_histogram(csat_hist[first + w], slot(csat_w, first + w)),
                    change,
                )
            )
        last = first + slots - 1
        total = AdvocacyPoint(
            None,
            _nps_from_histogram(nps_hist[last], slot(nps_w, last)),
            _csat_from_histogram(csat_hist[last], slot(csat_w, last)),
        )
        result.append(
            AdvocacySeries(column, None if value is None else str(value), total, tuple(points))
        )
    return result


def nps_by_feature_category(
    project: Project,
    responses: Responses,
    category: str,
    feature_ids: Sequence[str] | None = None,
    table: EvaluationTable = STANDARD_TABLE,
) -> dict[str, NpsFigure]:
    """For each feature, the NPS of the respondents whose answer pair puts it in
    ``category`` under ``table`` (e.g. the customers for whom it is must-be)."""
    feature_ids = list(project.feature_ids() if feature_ids is None else feature_ids)
    if not feature_ids or NPS not in responses or not len(responses):
        return {}
    functional = responses.answers(feature_ids, "functional")
    dysfunctional = responses.answers(feature_ids, "dysfunctional")
    member = table.masks()[CATEGORIES.index(category)].astype(bool)[functional, dysfunctional]
    nps = _scale_column(responses, NPS)[:, None]
    promoters = (member & (nps >= PROMOTER_MIN) & (nps <= NPS_SCALE[1])).sum(axis=0)
    passives = (member & (nps > DETRACTOR_MAX) & (nps < PROMOTER_MIN)).sum(axis=0)
    detractors = (member & (nps >= NPS_SCALE[0]) & (nps <= DETRACTOR_MAX)).sum(axis=0)
    return {
        fid: NpsFigure(int(promoters[j]), int(passives[j]), int(detractors[j]))
        for j, fid in enumerate(feature_ids)
    }


# --------------------------------------------------------------------------- KPI periods

KPI_LABELS: dict[str, str] = {
    "customers_start": "customers at start (S)",
    "customers_end": "customers at end (E)",
    "customers_new": "new customers (N)",
    "customers_new_by_referral": "new customers by referral",
    "referrals_made": "referrals made",
}


def retention_rate(start: int, new: int, end: int) -> float | None:
    """Retention in percent: 100 (E - N) / S; None when there were no customers at start."""
    return 100.0 * (end - new) / start if start > 0 else None


def _percent(numerator: int, denominator: int) -> float | None:
    return 100.0 * numerator / denominator if denominator > 0 else None


@dataclass(frozen=True, kw_only=True)
class KpiFigures:
    """What one KPI period says: every rate in percent, None when undefined."""

    period: KpiPeriod
    retention: float | None
    churn: float | None
    growth: float | None
    referral_rate: float | None
    referral_conversion: float | None

    @classmethod
    def of(cls, period: KpiPeriod) -> KpiFigures:
        retention = retention_rate(
            period.customers_start, period.customers_new, period.customers_end
        )
        return cls(
            period=period,
            retention=retention,
            churn=None if retention is None else 100.0 - retention,
            growth=_percent(period.customers_end - period.customers_start, period.customers_start),
            referral_rate=_percent(period.customers_new_by_referral, period.customers_new),
            referral_conversion=_percent(period.customers_new_by_referral, period.referrals_made),
        )


def find_kpi_period(project: Project, label: str) -> KpiPeriod:
    wanted = label.strip().lower()
    for period in project.kpi_periods:
        if period.label.strip().lower() == wanted:
            return period
    labels = ", ".join(repr(p.label) for p in project.kpi_periods) or "none"
    raise KanoError(f"There is no KPI period {label!r}; periods: {labels}.")


def _checked(period: KpiPeriod, project: Project, replacing: KpiPeriod | None) -> KpiPeriod:
    problem = kpi_problem(period)
    if problem:
        raise KanoError(problem[0].upper() + problem[1:] + ".")
    for other in project.kpi_periods:
        if other is not replacing and other.label.strip().lower() == period.label.lower():
            raise KanoError(f"A KPI period labelled {period.label!r} already exists.")
    return period


KPI_FIELDS: tuple[str, ...] = ("label", "start", "end", *KPI_COUNTS, "referral_definition")


def _kpi_values(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(KPI_FIELDS)
    if unknown:
        raise KanoError(f"A KPI period has no field {sorted(unknown)[0]!r}.")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if value is None:
            continue
        if name in KPI_COUNTS:
            if isinstance(value, str):
                try:
                    value = int(value.strip())
                except ValueError:
                    raise KanoError(
                        f"The {KPI_LABELS[name]} {value!r} is not a whole number."
                    ) from None
            if isinstance(value, bool) or not isinstance(value, int):
                raise KanoError(f"The {KPI_LABELS[name]} {value!r} is not a whole number.")
        else:
            value = " ".join(str(value).split())
        clean[name] = value
    return clean


def add_kpi_period(project: Project, label: str, **values: Any) -> KpiPeriod:
    """A new KPI period after the others; every value is checked first."""
    clean = _kpi_values({"label": label, **values})
    period = _checked(KpiPeriod(**clean), project, None)
    project.kpi_periods.append(period)
    return period


def edit_kpi_period(project: Project, key: str, /, **changes: Any) -> KpiPeriod:
    """Change fields of the KPI period labelled ``key`` (``label=`` renames it); nothing
    changes unless the result is sound."""
    period = find_kpi_period(project, key)
    updated = _checked(replace(period, **_kpi_values(changes)), project, period)
    project.kpi_periods[project.kpi_periods.index(period)] = updated
    return updated


def remove_kpi_period(project: Project, label: str) -> KpiPeriod:
    period = find_kpi_period(project, label)
    project.kpi_periods.remove(period)
    return period


# --------------------------------------------------------------------------- lifecycle

_PERIOD = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{1,2})|[Qq](?P<quarter>[1-4])"
    r"|[Hh](?P<half>[12])))?$"
)


def wave_date(label: str, imports: Sequence[ImportRecord] = ()) -> dt.date | None:
    """The date a wave's evidence dates from.

    An ISO date (``2026-03-15``) or timestamp is used as is; a period (``2026``,
    ``2026-03``, ``2026-Q3``, ``2026-H1``) counts from its last day, so evidence is never
    called older than it can be. Any other label takes the newest import date of the
    imports given that wave; otherwise the wave is undated (None).
    """
    text = label.strip()
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    match = _PERIOD.match(text)
    if match:
        year = int(match["year"])
        if match["month"]:
            month = int(match["month"])
        elif match["quarter"]:
            month = 3 * int(match["quarter"])
        elif match["half"]:
            month = 6 * int(match["half"])
        else:
            month = 12
        if 1 <= month <= 12:
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
    dates = [
        day
        for record in imports
        if record.wave == text
        for day in [_import_day(record.imported_at)]
        if day is not None
    ]
    return max(dates) if dates else None


def _import_day(stamp: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(stamp).date()
    except ValueError:
        return None


@dataclass(frozen=True, kw_only=True)
class LifecycleRow:
    """How one feature's category moved from wave to wave, and how old its evidence is."""

    feature: str
    name: str
    categories: tuple[str | None, ...]  # per wave, in wave order
    path: str  # the categories it went through, e.g. "A→O→M"; "" without answers
    trend: str  # stable, maturing (I→A→O→M), reverting, mixed, or no data
    last_wave: str | None  # the last wave that has answers for it
    evidence_date: dt.date | None
    age_days: int | None
    stale: bool  # evidence older than settings.stale_after_days

    @property
    def changed(self) -> bool:
        return "→" in self.path


@dataclass(frozen=True)
class Lifecycle:
    waves: tuple[str, ...]
    wave_dates: tuple[dt.date | None, ...]
    rows: tuple[LifecycleRow, ...]
    stale_after_days: int
    today: dt.date

    @property
    def migrations(self) -> list[LifecycleRow]:
        return [row for row in self.rows if row.changed]

    @property
    def stale(self) -> list[LifecycleRow]:
        return [row for row in self.rows if row.stale]


def _trend(path: list[str]) -> str:
    if not path:
        return "no data"
    if len(path) == 1:
        return "stable"
    if any(letter not in LIFECYCLE_ORDER for letter in path):
        return "mixed"
    ranks = [LIFECYCLE_ORDER.index(letter) for letter in path]
    steps = np.diff(ranks)
    if (steps > 0).all():
        return "maturing"
    if (steps < 0).all():
        return "reverting"
    return "mixed"


def lifecycle(project: Project, by_wave: Analysis, today: dt.date | None = None) -> Lifecycle:
    """Each feature's category per wave (``by_wave`` is an analysis ``by="wave"``)."""
    today = today or dt.date.today()
    waves = tuple(str(group.value) for group in by_wave.groups)
    dates = tuple(wave_date(wave, project.imports) for wave in waves)
    limit = project.settings.stale_after_days
    feature_ids = project.feature_ids()
    names = {f.id: f.name for f in project.features}
    # features x waves tables of categories and answer counts
    categories = np.full((len(feature_ids), len(waves)), None, dtype=object)
    counts = np.zeros((len(feature_ids), len(waves)), dtype=np.int64)
    row_of = {feature_id: i for i, feature_id in enumerate(feature_ids)}
    for w, group in enumerate(by_wave.groups):  # typed results: no DataFrame, no pandas
        for result in by_wave.results(group):
            i = row_of.get(result.id)
            if i is not None:
                categories[i, w] = result.category if isinstance(result.category, str) else None
                counts[i, w] = result.n or 0
    rows = []
    for i, feature_id in enumerate(feature_ids):
        path: list[str] = []
        for letter in categories[i]:
            if letter is not None and (not path or path[-1] != letter):
                path.append(letter)
        answered = np.flatnonzero(counts[i] > 0)
        last = int(answered[-1]) if len(answered) else None
        evidence = dates[last] if last is not None else None
        age = (today - evidence).days if evidence is not None else None
        rows.append(
            LifecycleRow(
                feature=feature_id,
                name=names.get(feature_id, feature_id),
                categories=tuple(categories[i]),
                path="→".join(path),
                trend=_trend(path),
                last_wave=waves[last] if last is not None else None,
                evidence_date=evidence,
                age_days=age,
                stale=age is not None and age > limit,
            )
        )
    return Lifecycle(waves, dates, tuple(rows), limit, today)


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class AdvocacyReport:
    series: tuple[AdvocacySeries, ...]  # all respondents first, then each segment's
    kpis: tuple[KpiFigures, ...]
    lifecycle: Lifecycle
    by: str | None = None
    classifier: str = ""
    definitions: dict[str, str] = field(default_factory=lambda: dict(DEFINITIONS))
    weight: str | None = None  # the weight column, when NPS and CSAT are weighted
    quality: dict[str, Any] | None = None  # the [quality] exclusions applied

    @property
    def overall(self) -> AdvocacySeries:
        return self.series[0]


def advocacy_report(
    workspace: Workspace,
    by: str | None = None,
    classifier: str | None = None,
    today: dt.date | None = None,
    *,
    weight: str | None = None,
) -> AdvocacyReport:
    """Every advocacy figure of an open project; ``by`` adds one series per segment.
    ``weight`` (a column) overrides ``[settings] weight``; the ``[quality]`` exclusions
    apply as in every analysis."""
    from kano_tui.engine.analysis.weights import read_weights, weight_column

    responses = workspace.responses()
    column = weight_column(workspace.project.settings, weight)
    weights = read_weights(responses, column) if column else None
    excluded = workspace.exclusions(responses)
    if excluded is not None:
        responses = responses.subset(excluded.keep)
        weights = None if weights is None else weights[excluded.keep]
    series = advocacy_series(responses, by, weights)
    kpis = tuple(KpiFigures.of(period) for period in workspace.project.kpi_periods)
    if WAVE in responses and len(responses):
        by_wave = workspace.analyze(classifier, by=WAVE, weight=weight)
    else:
        by_wave = Analysis(classifier=workspace.classifier(classifier).name, groups=[])
    return AdvocacyReport(
        tuple(series),
        kpis,
        lifecycle(workspace.project, by_wave, today),
        by,
        by_wave.classifier,
        weight=column,
        quality=None if excluded is None else excluded.as_json(),
    )


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _point_json(point: AdvocacyPoint) -> dict[str, Any]:
    nps, csat = point.nps, point.csat
    out: dict[str, Any] = {
        "wave": point.wave,
        "nps": {
            "n": nps.n,
            "promoters": nps.promoters,
            "passives": nps.passives,
            "detractors": nps.detractors,
            "nps": _round(nps.nps),
            "margin": _round(nps.margin),
            "standard_error": _round(nps.standard_error),
        },
        "csat": {
            "n": csat.n,
            "top2_percent": _round(csat.top2_percent),
            "mean": _round(csat.mean, 3),
        },
    }
    if nps.respondents is not None:  # weighted: n is the respondents, the sums beside
        out["nps"].update(
            weighted_n=_round(nps.total, 4),
            n_effective=_round(nps.n_effective),
            promoters=_round(nps.promoters, 4),
            passives=_round(nps.passives, 4),
            detractors=_round(nps.detractors, 4),
        )
    if csat.weight_sum is not None:
        out["csat"].update(weighted_n=_round(csat.weight_sum, 4))
    if point.change is not None:
        out["change"] = {
            "from": point.change.from_wave,
            "delta": _round(point.change.delta),
            "threshold": _round(point.change.threshold),
            "significant": point.change.significant,
        }
    elif point.wave is not None:
        out["change"] = None
    return out


def advocacy_to_json(report: AdvocacyReport) -> dict[str, Any]:
    """The ``kano advocacy --format json`` object."""
    life = report.lifecycle
    return {
        "by": report.by,
        "series": [
            {
                "segment": None if s.column is None else {"column": s.column, "value": s.value},
                "total": _point_json(s.total),
                "waves": [_point_json(p) for p in s.waves],
            }
            for s in report.series
        ],
        "kpi_periods": [
            {
                "label": k.period.label,
                "start": k.period.start or None,
                "end": k.period.end or None,
                **{name: getattr(k.period, name) for name in KPI_COUNTS},
                "retention": _round(k.retention),
                "churn": _round(k.churn),
                "growth": _round(k.growth),
                "referral_rate": _round(k.referral_rate),
                "referral_conversion": _round(k.referral_conversion),
                "referral_definition": k.period.referral_definition,
            }
            for k in report.kpis
        ],
        "lifecycle": {
            "classifier": report.classifier,
            "waves": [
                {"wave": w, "date": d.isoformat() if d else None}
                for w, d in zip(life.waves, life.wave_dates)
            ],
            "stale_after_days": life.stale_after_days,
            "today": life.today.isoformat(),
            "features": [
                {
                    "id": row.feature,
                    "name": row.name,
                    "categories": list(row.categories),
                    "path": row.path,
                    "trend": row.trend,
                    "changed": row.changed,
                    "last_wave": row.last_wave,
                    "evidence_date": row.evidence_date.isoformat() if row.evidence_date else None,
                    "age_days": row.age_days,
                    "stale": row.stale,
                }
                for row in life.rows
            ],
        },
        "definitions": dict(report.definitions),
        **({"weight": report.weight} if report.weight else {}),
        **({"quality": report.quality} if report.quality else {}),
    }
