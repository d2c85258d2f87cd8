"""Each port chapter's lead chart, the one chart that carries the chapter's main finding, and the flagship's chart.

A port chapter calls ``lead_chart(story)``: ``LEAD_CHARTS`` maps a port id to a function of its ``PortStory`` that
returns the chart's HTML, or None when the figures it needs are not in the ledger (a port without an entry, or
without those figures, is led by its locator map). The functions choose claims by entity and metric, never by
claim id, shape them for charts.py and take every word from templates/lead_charts.html.j2; every number goes
through present/figures.py.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
from markupsafe import Markup

from portbook.present import charts
from portbook.present.figures import significant_digits
from portbook.present.names import metric_words, period_words
from portbook.present.render import drawn
from portbook.present.render import words as chart_words
from portbook.reconcile import flows, ports

WORDS = "lead_charts.html.j2"


def sources(context, claims: pd.DataFrame) -> list[dict]:
    """The outlets and publication dates of these claims' articles, oldest first, for a source line."""
    found = []
    for article_id in sorted(set(claims.article_id), key=lambda a: (context.seeds[a].published, a)):
        info = context.seeds[article_id]
        found.append({"outlet": info.outlet.split(" (")[0], "published": info.published.isoformat()})
    return found


def source_line(context, claims: pd.DataFrame, implied: bool = False) -> str:
    """'Xinhua News Agency, 30 May 2022' (and the note that implied values are our calculation), as plain text."""
    return drawn(chart_words(WORDS, "source", sources=sources(context, claims), implied=implied))


def make_chart(file_name: str, macro_prefix: str, source: str, **values) -> charts.Chart:
    """A chart's words from the template's macros <prefix>_title, _subtitle, _alt and _caption, given the same values."""
    return charts.Chart(
        file_name,
        chart_words(WORDS, f"{macro_prefix}_title", **values),
        chart_words(WORDS, f"{macro_prefix}_subtitle", **values),
        chart_words(WORDS, f"{macro_prefix}_alt", **values),
        chart_words(WORDS, f"{macro_prefix}_caption", **values),
        source,
    )


def one(claims: pd.DataFrame, metric: str, entity: str | None = None):
    """The latest claim of this metric (and entity), or None."""
    mine = claims[(claims.metric == metric) & ((claims.entity == entity) if entity else True)]
    return None if mine.empty else list(mine.sort_values(["period_end", "claim_id"]).itertuples(index=False))[-1]


def reading_name(label: str) -> str:
    """A reading in a reader's words (the template's ``reading_words``), from the name its repair rule gives it."""
    return drawn(chart_words(WORDS, "reading_name", label=label))


def readings(claim) -> list[dict]:
    """A claim's readings: label, low, high (None when open)."""
    return json.loads(claim.readings)


# ---------------------------------------------------------------------------------------------------------------
# Monthly pace: the flagship's implied series (Kashgar's bonded zone) and the vehicles leaving Khorgos.


def flagship_periods(series: pd.DataFrame, sig: int) -> tuple[list[charts.Period], list[dict]]:
    """The implied series as periods to draw: readings of one period merged into one range, a year that holds the
    other periods as its average, reported periods as bars. Also each period's values, for the words."""
    reported = series[series.source == "reported"]
    spans = series.groupby(["period_start", "period_end"], sort=True)
    periods, described = [], []
    for (start, end), rows in spans:
        holds_others = any(
            (s > start or e < end) and s >= start and e <= end for s, e in spans.groups.keys() if (s, e) != (start, end)
        )
        is_reported = (rows.source == "reported").all()
        low, high = rows.per_month_low.min(), rows.per_month_high.max()
        if is_reported and holds_others:
            kind, marks = "average", ()
        elif is_reported:
            kind, marks = "reported", ()
        elif rows.per_month_low.max() == 0:
            kind, marks = "implied", tuple(sorted(set(rows.per_month_high)))[:-1]
        elif len(rows) == 1 and (high - low) <= 0.05 * high:
            kind, marks = "implied", ()
        else:
            kind, marks = "range", tuple(sorted(set(rows.per_month_low)))[1:]
        # which reading each mark is (the subtitle names it): the reading whose bound the line is drawn at
        bound = rows.per_month_high if kind == "implied" else rows.per_month_low
        marked = sorted({reading for reading, value in zip(rows.reading, bound, strict=True) if value in marks})
        others = sorted(set(rows.reading) - set(marked)) if marked else []
        value = {
            "start": start,
            "end": end,
            "kind": kind,
            "low": low,
            "high": high,
            "marks": list(marks),
            "months": float(rows.months.iloc[0]),
            "total_low": rows.low.min(),
            "total_high": rows.high.max(),
            "readings": len(rows),
            "sig": sig,
            "marked": marked,
            "unmarked": others,
        }
        described.append(value)
        periods.append(
            charts.Period(
                pd.Timestamp(start),
                pd.Timestamp(end),
                low,
                high,
                kind,
                drawn(chart_words(WORDS, "pace_value", period=value, scale="million")),
                drawn(chart_words(WORDS, "pace_note", period=value, unit="yuan")),
                marks,
            )
        )
    del reported
    return periods, described


