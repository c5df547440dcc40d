//! Keys per node: a bar per node with the mean beside it, the spread against
//! its closed form, and a table of every node's figures.

use super::memos::Figures;
use crate::draw::palette::node_colour;
use crate::ui::chart::{BarChart, BarChartData};
use crate::ui::readout::{count, percent, ratio, Readout};
use leptos::prelude::*;
use sim::topology::NodeId;

/// The panel.
#[component]
pub fn LoadPanel(
    /// The widget's figures.
    figures: Figures,
    /// The node whose bar stands out, if any.
    #[prop(into)]
    bar: Signal<Option<NodeId>>,
    /// Dark theme.
    #[prop(into)]
    dark: Signal<bool>,
) -> impl IntoView {
    let f = figures;
    let table_open = RwSignal::new(false);
    let chart = Memo::new(move |_| {
        let r = f.load.get();
        let h = bar.get();
        BarChartData {
            values: r.nodes.iter().map(|n| n.keys as f64).collect(),
            labels: r.nodes.iter().map(|n| format!("N{}", n.id)).collect(),
            colours: r.nodes.iter().map(|n| node_colour(n.id)).collect(),
            reference: Some(
                r.nodes.iter().map(|n| n.keys).sum::<usize>() as f64 / r.nodes.len().max(1) as f64,
            ),
            reference_label: "mean".into(),
            highlight: h.and_then(|id| r.nodes.iter().position(|n| n.id == id)),
            x_label: "node".into(),
            y_label: "keys".into(),
            dark: dark.get(),
        }
    });
    let label = Signal::derive(move || {
        let r = f.load.get();
        format!(
            "Keys per node: {}",
            r.nodes
                .iter()
                .map(|n| format!("N{} {}", n.id, n.keys))
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
    let r = Callback::new(ratio);
    view! {
        <section class="panel" data-figure="load" aria-labelledby="load-h">
            <h2 id="load-h">"Load per node"</h2>
            <BarChart id="ring-load-chart" title="Keys per node" data=chart label=label/>
            <div class="readouts extra">
                <Readout metric="max-over-mean" label="Busiest ÷ fair share" value=Signal::derive(move || Some(f.load.get().stats.max_over_mean)) format=r/>
                <Readout metric="expected-max-over-mean" label="Expected (approx.)" value=Signal::derive(move || f.load.get().expected_max_over_mean) format=r
                    title="1 + (std/mean)·√(2 ln n), a Gaussian approximation."/>
                <Readout metric="std-over-mean" label="Std ÷ mean" value=Signal::derive(move || Some(f.load.get().stats.std_over_mean)) format=r/>
                <Readout metric="expected-std-over-mean" label="Expected (closed form)" value=Signal::derive(move || f.load.get().expected_std_over_mean) format=r
                    title="√((n−1)/(nv+1) + (n−1)nv/(K(nv+1))): arc-length spread plus key sampling noise, for equal weights."/>
            </div>
            <details class="node-table extra" on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let open = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                table_open.set(open);
            }>
                <summary>"Per-node figures"</summary>
                <table>
                    <thead><tr><th scope="col">"Node"</th><th scope="col">"Weight"</th><th scope="col">"Spots"</th><th scope="col">"Circle"</th><th scope="col">"Keys"</th><th scope="col">"Fair share"</th></tr></thead>
                    <tbody>
                        // Rows exist only while the table is open: a hundred rows
                        // rebuilt on every slider step would cost more than the ring.
                        // Shares of the circle are only needed here, so they are computed here.
                        {move || {
                            let (rows, arcs) = if table_open.get() {
                                (f.load.get().nodes, f.ring_after.with(|r| f.topo_after.with(|t| r.arc_shares(t))))
                            } else {
                                (Vec::new(), Vec::new())
                            };
                            rows.into_iter().zip(arcs).map(|(n, arc)| view! {
                                <tr data-node=n.id>
                                    <th scope="row"><span class="swatch" style=format!("background:{}", node_colour(n.id))></span>{format!("N{}", n.id)}</th>
                                    <td>{crate::decimal::fixed(n.weight, 2)}</td>
                                    <td>{count(f64::from(n.vnodes))}</td>
                                    <td>{percent(arc)}</td>
                                    <td>{count(n.keys as f64)}" ("{percent(n.share)}")"</td>
                                    <td>{percent(n.fair)}</td>
                                </tr>
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </details>
        </section>
    }
}
