//! Component tests in a real browser (wasm-bindgen-test in headless Chromium):
//! the ring widget mounts in the kit's frame, computes, and follows its controls.
#![cfg(target_arch = "wasm32")]

use dials::embed::query::Query;
use dials::kit::frame::page;
use dials::ui::theme::use_theme;
use dials::widgets::ring::RingWidget;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Leptos flush its scheduled updates.
async fn tick() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Waits until the page has built what it defers past the first paint (the
/// figures, then the panels and controls below them).
async fn built() {
    gloo_timers::future::TimeoutFuture::new(300).await;
}

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let div: web_sys::HtmlElement = doc.create_element("div").expect("div").unchecked_into();
    doc.body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

fn metric(root: &web_sys::HtmlElement, name: &str) -> f64 {
    root.query_selector(&format!("[data-metric=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("data-value"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

fn mount_ring(query: &str) -> web_sys::HtmlElement {
    let root = container();
    let q = Query::parse(query);
    let handle = mount_to(root.clone(), move || {
        provide_context(use_theme(false));
        page::<RingWidget>(q.clone())
    });
    handle.forget();
    root
}

#[wasm_bindgen_test]
async fn ring_mounts_and_computes_the_closed_forms() {
    let root = mount_ring("?view=ring&nodes=10&vnodes=100&keys=20000&change=nodes:9");
    built().await;
    gloo_timers::future::TimeoutFuture::new(400).await;
    assert!((metric(&root, "ideal-moved-share") - 0.1).abs() < 1e-12);
    assert!((metric(&root, "modn-expected-moved-share") - 0.9).abs() < 1e-12);
    assert!((metric(&root, "moved-share") - 0.1).abs() < 0.03);
    let markers = root
        .query_selector_all("svg.ring .marker")
        .expect("markers")
        .length();
    assert_eq!(markers, 10);
}

#[wasm_bindgen_test]
async fn the_nodes_slider_drives_the_ring() {
    let root = mount_ring("?view=ring&nodes=4");
    built().await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("#ring-nodes")
        .ok()
        .flatten()
        .expect("nodes slider")
        .unchecked_into();
    input.set_value("7");
    let ev = web_sys::Event::new("input").expect("event");
    input.dispatch_event(&ev).expect("dispatch");
    tick().await;
    // "What moved" follows once the controls have been still for a moment.
    gloo_timers::future::TimeoutFuture::new(400).await;
    let markers = root
        .query_selector_all("svg.ring .marker")
        .expect("markers")
        .length();
    assert_eq!(markers, 7);
    assert!((metric(&root, "ideal-moved-share") - 3.0 / 7.0).abs() < 1e-12);
}

#[wasm_bindgen_test]
async fn a_bad_link_shows_a_notice() {
    let root = mount_ring("?view=ring&nodes=abc");
    tick().await;
    let notice = root
        .query_selector(".notice[data-param=\"nodes\"]")
        .ok()
        .flatten();
    assert!(notice.is_some());
}

/// A reactive owner, a value and a memo following it.
fn value_and_memo(start: u32) -> (Owner, RwSignal<u32>, Memo<u32>) {
    let owner = Owner::new();
    owner.set();
    let source = RwSignal::new(start);
    (owner, source, Memo::new(move |_| source.get()))
}

#[wasm_bindgen_test]
async fn a_settled_value_follows_once_still_and_its_note_never_flickers() {
    let (_owner, source, live) = value_and_memo(1);
    let (settled, lagging) = dials::kit::settle::settle(live, 40, |_| true);
    tick().await;
    // Nothing to wait for at the start.
    assert!(!lagging.get_untracked());
    assert_eq!(settled.get_untracked(), 1);
    // A drag passes back over the settled value: still lagging throughout.
    for v in [2, 1, 2, 1, 3] {
        source.set(v);
        tick().await;
        assert!(lagging.get_untracked(), "lagging at {v}");
        assert_eq!(settled.get_untracked(), 1);
    }
    // Still for longer than the delay: caught up.
    gloo_timers::future::TimeoutFuture::new(120).await;
    assert_eq!(settled.get_untracked(), 3);
    assert!(!lagging.get_untracked());
    // A value that need not wait follows at once.
    let (now, now_lagging) = dials::kit::settle::settle(live, 40, |_| false);
    source.set(5);
    tick().await;
    assert_eq!(now.get_untracked(), 5);
    assert!(!now_lagging.get_untracked());
}

#[wasm_bindgen_test]
async fn leading_follows_a_click_at_once_and_a_drag_at_its_end() {
    let (_owner, source, live) = value_and_memo(0);
    let shown = dials::kit::settle::leading(live, 40);
    tick().await;
    gloo_timers::future::TimeoutFuture::new(60).await;
    // A change after a quiet spell: at once.
    source.set(1);
    tick().await;
    assert_eq!(shown.get_untracked(), 1);
    // Changes in quick succession wait until they stop.
    for v in 2..6 {
        source.set(v);
        tick().await;
        assert_eq!(shown.get_untracked(), 1, "followed {v} mid-drag");
    }
    gloo_timers::future::TimeoutFuture::new(120).await;
    assert_eq!(shown.get_untracked(), 5);
}