def monthly_pace_html(context, entity: str, metric: str, chart_name: str) -> Markup | None:
    """The flagship chart: an entity's trade per month, 2020 to its latest period, reported and implied."""
    claims = context.claims[(context.claims.entity == entity) & (context.claims.metric == metric)]
    series = flows.implied_series(context.claims, entity, metric)
    reported = series[series.source == "reported"].sort_values("period_start")
    if claims.empty or len(reported) < 2:
        return None
    sig = min(significant_digits(str(f)) for f in claims.figure)
    periods, described = flagship_periods(series, sig)
    whole = next((p for p in described if p["kind"] == "average"), None)
    later = described[-1]
    before = [p for p in described if p["kind"] in ("implied", "range") and whole and p["start"] >= whole["start"]]
    chart = make_chart(
        chart_name,
        "pace",
        source_line(context, claims, implied=True),
        name=context.entities.table.at[entity, "name"],
        periods=described,
        whole=whole,
        later=later,
        before=before,
        unit=claims.unit.iloc[0],
    )
    data = series.drop(columns=["formula"]).assign(formula=series.formula)
    return charts.pace(periods, chart, data, scale=1e6, digits=sig, what=metric_words(metric), unit=claims.unit.iloc[0])


ALL_EXPORTS, HIRED_DRIVERS = "vehicles_exported", "vehicles_exported_ferryman"


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    return pd.Timestamp(a_start) <= pd.Timestamp(b_end) and pd.Timestamp(b_start) <= pd.Timestamp(a_end)


def khorgos_rows(story) -> pd.DataFrame:
    """Vehicles leaving Khorgos per month, by period: all exports (the ledger's claims, then the independent
    figures of other periods from data/references.csv) and the part driven out by hired drivers (the claim and
    the year-earlier figure its growth rate implies). A reference whose period overlaps a drawn one is left out:
    two bars for one stretch of time would read as two different flows."""
    claims = story.claims
    exported = claims[claims.metric == ALL_EXPORTS].dropna(subset=["value_low"]).sort_values("period_start")
    ferried = one(claims, HIRED_DRIVERS)
    if exported.empty or ferried is None:
        return pd.DataFrame()
    entity = exported.entity.iloc[0]
    rows = []

    def add(source_id, start, end, low, high, measure, source, outlet="", published=""):
        # the flagship's definition: whole calendar months counted exactly, so that 2024 is 12 months, not 12.025
        months = flows.months(date.fromisoformat(str(start)), date.fromisoformat(str(end)))
        rows.append(
            {
                "source_id": source_id,
                "measure": measure,
                "period_start": str(start),
                "period_end": str(end),
                "months": round(months, 3),
                "low": low,
                "high": high,
                "per_month_low": low / months,
                "per_month_high": (high if high is not None else low) / months,
                "source": source,
                "outlet": outlet,
                "published": published,
            }
        )

    for claim in exported[exported.entity == entity].itertuples():
        add(claim.claim_id, claim.period_start, claim.period_end, claim.value_low, claim.value_high, 0, "reported")
    independent = sorted(
        (r for r in story.context.references if r.entity == entity and r.metric == ALL_EXPORTS and r.start and r.end),
        key=lambda r: (r.start, r.reference_id),
    )
    for reference in independent:
        drawn_spans = [(row["period_start"], row["period_end"]) for row in rows if row["measure"] == 0]
        if any(_overlap(reference.start, reference.end, *span) for span in drawn_spans):
            continue
        interval = reference.interval
        high = interval.high if interval.high is not None and interval.high != float("inf") else interval.low
        add(
            reference.reference_id,
            reference.start.isoformat(),
            reference.end.isoformat(),
            interval.low,
            high,
            0,
            "reference",
            reference.outlet.split(" (")[0],
            reference.published.isoformat(),
        )
    checks = story.context.checks
    base = checks[(checks.kind == "growth_base") & checks.claim_ids.str.contains(ferried.claim_id, regex=False)]
    if not base.empty:
        check = base.iloc[0]
        start = (pd.Timestamp(ferried.period_start) - pd.DateOffset(years=1)).date().isoformat()
        end = (pd.Timestamp(ferried.period_end) - pd.DateOffset(years=1)).date().isoformat()
        add(check.check_id, start, end, check.result_low, check.result_high, 1, "implied")
    add(
        ferried.claim_id, ferried.period_start, ferried.period_end, ferried.value_low, ferried.value_high, 1, "reported"
    )
    return pd.DataFrame(rows)


