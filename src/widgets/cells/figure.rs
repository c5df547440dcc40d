//! The grid on screen: the painted canvas, the SVG over it (what a caption
//! names, the picked tenant's shard, the failure spreading box by box) and
//! the legend of the marks it shows. A scene's `mark` picks what stands out:
//! `failed` (the broken boxes), `busiest` (the busiest cell), `largest` (the
//! largest tenant's cell), `shard` (the picked tenant's units); the rest is
//! dimmed.

use super::body::Placed;
use super::grid::{self, CellsGrid, GridData};
use super::model::Overlap;
use super::overlay::{spread, Overlay, Spread};
use super::shard::{picked, share_status};
use super::state::{CellsState, Fault};
use super::update::{unit_name, updater};
use crate::ui::readout::{count, percent};
use crate::ui::theme::Theme;
use leptos::prelude::*;
use std::sync::Arc;

/// The grid's width over its height: wide on a page, the hero's own shape on
/// a slide, squarer on a phone.
fn aspect(presenting: bool) -> f64 {
    let window = web_sys::window();
    let size = |f: fn(&web_sys::Window) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>| {
        window
            .as_ref()
            .and_then(|w| f(w).ok())
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    let (w, h) = (
        size(web_sys::Window::inner_width),
        size(web_sys::Window::inner_height),
    );
    if presenting && w > 0.0 && h > 0.0 {
        (w * 0.64 / (h - 60.0).max(1.0)).clamp(0.6, 2.5)
    } else if w > 0.0 && w < 600.0 {
        1.25
    } else {
        2.0
    }
}

/// The boxes a scene names, with their role, and the ones drawn at full
/// strength (the rest dimmed; none dimmed when nothing is named).
fn focus(
    marks: &str,
    s: &CellsState,
    placed: &Placed,
    failed: &[u32],
    shard: &[u32],
) -> (Vec<(u32, &'static str)>, Vec<u32>) {
    let has = |w: &str| marks.split(' ').any(|m| m == w);
    let mut named: Vec<(u32, &'static str)> = Vec::new();
    if has("failed") {
        named.extend(failed.iter().map(|&u| (u, "failed")));
    }
    if has("busiest") {
        let busiest = placed.placement.with(|pl| {
            pl.unit_load
                .iter()
                .enumerate()
                .fold(
                    (0u32, -1.0),
                    |b, (u, &l)| if l > b.1 { (u as u32, l) } else { b },
                )
                .0
        });
        named.push((busiest, "busiest"));
    }
    if has("largest") {
        let big = placed.pop.with(|p| p.largest(1).first().copied());
        if let Some(t) = big.filter(|&t| t < s.tenants) {
            let units = placed.placement.with(|pl| pl.units_of(t).to_vec());
            named.extend(units.into_iter().map(|u| (u, "largest")));
        }
    }
    let mut keep: Vec<u32> = named.iter().map(|n| n.0).collect();
    if has("shard") {
        keep.extend_from_slice(shard);
    }
    (named, keep)
}

/// The grid of cells or workers with what lies over it: click a box to fail it.
#[component]
pub fn GridFigure(
    state: RwSignal<CellsState>,
    placed: Placed,
    #[prop(into)] mark: Signal<&'static str>,
) -> impl IntoView {
    let theme = expect_context::<Theme>();
    let presenter = use_context::<crate::talk::presenter::Presenter>();
    let presenting = Signal::derive(move || presenter_on(presenter));
    let update = updater(state);
    let Placed {
        placement,
        dots,
        fault,
        placing,
        ..
    } = placed;
    let cursor = RwSignal::new(None::<u32>);
    let replay = RwSignal::new(0u32);
    let units = Memo::new(move |_| placement.with(|pl| pl.units));
    let shape = Memo::new(move |_| grid::shape(units.get(), aspect(presenting.get())));
    let pick = Memo::new(move |_| state.with(picked));
    let explicit = Memo::new(move |_| state.with(|s| s.pick));
    let shard = Memo::new(move |_| {
        pick.get()
            .map(|t| placement.with(|pl| pl.units_of(t).to_vec()))
            .unwrap_or_default()
    });
    let failed = Memo::new(move |_| fault.with(|f| f.failed.clone()));
    // How the failure spread since the grid last changed: kept while the
    // boxes down stay the same, so the still picture stays too.
    let spreading = Memo::new(move |prev: Option<&(u32, Vec<u32>, Spread)>| {
        let (n, now) = (units.get(), failed.get());
        match prev {
            Some((pn, before, kept)) if *pn == n && *before == now => (n, now, kept.clone()),
            Some((pn, before, _)) if *pn == n => {
                let s = spread(before, &now);
                (n, now, s)
            }
            _ => {
                let s = spread(&[], &now);
                (n, now, s)
            }
        }
    });
    let focused = Memo::new(move |_| {
        let m = mark.get();
        failed.with(|f| shard.with(|sh| state.with(|s| focus(m, s, &placed, f, sh))))
    });
    // The picked tenant is drawn in each of its units, heavy or not.
    let drawn = Memo::new(move |_| {
        let (d, c) = dots.get();
        let Some(t) = pick.get() else {
            return (d, c);
        };
        let mine = placement.with(|pl| pl.units_of(t).to_vec());
        if mine
            .iter()
            .all(|&u| d.get(u as usize).is_none_or(|v| v.iter().any(|x| x.0 == t)))
        {
            return (d, c);
        }
        let size = placed.pop.with(|p| {
            let top = p.weights.iter().copied().fold(f64::MIN_POSITIVE, f64::max);
            p.weights.get(t as usize).map_or(0.0, |w| (w / top) as f32)
        });
        let mut with = (*d).clone();
        for u in mine {
            if let Some(v) = with.get_mut(u as usize) {
                if !v.iter().any(|x| x.0 == t) {
                    v.insert(0, (t, size));
                }
            }
        }
        (Arc::new(with), c)
    });
    let grid = Memo::new(move |_| {
        let (d, c) = drawn.get();
        let n = units.get();
        let status = match explicit.get() {
            Some(t) => Arc::new(placement.with(|pl| share_status(pl, t))),
            None => fault.with(|f| Arc::new(f.impact.status.clone())),
        };
        let mut down = vec![false; n as usize];
        for &u in &failed.get() {
            if let Some(x) = down.get_mut(u as usize) {
                *x = true;
            }
        }
        let keep = focused.with(|f| f.1.clone());
        let mut lit = vec![false; if keep.is_empty() { 0 } else { n as usize }];
        for u in keep {
            if let Some(x) = lit.get_mut(u as usize) {
                *x = true;
            }
        }
        GridData {
            units: n,
            shape: shape.get(),
            failed: Arc::new(down),
            focus: Arc::new(lit),
            dots: d,
            counts: c,
            status,
            ringed: pick.get(),
            cursor: cursor.get(),
            dark: theme.dark.get(),
        }
    });
    let overlay = Memo::new(move |_| Overlay {
        shape: shape.get(),
        focus: focused.with(|f| f.0.clone()),
        shard: shard.get(),
        spread: spreading.with(|s| s.2.clone()),
        replay: replay.get(),
    });
    let unit = move || state.with(unit_name);
    let label = Signal::derive(move || {
        fault.with(|f| {
            format!(
                "{} {}s; {} failed; {} of tenants hit, {} lost entirely",
                units.get(),
                unit(),
                f.failed.len(),
                percent(f.impact.tenant_share),
                percent(f.impact.full_share)
            )
        })
    });
    let aspect_style = move || {
        let (c, r) = shape.get();
        format!("--grid-aspect:{c} / {r}")
    };
    let inert = crate::kit::hides(crate::embed::options::Part::Sliders);
    view! {
        <figure class="diagram cells-diagram" data-figure="grid">
            <div class="cells-figure" style=aspect_style>
                <CellsGrid data=grid label=label
                    on_toggle=Callback::new(move |u| update(&|s| {
                        s.fault = Fault::Units;
                        s.toggle_failed(u);
                    }))
                    on_cursor=Callback::new(move |u| cursor.set(Some(u)))/>
                <svg class="cells-overlay" aria-hidden="true" viewBox=move || overlay.with(Overlay::view_box)
                    inner_html=move || overlay.with(Overlay::markup)></svg>
            </div>
            <GridLegend state=state overlay=overlay grid=grid overlap=placed.overlap/>
            <figcaption>
                {move || (!inert).then(|| format!("Click a {} to fail it, or focus the grid and use the arrow keys and Enter.", unit()))}
                " "
                <button type="button" id="cells-replay" class="link-button" data-part="playback"
                    hidden=move || overlay.with(|o| o.spread.to.is_empty())
                    on:click=move |_| replay.update(|r| *r += 1)>"Replay the spread"</button>
                <span class="updating" id="cells-placing" aria-live="polite">{move || if placing.get() { " Updating…" } else { "" }}</span>
            </figcaption>
        </figure>
    }
}

/// Whether presenter mode is on.
fn presenter_on(p: Option<crate::talk::presenter::Presenter>) -> bool {
    p.is_some_and(|p| p.on.get())
}

/// The legend beside the grid: the marks it shows now.
#[component]
fn GridLegend(
    state: RwSignal<CellsState>,
    overlay: Memo<Overlay>,
    grid: Memo<GridData>,
    overlap: Memo<Option<Overlap>>,
) -> impl IntoView {
    let unit = move || state.with(unit_name);
    let sharing = Memo::new(move |_| state.with(|s| s.pick.is_some()));
    let pick = Memo::new(move |_| state.with(picked));
    let any_failed = move || grid.with(|g| g.failed.iter().any(|&f| f));
    let shapes = move || {
        if sharing.get() {
            let t = pick.get().unwrap_or(0);
            (
                format!("shares none of tenant {t}'s {}s", unit()),
                format!("shares some of them: would lose that part if tenant {t} crashed them"),
                format!("shares all of them (tenant {t} too): would lose everything"),
            )
        } else {
            (
                "a tenant untouched".to_owned(),
                format!("lost some of its {}s: that part of its capacity", unit()),
                "lost entirely".to_owned(),
            )
        }
    };
    let counts = move || {
        let t = pick.get()?;
        overlap.with(|o| {
            let o = o.as_ref()?;
            let parts: Vec<String> = o
                .measured
                .iter()
                .enumerate()
                .skip(1)
                .map(|(j, &m)| format!("{j}: {}", count(m as f64)))
                .collect();
            Some(view! {
                <li data-sign="shares">{format!(
                    "Other tenants sharing j of tenant {t}'s workers, by j: {}",
                    parts.join(" · ")
                )}</li>
            })
        })
    };
    view! {
        <ul class="cells-legend" data-legend-for="grid" aria-label="What the marks mean">
            <li data-sign="box"><svg viewBox="0 0 16 16" aria-hidden="true"><rect class="swatch-box" x="1.5" y="1.5" width="13" height="13"></rect></svg>
                {move || format!("a {}: its number · its tenants; marks are its heaviest tenants, sized by traffic", unit())}</li>
            <li data-sign="fine"><svg viewBox="0 0 16 16" aria-hidden="true"><circle class="swatch-fine" cx="8" cy="8" r="5"></circle></svg>{move || shapes().0}</li>
            <li data-sign="partial"><svg viewBox="0 0 16 16" aria-hidden="true"><path class="swatch-partial" d="M8 2L14.5 13H1.5Z"></path></svg>{move || shapes().1}</li>
            <li data-sign="full"><svg viewBox="0 0 16 16" aria-hidden="true"><rect class="swatch-full" x="2.5" y="2.5" width="11" height="11"></rect></svg>{move || shapes().2}</li>
            {move || any_failed().then(|| view! {
                <li data-sign="failed"><svg viewBox="0 0 16 16" aria-hidden="true"><rect class="swatch-failed" x="1.5" y="1.5" width="13" height="13"></rect><path class="swatch-hatch" d="M1.5 9.5L9.5 1.5M6.5 14.5L14.5 6.5"></path></svg>
                    {format!("a failed {}", unit())}</li>
            })}
            {move || pick.get().map(|t| view! {
                <li data-sign="shard"><svg viewBox="0 0 16 16" aria-hidden="true"><rect class="swatch-shard" x="1.5" y="1.5" width="13" height="13"></rect></svg>
                    {format!("tenant {t}'s {}s (its mark ringed)", unit())}</li>
            })}
            {counts}
            {move || overlay.with(|o| !o.focus.is_empty()).then(|| view! {
                <li data-sign="focus"><svg viewBox="0 0 16 16" aria-hidden="true"><rect class="swatch-focus" x="1.5" y="1.5" width="13" height="13"></rect></svg>
                    "outlined: what the caption names; the rest is dimmed"</li>
            })}
            {move || overlay.with(|o| !o.spread.to.is_empty()).then(|| view! {
                <li data-sign="spread"><svg viewBox="0 0 16 16" aria-hidden="true"><path class="swatch-trail" d="M1 8h14"></path></svg>
                    {move || format!("the failure's path, {} by {}", unit(), unit())}</li>
            })}
        </ul>
    }
}