def hired_share(data: pd.DataFrame) -> dict | None:
    """The latest reported hired-driver pace as a share of the all-exports pace of the period that overlaps it
    most, or None when no all-exports period overlaps it."""
    hired = data[(data.measure == 1) & (data.source == "reported")]
    if hired.empty:
        return None
    part = hired.iloc[-1]
    wholes = data[data.measure == 0]
    best, best_days = None, 0
    for whole in wholes.itertuples():
        start = max(pd.Timestamp(whole.period_start), pd.Timestamp(part.period_start))
        end = min(pd.Timestamp(whole.period_end), pd.Timestamp(part.period_end))
        days = (end - start).days + 1
        if days > best_days:
            best, best_days = whole, days
    if best is None:
        return None
    share = (part.per_month_low + part.per_month_high) / (best.per_month_low + best.per_month_high)
    return {"share": share * 100, "part": part.to_dict(), "whole": best._asdict()}


def khorgos(story) -> Markup | None:
    """Khorgos: vehicles leaving the port per month, all exports in grey with the hired drivers' part in front."""
    data = khorgos_rows(story)
    if data.empty or not (data.measure == 0).any():
        return None
    periods, named = [], set()
    for row in data.itertuples():
        hired = row.measure == 1
        value = {
            "start": row.period_start,
            "end": row.period_end,
            "kind": "reported" if row.source != "implied" else "implied",
            "low": row.per_month_low,
            "high": row.per_month_high,
            "marks": [],
            "months": row.months,
            "total_low": row.low,
            "total_high": row.high,
            "readings": 1,
            "sig": 3,
        }
        note = drawn(chart_words(WORDS, "khorgos_note", period=value, measure=row.measure))
        # each measure named once, on its first bar, as a line chart names its line: on every bar the names
        # crowd the values they stand over
        name = "" if row.measure in named else drawn(chart_words(WORDS, "khorgos_measure", measure=row.measure))
        named.add(row.measure)
        periods.append(
            charts.Period(
                pd.Timestamp(row.period_start),
                pd.Timestamp(row.period_end),
                row.per_month_low,
                row.per_month_high,
                value["kind"] if hired else "whole",
                drawn(chart_words(WORDS, "pace_value", period=value, scale="")),
                # a part's period goes with its name above the bar: under the axis it would collide with the
                # period of the total it stands in front of
                "" if hired else note,
                name="\n".join(part for part in (name, note if hired else "") if part),
            )
        )
    claims = story.claims
    drawn_claims = claims[claims.claim_id.isin(data.source_id)]
    exported = one(claims, ALL_EXPORTS)
    ferried = one(claims, HIRED_DRIVERS)
    outlets = sources(story.context, drawn_claims)
    for row in data[data.source == "reference"].itertuples():
        outlets.append({"outlet": row.outlet, "published": row.published})
    chart = make_chart(
        "port-khorgos-lead",
        "khorgos",
        drawn(chart_words(WORDS, "source", sources=outlets, implied=(data.source == "implied").any())),
        rows=data.to_dict("records"),
        exported=exported,
        ferried=ferried,
        share=hired_share(data),
    )
    table = data.drop(columns=["outlet", "published"]).assign(
        measure=[drawn(chart_words(WORDS, "khorgos_measure_words", measure=m)) for m in data.measure],
        source=[drawn(chart_words(WORDS, "khorgos_source_words", source=source)) for source in data.source],
    )
    return charts.pace(periods, chart, table, digits=3, unit=exported.unit)


# ---------------------------------------------------------------------------------------------------------------
# Bars of readings: Alashankou's parcels, Baktu's market, Xinjiang's shares.


def alashankou(story) -> Markup | None:
    """Alashankou: parcels exported as printed and as repaired, and the value per parcel each reading implies."""
    parcels = one(story.claims, "parcels_exported")
    trade = one(story.claims, "ecommerce_trade_value_cny")
    if parcels is None or trade is None:
        return None
    printed = json.loads(parcels.printed_reading)[0]
    repaired = readings(parcels)[0]
    trade_readings = readings(trade)
    sig = significant_digits(str(parcels.figure))
    trade_sig = significant_digits(str(trade.figure))
    values = {
        "printed": printed["low"],
        "repaired": repaired["low"],
        "sig": sig,
        "trade": [{"label": r["label"], "value": r["low"]} for r in trade_readings],
        "trade_sig": trade_sig,
        "period": (parcels.period_start, parcels.period_end),
    }
    per_parcel = [
        {"parcels": which, "trade": r["label"], "trade_value": r["low"], "value": r["low"] / parcels_value}
        for which, parcels_value in (("printed", printed["low"]), ("repaired", repaired["low"]))
        for r in trade_readings
    ]
    values["per_parcel"] = per_parcel
    standing = [r for r in trade_readings if _survives(trade, r["label"])]
    values["trade_best"] = standing[0]["low"] if len(standing) == 1 else None
    # whether a plausibility test of the parcel count alone rules the printed count out
    findings = story.context.findings
    alone = findings[(findings.claim_ids == parcels.claim_id) & (findings.verdict == "rules_out_readings")]
    values["printed_ruled_out"] = any(
        tested["verdict"] == "implausible" and "(as printed" in tested["reading"]
        for finding in alone.itertuples()
        for tested in json.loads(finding.readings)
    )

    def bar(macro, emphasis, **given):
        # the answer is named in words on its bar, not by its fill alone
        label = drawn(chart_words(WORDS, f"alashankou_{macro}_label", answer=emphasis, **given))
        value = drawn(chart_words(WORDS, f"alashankou_{macro}_value", **given))
        number = given["value"]
        return charts.Bar(charts.latin(label), number, number, value, emphasis)

    panels = [
        charts.Panel(
            drawn(chart_words(WORDS, "alashankou_parcels_heading", **values)),
            (
                bar(
                    "parcels",
                    False,
                    which="printed",
                    value=printed["low"],
                    sig=sig,
                    ruled_out=values["printed_ruled_out"],
                ),
                bar("parcels", True, which="repaired", value=repaired["low"], sig=sig, ruled_out=False),
            ),
            cut_at=_cut_for([repaired["low"]], [printed["low"], repaired["low"]]),
        ),
        charts.Panel(
            drawn(chart_words(WORDS, "alashankou_per_parcel_heading", **values)),
            tuple(
                bar(
                    "per_parcel",
                    p["parcels"] == "repaired" and _survives(trade, p["trade"]),
                    which=p["parcels"],
                    trade=p["trade"],
                    trade_value=p["trade_value"],
                    value=p["value"],
                    sig=3,
                    ruled_out=(p["parcels"] == "printed" and values["printed_ruled_out"])
                    or not _survives(trade, p["trade"]),
                )
                for p in per_parcel
            ),
            cut_at=_cut_for(
                [p["value"] for p in per_parcel if p["parcels"] == "repaired" and _survives(trade, p["trade"])],
                [p["value"] for p in per_parcel],
            ),
        ),
    ]
    parcels_words = drawn(chart_words(WORDS, "alashankou_parcels_heading", **values))
    per_parcel_words = drawn(chart_words(WORDS, "alashankou_per_parcel_heading", **values))
    data = pd.DataFrame(
        [
            {"measure": parcels_words, "reading": reading_name(r), "value": v, "digits": sig}
            for r, v in (("as printed", printed["low"]), (repaired["label"], repaired["low"]))
        ]
        + [
            {
                "measure": per_parcel_words,
                "reading": drawn(
                    chart_words(
                        WORDS,
                        "alashankou_per_parcel_label",
                        which=p["parcels"],
                        trade=p["trade"],
                        trade_value=p["trade_value"],
                        value=p["value"],
                        sig=3,
                    )
                ),
                "value": p["value"],
                "digits": 3,
            }
            for p in per_parcel
        ]
    )
    chart = make_chart(
        "port-alashankou-lead", "alashankou", source_line(story.context, pd.DataFrame([parcels, trade])), **values
    )
    return charts.bars(panels, chart, data)


def baktu(story) -> Markup | None:
    """Baktu: the border residents' market's trucks, trade and participants in one half-year, each reading shown."""
    claims = story.claims
    picked = [
        one(claims, "vehicles_imported"),
        one(claims, "trade_value_cny"),
        one(claims, "border_resident_participants"),
    ]
    picked = [c for c in picked if c is not None]
    if len(picked) < 2:
        return None
    panels, rows = [], []
    for claim in picked:
        sig = significant_digits(str(claim.figure))
        # printed, then the readings the evidence rules out, then the one that stands: the order a reader reasons in
        claim_readings = sorted(
            (r for r in readings(claim) if r["low"] is not None),
            key=lambda r: (r["label"] != "as printed", _survives(claim, r["label"]), -r["low"]),
        )
        standing = [r for r in claim_readings if _survives(claim, r["label"])]
        cut_at = _cut_for([r["high"] or r["low"] for r in standing], [r["high"] or r["low"] for r in claim_readings])
        bars = []
        for reading in claim_readings:
            plausible = _survives(claim, reading["label"])
            answer = plausible and len(standing) == 1 and len(claim_readings) > 1
            bars.append(
                charts.Bar(
                    charts.latin(
                        drawn(
                            chart_words(
                                WORDS, "reading_label", label=reading["label"], plausible=plausible, answer=answer
                            )
                        )
                    ),
                    reading["low"],
                    reading["high"],
                    drawn(chart_words(WORDS, "reading_value", reading=reading, unit=claim.unit, sig=sig)),
                    plausible,
                )
            )
            rows.append(
                {
                    "claim_id": claim.claim_id,
                    "reading": reading_name(reading["label"]),
                    "low": reading["low"],
                    "high": reading["high"],
                    "unit": claim.unit,
                    "digits": sig,
                }
            )
        panels.append(
            charts.Panel(
                drawn(chart_words(WORDS, "baktu_heading", claim=claim, printed=str(claim.figure))),
                tuple(bars),
                cut_at=cut_at,
            )
        )
    values = {"claims": picked, "name": story.info["name"]}
    chart = make_chart("port-baktu-lead", "baktu", source_line(story.context, pd.DataFrame(picked)), **values)
    return charts.bars(panels, chart, pd.DataFrame(rows))


def _cut_for(standing: list[float], every: list[float]) -> float | None:
    """Where a panel's axis ends: at twice the largest reading that stands when a ruled-out one is more than four
    times larger (it is then drawn cut, with a break), so that the answer is never a sliver; None: no cut."""
    if not standing or max(every) <= 4 * max(standing):
        return None
    return 2 * max(standing)


def _survives(claim, label: str) -> bool:
    """Whether the evidence leaves this reading of the claim standing (portbook.reconcile.evidence: plausibility
    bounds, the same sentence, references): a reading it rules out is drawn pale."""
    rejected = json.loads(getattr(claim, "rejected_readings", "") or "[]")
    return label not in {r["reading"] for r in rejected}


LAND_SHARE, TRADE_SHARE = "share_of_xinjiang_land_pct", "share_of_xinjiang_trade_pct"


def xinjiang(story) -> Markup | None:
    """Xinjiang as a whole: the free trade zone's share of the region's land against its share of the region's
    trade, a panel per whole, with any other share of the same whole beside it, pale. Shares of other wholes (of
    China's trade with Central Asia, of China's freight trains) would read as comparable on one 0-100% scale, so
    they stay in the chapter's table, and the caption names them."""
    claims = story.claims
    shares = claims[claims.unit.eq("percent") & claims.metric.str.startswith("share_of_")]
    shares = shares.dropna(subset=["value_low"]).sort_values(["period_end", "claim_id"])
    land = one(shares, LAND_SHARE)
    if land is None:
        return None
    zone = land.entity
    trade = one(shares, TRADE_SHARE, zone)
    names = story.context.entities.table.name
    drawn_shares, panels = [], []
    for metric in (LAND_SHARE, TRADE_SHARE):
        same_whole = shares[shares.metric == metric]
        # the zone's own figure first, then the others of the same whole, latest first
        same_whole = same_whole.assign(other=same_whole.entity != zone).sort_values(
            ["other", "period_end", "claim_id"], ascending=[True, False, True]
        )
        bars = []
        for claim in same_whole.itertuples():
            drawn_shares.append(claim)
            bars.append(
                charts.Bar(
                    drawn(chart_words(WORDS, "share_label", claim=claim, entity=names[claim.entity])),
                    claim.value_low,
                    None if pd.isna(claim.value_high) else claim.value_high,
                    drawn(chart_words(WORDS, "share_value", claim=claim, sig=significant_digits(str(claim.figure)))),
                    claim.entity == zone,
                )
            )
        if bars:
            panels.append(charts.Panel(drawn(chart_words(WORDS, "share_heading", metric=metric)), tuple(bars), 100.0))
    drawn_ids = {claim.claim_id for claim in drawn_shares}
    others = [claim for claim in shares.itertuples() if claim.claim_id not in drawn_ids]
    values = {
        "land": land,
        "trade": trade,
        "shares": drawn_shares,
        "others": others,
        "names": names.to_dict(),
        "zone": zone,
    }
    drawn_rows = shares[shares.claim_id.isin(drawn_ids)]
    chart = make_chart("port-xinjiang-lead", "xinjiang", source_line(story.context, drawn_rows), **values)
    data = drawn_rows[["claim_id", "entity", "metric", "period_start", "period_end", "value_low", "value_high"]]
    return charts.bars(panels, chart, data, unit="percent")


# ---------------------------------------------------------------------------------------------------------------
# What a chapter's figures measure: its figures counted by the class data/claim_classes.csv gives each (what passes
# through, what is traded, what is made or processed), one bar per place or firm. Every bar counts figures, so the
# panels share one scale; the figures' own values, of different units and periods, are named in words, never drawn.

CLASS_PANELS = ("channel", "trade", "industrial")


def class_rows(story) -> pd.DataFrame:
    """The chapter's figures of the classes drawn (``CLASS_PANELS``), one row each, with what they are about and
    their value in words. A conversion of another figure (a yuan sum in dollars) is that figure again, counted once;
    figures of context (geography, policy) measure no economy and are counted apart, by ``class_counts``."""
    claims = ports.counted_once(story.claims)
    mine = claims[claims.indicator_class.isin(CLASS_PANELS)]
    names = story.context.entities.table["name"]
    rows = []
    for claim in mine.sort_values(["period_end", "claim_id"]).itertuples():
        when = period_words(claim.period_start, claim.period_end, claim.published, claim.period_phrase)
        rows.append(
            {
                "claim_id": claim.claim_id,
                "indicator_class": claim.indicator_class,
                "about": names.get(claim.entity, claim.entity),
                "measure": metric_words(claim.metric),
                "period_start": claim.period_start,
                "period_end": claim.period_end,
                "value_low": claim.value_low,
                "value_high": claim.value_high,
                "unit": claim.unit,
                "digits": significant_digits(str(claim.figure)),
                "value_words": drawn(chart_words(WORDS, "classes_value", claim=claim)),
                "period_words": when,
                # the article's own word for a figure it dates only so ('now'), which tells a firm's figures apart
                "phrase": claim.period_phrase if when.startswith("“") else "",
            }
        )
    return pd.DataFrame(rows)


def class_counts(story) -> dict[str, int]:
    """How many of the chapter's figures each class has, conversions counted once; 'context' too."""
    counts = ports.class_figure_counts(story.claims)
    return {name: counts[name].figures for name in (*CLASS_PANELS, "context")}


# a firm's legal form, which a chart's label leaves out: 'Kashgar Zhongshun E-commerce Co., Ltd.'
LEGAL_FORM = re.compile(r",?\s+(co\.,?\s*ltd\.?|company limited|ltd\.?|inc\.?|llc)$", re.IGNORECASE)
# where an unnamed firm is, which its chapter already says: '... maker in the Kashgar bonded zone (not named)'
WHERE = re.compile(r"\s+(quoted )?in the .*$")


def short_name(name: str) -> str:
    """A place's or firm's name as a bar's label: without its legal form, and an unnamed firm without the place it
    is in (its parenthesis kept: that it is not named is part of what the article says).

    >>> short_name("Kashgar Zhongshun E-commerce Co., Ltd.")
    'Kashgar Zhongshun E-commerce'
    >>> short_name("Refrigerator and freezer maker in the Kashgar comprehensive bonded zone (not named)")
    'Refrigerator and freezer maker (not named)'
    >>> short_name("Kashgar Comprehensive Bonded Zone")
    'Kashgar Comprehensive Bonded Zone'
    """
    body, bracket, rest = name.partition(" (")
    body = LEGAL_FORM.sub("", body.strip())
    if bracket:
        body = WHERE.sub("", body)
    return f"{body}{bracket}{rest}"


def class_details(indicator_class: str, figures: list[dict]) -> tuple[str, str]:
    """What a bar's figures count, under its name: for the classes the template lists, every figure with its value
    (they are the point); for the others, what they measure, and on the phone's drawing as many of those as one
    line holds, the most frequent and the shortest first, the rest counted ('and 4 more')."""
    counts = pd.Series([f["measure"] for f in figures]).value_counts(sort=False)
    every = sorted(counts.index, key=lambda m: (-counts[m], len(m), m))

    def detail(measures: list[str]) -> str:
        return drawn(
            chart_words(
                WORDS,
                "classes_bar_detail",
                indicator_class=indicator_class,
                figures=figures,
                measures=measures,
                total=len(every),
            )
        )

    whole = detail(every)
    if drawn(chart_words(WORDS, "classes_listed", indicator_class=indicator_class)):
        return charts.latin(whole), charts.latin(whole)
    shown: list[str] = []
    for measure in every:
        if "\n" not in charts.wrap(detail([*shown, measure]), charts.NARROW) or not shown:
            shown.append(measure)
    return charts.latin(whole), charts.latin(detail(shown))


def figure_classes(story) -> Markup | None:
    """What the chapter's figures measure: a panel per class, a bar per place or firm as long as its count of
    figures, each bar naming what they count (and their values, for the classes the template lists). None when the
    chapter has no such figures."""
    rows = class_rows(story)
    if rows.empty:
        return None
    counts = class_counts(story)
    panels = []
    longest = int(rows.groupby(["indicator_class", "about"]).size().max())
    for indicator_class in CLASS_PANELS:
        mine = rows[rows.indicator_class == indicator_class]
        if mine.empty and indicator_class != "industrial":
            continue
        groups = sorted(mine.groupby("about", sort=False), key=lambda group: (-len(group[1]), group[0]))
        bars = tuple(
            charts.Bar(
                charts.latin(drawn(chart_words(WORDS, "classes_bar_label", about=short_name(about)))),
                len(group),
                len(group),
                drawn(chart_words(WORDS, "classes_bar_value", count=len(group))),
                # what is made here stands out; the rest is the grey mass it stands against
                indicator_class == "industrial",
                *class_details(indicator_class, group.to_dict("records")),
            )
            for about, group in groups
        )
        heading = drawn(chart_words(WORDS, "classes_heading", indicator_class=indicator_class, count=len(mine)))
        # every panel counts figures: one scale for all, so that the bars compare across panels
        panels.append(charts.Panel(heading, bars or (charts.Bar("", 0, 0, ""),), cut_at=longest))
    values = {
        "name": story.info["name"],
        "counts": counts,
        "rows": rows.to_dict("records"),
        "first": rows.period_start.min(),
        "last": rows.period_end.max(),
    }
    drawn_claims = story.claims[story.claims.claim_id.isin(rows.claim_id)]
    chart = make_chart(f"port-{story.port}-lead", "classes", source_line(story.context, drawn_claims), **values)
    classes = {c: drawn(chart_words(WORDS, "class_name", indicator_class=c)) for c in CLASS_PANELS}
    data = rows.assign(indicator_class=rows.indicator_class.map(classes))[
        ["claim_id", "indicator_class", "about", "measure", "period_start", "period_end", "value_low", "value_high"]
        + ["unit", "digits"]
    ]
    return charts.bars(panels, chart, data)


def kashgar(story) -> Markup | None:
    """Kashgar: what its figures measure. The bonded zone's monthly pace, the puzzle the figures pose, is the
    flagship's chart on the reconciliation page; the chapter's own finding is that nearly every figure counts trade."""
    return figure_classes(story)


LEAD_CHARTS = {
    "kashgar": kashgar,
    "alashankou": alashankou,
    "khorgos": khorgos,
    "baktu": baktu,
    "xinjiang": xinjiang,
}


def lead_chart(story) -> Markup | None:
    """The port chapter's lead chart (HTML), or None when the port has none: its locator map leads instead."""
    make = LEAD_CHARTS.get(story.port)
    return make(story) if make else None
